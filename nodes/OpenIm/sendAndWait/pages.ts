import type { FormField } from './form';
import { inputName } from './form';

/** Text as HTML: every character that could start markup or end an attribute is escaped. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"'`]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Lines of user text as paragraphs (the text stays text: line breaks become <br>). */
const paragraphs = (text: string) =>
	text
		.split(/\r?\n\s*\r?\n/)
		.filter((part) => part.trim() !== '')
		.map((part) => `<p>${escapeHtml(part).replace(/\r?\n/g, '<br>')}</p>`)
		.join('');

/**
 * What every page is sent with: a sandbox (as n8n sandboxes the HTML of webhooks and forms),
 * no scripts, nothing loaded from elsewhere, and never cached, so that a shared link shows the
 * state of now.
 */
export const PAGE_HEADERS: Record<string, string> = {
	'content-type': 'text/html; charset=utf-8',
	'content-security-policy':
		"sandbox allow-forms; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
	'cache-control': 'no-store',
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
};

const STYLE = `
body{margin:0;background:#f4f5f7;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328}
main{max-width:480px;margin:48px auto;padding:32px;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{margin:0 0 16px;font-size:22px}
p{margin:0 0 12px;word-wrap:break-word}
label{display:block;margin:16px 0 6px;font-weight:600}
label.choice{font-weight:400;margin:6px 0}
input,select,textarea{box-sizing:border-box;width:100%;padding:8px 10px;font:inherit;border:1px solid #c9ccd1;border-radius:6px}
input[type=checkbox],input[type=radio]{width:auto;margin-right:8px}
textarea{min-height:120px}
button{margin-top:24px;width:100%;padding:12px;font:inherit;font-weight:600;color:#fff;background:#0b6bcb;border:0;border-radius:8px;cursor:pointer}
.note{color:#59636e;font-size:14px}
.problem{color:#b42318}
`;

/** A whole page: self-contained (its style inline), the title and text escaped. */
export function page(title: string, body: string): string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** A form that posts back to the page's own (signed) URL: no action attribute keeps path and query. */
const form = (inner: string, button: string) =>
	`<form method="post" enctype="multipart/form-data">${inner}<button type="submit">${escapeHtml(button)}</button></form>`;

/** One approval answer: the question and the answer's one button. Nothing is recorded until it is pressed. */
export function approvalPage(message: string, answer: string): string {
	return page(answer, `${paragraphs(message)}${form('', answer)}`);
}

export interface FormPageText {
	title: string;
	description: string;
	buttonLabel: string;
	problem?: string;
}

function fieldHtml(field: FormField, index: number): string {
	const name = inputName(index);
	const id = `f${index}`;
	const required = field.required ? ' required' : '';
	const label = `<label for="${id}">${escapeHtml(field.label)}${field.required ? ' *' : ''}</label>`;
	const attributes = `id="${id}" name="${name}"${required}${field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : ''}`;
	const defaults = field.defaultValue.split(',').map((choice) => choice.trim());
	switch (field.type) {
		case 'hiddenField':
			return '';
		case 'textarea':
			return `${label}<textarea ${attributes}>${escapeHtml(field.defaultValue)}</textarea>`;
		case 'dropdown': {
			const options = field.choices.map(
				(choice) =>
					`<option value="${escapeHtml(choice)}"${defaults.includes(choice) ? ' selected' : ''}>${escapeHtml(choice)}</option>`,
			);
			const blank = field.multiselect ? '' : '<option value=""></option>';
			return `${label}<select ${attributes}${field.multiselect ? ' multiple' : ''}>${blank}${options.join('')}</select>`;
		}
		case 'checkbox':
		case 'radio': {
			const type = field.type === 'radio' ? 'radio' : 'checkbox';
			const choices = field.choices.map(
				(choice, at) =>
					`<label class="choice"><input type="${type}" id="${id}-${at}" name="${name}" value="${escapeHtml(choice)}"${defaults.includes(choice) ? ' checked' : ''}${field.type === 'radio' ? required : ''}>${escapeHtml(choice)}</label>`,
			);
			return `<fieldset style="border:0;padding:0;margin:0"><legend><label>${escapeHtml(field.label)}${field.required ? ' *' : ''}</label></legend>${choices.join('')}</fieldset>`;
		}
		default: {
			const value = field.defaultValue ? ` value="${escapeHtml(field.defaultValue)}"` : '';
			const step = field.type === 'number' ? ' step="any"' : '';
			return `${label}<input type="${field.type}" ${attributes}${value}${step}>`;
		}
	}
}

/** A response form: its fields, posted as multipart/form-data (n8n 2.x accepts nothing else for a custom form). */
export function formPage(text: FormPageText, fields: FormField[]): string {
	const heading = text.title ? `<h1>${escapeHtml(text.title)}</h1>` : '';
	const problem = text.problem ? `<p class="problem">${escapeHtml(text.problem)}</p>` : '';
	return page(
		text.title || 'Response',
		`${heading}${paragraphs(text.description)}${problem}${form(fields.map(fieldHtml).join(''), text.buttonLabel)}`,
	);
}

/** After the answer: what was recorded. */
export function recordedPage(answer?: string): string {
	const what = answer
		? `<p>Your answer "${escapeHtml(answer)}" was recorded.</p>`
		: '<p>Your answer was recorded.</p>';
	return page(
		'Got it, thanks',
		`<h1>Got it, thanks</h1>${what}<p class="note">This page can be closed now.</p>`,
	);
}
