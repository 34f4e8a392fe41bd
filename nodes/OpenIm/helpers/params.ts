import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/** An expression that is only a text field of the item, e.g. `={{ $json.uid }}`. */
const ITEM_FIELD = /^=\{\{\s*\$json\.([A-Za-z_]\w*)\s*\}\}$/;

/**
 * One item's parameters, read through the run they belong to. Made by the
 * run's `RunParameters`; an operation reads its item through one reader.
 */
export class ItemReader {
	constructor(
		readonly ctx: IExecuteFunctions,
		readonly itemIndex: number,
		private readonly run: RunParameters,
	) {}

	/**
	 * getNodeParameter, read once per run for a parameter without an expression:
	 * n8n resolves every parameter again for every item, which costs more than the
	 * rest of the node's work on an item. An expression that only reads a text
	 * field of the item is that text, as n8n would resolve it, taken without
	 * n8n's expression engine (about 0.1 ms an expression: more than a batched
	 * request costs per item); any other value goes through n8n.
	 */
	value(name: string, fallback?: unknown): unknown {
		const { ctx, itemIndex, run } = this;
		const { constants } = run;
		if (constants.has(name)) return constants.get(name);
		const raw = name
			.split('.')
			.reduce<unknown>(
				(node, key) => (node as Record<string, unknown> | undefined)?.[key],
				run.parameters,
			);
		const field = typeof raw === 'string' ? ITEM_FIELD.exec(raw)?.[1] : undefined;
		if (field !== undefined) {
			const text = ctx.getInputData()[itemIndex]?.json[field];
			if (typeof text === 'string') return text;
		}
		const value = ctx.getNodeParameter(name, itemIndex, fallback);
		if (!holdsExpression(raw)) constants.set(name, value);
		return value;
	}
}

/** A node run's parameters: the ones without an expression are read once for all its items. */
export class RunParameters {
	readonly constants = new Map<string, unknown>();

	private stored?: INodeParameters;

	constructor(private readonly ctx: IExecuteFunctions) {}

	/** The node's parameters as stored (expressions unresolved); getNode() copies the node, so once a run. */
	get parameters(): INodeParameters {
		return (this.stored ??= this.ctx.getNode().parameters);
	}

	item(itemIndex: number): ItemReader {
		return new ItemReader(this.ctx, itemIndex, this);
	}
}

/** A parameter of the item (see ItemReader.value). */
export function nodeParameter(read: ItemReader, name: string, fallback?: unknown): unknown {
	return read.value(name, fallback);
}

/** A parameter as the user sees it: its name in the node and the label in the editor. */
export interface Param {
	name: string;
	displayName: string;
}

/**
 * A parameter value the node refuses. The checkers know the parameter, not the item: the router
 * names the item once, when it makes this the item's error (`forItem`).
 */
export class ParameterError extends Error {
	readonly description: string;

	constructor(param: Param, problem: string) {
		super(`${param.displayName} ${problem}`);
		this.description = `Check the parameter "${param.displayName}" (${param.name}).`;
	}

	forItem(node: INode, itemIndex: number): NodeOperationError {
		return new NodeOperationError(node, `${this.message} [item ${itemIndex}]`, {
			itemIndex,
			description: this.description,
		});
	}
}

/** Counts characters as OpenIM does (Unicode code points), not UTF-16 units. */
const length = (text: string) => Array.from(text).length;

/** Text from a parameter or expression; numbers are accepted as their decimal form. */
export function toText(param: Param, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new ParameterError(
		param,
		`must be text, not ${Array.isArray(value) ? 'a list' : typeof value}`,
	);
}

export function checkText(
	param: Param,
	value: unknown,
	{ required = false, maxLength }: { required?: boolean; maxLength?: number } = {},
): string {
	const text = toText(param, value);
	if (required && !text.trim()) throw new ParameterError(param, 'is required');
	if (maxLength !== undefined && length(text) > maxLength) {
		throw new ParameterError(
			param,
			`is ${length(text)} characters long; OpenIM allows at most ${maxLength}`,
		);
	}
	return required ? text.trim() : text;
}

