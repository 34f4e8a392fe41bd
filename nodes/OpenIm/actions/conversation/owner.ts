import { uidProperty } from '../common.descriptions';

/** The user whose conversation rows an operation reads. */
export const ownerUidProperty = uidProperty({
	displayName: 'Owner User ID',
	name: 'ownerUid',
	placeholder: 'e.g. bob_02',
	description:
		'The user whose conversations these are (each user has their own row per conversation)',
});
