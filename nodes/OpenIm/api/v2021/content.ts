import { bytes, pixels, seconds, text, type ContentType } from '../content';

/**
 * Every content type of manager/send_msg and the fields of its element struct
 * (OpenIM SDK of 2021; Card as in later SDKs, Revoke and Read Receipt as the
 * ids the SDK sends). Field names are the struct's JSON keys.
 */
export const CONTENT_TYPES: ContentType[] = [
	{
		value: 101,
		name: 'Text',
		description: 'A plain text message',
		fields: [text('The message text')],
	},
	{
		value: 102,
		name: 'Picture',
		description: 'A picture; big and snapshot default to the source picture',
		fields: [
			{
				name: 'sourcePicture',
				displayName: 'Source Picture',
				kind: 'picture',
				required: true,
				description: 'The original picture; OpenIM needs its URL, type, size, width and height',
			},
			{
				name: 'bigPicture',
				displayName: 'Big Picture',
				kind: 'picture',
				description: 'Empty means the source picture',
			},
			{
				name: 'snapshotPicture',
				displayName: 'Snapshot Picture',
				kind: 'picture',
				description: 'Empty means the source picture',
			},
			{
				name: 'sourcePath',
				displayName: 'Source Path',
				kind: 'text',
				description: "Path on the sender's device",
			},
		],
	},
	{
		value: 103,
		name: 'Voice',
		description: 'A voice message',
		fields: [
			{
				name: 'sourceUrl',
				displayName: 'Source URL',
				kind: 'text',
				required: true,
				placeholder: 'e.g. https://example.com/voice.m4a',
			},
			seconds,
			bytes('dataSize', 'Data Size'),
			{ name: 'uuid', displayName: 'UUID', kind: 'text' },
			{
				name: 'soundPath',
				displayName: 'Sound Path',
				kind: 'text',
				description: "Path on the sender's device",
			},
		],
	},
	{
		value: 104,
		name: 'Video',
		description: 'A video with its snapshot',
		fields: [
			{
				name: 'videoUrl',
				displayName: 'Video URL',
				kind: 'text',
				required: true,
				placeholder: 'e.g. https://example.com/clip.mp4',
			},
			{ name: 'videoType', displayName: 'Video Type', kind: 'text', placeholder: 'e.g. mp4' },
			bytes('videoSize', 'Video Size'),
			seconds,
			{
				name: 'snapshotUrl',
				displayName: 'Snapshot URL',
				kind: 'text',
				placeholder: 'e.g. https://example.com/clip.jpg',
			},
			pixels('snapshotWidth', 'Snapshot Width'),
			pixels('snapshotHeight', 'Snapshot Height'),
			bytes('snapshotSize', 'Snapshot Size'),
			{ name: 'videoUUID', displayName: 'Video UUID', kind: 'text' },
			{ name: 'snapshotUUID', displayName: 'Snapshot UUID', kind: 'text' },
			{
				name: 'videoPath',
				displayName: 'Video Path',
				kind: 'text',
				description: "Path on the sender's device",
			},
			{
				name: 'snapshotPath',
				displayName: 'Snapshot Path',
				kind: 'text',
				description: "Path on the sender's device",
			},
		],
	},
	{
		value: 105,
		name: 'File',
		description: 'A file',
		fields: [
			{
				name: 'sourceUrl',
				displayName: 'Source URL',
				kind: 'text',
				required: true,
				placeholder: 'e.g. https://example.com/report.pdf',
			},
			{
				name: 'fileName',
				displayName: 'File Name',
				kind: 'text',
				required: true,
				placeholder: 'e.g. report.pdf',
			},
			bytes('fileSize', 'File Size'),
			{ name: 'uuid', displayName: 'UUID', kind: 'text' },
			{
				name: 'filePath',
				displayName: 'File Path',
				kind: 'text',
				description: "Path on the sender's device",
			},
		],
	},
	{
		value: 106,
		name: 'Mention',
		description: 'A group message that @-mentions users',
		fields: [
			text('The message text, including the @ mentions'),
			{
				name: 'atUserList',
				displayName: 'Mentioned User IDs',
				kind: 'list',
				required: true,
				description: 'Comma-separated user IDs, or an array from an expression',
			},
			{
				name: 'isAtSelf',
				displayName: 'Is At Self',
				kind: 'boolean',
				description:
					"Whether every reader is told they were mentioned (OpenIM's apps read it as 'this message mentions you'); leave off for ordinary mentions",
			},
		],
	},
	{
		value: 107,
		name: 'Merged Forward',
		description: 'Several messages forwarded as one',
		fields: [
			{
				name: 'title',
				displayName: 'Title',
				kind: 'text',
				required: true,
				placeholder: 'e.g. Chat history of Alice and Bob',
			},
			{
				name: 'abstractList',
				displayName: 'Abstracts',
				kind: 'lines',
				description: 'Summary lines shown in the chat',
			},
			{
				name: 'multiMessage',
				displayName: 'Messages (JSON)',
				kind: 'jsonArray',
				required: true,
				description: 'The forwarded messages, a JSON array of OpenIM message objects',
			},
		],
	},
	{
		value: 108,
		name: 'Card',
		description: "A user's contact card",
		fields: [
			{ name: 'userID', displayName: 'Card User ID', kind: 'text', required: true },
			{ name: 'nickname', displayName: 'Nickname', kind: 'text' },
			{ name: 'faceURL', displayName: 'Face URL', kind: 'text' },
			{ name: 'ex', displayName: 'Extension', kind: 'text' },
		],
	},
	{
		value: 109,
		name: 'Location',
		description: 'A place on the map',
		fields: [
			{
				name: 'description',
				displayName: 'Description',
				kind: 'text',
				placeholder: 'e.g. Office, 3rd floor',
			},
			{
				name: 'longitude',
				displayName: 'Longitude',
				kind: 'number',
				required: true,
				min: -180,
				max: 180,
			},
			{
				name: 'latitude',
				displayName: 'Latitude',
				kind: 'number',
				required: true,
				min: -90,
				max: 90,
			},
		],
	},
	{
		value: 110,
		name: 'Custom',
		description: 'Your own data, e.g. a JSON string your app understands',
		fields: [
			{
				name: 'data',
				displayName: 'Data',
				kind: 'text',
				required: true,
				placeholder: 'e.g. {"type":"order","id":42}',
			},
			{ name: 'description', displayName: 'Description', kind: 'text' },
			{ name: 'extension', displayName: 'Extension', kind: 'text' },
		],
	},
	{
		value: 111,
		name: 'Revoke',
		description: 'Revokes an earlier message',
		fields: [
			{
				name: 'revokeMsgClientID',
				displayName: 'Revoked Message ID',
				kind: 'text',
				required: true,
				description: 'Client message ID (msgID) of the message to revoke',
			},
		],
	},
	{
		value: 112,
		name: 'Read Receipt',
		description: 'Marks messages as read',
		fields: [
			{
				name: 'msgIDList',
				displayName: 'Message IDs',
				kind: 'list',
				required: true,
				description: 'Comma-separated client message IDs, or an array from an expression',
			},
		],
	},
	{
		value: 114,
		name: 'Quote',
		description: 'A reply that quotes an earlier message',
		fields: [
			text('The reply text'),
			{
				name: 'quoteMessage',
				displayName: 'Quoted Message (JSON)',
				kind: 'json',
				required: true,
				description: 'The quoted message, an OpenIM message object',
			},
		],
	},
];
