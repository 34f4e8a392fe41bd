'use strict';
// JSON the way the 2021 server's Go stack handles it, so clients meet the same edges as in production:
// - reading: gin's BindJSON = encoding/json into a struct (keys matched case-insensitively, unknown keys
//   ignored, first type error reported) followed by go-playground/validator on the `binding` tags;
// - writing: gin's c.JSON = json.Marshal (gin.H maps sorted by key, <>& escaped, int64 written verbatim).

// Field types. `go` is the Go type name that appears in encoding/json error messages.
const STRING = { kind: 'string', go: 'string' };
const INT32 = { kind: 'int', go: 'int32', min: -(2 ** 31), max: 2 ** 31 - 1 };
// Precision beyond 2^53 is not modelled: no request field of the doc needs it.
const UINT64 = { kind: 'int', go: 'uint64', min: 0, max: Number.MAX_SAFE_INTEGER };
const MAP = { kind: 'map', go: 'map[string]interface {}' };
// Used by the 3.x generation (protobuf-generated structs; precision beyond 2^53 not modelled either).
const BOOL = { kind: 'bool', go: 'bool' };
const INT64 = {
	kind: 'int',
	go: 'int64',
	min: Number.MIN_SAFE_INTEGER,
	max: Number.MAX_SAFE_INTEGER,
};
const UINT32 = { kind: 'int', go: 'uint32', min: 0, max: 2 ** 32 - 1 };
// openim.protobuf wrappers (StringValue, Int32Value, ...): a bare value, and nil (absent or null) means unset.
const wrapper = (inner, go) => ({ kind: 'wrapper', inner, go, nullable: true });
const sliceOf = (elem) => ({ kind: 'slice', elem, go: `[]${elem.go}` });
// A pointer element (`[]*pb.X`): JSON null stays nil instead of becoming a zero struct.
const ptr = (type) => ({ ...type, nullable: true });
// `go` is the package-qualified type name; validator keys use the bare name.
// fields: [GoFieldName, jsonKey, type, bindingTags?]
const struct = (go, fields) => ({
	kind: 'struct',
	go,
	name: go.split('.').pop(),
	fields: fields.map(([goName, json, type, binding = '']) => ({ goName, json, type, binding })),
});

