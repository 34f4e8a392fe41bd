import type { SendAndWaitConfig } from './config';

/** One answer of the message: what the message names it and the signed link that gives it. */
export interface AnswerLink {
	label: string;
	url: string;
}

/** The query of each answer's link, as n8n's own Send and Wait nodes sign them. */
export function answersOf(
	config: SendAndWaitConfig,
): Array<{ label: string; query: Record<string, string> }> {
	if (config.responseType !== 'approval')
		return [{ label: config.messageButtonLabel, query: { approved: 'true' } }];
	const approve = { label: config.approval.approveLabel, query: { approved: 'true' } };
	return config.approval.double
		? [approve, { label: config.approval.disapproveLabel, query: { approved: 'false' } }]
		: [approve];
}

/**
 * The text of the OpenIM message: the question, then one line per answer with its link. Chat apps
 * turn the URLs into links; opening one shows a page, and only its button records the answer.
 */
export function messageText(config: SendAndWaitConfig, links: AnswerLink[]): string {
	return [config.message, '', ...links.map((link) => `${link.label}: ${link.url}`)].join('\n');
}
