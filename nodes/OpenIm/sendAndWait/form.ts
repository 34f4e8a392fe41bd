import type { IDataObject } from 'n8n-workflow';

/** The n8n Form field types a response form can show (n8n's File and Custom HTML are not offered). */
export const FIELD_TYPES = [
	'checkbox',
	'date',
	'dropdown',
	'email',
	'hiddenField',
	'number',
	'password',
	'radio',
	'text',
	'textarea',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One field of a response form, read from n8n Form's field parameters. */
export interface FormField {
	type: FieldType;
	/** What the page shows, and the key of the answer (a hidden field's key is its fieldName). */
	label: string;
	key: string;
	placeholder: string;
	defaultValue: string;
	required: boolean;
	/** Dropdown, checkbox and radio choices. */
	choices: string[];
	/** A dropdown that takes several choices. */
	multiselect: boolean;
}

const WITH_CHOICES: FieldType[] = ['checkbox', 'dropdown', 'radio'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const textOf = (value: unknown): string =>
	value === undefined || value === null ? '' : String(value);

/** An n8n Form field definition (from the fields or the JSON) as a FormField; a problem as text. */
export function formFieldOf(definition: IDataObject, position: number): FormField | string {
	const type = (definition.fieldType ?? 'text') as FieldType;
	if (!FIELD_TYPES.includes(type)) {
		return `field ${position}: type "${textOf(definition.fieldType)}" is not one of ${FIELD_TYPES.join(', ')}`;
	}
	const key = type === 'hiddenField' ? textOf(definition.fieldName) : textOf(definition.fieldLabel);
	if (!key.trim())
		return `field ${position}: ${type === 'hiddenField' ? 'fieldName' : 'fieldLabel'} is empty`;
	const options = (definition.fieldOptions as IDataObject | undefined)?.values;
	const choices = Array.isArray(options)
		? options
				.map((entry) => textOf((entry as IDataObject)?.option))
				.filter((choice) => choice !== '')
		: [];
	if (WITH_CHOICES.includes(type) && choices.length === 0)
		return `field ${position} ("${key}"): a ${type} needs fieldOptions.values with at least one option`;
	return {
		type,
		label: key,
		key,
		placeholder: textOf(definition.placeholder),
		defaultValue: textOf(type === 'hiddenField' ? definition.fieldValue : definition.defaultValue),
		required: definition.requiredField === true && type !== 'hiddenField',
		choices,
		multiselect: type === 'checkbox' || (type === 'dropdown' && definition.multiselect === true),
	};
}

/** The input name of the field at `index` on the page. */
export const inputName = (index: number) => `field-${index}`;

const listOf = (value: unknown): string[] =>
	value === undefined || value === null || value === ''
		? []
		: (Array.isArray(value) ? value : [value]).map(textOf);

/**
 * A submitted form as the answer: each field's value under its key (numbers as numbers, several
 * choices as a list), or the first problem (a required field left empty, a choice not offered).
 */
export function answerOf(
	fields: FormField[],
	submitted: IDataObject,
): { data: IDataObject } | { problem: string } {
	const data: IDataObject = {};
	for (const [index, field] of fields.entries()) {
		const given = listOf(submitted[inputName(index)]);
		const value = field.type === 'hiddenField' ? field.defaultValue : (given[0] ?? '');
		if (field.required && (field.multiselect ? given.length === 0 : value.trim() === ''))
			return { problem: `"${field.label}" is required.` };
		const offered = field.multiselect ? given : value === '' ? [] : [value];
		if (
			WITH_CHOICES.includes(field.type) &&
			offered.some((choice) => !field.choices.includes(choice))
		) {
			return { problem: `"${field.label}" must be one of the choices offered.` };
		}
		if (field.multiselect) {
			data[field.key] = given;
		} else if (field.type === 'number') {
			const number = Number(value);
			if (value.trim() !== '' && !Number.isFinite(number))
				return { problem: `"${field.label}" must be a number.` };
			data[field.key] = value.trim() === '' ? null : number;
		} else {
			if (value !== '' && field.type === 'email' && !EMAIL.test(value))
				return { problem: `"${field.label}" must be an email address.` };
			if (value !== '' && field.type === 'date' && !DATE.test(value))
				return { problem: `"${field.label}" must be a date (YYYY-MM-DD).` };
			data[field.key] = value;
		}
	}
	return { data };
}
