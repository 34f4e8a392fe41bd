'use strict';
// manager/send_msg content checks (server-notes.md §3.12, §7.4). The 2021 server decodes `content` into an
// element struct with mapstructure.WeakDecode (errCode 401 on failure), then runs validator (errCode 403).
// It knows only Text 101, Picture 102 and Custom 110; the emulator also accepts the doc's other types
// unchecked unless strict mode is on.

const STRICT_TYPES = [101, 102, 110];
const DOC_TYPES = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 114];

const str = (goName, required = false) => ({ goName, kind: 'string', required });
const int = (goName, go) => ({ goName, kind: 'int', go, required: true });
const PictureBaseInfo = {
	name: 'PictureBaseInfo',
	fields: {
		uuid: str('UUID'),
		type: str('Type', true),
		size: int('Size', 'int64'),
		width: int('Width', 'int32'),
		height: int('Height', 'int32'),
		url: str('Url', true),
	},
};
// `validate:"required"` on a nested struct is not checked by validator v10.4.1, but it still walks into
// every nested struct field: so all three pictures need their required fields, not just sourcePicture.
const picture = (goName) => ({ goName, kind: 'struct', struct: PictureBaseInfo });
const ELEMS = {
	101: { name: 'TextElem', fields: { text: str('Text', true) } },
	102: {
		name: 'PictureElem',
		fields: { sourcePath: str('SourcePath'), sourcePicture: picture('SourcePicture'), bigPicture: picture('BigPicture'), snapshotPicture: picture('SnapshotPicture') },
	},
	110: { name: 'CustomElem', fields: { data: str('Data', true), description: str('Description'), extension: str('Extension') } },
};

// How Go's %T and %v would print a JSON value held in an interface{}.
const goType = (v) => (Array.isArray(v) ? '[]interface {}' : typeof v === 'object' ? 'map[string]interface {}' : typeof v === 'number' ? 'float64' : typeof v);
const goValue = (v) => {
	if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
	if (v !== null && typeof v === 'object') {
		return `map[${Object.keys(v).sort().map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
	}
	return v === null ? '<nil>' : String(v);
};
const INT_BITS = { int32: 32, int64: 64 };

// mapstructure v1.4.1 WeakDecode of one value; pushes error texts into `errors`.
const ZERO = { string: '', int: 0 };
function weak(value, field, name, errors) {
	// Absent or null: the zero value (a struct of zero values, which validation then walks).
	if (value === null || value === undefined) return field.kind === 'struct' ? weakStruct({}, field.struct, `${name}.`, errors) : ZERO[field.kind];
	const unconvertible = () => errors.push(`'${name}' expected type '${field.kind === 'int' ? field.go : 'string'}', got unconvertible type '${goType(value)}', value: '${goValue(value)}'`);
	switch (field.kind) {
		case 'string':
			if (typeof value === 'string') return value;
			if (typeof value === 'number') return String(value);
			if (typeof value === 'boolean') return value ? '1' : '0';
			unconvertible();
			return '';
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
				errors.push(`cannot parse '${name}' as int: strconv.ParseInt: parsing "${value}": invalid syntax`);
				return 0;
			}
			const n = BigInt(text);
			if (n >= limit || n < -limit) errors.push(`cannot parse '${name}' as int: strconv.ParseInt: parsing "${value}": value out of range`);
			return Number(n);
		}
		default:
			if (typeof value !== 'object' || Array.isArray(value)) {
				errors.push(`'${name}' expected a map, got '${Array.isArray(value) ? 'slice' : goType(value)}'`);
				return {};
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
			return [key, weak(found === undefined ? undefined : map[found], field, `${prefix}${key}`, errors)];
		}),
	);
}

// validator: `required` means non-zero; nested structs are walked, their namespace is the Go field path.
function validateStruct(value, struct, namespace) {
	return Object.entries(struct.fields).flatMap(([key, field]) => {
		if (field.kind === 'struct') return validateStruct(value[key], field.struct, `${namespace}.${field.goName}`);
		const empty = value[key] === '' || value[key] === 0;
		return field.required && empty ? [`Key: '${namespace}.${field.goName}' Error:Field validation for '${field.goName}' failed on the 'required' tag`] : [];
	});
}

/**
 * The checks made before the token is looked at. Returns undefined when the content passes, else
 * { errCode, errMsg } to send with HTTP 400.
 */
function checkContent(contentType, content, strict) {
	if (!(strict ? STRICT_TYPES : DOC_TYPES).includes(contentType)) return { errCode: 404, errMsg: 'contentType err' };
	const elem = ELEMS[contentType];
	if (!elem) return undefined;
	const errors = [];
	const decoded = weakStruct(content, elem, '', errors);
	if (errors.length) {
		const points = errors.map((e) => `* ${e}`).sort();
		return { errCode: 401, errMsg: `${errors.length} error(s) decoding:\n\n${points.join('\n')}` };
	}
	const invalid = validateStruct(decoded, elem, elem.name);
	return invalid.length ? { errCode: 403, errMsg: invalid.join('\n') } : undefined;
}

module.exports = { checkContent };
