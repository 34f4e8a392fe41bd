import type { IDataObject, INode } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

import type { FormField } from './form';
import { formFieldOf } from './form';

export type ResponseType = 'approval' | 'freeText' | 'customForm';

/** What a Send and Wait node asks, read the same way when it sends and when its links are opened. */
export interface SendAndWaitConfig {
	message: string;
	responseType: ResponseType;
	approval: { double: boolean; approveLabel: string; disapproveLabel: string };
	/** The label of a form's link in the message. */
	messageButtonLabel: string;
	form: { title: string; description: string; buttonLabel: string };
	/** The custom form's fields; a free-text form has one textarea. */
	fields: FormField[];
}

/** A node parameter by its path, with a fallback: the one reader execute() and webhook() share. */
export type ReadParameter = (name: string, fallback: unknown) => unknown;

/** The error of a parameter that cannot be used: which one (its name in the editor and in the node) and why. */
export type Problem = (displayName: string, parameter: string, problem: string) => Error;

/** Problems as n8n errors of the node, naming the parameter and, while it runs, the item (a link's request has none). */
export const problemsOf =
	(node: INode, itemIndex?: number): Problem =>
	(displayName, parameter, problem) =>
		new NodeOperationError(
			node,
			`${displayName} ${problem}${itemIndex === undefined ? '' : ` [item ${itemIndex}]`}`,
			{ itemIndex, description: `Check the parameter "${displayName}" (${parameter}).` },
		);

export const DEFAULT_LABELS = {
	approve: 'Approve',
	disapprove: 'Decline',
	messageButton: 'Respond',
	formButton: 'Submit',
};

const RESPONSE_TYPES: ResponseType[] = ['approval', 'freeText', 'customForm'];

const text = (value: unknown, fallback = '') =>
	typeof value === 'string' && value.trim() !== ''
		? value
		: typeof value === 'number'
			? String(value)
			: fallback;

/** The free-text form: one required textarea. */
export const FREE_TEXT_FIELD: FormField = {
	type: 'textarea',
	label: 'Response',
	key: 'text',
	placeholder: '',
	defaultValue: '',
	required: true,
	choices: [],
	multiselect: false,
};

function customFields(read: ReadParameter, fail: Problem): FormField[] {
	const fromJson = read('defineForm', 'fields') === 'json';
	let definitions: unknown = fromJson
		? read('jsonOutput', '[]')
		: (read('formFields.values', []) as unknown);
	const [displayName, parameter] = fromJson
		? ['Form Fields (JSON)', 'jsonOutput']
		: ['Form Elements', 'formFields'];
	if (typeof definitions === 'string') {
		try {
			definitions = jsonParse(definitions);
		} catch {
			throw fail(displayName, parameter, 'is not valid JSON');
		}
	}
	if (!Array.isArray(definitions) || definitions.length === 0)
		throw fail(displayName, parameter, 'must list at least one field');
	const fields = definitions.map((definition, index) => {
		const field =
			definition && typeof definition === 'object'
				? formFieldOf(definition as IDataObject, index + 1)
				: `field ${index + 1} is not an object`;
		if (typeof field === 'string') throw fail(displayName, parameter, `has a problem: ${field}`);
		return field;
	});
	const keys = fields.map((field) => field.key);
	const twice = keys.find((key, index) => keys.indexOf(key) !== index);
	if (twice !== undefined)
		throw fail(
			displayName,
			parameter,
			`has two fields named "${twice}": each answer needs its own name`,
		);
	return fields;
}

export function readConfig(read: ReadParameter, fail: Problem): SendAndWaitConfig {
	const responseType = read('responseType', 'approval') as ResponseType;
	if (!RESPONSE_TYPES.includes(responseType))
		throw fail('Response Type', 'responseType', `must be one of ${RESPONSE_TYPES.join(', ')}`);
	const message = read('message', '');
	if (typeof message !== 'string' || message.trim() === '')
		throw fail('Message', 'message', 'is required');
	const approval = (read('approvalOptions.values', {}) ?? {}) as IDataObject;
	const options = (read('options', {}) ?? {}) as IDataObject;
	return {
		message: message.trim(),
		responseType,
		approval: {
			double: approval.approvalType === 'double',
			approveLabel: text(approval.approveLabel, DEFAULT_LABELS.approve),
			disapproveLabel: text(approval.disapproveLabel, DEFAULT_LABELS.disapprove),
		},
		messageButtonLabel: text(options.messageButtonLabel, DEFAULT_LABELS.messageButton),
		form: {
			title: text(options.responseFormTitle),
			description: text(options.responseFormDescription, message.trim()),
			buttonLabel: text(options.responseFormButtonLabel, DEFAULT_LABELS.formButton),
		},
		fields:
			responseType === 'customForm'
				? customFields(read, fail)
				: responseType === 'freeText'
					? [FREE_TEXT_FIELD]
					: [],
	};
}
