import { mockDeep } from 'jest-mock-extended';
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	checkList,
	nodeParameter,
	ParameterError,
	RunParameters,
} from '../../nodes/OpenIm/helpers/params';

function context(parameters: Record<string, unknown>) {
	const ctx = mockDeep<IExecuteFunctions>();
	ctx.getNode.mockReturnValue({
		id: 'n',
		name: 'OpenIM',
		type: 'openIm',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as never,
	});
	ctx.getNodeParameter.mockImplementation(
		((name: string, item: number) => `${name}@${item}`) as never,
	);
	return ctx;
}

/** One node run's parameters (the router makes one per execution), read for an item. */
function runOf(ctx: IExecuteFunctions) {
	const run = new RunParameters(ctx);
	return (name: string, item: number) => nodeParameter(run.item(item), name);
}

describe('nodeParameter', () => {
	it('reads an expression that is only a text field of the item from the item, anything else through n8n', () => {
		const ctx = context({
			uid: '={{ $json.uid }}',
			name: '={{ $json.name }}',
			ex: '={{ $json.uid.trim() }}',
		});
		const read = runOf(ctx);
		ctx.getInputData.mockReturnValue([{ json: { uid: 'alice', name: 5 } }]);
		expect(read('uid', 0)).toBe('alice');
		expect(ctx.getNodeParameter).not.toHaveBeenCalled();
		expect(read('name', 0)).toBe('name@0');
		expect(read('ex', 0)).toBe('ex@0');
		expect(ctx.getNodeParameter).toHaveBeenCalledTimes(2);
	});

	it('reads a parameter without an expression once per run', () => {
		const ctx = context({ contentType: 101, options: { timeout: 5 } });
		const read = runOf(ctx);
		expect([0, 1, 2].map((item) => read('contentType', item))).toEqual([
			'contentType@0',
			'contentType@0',
			'contentType@0',
		]);
		expect(read('options', 3)).toBe('options@3');
		expect(read('options', 4)).toBe('options@3');
		expect(ctx.getNodeParameter).toHaveBeenCalledTimes(2);
	});

	it('reads a parameter holding an expression, at any depth, for every item', () => {
		const ctx = context({
			text: '=Hi {{ $json.n }}',
			additionalFields: { email: '={{ $json.email }}' },
			memberList: { members: [{ uid: '={{ 1 }}' }] },
		});
		const read = runOf(ctx);
		for (const name of ['text', 'additionalFields', 'memberList']) {
			expect([0, 1].map((item) => read(name, item))).toEqual([`${name}@0`, `${name}@1`]);
		}
	});

	it('keeps each run apart', () => {
		const first = context({ contentType: 101 });
		const second = context({ contentType: 101 });
		runOf(first)('contentType', 0);
		expect(runOf(second)('contentType', 5)).toBe('contentType@5');
	});
});

describe('ParameterError', () => {
	it("names the parameter; the item is named once, when it becomes an item's error", () => {
		const param = { name: 'uidList', displayName: 'User IDs' };
		const refused = new ParameterError(param, 'needs at least one ID');
		expect(refused.message).toBe('User IDs needs at least one ID');
		const error = refused.forItem({ name: 'OpenIM' } as INode, 4);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('User IDs needs at least one ID [item 4]');
		expect(error.context.itemIndex).toBe(4);
		expect(error.description).toBe('Check the parameter "User IDs" (uidList).');
	});
});

describe('checkList', () => {
	const param = { name: 'uidList', displayName: 'User IDs' };

	it('takes comma-separated text or an array, dropping blanks and repeats', () => {
		expect(checkList(param, ' a, b,,a , c ')).toEqual(['a', 'b', 'c']);
		expect(checkList(param, ['a', 7, ' a ', ''])).toEqual(['a', '7']);
	});

	it('names the parameter when the list is empty or an entry is not text', () => {
		expect(() => checkList(param, ' , ')).toThrow('User IDs needs at least one ID');
		expect(() => checkList(param, [{ uid: 'a' }])).toThrow('User IDs must be text, not object');
		expect(() => checkList(param, 'x'.repeat(65), { maxLength: 64 })).toThrow(
			/longer than 64 characters/,
		);
	});
});
