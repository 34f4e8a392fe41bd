import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** One endpoint of the node: its editor fields and what it does for one input item. */
export interface Operation {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;
}

export interface Resource {
	operations: Record<string, Operation>;
	/** The Operation selector's entries, in the editor's order. */
	options: INodePropertyOptions[];
	/** Saved workflows omit default values: this one never changes. */
	defaultOperation: string;
}

/** The Operation selector and every operation's fields for one resource. */
export function resourceProperties(resource: string, { operations, options, defaultOperation }: Resource): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: defaultOperation,
		},
		...Object.values(operations).flatMap((operation) => operation.description),
	];
}
