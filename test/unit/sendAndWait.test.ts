import type { IWebhookFunctions } from 'n8n-workflow';

import { OpenIm } from '../../nodes/OpenIm/OpenIm.node';
import { readConfig, problemsOf } from '../../nodes/OpenIm/sendAndWait/config';
import { SEND_AND_WAIT_WEBHOOKS } from '../../nodes/OpenIm/sendAndWait/descriptions';
import { answersOf, messageText } from '../../nodes/OpenIm/sendAndWait/message';
import {
	approvalPage,
	escapeHtml,
	formPage,
	PAGE_HEADERS,
	recordedPage,
} from '../../nodes/OpenIm/sendAndWait/pages';
import { FREE_TEXT_FIELD } from '../../nodes/OpenIm/sendAndWait/config';
import { waitTillOf } from '../../nodes/OpenIm/sendAndWait/waitTill';

const NODE = {
	id: 'n1',
	name: 'Ask',
	type: 'n8n-nodes-openim.openIm',
	typeVersion: 2,
	position: [0, 0] as [number, number],
	parameters: {},
};
const HOSTILE = `<script>alert(1)</script>"'\`&<img src=x onerror=alert(2)>`;

/**
 * A parameter reader over a plain object, by dotted path, as n8n's getNodeParameter reads one:
 * a path that is not set gives the fallback, and without a fallback it throws as n8n does.
 */
const reader = (parameters: Record<string, unknown>) => (name: string, fallback: unknown) => {
	const value = name
		.split('.')
		.reduce<unknown>(
			(at, key) =>
				at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined,
			parameters,
		);
	if (value !== undefined) return value;
	if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
	return fallback;
};

