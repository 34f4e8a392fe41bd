'use strict';
// How both generations' send_msg reads `content`: mapstructure.WeakDecode into an element struct (errors pushed as
// mapstructure words them), then go-playground/validator over the decoded struct. Shared by content.js (2021) and
// v3/content.js.

// Field kinds: string, int (go: int32 | int64), bool, strings (a []string), struct (a value struct), ptr (a *struct:
// nil when absent, and then not validated). `tags` are validator checks: [name, (value) => passes].
const str = (goName, tags = []) => ({ goName, kind: 'string', tags });
const int = (goName, go, tags = []) => ({ goName, kind: 'int', go, tags });
const bool = (goName) => ({ goName, kind: 'bool', tags: [] });
const strings = (goName, tags = []) => ({ goName, kind: 'strings', tags });
const struct = (goName, elem, kind = 'struct') => ({ goName, kind, struct: elem, tags: [] });
const isZero = (v) => v === '' || v === 0 || v === false || v === null || v === undefined;
const REQUIRED = ['required', (v) => !isZero(v)];

// How Go's %T and %v would print a JSON value held in an interface{}.
const goType = (v) =>
	Array.isArray(v)
		? '[]interface {}'
		: typeof v === 'object'
			? 'map[string]interface {}'
			: typeof v === 'number'
				? 'float64'
				: typeof v;
const goValue = (v) => {
	if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
	if (v !== null && typeof v === 'object') {
		return `map[${Object.keys(v)
			.sort()
			.map((k) => `${k}:${goValue(v[k])}`)
			.join(' ')}]`;
	}
	return v === null ? '<nil>' : String(v);
};
const INT_BITS = { int32: 32, int64: 64 };
const ZERO = { string: '', int: 0, bool: false, strings: null, ptr: null };

// mapstructure v1.4 WeakDecode of one value; pushes error texts into `errors`.
function weak(value, field, name, errors) {
	// Absent or null: the zero value (a value struct is a struct of zero values, which validation then walks).
	if (value === null || value === undefined)
		return field.kind === 'struct'
			? weakStruct({}, field.struct, `${name}.`, errors)
			: ZERO[field.kind];
	const expected = { int: field.go, string: 'string', bool: 'bool' }[field.kind];
	const unconvertible = () =>
		errors.push(
			`'${name}' expected type '${expected}', got unconvertible type '${goType(value)}', value: '${goValue(value)}'`,
		);
	switch (field.kind) {
		case 'string':
			if (typeof value === 'string') return value;
			if (typeof value === 'number') return String(value);
			if (typeof value === 'boolean') return value ? '1' : '0';
			unconvertible();
			return '';
		case 'bool':
			if (typeof value === 'boolean') return value;
			if (typeof value === 'number') return value !== 0;
			if (
				typeof value === 'string' &&
				/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False|)$/.test(value)
			)
				return /^(1|t|T|TRUE|true|True)$/.test(value);
			unconvertible();
			return false;
		case 'strings': {
			// WeaklyTypedInput also lifts a single value into a one-element slice.
			const list = Array.isArray(value) ? value : [value];
			return list.map((v, i) => weak(v, str(''), `${name}[${i}]`, errors));
		}
		case 'int': {
			if (typeof value === 'number') return Math.trunc(value);
			if (typeof value === 'boolean') return value ? 1 : 0;
			if (typeof value !== 'string') {
				unconvertible();
				return 0;
			}
			const text = value === '' ? '0' : value;
			const limit = 2n ** BigInt(INT_BITS[field.go] - 1);
			// Decimal only: Go's base-0 parsing also takes 0x/0o/0b prefixes, which no client sends.
			if (!/^[+-]?\d+$/.test(text)) {
				errors.push(
					`cannot parse '${name}' as int: strconv.ParseInt: parsing "${value}": invalid syntax`,
				);
				return 0;
			}
			const n = BigInt(text);
			if (n >= limit || n < -limit)
				errors.push(
					`cannot parse '${name}' as int: strconv.ParseInt: parsing "${value}": value out of range`,
				);
			return Number(n);
		}
		default:
			if (typeof value !== 'object' || Array.isArray(value)) {
				errors.push(
					`'${name}' expected a map, got '${Array.isArray(value) ? 'slice' : goType(value)}'`,
				);
				return field.kind === 'ptr' ? null : {};
			}
			return weakStruct(value, field.struct, `${name}.`, errors);
	}
}

// mapstructure matches each struct field to a map key exactly, else case-insensitively; extra keys are ignored.
function weakStruct(map, struct, prefix, errors) {
	const keys = Object.keys(map);
	return Object.fromEntries(
		Object.entries(struct.fields).map(([key, field]) => {
			const found = key in map ? key : keys.find((k) => k.toLowerCase() === key.toLowerCase());
			return [
				key,
				weak(found === undefined ? undefined : map[found], field, `${prefix}${key}`, errors),
			];
		}),
	);
}

/** { value } or { errors: [...] } (mapstructure's "n error(s) decoding" list). */
function decodeElem(content, elem) {
	const errors = [];
	const value = weakStruct(content, elem, '', errors);
	return errors.length ? { errors } : { value };
}

/** validator: the failing fields' messages; nested structs are walked, their namespace is the Go field path. */
function validateElem(value, struct, namespace = struct.name) {
	return Object.entries(struct.fields).flatMap(([key, field]) => {
		if (field.kind === 'struct' || (field.kind === 'ptr' && value[key]))
			return validateElem(value[key], field.struct, `${namespace}.${field.goName}`);
		const failed = field.tags.find(([, passes]) => !passes(value[key]));
		return failed
			? [
					`Key: '${namespace}.${field.goName}' Error:Field validation for '${field.goName}' failed on the '${failed[0]}' tag`,
				]
			: [];
	});
}

module.exports = { str, int, bool, strings, struct, REQUIRED, decodeElem, validateElem };