function zero(type) {
	if (type.nullable) return null;
	switch (type.kind) {
		case 'string':
			return '';
		case 'int':
			return 0;
		case 'bool':
			return false;
		case 'struct':
			return Object.fromEntries(type.fields.map((f) => [f.json, zero(f.type)]));
		default:
			return null; // nil slice or map
	}
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
// The JSON kind as encoding/json names it in errors (null never mismatches: it leaves the zero value).
const jsonKind = (v) =>
	Array.isArray(v)
		? 'array'
		: typeof v === 'object'
			? 'object'
			: typeof v === 'boolean'
				? 'bool'
				: typeof v;

// encoding/json: decode into the struct, remember the first type mismatch and carry on (as Go does).
class Decoder {
	constructor() {
		this.error = undefined;
	}

	mismatch(at, what, type) {
		if (!this.error) {
			const target = at.path.length
				? `Go struct field ${at.struct}.${at.path.join('.')}`
				: `Go value`;
			this.error = `json: cannot unmarshal ${what} into ${target} of type ${type.go}`;
		}
		return zero(type);
	}

	value(v, type, at) {
		if (v === null) return zero(type);
		switch (type.kind) {
			case 'string':
				if (typeof v === 'string') return v;
				break;
			case 'int':
				if (typeof v === 'number') {
					return Number.isInteger(v) && v >= type.min && v <= type.max
						? v
						: this.mismatch(at, `number ${v}`, type);
				}
				break;
			case 'bool':
				if (typeof v === 'boolean') return v;
				break;
			case 'wrapper':
				if (jsonKind(v) === jsonKind(zero(type.inner))) return this.value(v, type.inner, at);
				break;
			case 'map':
				if (isObject(v)) return v;
				break;
			case 'slice':
				if (Array.isArray(v)) return v.map((e) => this.value(e, type.elem, at));
				break;
			case 'struct':
				if (isObject(v)) return this.struct(v, type, at);
				break;
		}
		return this.mismatch(at, jsonKind(v), type);
	}

	struct(obj, type, at) {
		const out = zero({ ...type, nullable: false });
		for (const [key, v] of Object.entries(obj)) {
			const lower = key.toLowerCase();
			const field =
				type.fields.find((f) => f.json === key) ??
				type.fields.find((f) => f.json.toLowerCase() === lower);
			if (field)
				out[field.json] = this.value(v, field.type, {
					struct: type.name,
					path: [...at.path, field.json],
				});
		}
		return out;
	}
}

// Go's json.Decoder (gin's BindJSON) reads one value and ignores what follows; V8 reports where that value ended.
// json.Unmarshal (`unmarshal`: the 3.x a2r binder) refuses what follows and words the end of input its own way.
function parse(raw, unmarshal = false) {
	if (raw.trim() === '') return { error: unmarshal ? 'unexpected end of JSON input' : 'EOF' };
	try {
		return { value: JSON.parse(raw) };
	} catch (e) {
		const after = /non-whitespace character after JSON at position (\d+)/.exec(e.message);
		if (after && unmarshal)
			return { error: `invalid character '${raw[Number(after[1])]}' after top-level value` };
		if (after) return parse(raw.slice(0, Number(after[1])));
		if (/end of JSON input|Unterminated/.test(e.message))
			return { error: unmarshal ? 'unexpected end of JSON input' : 'unexpected EOF' };
		const token = /Unexpected token '?(.)/.exec(e.message)?.[1];
		const pos = /position (\d+)/.exec(e.message)?.[1];
		const ch = token ?? (pos !== undefined ? raw[Number(pos)] : raw.trim()[0]);
		// Go's scanner words this per context; the offending character is what matters to a reader.
		return { error: `invalid character '${ch}' looking for beginning of value` };
	}
}

// go-playground/validator tags used by the 2021 server. Lengths count runes, as Go's utf8.RuneCountInString.
const isZero = (v) => v === null || v === '' || v === 0;
const size = (v) => (typeof v === 'string' ? [...v].length : Array.isArray(v) ? v.length : v);
const TAGS = {
	required: (v) => !isZero(v),
	min: (v, n) => size(v) >= Number(n),
	max: (v, n) => size(v) <= Number(n),
	oneof: (v, list) => list.split(' ').includes(String(v)),
};

function failedTag(v, binding) {
	for (const tag of binding.split(',').filter(Boolean)) {
		const [name, param] = tag.split('=');
		if (name === 'omitempty') {
			if (isZero(v)) return undefined;
		} else if (!TAGS[name](v, param)) {
			return name;
		}
	}
	return undefined;
}

function validate(value, type) {
	return type.fields
		.map((f) => [f, failedTag(value[f.json], f.binding)])
		.filter(([, tag]) => tag)
		.map(
			([f, tag]) =>
				`Key: '${type.name}.${f.goName}' Error:Field validation for '${f.goName}' failed on the '${tag}' tag`,
		)
		.join('\n');
}

/** encoding/json into the struct (a Decoder, or Unmarshal with `unmarshal`): { value } or { error } with Go's text. */
function decodeJSON(raw, type, { unmarshal = false } = {}) {
	const parsed = parse(raw, unmarshal);
	if (parsed.error) return parsed;
	const decoder = new Decoder();
	const value = decoder.value(parsed.value, type, { struct: type.name, path: [] });
	return decoder.error ? { error: decoder.error } : { value };
}

/** gin's c.BindJSON(&params): { value } or { error } with the text gin puts in errMsg. */
function bindJSON(raw, type) {
	const { value, error } = decodeJSON(raw, type);
	if (error) return { error };
	const invalid = validate(value, type);
	return invalid ? { error: invalid } : { value };
}

/** A gin.H: a Go map, whose keys json.Marshal writes sorted. Plain objects stand for structs (field order). */
class H {
	constructor(fields) {
		Object.assign(this, fields);
	}
}
const h = (fields) => new H(fields);

const goEscape = (s) =>
	s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** json.Marshal: BigInt (int64 nanoseconds) as a bare integer, HTML-safe strings, gin.H keys sorted. */
function marshal(v) {
	if (typeof v === 'bigint') return v.toString();
	if (typeof v === 'string') return goEscape(JSON.stringify(v));
	if (v === null || v === undefined) return 'null';
	if (Array.isArray(v)) return `[${v.map(marshal).join(',')}]`;
	if (typeof v === 'object') {
		const keys = v instanceof H ? Object.keys(v).sort() : Object.keys(v);
		return `{${keys.map((k) => `${marshal(k)}:${marshal(v[k])}`).join(',')}}`;
	}
	return JSON.stringify(v);
}

module.exports = {
	STRING,
	INT32,
	UINT64,
	MAP,
	BOOL,
	INT64,
	UINT32,
	wrapper,
	sliceOf,
	ptr,
	struct,
	decodeJSON,
	bindJSON,
	h,
	marshal,
};
