import { CONTENT_TYPES as TYPES_2021 } from '../v2021/content';
import type { ContentField, ContentType } from '../content';

/** 3.x's validator wants these non-zero. */
const NON_ZERO: Partial<ContentField> = { required: true, min: 1 };
const DURATION: Partial<ContentField> = {
	...NON_ZERO,
	description: 'Length in seconds, at least 1',
};
/** 3.x validates all three pictures but not their sizes. */
const PICTURE: Partial<ContentField> = { required: false, sizeOptional: true };

/**
 * The 2021 content types that 3.x's msg/send_msg also accepts (server-api-v3.md 3.4), under the same
 * parameter names, with what 3.x's validator checks on top of them.
 */
const STRICTER: Record<number, Record<string, Partial<ContentField>>> = {
	101: { text: { key: 'content' } },
	102: {
		sourcePicture: {
			...PICTURE,
			required: true,
			description: 'The original picture; OpenIM needs its URL, type, width and height',
		},
		bigPicture: PICTURE,
		snapshotPicture: PICTURE,
	},
	103: { duration: DURATION },
	104: {
		videoType: { required: true },
		videoSize: NON_ZERO,
		duration: DURATION,
		snapshotUrl: { required: true },
		snapshotWidth: NON_ZERO,
		snapshotHeight: NON_ZERO,
	},
	105: { fileSize: NON_ZERO },
	106: { atUserList: { max: 1000 } },
	110: {},
};

/**
 * Fields 3.x has beyond the 2021 ones. A Mention's atUsersInfo is what OpenIM's apps show as @Name
 * (without it, @<user ID>); the node fills it when it is not given (actions/message/mentions.ts).
 */
const EXTRA: Record<number, ContentField[]> = {
	106: [
		{
			name: 'atUsersInfo',
			displayName: 'Mentioned User Names',
			kind: 'jsonArray',
			description:
				'The names the apps show for the mentions, e.g. [{"atUserID": "u1", "groupNickname": "Ann"}]; empty: the node looks them up (group nickname, else nickname)',
		},
	],
};

/** 3.x takes OA notifications only as session type 4, and session type 4 only for them. */
const CHATS = [1, 3];

const OA_NOTIFICATION: ContentType = {
	value: 1400,
	name: 'OA Notification',
	description:
		'A notification from an official account (Session Type Notification); the sender must be an app admin or a notification account',
	sessionTypes: [4],
	fields: [
		{
			name: 'notificationName',
			displayName: 'Notification Name',
			kind: 'text',
			required: true,
			placeholder: 'e.g. Order Bot',
		},
		{
			name: 'text',
			displayName: 'Text',
			kind: 'text',
			required: true,
			description: 'The notification text',
		},
		{
			name: 'notificationType',
			displayName: 'Notification Type',
			kind: 'number',
			integer: true,
			required: true,
			min: 1,
			description: 'Your own non-zero number for the kind of notification',
		},
		{
			name: 'notificationFaceURL',
			displayName: 'Notification Face URL',
			kind: 'text',
			placeholder: 'e.g. https://example.com/bot.png',
		},
		{
			name: 'url',
			displayName: 'URL',
			kind: 'text',
			description: 'Link the notification opens',
			placeholder: 'e.g. https://example.com/orders/42',
		},
		{
			name: 'mixType',
			displayName: 'Mix Type',
			kind: 'number',
			integer: true,
			min: 0,
			max: 5,
			description: 'What the notification carries besides text (0 to 5; 0 is text only)',
		},
		{ name: 'ex', displayName: 'Extension', kind: 'text' },
	],
};

export const CONTENT_TYPES: ContentType[] = [
	...TYPES_2021.filter((type) => type.value in STRICTER).map((type) => ({
		...type,
		sessionTypes: CHATS,
		fields: [
			...type.fields.map((field) => ({ ...field, ...STRICTER[type.value][field.name] })),
			...(EXTRA[type.value] ?? []),
		],
	})),
	OA_NOTIFICATION,
];