/** Every page must be usable under n8n's sandbox CSP: no script, nothing loaded from elsewhere. */
function expectSelfContained(html: string) {
	expect(html).not.toMatch(/<script/i);
	// User text has its < and quotes escaped: every < left opens our own tag, every " delimits a value.
	const attributeNames = [...html.matchAll(/<[a-z]+([^>]*)>/gi)].flatMap(([, attributes]) =>
		[...attributes.replace(/"[^"]*"/g, '""').matchAll(/([a-z-]+)=/gi)].map(([, name]) =>
			name.toLowerCase(),
		),
	);
	expect(attributeNames.length).toBeGreaterThan(0);
	expect(attributeNames.filter((name) => name.startsWith('on'))).toEqual([]);
	expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
	expect(html).not.toMatch(/<link\b/i);
	expect(html).not.toMatch(/@import|url\(/i);
	expect(html).not.toContain('javascript:');
}

interface Answer {
	status: number;
	headers: Record<string, string>;
	body: string;
}

/** Runs the node's webhook() as n8n would for one request of a link (unit level: a fake context). */
async function request(
	method: 'GET' | 'POST',
	parameters: Record<string, unknown>,
	query: Record<string, string>,
	body: Record<string, unknown> = {},
) {
	const answer: Answer = { status: 0, headers: {}, body: '' };
	const res = {
		statusCode: 0,
		setHeader(name: string, value: string) {
			answer.headers[name.toLowerCase()] = value;
		},
		end(html: string) {
			answer.status = res.statusCode;
			answer.body = html;
		},
	};
	const ctx = {
		getNode: () => NODE,
		getNodeParameter: reader(parameters),
		getRequestObject: () => ({ method }),
		getResponseObject: () => res,
		getQueryData: () => query,
		getBodyData: () => body,
	} as unknown as IWebhookFunctions;
	const result = await new OpenIm().webhook.call(ctx);
	return { answer, result };
}

describe('Send and Wait pages', () => {
	it('escape every character that could start markup or leave an attribute', () => {
		expect(escapeHtml(HOSTILE)).not.toMatch(/[<>"'`]/);
		expect(escapeHtml('a & b')).toBe('a &#38; b');
	});

	it('show user text as text on the approval, form and recorded pages', () => {
		const pages = [
			approvalPage(HOSTILE, HOSTILE),
			formPage({ title: HOSTILE, description: HOSTILE, buttonLabel: HOSTILE, problem: HOSTILE }, [
				{ ...FREE_TEXT_FIELD, label: HOSTILE, placeholder: HOSTILE, defaultValue: HOSTILE },
				{
					type: 'dropdown',
					label: HOSTILE,
					key: 'k',
					placeholder: '',
					defaultValue: '',
					required: false,
					choices: [HOSTILE],
					multiselect: false,
				},
				{
					type: 'radio',
					label: 'r',
					key: 'r',
					placeholder: '',
					defaultValue: '',
					required: true,
					choices: [HOSTILE],
					multiselect: false,
				},
			]),
			recordedPage(HOSTILE),
		];
		for (const html of pages) {
			expect(html).not.toContain('<script>');
			expect(html).not.toContain('<img');
			expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
			expectSelfContained(html);
		}
	});

	it('post forms back to their own signed URL as multipart/form-data', () => {
		for (const html of [
			approvalPage('May I?', 'Approve'),
			formPage({ title: '', description: 'Why?', buttonLabel: 'Submit' }, [FREE_TEXT_FIELD]),
		]) {
			const forms = html.match(/<form[^>]*>/g) ?? [];
			expect(forms).toEqual(['<form method="post" enctype="multipart/form-data">']);
		}
	});

	it('are sent sandboxed, with nothing allowed from elsewhere and never cached', () => {
		expect(PAGE_HEADERS['content-security-policy']).toMatch(/^sandbox allow-forms;/);
		expect(PAGE_HEADERS['content-security-policy']).toContain("default-src 'none'");
		expect(PAGE_HEADERS['content-security-policy']).not.toContain('allow-scripts');
		expect(PAGE_HEADERS['cache-control']).toBe('no-store');
	});
});

describe('Send and Wait links (webhook)', () => {
	const approval = {
		message: 'Refund order A-1001?',
		responseType: 'approval',
		approvalOptions: {
			values: { approvalType: 'double', approveLabel: 'Yes', disapproveLabel: 'No' },
		},
	};

	it('GET of an approval link shows one button and records nothing', async () => {
		for (const approved of ['true', 'false']) {
			const { answer, result } = await request('GET', approval, { approved });
			expect(result).toEqual({ noWebhookResponse: true });
			expect(result.workflowData).toBeUndefined();
			expect(answer.status).toBe(200);
			expect(answer.headers['content-security-policy']).toBe(
				PAGE_HEADERS['content-security-policy'],
			);
			expect(answer.body.match(/<button/g)).toHaveLength(1);
			expect(answer.body).toContain(`>${approved === 'true' ? 'Yes' : 'No'}</button>`);
			expect(answer.body).toContain('Refund order A-1001?');
		}
	});

	it('POST of an approval link records the answer of that link', async () => {
		for (const approved of [true, false]) {
			const { answer, result } = await request('POST', approval, { approved: String(approved) });
			const [[item]] = result.workflowData!;
			expect(item.json.data).toEqual({ approved, respondedAt: expect.any(String) });
			expect(
				Number.isNaN(Date.parse((item.json.data as { respondedAt: string }).respondedAt)),
			).toBe(false);
			expect(answer.body).toContain(
				approved ? 'Your answer "Yes" was recorded.' : 'Your answer "No" was recorded.',
			);
		}
	});

	it('free text: GET shows the form, POST (multipart, as n8n hands it over) records the text', async () => {
		const freeText = { message: 'What went wrong?', responseType: 'freeText' };
		const shown = await request('GET', freeText, { approved: 'true' });
		expect(shown.result.workflowData).toBeUndefined();
		expect(shown.answer.body).toContain('<textarea id="f0" name="field-0" required>');
		const { result } = await request(
			'POST',
			freeText,
			{ approved: 'true' },
			{ data: { 'field-0': 'The disk is full' }, files: {} },
		);
		expect(result.workflowData![0][0].json.data).toEqual({
			text: 'The disk is full',
			respondedAt: expect.any(String),
		});
	});

	it('custom form: answers by field label; a missing required field shows the form again and records nothing', async () => {
		const form = {
			message: 'Expense',
			responseType: 'customForm',
			formFields: {
				values: [
					{ fieldLabel: 'Amount', fieldType: 'number', requiredField: true },
					{
						fieldLabel: 'Tags',
						fieldType: 'checkbox',
						fieldOptions: { values: [{ option: 'travel' }, { option: 'food' }] },
					},
					{ fieldType: 'hiddenField', fieldName: 'ticket', fieldValue: 'T-7' },
				],
			},
		};
		const refused = await request('POST', form, { approved: 'true' }, { data: {} });
		expect(refused.result.workflowData).toBeUndefined();
		expect(refused.answer.status).toBe(400);
		expect(refused.answer.body).toContain('&#34;Amount&#34; is required.');
		const { result } = await request(
			'POST',
			form,
			{ approved: 'true' },
			{ data: { 'field-0': '42.5', 'field-1': ['travel', 'food'] } },
		);
		expect(result.workflowData![0][0].json.data).toEqual({
			Amount: 42.5,
			Tags: ['travel', 'food'],
			ticket: 'T-7',
			respondedAt: expect.any(String),
		});
	});

	it('a choice that the form did not offer is refused', async () => {
		const form = {
			message: 'Pick',
			responseType: 'customForm',
			defineForm: 'json',
			jsonOutput:
				'[{"fieldLabel":"Size","fieldType":"dropdown","fieldOptions":{"values":[{"option":"S"}]}}]',
		};
		const { answer, result } = await request(
			'POST',
			form,
			{ approved: 'true' },
			{ data: { 'field-0': 'XL' } },
		);
		expect(result.workflowData).toBeUndefined();
		expect(answer.body).toContain('must be one of the choices offered');
	});
});

describe('Send and Wait message and settings', () => {
	const fail = problemsOf(NODE);

	it('names each answer beside its link, one link per answer', () => {
		const config = readConfig(
			reader({
				message: 'Deploy?',
				approvalOptions: { values: { approvalType: 'double', approveLabel: 'Ship it' } },
			}),
			fail,
		);
		expect(answersOf(config)).toEqual([
			{ label: 'Ship it', query: { approved: 'true' } },
			{ label: 'Decline', query: { approved: 'false' } },
		]);
		const text = messageText(config, [
			{
				label: 'Ship it',
				url: 'https://n8n.example/webhook-waiting/1/n1?approved=true&signature=a',
			},
			{
				label: 'Decline',
				url: 'https://n8n.example/webhook-waiting/1/n1?approved=false&signature=b',
			},
		]);
		expect(text).toBe(
			'Deploy?\n\nShip it: https://n8n.example/webhook-waiting/1/n1?approved=true&signature=a\nDecline: https://n8n.example/webhook-waiting/1/n1?approved=false&signature=b',
		);
		const form = readConfig(
			reader({
				message: 'Why?',
				responseType: 'freeText',
				options: { messageButtonLabel: 'Answer here' },
			}),
			fail,
		);
		expect(answersOf(form)).toEqual([{ label: 'Answer here', query: { approved: 'true' } }]);
	});

	it('a bad parameter is an error naming it', () => {
		expect(() => readConfig(reader({ message: ' ' }), fail)).toThrow('Message is required');
		expect(() =>
			readConfig(
				reader({ message: 'x', responseType: 'customForm', defineForm: 'json', jsonOutput: '[' }),
				fail,
			),
		).toThrow('Form Fields (JSON) is not valid JSON');
		expect(() =>
			waitTillOf(
				reader({
					options: { limitWaitTime: { values: { resumeAmount: 2, resumeUnit: 'weeks' } } },
				}),
				fail,
			),
		).toThrow('Limit Wait Time has the unit "weeks"');
	});

	it('waits until the limit, or for ever without one', () => {
		const now = Date.UTC(2026, 0, 1);
		expect(
			waitTillOf(
				reader({
					options: {
						limitWaitTime: {
							values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' },
						},
					},
				}),
				fail,
				now,
			).getTime(),
		).toBe(now + 7_200_000);
		expect(
			waitTillOf(
				reader({
					options: {
						limitWaitTime: {
							values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2026-02-01T10:00:00Z' },
						},
					},
				}),
				fail,
			).toISOString(),
		).toBe('2026-02-01T10:00:00.000Z');
		expect(waitTillOf(reader({}), fail).getFullYear()).toBe(3000);
		// Options set, Limit Wait Time not: n8n stores no limitWaitTime key at all.
		expect(
			waitTillOf(reader({ options: { messageButtonLabel: 'Answer' } }), fail).getFullYear(),
		).toBe(3000);
	});

	it('declares the two waiting webhooks as n8n core does', () => {
		expect(new OpenIm().description.webhooks).toBe(SEND_AND_WAIT_WEBHOOKS);
		expect(SEND_AND_WAIT_WEBHOOKS).toEqual(
			['GET', 'POST'].map((httpMethod) => ({
				name: 'default',
				httpMethod,
				responseMode: 'onReceived',
				responseData: '',
				path: '={{ $nodeId }}',
				restartWebhook: true,
				isFullPath: true,
			})),
		);
	});
});