export function getText(
	read: ItemReader,
	param: Param,
	rules: { required?: boolean; maxLength?: number } = {},
): string {
	return checkText(param, read.value(param.name, ''), rules);
}

/** A whole number within the allowed values (options arrive as numbers, expressions as text). */
export function checkChoice(param: Param, value: unknown, allowed: readonly number[]): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !allowed.includes(number)) {
		throw new ParameterError(
			param,
			`must be one of ${[...allowed].sort((a, b) => a - b).join(', ')}`,
		);
	}
	return number;
}

export function checkNumber(
	param: Param,
	value: unknown,
	{ integer = false, min, max }: { integer?: boolean; min?: number; max?: number } = {},
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw new ParameterError(param, 'must be a number');
	}
	if (integer && !Number.isSafeInteger(number))
		throw new ParameterError(param, 'must be a whole number');
	if (min !== undefined && number < min) throw new ParameterError(param, `must be at least ${min}`);
	if (max !== undefined && number > max) throw new ParameterError(param, `must be at most ${max}`);
	return number;
}

/**
 * A list of IDs from a comma-separated string or an array expression. Blank
 * entries are dropped and repeats kept once, so OpenIM never sees either.
 */
export function checkList(
	param: Param,
	value: unknown,
	{ required = true, maxLength }: { required?: boolean; maxLength?: number } = {},
): string[] {
	const entries = Array.isArray(value)
		? value.map((entry) => toText(param, entry))
		: toText(param, value).split(',');
	const list = [...new Set(entries.map((entry) => entry.trim()).filter((entry) => entry !== ''))];
	if (required && list.length === 0) throw new ParameterError(param, 'needs at least one ID');
	const tooLong =
		maxLength === undefined ? undefined : list.find((entry) => length(entry) > maxLength);
	if (tooLong !== undefined) {
		throw new ParameterError(
			param,
			`contains "${tooLong.slice(0, 80)}", longer than ${maxLength} characters`,
		);
	}
	return list;
}

export function getList(
	read: ItemReader,
	param: Param,
	rules: { required?: boolean; maxLength?: number } = {},
): string[] {
	return checkList(param, read.value(param.name, ''), rules);
}

/** A JSON object or array from a JSON parameter (text) or an expression (already parsed). */
export function checkJson(
	param: Param,
	value: unknown,
	expect: 'object' | 'array',
): IDataObject | IDataObject[] {
	let parsed = value;
	let invalid: string | undefined;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			invalid = (error as Error).message;
		}
	}
	if (invalid !== undefined) throw new ParameterError(param, `is not valid JSON: ${invalid}`);
	const isArray = Array.isArray(parsed);
	if (parsed === null || typeof parsed !== 'object' || isArray !== (expect === 'array')) {
		throw new ParameterError(param, `must be a JSON ${expect}`);
	}
	return parsed as IDataObject | IDataObject[];
}

/** The optional text fields present in `fields`, checked, ready for a request body. */
export function optionalTexts(
	fields: IDataObject,
	params: Array<Param & { maxLength?: number }>,
): IDataObject {
	const body: IDataObject = {};
	for (const param of params) {
		if (fields[param.name] === undefined) continue;
		body[param.name] = checkText(param, fields[param.name], {
			maxLength: param.maxLength,
		});
	}
	return body;
}

export function getAdditionalFields(read: ItemReader): IDataObject {
	return read.value('additionalFields', {}) as IDataObject;
}

/** The values a property of type options offers. */
export function optionValues(property: INodeProperties): number[] {
	return (property.options as INodePropertyOptions[]).map((option) => option.value as number);
}

