import type { IDataObject, IHttpRequestHelper, Icon, INodeProperties } from 'n8n-workflow';

import {
	jsonPost,
	parseAnswer,
	responseText,
	unreachable,
} from '../nodes/OpenIm/transport/network';

/** What both OpenIM credentials share: the icon, the fields, the token request. */
export const OPENIM_ICON: Icon = {
	light: 'file:../nodes/OpenIm/openim.svg',
	dark: 'file:../nodes/OpenIm/openim.dark.svg',
};

/** How a generation's server calls and places the fields both credentials have. */
interface CredentialFields {
	baseUrl: Pick<INodeProperties, 'placeholder' | 'description'>;
	secret: string;
	adminUserId: { default: string; description: string };
	/** The generation's own fields, before the hidden token... */
	beforeToken?: INodeProperties[];
	/** ...and after it. */
	afterToken?: INodeProperties[];
}

/** Base URL, Secret, Admin User ID and the hidden expirable token, with the generation's own fields. */
export function credentialProperties({
	baseUrl,
	secret,
	adminUserId,
	beforeToken = [],
	afterToken = [],
}: CredentialFields): INodeProperties[] {
	return [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			...baseUrl,
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: secret,
		},
		{
			displayName: 'Admin User ID',
			name: 'adminUserId',
			type: 'string',
			default: adminUserId.default,
			required: true,
			description: adminUserId.description,
		},
		...beforeToken,
		{
			displayName: 'Token',
			name: 'token',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		...afterToken,
	];
}

/** A token route's answer: the HTTP status, and the JSON object it answered (if it did). */
export interface TokenAnswer {
	statusCode: number;
	body?: IDataObject;
}

/** One token request of preAuthentication; a server that cannot be reached fails naming the credential. */
export async function postForToken(
	helper: IHttpRequestHelper,
	{ baseUrl, credential }: { baseUrl: string; credential: string },
	route: string,
	headers: IDataObject,
	payload: IDataObject,
): Promise<TokenAnswer> {
	let response: { statusCode: number; body: unknown };
	try {
		response = await helper.helpers.httpRequest(
			jsonPost(`${baseUrl}/${route}`, headers, payload, 30000),
		);
	} catch (error) {
		throw unreachable(error, baseUrl, credential);
	}
	const body = parseAnswer(responseText(response.body));
	return { statusCode: response.statusCode, body: typeof body === 'object' ? body : undefined };
}
