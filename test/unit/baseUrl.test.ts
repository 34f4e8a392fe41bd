import { normalizeBaseUrl } from '../../nodes/OpenIm/transport/baseUrl';

describe('normalizeBaseUrl', () => {
	it.each([
		['http://127.0.0.1:10000', 'http://127.0.0.1:10000'],
		['http://127.0.0.1:10000/', 'http://127.0.0.1:10000'],
		['  https://im.example.com/api/openim///  ', 'https://im.example.com/api/openim'],
		['HTTP://IM.EXAMPLE.COM:10000/Prefix', 'http://im.example.com:10000/Prefix'],
	])('accepts %s', (raw, expected) => {
		expect(normalizeBaseUrl(raw)).toBe(expected);
	});

	it.each([
		['', /empty/],
		[undefined, /empty/],
		['127.0.0.1:10000', /http:\/\/ or https:\/\//],
		['im.example.com', /http:\/\/ or https:\/\//],
		['http://', /not a valid URL/],
		['http://exa mple.com', /not a valid URL/],
		['http://127.0.0.1:99999', /not a valid URL: check its host and port/],
		['javascript:alert(1)', /http:\/\/ or https:\/\//],
		['file:///etc/passwd', /http:\/\/ or https:\/\//],
		['ftp://im.example.com', /http:\/\/ or https:\/\//],
		['http://admin:hunter2@im.example.com', /user name or password/],
		['http://im.example.com:10000/?x=1', /query, a fragment or spaces/],
		['http://im.example.com:10000/#top', /query, a fragment or spaces/],
		['http://im.example.com:10000/ garbage', /query, a fragment or spaces/],
	])('refuses %p with a clear message', (raw, message) => {
		expect(() => normalizeBaseUrl(raw)).toThrow(message);
	});

	it('never echoes a password typed into an unparsable URL', () => {
		expect(() => normalizeBaseUrl('http://admin:hunter2@im example')).toThrow(/^(?!.*hunter2).*$/);
	});
});
