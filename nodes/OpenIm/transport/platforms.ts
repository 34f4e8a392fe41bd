import type { INodePropertyOptions } from 'n8n-workflow';

/** The platform IDs both generations give the same meaning. */
const DESKTOP_AND_MOBILE: INodePropertyOptions[] = [
	{ name: 'iOS', value: 1 },
	{ name: 'Android', value: 2 },
	{ name: 'Windows', value: 3 },
	{ name: 'macOS', value: 4 },
	{ name: 'Web', value: 5 },
];

/** OpenIM platform IDs. Servers from late 2021 also accept 8 for admin tokens. */
export const PLATFORM_OPTIONS: INodePropertyOptions[] = [
	...DESKTOP_AND_MOBILE,
	{ name: 'Mini Program', value: 6 },
	{ name: 'Linux', value: 7 },
	{ name: 'Admin (8)', value: 8 },
];

/** auth/user_register accepts platforms 1 to 7 only. */
export const REGISTER_PLATFORM_OPTIONS = PLATFORM_OPTIONS.filter((option) => option.value !== 8);

/** 3.x platform IDs of user tokens: 10 is the admin's own platform. */
export const V3_PLATFORM_OPTIONS: INodePropertyOptions[] = [
	...DESKTOP_AND_MOBILE,
	{ name: 'Mini Web', value: 6 },
	{ name: 'Linux', value: 7 },
	{ name: 'Android Pad', value: 8 },
	{ name: 'iPad', value: 9 },
	{ name: 'HarmonyOS', value: 11 },
];
