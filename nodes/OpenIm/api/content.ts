import type { Param } from '../helpers/params';

/** What every generation's content-type table is made of. */
export type Kind =
	'text' | 'number' | 'boolean' | 'list' | 'lines' | 'json' | 'jsonArray' | 'picture';

export interface ContentField extends Param {
	kind: Kind;
	required?: boolean;
	description?: string;
	placeholder?: string;
	min?: number;
	max?: number;
	/** int32/int64 in the element struct. */
	integer?: boolean;
	/** The element struct's key, where it is not the parameter's name (3.x text: `content`). */
	key?: string;
	/** Pictures: whether size may be 0 (3.x checks only type, url, width and height). */
	sizeOptional?: boolean;
}

/** Largest value of the element structs' int32 fields (widths and heights). */
export const INT32_MAX = 2 ** 31 - 1;

export interface ContentType {
	value: number;
	name: string;
	description: string;
	fields: ContentField[];
	/** The session types the server takes this content type with, where it restricts them. */
	sessionTypes?: number[];
}

export const bytes = (name: string, displayName: string): ContentField => ({
	name,
	displayName,
	kind: 'number',
	integer: true,
	min: 0,
	description: 'Size in bytes',
});
export const pixels = (name: string, displayName: string): ContentField => ({
	name,
	displayName,
	kind: 'number',
	integer: true,
	min: 0,
	max: INT32_MAX,
});
export const seconds: ContentField = {
	name: 'duration',
	displayName: 'Duration',
	kind: 'number',
	integer: true,
	min: 0,
	description: 'Length in seconds',
};
export const text = (description: string): ContentField => ({
	name: 'text',
	displayName: 'Text',
	kind: 'text',
	required: true,
	description,
});