/** A property's name and label, for the messages that name it. */
export function paramOf(property: INodeProperties, parent?: INodeProperties): Param {
	return parent
		? {
				name: `${parent.name}.${property.name}`,
				displayName: `${parent.displayName} ${property.displayName}`,
			}
		: { name: property.name, displayName: property.displayName };
}

/** A choice among a property's options (read once per run unless it holds an expression). */
export function getChoice(read: ItemReader, property: INodeProperties): number {
	return checkChoice(property, read.value(property.name), optionValues(property));
}

export interface FieldRules {
	/** Text fields and their most characters. */
	maxLength?: Record<string, number>;
	/** Text fields that hold a list of IDs. */
	lists?: string[];
}

/**
 * The fields of a collection parameter that the user added, each checked by
 * its own declaration: text, number, boolean, or one of its options.
 */
export function collectionValues(
	collection: INodeProperties,
	values: IDataObject,
	rules: FieldRules = {},
): IDataObject {
	const body: IDataObject = {};
	for (const field of collection.options as INodeProperties[]) {
		const value = values[field.name];
		if (value === undefined) continue;
		const param = { name: field.name, displayName: field.displayName };
		if (rules.lists?.includes(field.name)) {
			body[field.name] = checkList(param, value, {
				required: false,
				maxLength: rules.maxLength?.[field.name],
			});
		} else if (field.type === 'options') {
			body[field.name] = checkChoice(param, value, optionValues(field));
		} else if (field.type === 'number') {
			body[field.name] = checkNumber(param, value, {
				integer: true,
				min: field.typeOptions?.minValue,
			});
		} else if (field.type === 'boolean') {
			if (typeof value !== 'boolean') throw new ParameterError(param, 'must be true or false');
			body[field.name] = value;
		} else if (field.type === 'collection') {
			const nested =
				value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
			body[field.name] = collectionValues(field, nested, rules);
		} else {
			body[field.name] = checkText(param, value, {
				maxLength: rules.maxLength?.[field.name],
			});
		}
	}
	return body;
}

/** The fields the user added to a collection parameter of the item (see collectionValues). */
export function getCollection(
	read: ItemReader,
	collection: INodeProperties,
	rules: FieldRules = {},
): IDataObject {
	return collectionValues(collection, read.value(collection.name, {}) as IDataObject, rules);
}

/** An Update Fields collection of the item, refused when empty unless the item `changesElse`. */
export function getChanges(
	read: ItemReader,
	collection: INodeProperties,
	changesElse: () => boolean = () => false,
): IDataObject {
	const fields = getCollection(read, collection);
	if (!Object.keys(fields).length && !changesElse())
		throw new ParameterError(paramOf(collection), 'needs at least one field to change');
	return fields;
}

/** The collections of optional fields, as n8n's nodes name them. */
const COLLECTIONS = {
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
	options: { displayName: 'Options', placeholder: 'Add option' },
};

/** The options of an options property, given as label → value in the order the editor lists them. */
export function choices(values: Record<string, number | string>): INodePropertyOptions[] {
	return Object.entries(values).map(([name, value]) => ({ name, value }));
}

/** An options property of `choices`; its default is the first choice unless `rest` gives one. */
export function choiceProperty(
	displayName: string,
	name: string,
	values: Record<string, number | string>,
	rest: Partial<INodeProperties> = {},
): INodeProperties {
	const options = choices(values);
	const first = options[0].value;
	return { displayName, name, type: 'options', options, default: first, ...rest };
}

/** An Additional Fields, Update Fields, Filters or Options collection: its options, and a description if any. */
export function collectionProperty(
	name: keyof typeof COLLECTIONS,
	fields: Pick<INodeProperties, 'options' | 'description'>,
): INodeProperties {
	const { displayName, placeholder } = COLLECTIONS[name];
	// In the order n8n's own nodes write them (the editor's fixture compares the definitions as JSON).
	return { displayName, name, type: 'collection', placeholder, default: {}, ...fields };
}
