import { parseJsonExact } from '../../nodes/OpenIm/transport/json';

describe('parseJsonExact', () => {
	it('keeps a nanosecond sendTime exact as text', () => {
		const parsed = parseJsonExact(
			'{"errCode":0,"sendTime":1638160000123456789,"msgID":"abc"}',
		) as Record<string, unknown>;
		expect(parsed.sendTime).toBe('1638160000123456789');
		expect(parsed.errCode).toBe(0);
	});

	it('leaves numbers that are exact as numbers', () => {
		expect(parseJsonExact('{"a":123456789012345,"b":-5,"c":1.5e3,"d":[1,2]}')).toEqual({
			a: 123456789012345,
			b: -5,
			c: 1500,
			d: [1, 2],
		});
	});

	it('never touches digits inside strings, escaped quotes included', () => {
		const text =
			'{"s":"x\\"1234567890123456789\\"","n":[12345678901234567890],"t":"1234567890123456789"}';
		expect(parseJsonExact(text)).toEqual({
			s: 'x"1234567890123456789"',
			n: ['12345678901234567890'],
			t: '1234567890123456789',
		});
	});

	it('keeps long negative integers and leaves long decimals to JSON', () => {
		expect(parseJsonExact('{"a":-12345678901234567,"b":1234567890123456.5}')).toEqual({
			a: '-12345678901234567',
			b: 1234567890123456.5,
		});
	});

	it('throws on text that is not JSON', () => {
		expect(() => parseJsonExact('<html>502 Bad Gateway</html>')).toThrow();
	});
});
