'use strict';
// manager/send_msg content checks (server-notes.md §3.12, §7.4). The 2021 server decodes `content` into an
// element struct with mapstructure.WeakDecode (errCode 401 on failure), then runs validator (errCode 403).
// It knows only Text 101, Picture 102 and Custom 110; the emulator also accepts the doc's other types
// unchecked unless strict mode is on.
const { str: s, int: i, struct, REQUIRED, decodeElem, validateElem } = require('./mapstructure');

const STRICT_TYPES = [101, 102, 110];
const DOC_TYPES = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 114];

const str = (goName, required = false) => s(goName, required ? [REQUIRED] : []);
const int = (goName, go) => i(goName, go, [REQUIRED]);
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
const picture = (goName) => struct(goName, PictureBaseInfo);
const ELEMS = {
	101: { name: 'TextElem', fields: { text: str('Text', true) } },
	102: {
		name: 'PictureElem',
		fields: {
			sourcePath: str('SourcePath'),
			sourcePicture: picture('SourcePicture'),
			bigPicture: picture('BigPicture'),
			snapshotPicture: picture('SnapshotPicture'),
		},
	},
	110: {
		name: 'CustomElem',
		fields: {
			data: str('Data', true),
			description: str('Description'),
			extension: str('Extension'),
		},
	},
};

/**
 * The checks made before the token is looked at. Returns undefined when the content passes, else
 * { errCode, errMsg } to send with HTTP 400.
 */
function checkContent(contentType, content, strict) {
	if (!(strict ? STRICT_TYPES : DOC_TYPES).includes(contentType))
		return { errCode: 404, errMsg: 'contentType err' };
	const elem = ELEMS[contentType];
	if (!elem) return undefined;
	const { value, errors } = decodeElem(content, elem);
	if (errors) {
		const points = errors.map((e) => `* ${e}`).sort();
		return { errCode: 401, errMsg: `${errors.length} error(s) decoding:\n\n${points.join('\n')}` };
	}
	const invalid = validateElem(value, elem);
	return invalid.length ? { errCode: 403, errMsg: invalid.join('\n') } : undefined;
}

module.exports = { checkContent };
