import { mockDeep } from 'jest-mock-extended';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { RunParameters } from '../../nodes/OpenIm/helpers/params';
import {
	CONTENT_TYPES,
	checkContentJson,
	contentFieldProperties,
	contentFromFields,
	contentTypeOptions,
} from '../../nodes/OpenIm/actions/message/content';
import { OpenIm } from '../../nodes/OpenIm/OpenIm.node';

function context(parameters: Record<string, unknown>) {
	const ctx = mockDeep<IExecuteFunctions>();
	ctx.getNode.mockReturnValue({
		id: 'n',
		name: 'OpenIM',
		type: 'openIm',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	});
	ctx.getNodeParameter.mockImplementation(((name: string, _item: number, fallback?: unknown) =>
		name in parameters ? parameters[name] : fallback) as never);
	return ctx;
}

describe('content type table', () => {
	it('covers every content type of the doc, each with its own fields', () => {
		expect(CONTENT_TYPES.map((type) => type.value)).toEqual([
			101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 114,
		]);
		expect(contentTypeOptions).toHaveLength(13);
		for (const type of CONTENT_TYPES)
			expect(type.fields.some((field) => field.required)).toBe(true);
	});

	it('shows each field only for its content type and the Fields input', () => {
		for (const property of contentFieldProperties) {
			expect(property.displayOptions?.show?.contentMode).toEqual(['fields']);
			expect(property.displayOptions?.show?.contentType).toHaveLength(1);
		}
	});

	it('never shows two fields of the same name at once', () => {
		const { properties } = new OpenIm().description;
		// A field the upload fills (unless given) has one property per generation and File Source.
		const shownFor = (property: INodeProperties, apiVersion: string, source: string) =>
			(property.displayOptions?.show?.apiVersion ?? [apiVersion]).includes(apiVersion) &&
			!(property.displayOptions?.hide?.fileSource ?? []).includes(source) &&
			(property.displayOptions?.show?.fileSource ?? [source]).includes(source);
		for (const type of CONTENT_TYPES) {
			for (const [apiVersion, source] of [
				['2021', 'url'],
				['2021', 'binary'],
				['v3', 'url'],
				['v3', 'binary'],
			]) {
				const shown = properties.filter(
					(property) =>
						property.displayOptions?.show?.contentType?.includes(type.value) &&
						shownFor(property, apiVersion, source),
				);
				expect(new Set(shown.map((property) => property.name)).size).toBe(shown.length);
			}
		}
	});

	it('builds the element struct from the fields, with defaults', () => {
		const ctx = context({ sourceUrl: 'https://x/f.pdf', fileName: 'f.pdf' });
		expect(contentFromFields(new RunParameters(ctx).item(0), 105)).toEqual({
			sourceUrl: 'https://x/f.pdf',
			fileName: 'f.pdf',
			fileSize: 0,
			uuid: '',
			filePath: '',
		});
	});

	it('accepts numbers given as text by an expression, and refuses other text', () => {
		expect(
			contentFromFields(
				new RunParameters(context({ longitude: '116.4', latitude: '-39.9' })).item(0),
				109,
			),
		).toEqual({ description: '', longitude: 116.4, latitude: -39.9 });
		expect(() =>
			contentFromFields(
				new RunParameters(context({ longitude: 'east', latitude: 1 })).item(0),
				109,
			),
		).toThrow('Longitude must be a number');
	});

	it('checks the required fields of a JSON content object', () => {
		const picture = { uuid: '', type: 'image/png', size: 10, width: 2, height: 3, url: 'u' };
		expect(checkContentJson(102, { sourcePicture: picture, extra: 1 })).toEqual({
			sourcePicture: picture,
			bigPicture: picture,
			snapshotPicture: picture,
			extra: 1,
		});
		expect(() => checkContentJson(102, '{"text":"x"}')).toThrow(
			'needs "sourcePicture" for content type 102',
		);
		expect(() => checkContentJson(102, '{"sourcePicture":{"url":"u"}}')).toThrow(
			'Content (JSON) sourcePicture type is required',
		);
		expect(checkContentJson(101, { text: 42 })).toEqual({ text: '42' });
		expect(() => checkContentJson(101, { text: { a: 1 } })).toThrow(
			'Content (JSON) text must be text, not object',
		);
		expect(() => checkContentJson(110, 'not json')).toThrow(/Content \(JSON\) is not valid JSON/);
		expect(() => checkContentJson(110, [])).toThrow('Content (JSON) must be a JSON object');
	});
});

describe('node description', () => {
	it('keeps the public contract of DESIGN.md', () => {
		const { description } = new OpenIm();
		expect(description).toMatchObject({
			name: 'openIm',
			displayName: 'OpenIM',
			usableAsTool: true,
		});
		// The 2021 contract, as the node shows it for OpenIM Version 2021; the 3.x one is in v3.test.ts.
		expect(description.credentials).toContainEqual(
			expect.objectContaining({
				name: 'openImApi',
				required: true,
				displayOptions: { show: { apiVersion: ['2021'] } },
			}),
		);
		const for2021 = (property: INodeProperties) =>
			property.displayOptions?.show?.apiVersion?.includes('2021') ?? true;
		const operations = (resource: string) =>
			description.properties
				.filter(
					(property) =>
						property.name === 'operation' &&
						property.displayOptions?.show?.resource?.includes(resource) &&
						for2021(property),
				)
				.flatMap((property) =>
					(property.options as Array<{ value: string }>).map((option) => option.value),
				)
				.sort();
		expect(operations('user')).toEqual([
			'createOrUpdate',
			'delete',
			'get',
			'getAll',
			'getToken',
			'register',
			'update',
		]);
		expect(operations('group')).toEqual(['create', 'inviteUsers', 'kickUsers']);
		expect(operations('friend')).toEqual(['addToBlacklist', 'import']);
		expect(operations('message')).toEqual(['send', 'sendAndWait']);
		const names = new Set(description.properties.map((property) => property.name));
		for (const name of [
			'uid',
			'name',
			'platform',
			'groupName',
			'groupID',
			'ownerUid',
			'sendID',
			'recvID',
			'sessionType',
			'contentType',
			'content',
			'uidList',
			'deleteUidList',
			'uidListInfo',
			'memberList',
			'reason',
			'returnAll',
			'limit',
			'additionalFields',
			'options',
			'text',
			'data',
			'sourcePicture',
		]) {
			expect(names).toContain(name);
		}
	});
});
