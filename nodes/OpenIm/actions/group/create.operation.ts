import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkChoice, checkText, getAdditionalFields, getText, nodeParameter, optionalTexts, paramError } from '../../helpers/params';
import { openImRequest } from '../../transport';
import { UID_MAX, optionsProperty, requestSettings } from '../common.descriptions';

const ROLE_OPTIONS = [
	{ name: 'Member', value: 0 },
	{ name: 'Owner', value: 1 },
	{ name: 'Admin', value: 2 },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Group Name',
		name: 'groupName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Sales Team',
	},
	{
		displayName: 'Members',
		name: 'memberList',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		required: true,
		default: {},
		placeholder: 'Add Member',
		description: 'The initial members; give one of them the Owner role',
		options: [
			{
				name: 'members',
				displayName: 'Member',
				values: [
					{
						displayName: 'User ID',
						name: 'uid',
						type: 'string',
						default: '',
						placeholder: 'e.g. 21979710c3fe454d',
					},
					{
						displayName: 'Role',
						name: 'setRole',
						type: 'options',
						options: ROLE_OPTIONS,
						default: 0,
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Face URL', name: 'faceUrl', type: 'string', default: '', description: 'Group avatar URL' },
			{ displayName: 'Introduction', name: 'introduction', type: 'string', default: '' },
			{ displayName: 'Notification', name: 'notification', type: 'string', default: '', description: 'Group announcement' },
		],
	},
	optionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['create'] } },
	properties,
);

const MEMBERS = { name: 'memberList', displayName: 'Members' };
const OPTIONAL_FIELDS = [
	{ name: 'introduction', displayName: 'Introduction' },
	{ name: 'notification', displayName: 'Notification' },
	{ name: 'faceUrl', displayName: 'Face URL' },
];

function memberList(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const { members } = nodeParameter(ctx, 'memberList', itemIndex, {}) as { members?: IDataObject[] };
	const list = (Array.isArray(members) ? members : []).map((member) => ({
		uid: checkText(ctx, { name: 'memberList.uid', displayName: 'Member User ID' }, member.uid, itemIndex, {
			required: true,
			maxLength: UID_MAX,
		}),
		setRole: checkChoice(ctx, { name: 'memberList.setRole', displayName: 'Member Role' }, member.setRole ?? 0, [0, 1, 2], itemIndex),
	}));
	if (list.length === 0) throw paramError(ctx, MEMBERS, 'needs at least one member', itemIndex);
	const uids = list.map((member) => member.uid);
	const repeated = uids.find((uid, index) => uids.indexOf(uid) !== index);
	if (repeated !== undefined) throw paramError(ctx, MEMBERS, `lists "${repeated}" more than once`, itemIndex);
	if (list.filter((member) => member.setRole === 1).length > 1) {
		throw paramError(ctx, MEMBERS, 'has more than one Owner', itemIndex);
	}
	return list;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const fields = getAdditionalFields(this, itemIndex);
	const body: IDataObject = {
		groupName: getText(this, { name: 'groupName', displayName: 'Group Name' }, itemIndex, { required: true }),
		memberList: memberList(this, itemIndex),
		...optionalTexts(this, fields, OPTIONAL_FIELDS, itemIndex),
	};
	const answer = await openImRequest.call(this, 'group/create_group', body, requestSettings(this, itemIndex));
	return [{ ...(answer.data as IDataObject), groupName: body.groupName }];
}
