import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { PARAMS } from '../../api/params';
import type { Form } from '../../api/types';
import {
	checkChoice,
	checkText,
	choiceProperty,
	collectionProperty,
	collectionValues,
	getAdditionalFields,
	getText,
	nodeParameter,
	optionValues,
	ParameterError,
	paramOf,
	type ItemReader,
} from '../../helpers/params';
import { call, endpointOf } from '../call';
import { UID_MAX, optionsProperty, requestSettings } from '../common.descriptions';
import { perForm } from '../operation';
import { FACE_BINARY, withUploadedPicture } from '../pictureUpload';
import type { Session } from '../../transport';

const groupName: INodeProperties = {
	displayName: 'Group Name',
	name: 'groupName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Sales Team',
};

const memberUid: INodeProperties = {
	displayName: 'User ID',
	name: 'uid',
	type: 'string',
	default: '',
	placeholder: 'e.g. alice_01',
};

const memberRole = choiceProperty('Role', 'setRole', { Member: 0, Owner: 1, Admin: 2 });

export const memberList: INodeProperties = {
	...PARAMS.memberList,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	required: true,
	default: {},
	placeholder: 'Add Member',
	description: 'The initial members; give one of them the Owner role',
	options: [{ name: 'members', displayName: 'Member', values: [memberUid, memberRole] }],
};

/** Messages name a member's fields as "Member User ID" and "Member Role" (memberList.uid, memberList.setRole). */
const MEMBER = { name: memberList.name, displayName: 'Member' } as INodeProperties;

const faceUrl: INodeProperties = {
	displayName: 'Face URL',
	name: 'faceUrl',
	type: 'string',
	default: '',
	description: 'Group avatar URL',
};
const introduction: INodeProperties = {
	displayName: 'Introduction',
	name: 'introduction',
	type: 'string',
	default: '',
};
const notification: INodeProperties = {
	displayName: 'Notification',
	name: 'notification',
	type: 'string',
	default: '',
	description: 'Group announcement',
};

/** A 3.x group setting whose 0 allows what `allowed` says and 1 does not. */
const allowedOrNot = (displayName: string, name: string, allowed: string): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	options: [
		{ name: 'Allowed', value: 0, description: allowed },
		{ name: 'Not Allowed', value: 1 },
	],
	default: 0,
});

/** 3.x group settings: options whose values are the server's numbers. */
export const GROUP_SETTINGS: INodeProperties[] = [
	allowedOrNot(
		'Apply Member Friend',
		'applyMemberFriend',
		'Members may send friend requests to each other',
	),
	allowedOrNot('Look Member Info', 'lookMemberInfo', "Members may see each other's profiles"),
	choiceProperty('Need Verification', 'needVerification', {
		'Apply Needs Approval, Invite Joins Directly': 0,
		'All Need Approval': 1,
		'Join Directly': 2,
	}),
];

const V3_FIELDS: INodeProperties[] = [
	...GROUP_SETTINGS,
	{ displayName: 'Extension', name: 'ex', type: 'string', default: '' },
	faceUrl,
	{
		displayName: 'Group ID',
		name: 'groupID',
		type: 'string',
		default: '',
		placeholder: 'e.g. sales_team',
		description: 'The ID of the new group; empty lets OpenIM choose one',
	},
	introduction,
	notification,
];

const ADDITIONAL_FIELDS: Record<Form, INodeProperties> = {
	'2021': collectionProperty('additionalFields', {
		options: [faceUrl, introduction, notification],
	}),
	v3: collectionProperty('additionalFields', {
		options: V3_FIELDS.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	}),
};

const properties: INodeProperties[] = [
	groupName,
	memberList,
	...perForm({ '2021': [ADDITIONAL_FIELDS['2021']], v3: [ADDITIONAL_FIELDS.v3] }),
	FACE_BINARY,
	optionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['create'] } },
	properties,
);

function members(read: ItemReader): Array<{ uid: string; setRole: number }> {
	const { members: entries } = nodeParameter(read, memberList.name, {}) as {
		members?: IDataObject[];
	};
	const list = (Array.isArray(entries) ? entries : []).map((member) => ({
		uid: checkText(paramOf(memberUid, MEMBER), member.uid, {
			required: true,
			maxLength: UID_MAX,
		}),
		setRole: checkChoice(
			paramOf(memberRole, MEMBER),
			member.setRole ?? 0,
			optionValues(memberRole),
		),
	}));
	if (list.length === 0) throw new ParameterError(memberList, 'needs at least one member');
	const uids = list.map((member) => member.uid);
	const repeated = uids.find((uid, index) => uids.indexOf(uid) !== index);
	if (repeated !== undefined)
		throw new ParameterError(memberList, `lists "${repeated}" more than once`);
	if (list.filter((member) => member.setRole === 1).length > 1) {
		throw new ParameterError(memberList, 'has more than one Owner');
	}
	return list;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Session,
): Promise<IDataObject[]> {
	const read = api.params.item(itemIndex);
	const fields = getAdditionalFields(read);
	const input = {
		groupName: getText(read, groupName, { required: true }),
		members: members(read),
		fields: collectionValues(ADDITIONAL_FIELDS[api.form], fields),
	};
	const settings = requestSettings(read);
	const withFace = {
		...input,
		fields: await withUploadedPicture(this, api, FACE_BINARY, input.fields, 'faceUrl', settings),
	};
	return await call(this, api, endpointOf(this, api, 'group.create'), withFace, settings);
}
