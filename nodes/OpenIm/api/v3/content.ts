import { bytes, pixels, text, type ContentField, type ContentType } from '../content';

/** 3.x's validator wants these non-zero: the fields are the 2021 ones with `min: 1`. */
const nonZero = (field: ContentField): ContentField => ({ ...field, required: true, min: 1 });
const duration: ContentField = { name: 'duration', displayName: 'Duration', kind: 'number', integer: true, min: 1, required: true, description: 'Length in seconds, at least 1' };
const picture = (name: string, displayName: string, description: string, required = false): ContentField => ({
	name,
	displayName,
	kind: 'picture',
	required,
	sizeOptional: true,
	description,
});

/** 3.x takes OA notifications only as session type 4, and session type 4 only for them. */
const CHATS = [1, 3];

/**
 * The content types 3.x's msg/send_msg accepts (server-api-v3.md 3.4) and the
 * fields its validator checks, under the 2021 parameter names.
 */
const TYPES: ContentType[] = [
	{ value: 101, name: 'Text', description: 'A plain text message', fields: [{ ...text('The message text'), key: 'content' }] },
	{
		value: 102,
		name: 'Picture',
		description: 'A picture; big and snapshot default to the source picture',
		fields: [
			picture('sourcePicture', 'Source Picture', 'The original picture; OpenIM needs its URL, type, width and height', true),
			picture('bigPicture', 'Big Picture', 'Empty means the source picture'),
			picture('snapshotPicture', 'Snapshot Picture', 'Empty means the source picture'),
			{ name: 'sourcePath', displayName: 'Source Path', kind: 'text', description: "Path on the sender's device" },
		],
	},
	{
		value: 103,
		name: 'Voice',
		description: 'A voice message',
		fields: [
			{ name: 'sourceUrl', displayName: 'Source URL', kind: 'text', required: true, placeholder: 'e.g. https://example.com/voice.m4a' },
			duration,
			bytes('dataSize', 'Data Size'),
			{ name: 'uuid', displayName: 'UUID', kind: 'text' },
			{ name: 'soundPath', displayName: 'Sound Path', kind: 'text', description: "Path on the sender's device" },
		],
	},
	{
		value: 104,
		name: 'Video',
		description: 'A video with its snapshot',
		fields: [
			{ name: 'videoUrl', displayName: 'Video URL', kind: 'text', required: true, placeholder: 'e.g. https://example.com/clip.mp4' },
			{ name: 'videoType', displayName: 'Video Type', kind: 'text', required: true, placeholder: 'e.g. mp4' },
			nonZero(bytes('videoSize', 'Video Size')),
			duration,
			{ name: 'snapshotUrl', displayName: 'Snapshot URL', kind: 'text', required: true, placeholder: 'e.g. https://example.com/clip.jpg' },
			nonZero(pixels('snapshotWidth', 'Snapshot Width')),
			nonZero(pixels('snapshotHeight', 'Snapshot Height')),
			bytes('snapshotSize', 'Snapshot Size'),
			{ name: 'videoUUID', displayName: 'Video UUID', kind: 'text' },
			{ name: 'snapshotUUID', displayName: 'Snapshot UUID', kind: 'text' },
			{ name: 'videoPath', displayName: 'Video Path', kind: 'text', description: "Path on the sender's device" },
			{ name: 'snapshotPath', displayName: 'Snapshot Path', kind: 'text', description: "Path on the sender's device" },
		],
	},
	{
		value: 105,
		name: 'File',
		description: 'A file',
		fields: [
			{ name: 'sourceUrl', displayName: 'Source URL', kind: 'text', required: true, placeholder: 'e.g. https://example.com/report.pdf' },
			{ name: 'fileName', displayName: 'File Name', kind: 'text', required: true, placeholder: 'e.g. report.pdf' },
			nonZero(bytes('fileSize', 'File Size')),
			{ name: 'uuid', displayName: 'UUID', kind: 'text' },
			{ name: 'filePath', displayName: 'File Path', kind: 'text', description: "Path on the sender's device" },
		],
	},
	{
		value: 106,
		name: 'Mention',
		description: 'A group message that @-mentions users',
		fields: [
			text('The message text, including the @ mentions'),
			{ name: 'atUserList', displayName: 'Mentioned User IDs', kind: 'list', required: true, max: 1000, description: 'Comma-separated user IDs, or an array from an expression' },
			{ name: 'isAtSelf', displayName: 'Is At Self', kind: 'boolean', description: 'Whether the sender mentions themselves' },
		],
	},
	{
		value: 110,
		name: 'Custom',
		description: 'Your own data, e.g. a JSON string your app understands',
		fields: [
			{ name: 'data', displayName: 'Data', kind: 'text', required: true, placeholder: 'e.g. {"type":"order","id":42}' },
			{ name: 'description', displayName: 'Description', kind: 'text' },
			{ name: 'extension', displayName: 'Extension', kind: 'text' },
		],
	},
	{
		value: 1400,
		name: 'OA Notification',
		description: 'A notification from an official account (Session Type Notification); the sender must be an app admin or a notification account',
		sessionTypes: [4],
		fields: [
			{ name: 'notificationName', displayName: 'Notification Name', kind: 'text', required: true, placeholder: 'e.g. Order Bot' },
			{ name: 'text', displayName: 'Text', kind: 'text', required: true, description: 'The notification text' },
			{ name: 'notificationType', displayName: 'Notification Type', kind: 'number', integer: true, required: true, min: 1, description: 'Your own non-zero number for the kind of notification' },
			{ name: 'notificationFaceURL', displayName: 'Notification Face URL', kind: 'text', placeholder: 'e.g. https://example.com/bot.png' },
			{ name: 'url', displayName: 'URL', kind: 'text', description: 'Link the notification opens', placeholder: 'e.g. https://example.com/orders/42' },
			{ name: 'mixType', displayName: 'Mix Type', kind: 'number', integer: true, min: 0, max: 5, description: 'What the notification carries besides text (0 to 5; 0 is text only)' },
			{ name: 'ex', displayName: 'Extension', kind: 'text' },
		],
	},
];

export const CONTENT_TYPES: ContentType[] = TYPES.map((type) => ({ sessionTypes: CHATS, ...type }));
