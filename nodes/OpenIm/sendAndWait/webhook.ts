import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { problemsOf, readConfig } from './config';
import { answerOf } from './form';
import { approvalPage, formPage, PAGE_HEADERS, recordedPage } from './pages';

interface PageResponse {
	statusCode: number;
	setHeader(name: string, value: string): unknown;
	end(body: string): unknown;
}

function send(res: PageResponse, statusCode: number, html: string) {
	res.statusCode = statusCode;
	for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
	res.end(html);
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** n8n hands a multipart form over as {data, files}, a urlencoded one as the fields themselves. */
function submittedFields(ctx: IWebhookFunctions): IDataObject {
	const body = ctx.getBodyData();
	return isObject(body.data) ? body.data : isObject(body) ? body : {};
}

/**
 * The links of a waiting Send and Wait node (n8n checked their signature before this runs).
 * GET shows the page of the link: the approval's one button, or the form. It records nothing, so
 * that link previews of chat apps and mail scanners answer nothing. POST records the answer, which
 * resumes the execution; n8n itself answers every later request of the finished wait.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const res = this.getResponseObject() as unknown as PageResponse;
	const config = readConfig(
		(name, fallback) => this.getNodeParameter(name, fallback),
		problemsOf(this.getNode()),
	);
	const approved = (this.getQueryData() as IDataObject).approved === 'true';
	const label = approved ? config.approval.approveLabel : config.approval.disapproveLabel;
	const { form, fields } = config;

	if (req.method !== 'POST') {
		send(
			res,
			200,
			config.responseType === 'approval'
				? approvalPage(config.message, label)
				: formPage(form, fields),
		);
		return { noWebhookResponse: true };
	}
	let data: IDataObject;
	if (config.responseType === 'approval') {
		data = { approved };
	} else {
		const answer = answerOf(fields, submittedFields(this));
		if ('problem' in answer) {
			send(res, 400, formPage({ ...form, problem: answer.problem }, fields));
			return { noWebhookResponse: true };
		}
		data = answer.data;
	}
	send(res, 200, recordedPage(config.responseType === 'approval' ? label : undefined));
	return {
		noWebhookResponse: true,
		workflowData: [[{ json: { data: { ...data, respondedAt: new Date().toISOString() } } }]],
	};
}
