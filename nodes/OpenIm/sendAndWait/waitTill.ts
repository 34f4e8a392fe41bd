import type { IDataObject } from 'n8n-workflow';
import { WAIT_INDEFINITELY } from 'n8n-workflow';

import type { Problem, ReadParameter } from './config';

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/**
 * Until when the execution waits for the answer: for ever without Limit Wait Time; past it, n8n
 * resumes the execution with the node's input items.
 */
export function waitTillOf(read: ReadParameter, fail: Problem, now = Date.now()): Date {
	const problem = (what: string) => fail('Limit Wait Time', 'options.limitWaitTime', what);
	// Read from the whole collection: n8n's getNodeParameter throws for a path that was never set.
	const options = (read('options', {}) ?? {}) as IDataObject;
	const limit = (options.limitWaitTime as IDataObject | undefined)?.values as
		IDataObject | undefined;
	if (!limit || Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	if ((limit.limitType ?? 'afterTimeInterval') === 'afterTimeInterval') {
		const amount = Number(limit.resumeAmount ?? 1);
		const unit = UNIT_MS[String(limit.resumeUnit ?? 'hours')];
		if (unit === undefined)
			throw problem(`has the unit "${String(limit.resumeUnit)}"; use minutes, hours or days`);
		if (!Number.isFinite(amount) || amount <= 0)
			throw problem(`needs an amount above 0, not ${String(limit.resumeAmount)}`);
		return new Date(now + amount * unit);
	}
	if (limit.limitType !== 'atSpecifiedTime')
		throw problem(
			`has the type "${String(limit.limitType)}"; use afterTimeInterval or atSpecifiedTime`,
		);
	const until = new Date(String(limit.maxDateAndTime ?? ''));
	if (Number.isNaN(until.getTime()))
		throw problem(`needs a date and time, not "${String(limit.maxDateAndTime ?? '')}"`);
	return until;
}
