'use strict';
// send_msg content checks as the 3.x API does them (S:internal/api/msg.go, pkg/apistruct/msg.go): mapstructure
// WeakDecode into the element struct, then validator. A failure is errCode 500 (not a CodeError); an unlisted
// contentType is 1001.
const {
	str,
	int,
	bool,
	strings,
	struct,
	REQUIRED,
	decodeElem,
	validateElem,
} = require('../mapstructure');
const { ApiError, atLeast } = require('./errors');

const req = [REQUIRED];
const gte = (n) => [`gte`, (v) => v >= n];
const lte = (n) => [`lte`, (v) => v <= n];
const min1 = ['min', (v) => v >= 1];

const PictureBaseInfo = {
	name: 'PictureBaseInfo',
	fields: {
		uuid: str('UUID'),
		type: str('Type', req),
		size: int('Size', 'int64'),
		width: int('Width', 'int32', req),
		height: int('Height', 'int32', req),
		url: str('Url', req),
	},
};
const PictureElem = {
	name: 'PictureElem',
	fields: {
		sourcePath: str('SourcePath'),
		sourcePicture: struct('SourcePicture', PictureBaseInfo),
		bigPicture: struct('BigPicture', PictureBaseInfo),
		snapshotPicture: struct('SnapshotPicture', PictureBaseInfo),
	},
};
const SoundElem = {
	name: 'SoundElem',
	fields: {
		uuid: str('UUID'),
		soundPath: str('SoundPath'),
		sourceUrl: str('SourceURL', req),
		dataSize: int('DataSize', 'int64'),
		duration: int('Duration', 'int64', [min1]),
	},
};
const VideoElem = {
	name: 'VideoElem',
	fields: {
		videoPath: str('VideoPath'),
		videoUUID: str('VideoUUID'),
		videoUrl: str('VideoURL', req),
		videoType: str('VideoType', req),
		videoSize: int('VideoSize', 'int64', req),
		duration: int('Duration', 'int64', req),
		snapshotPath: str('SnapshotPath'),
		snapshotUUID: str('SnapshotUUID'),
		snapshotSize: int('SnapshotSize', 'int64'),
		snapshotUrl: str('SnapshotURL', req),
		snapshotWidth: int('SnapshotWidth', 'int32', req),
		snapshotHeight: int('SnapshotHeight', 'int32', req),
	},
};
const FileElem = {
	name: 'FileElem',
	fields: {
		filePath: str('FilePath'),
		uuid: str('UUID'),
		sourceUrl: str('SourceURL', req),
		fileName: str('FileName', req),
		fileSize: int('FileSize', 'int64', req),
	},
};
const AtElem = {
	name: 'AtElem',
	fields: {
		text: str('Text'),
		atUserList: strings('AtUserList', [REQUIRED, ['max', (v) => v.length <= 1000]]),
		isAtSelf: bool('IsAtSelf'),
	},
};
const CustomElem = {
	name: 'CustomElem',
	fields: { data: str('Data', req), description: str('Description'), extension: str('Extension') },
};
const oaNotification = (validatesMixType) => ({
	name: 'OANotificationElem',
	fields: {
		notificationName: str('NotificationName', req),
		notificationFaceURL: str('NotificationFaceURL'),
		notificationType: int('NotificationType', 'int32', req),
		text: str('Text', req),
		url: str('Url'),
		mixType: int('MixType', 'int32', validatesMixType ? [gte(0), lte(5)] : []),
		pictureElem: struct('PictureElem', PictureElem, 'ptr'),
		soundElem: struct('SoundElem', SoundElem, 'ptr'),
		videoElem: struct('VideoElem', VideoElem, 'ptr'),
		fileElem: struct('FileElem', FileElem, 'ptr'),
		ex: str('Ex'),
	},
});

/** The element struct of a contentType on a server version (v3.0-3.2 text is {text}; mixType checked from 3.8.1). */
function elementFor(contentType, version) {
	switch (contentType) {
		case 101:
			return atLeast(version, '3.3.0')
				? { name: 'TextElem', fields: { content: str('Content', req) } }
				: { name: 'TextElem', fields: { text: str('Text', req) } };
		case 102:
			return PictureElem;
		case 103:
			return SoundElem;
		case 104:
			return VideoElem;
		case 105:
			return FileElem;
		case 106:
			return AtElem;
		case 110:
			return CustomElem;
		case 1400:
			return oaNotification(atLeast(version, '3.8.1'));
		default:
			return undefined;
	}
}

/**
 * The API's getSendMsgReq: throws its error when the content does not pass. An unlisted contentType is 1001 with
 * no detail; 1400 needs a notification account as sender; a decode or validation failure is no CodeError, so it
 * is 500 with the unwrapped mapstructure or validator text as errDlt.
 */
function checkContent(emu, { sendID, contentType, content }) {
	const elem = elementFor(contentType, emu.version);
	if (!elem) throw new ApiError(1001, '');
	if (contentType === 1400) {
		const sender = emu.state.users.get(sendID);
		if (!sender) throw new ApiError(1101);
		if (!(sender.appMangerLevel === 2 || sender.appMangerLevel >= 3))
			throw new ApiError(1002, 'notification messages cannot be sent for this ID');
	}
	const { value, errors } = decodeElem(content, elem);
	if (errors)
		throw new ApiError(
			500,
			`${errors.length} error(s) decoding:\n\n${errors
				.map((e) => `* ${e}`)
				.sort()
				.join('\n')}`,
		);
	const invalid = validateElem(value, elem);
	if (invalid.length) throw new ApiError(500, invalid.join('\n'));
}

module.exports = { checkContent };
