import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoints, Form, MessageInput } from '../../api/types';
import { nodeParameter } from '../../helpers/params';
import type { Session } from '../../transport';
import { problemsOf, readConfig } from '../../sendAndWait/config';
import { sendAndWaitProperties } from '../../sendAndWait/descriptions';
import { answersOf, messageText } from '../../sendAndWait/message';
import { waitTillOf } from '../../sendAndWait/waitTill';
import { call, endpointOf } from '../call';
import type { Field } from '../operation';
import { readReceiver, receiverProperties } from './send.operation';

const TEXT = 101;

/** Where each generation's text message (101) holds its text. */
const TEXT_KEY: Record<Form, string> = { '2021': 'text', v3: 'content' };

export const description: Field[] = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendAndWait'] } },
	[...receiverProperties, ...sendAndWaitProperties],
);

/** It sends through Send's endpoint (offered by both generations). */
export const needs: Array<keyof Endpoints> = ['message.send'];

/** n8n 1.x checks a link's signature only once asked to; 2.x has no such method and always checks. */
interface SignatureCheck {
	setSignatureValidationRequired?: () => void;
}

/**
 * One text message for the whole run (the first item's parameters, as n8n's own chat nodes do):
 * the question and one signed link per answer. Then the execution waits: the answer resumes it
 * through the node's webhook, the wait limit with the input items.
 */
export async function run(this: IExecuteFunctions, api: Session): Promise<INodeExecutionData[][]> {
	const read = api.params.item(0);
	const parameter = (name: string, fallback: unknown) => nodeParameter(read, name, fallback);
	const fail = problemsOf(this.getNode(), 0);
	const config = readConfig(parameter, fail);
	const waitTill = waitTillOf(parameter, fail);
	const receiver = readReceiver(read, api.form, TEXT);
	(this as unknown as SignatureCheck).setSignatureValidationRequired?.();
	const links = answersOf(config).map(({ label, query }) => ({
		label,
		url: this.getSignedResumeUrl(query),
	}));
	const input: MessageInput = {
		...receiver,
		contentType: TEXT,
		content: { [TEXT_KEY[api.form]]: messageText(config, links) },
		fields: {},
	};
	await call(this, api, endpointOf(this, api, 'message.send'), input, { itemIndex: 0 });
	await this.putExecutionToWait(waitTill);
	return [this.getInputData()];
}
