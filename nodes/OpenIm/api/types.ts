import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Param } from '../helpers/params';

/** What a failed call told the node; errMsg and errDlt are already free of tokens. */
export interface OpenImFailure {
	path: string;
	httpCode: number;
	errCode?: number;
	errMsg?: string;
	/** 3.x's detail text (errDlt). */
	errDlt?: string;
}

/** What the node tells the user about a failed OpenIM call. */
export interface ErrorHint {
	message: string;
	hint: string;
}

/** One row of a generation's error table: the first matching row wins. */
export interface HintRule extends ErrorHint {
	matches: (failure: OpenImFailure) => boolean;
}

export type Outcome = { ok: true; body: IDataObject } | { ok: false; failure: OpenImFailure };

/** Throws a NodeOperationError that names the parameter and the item. */
export type Refuse = (param: Param, problem: string) => never;

/**
 * One endpoint of one generation for one operation: where it goes, the body it
 * takes from the operation's neutral input, and the output items it makes of
 * the answer.
 */
export interface Endpoint<I = IDataObject> {
	path: string;
	body: (input: I, refuse: Refuse) => IDataObject;
	read: (answer: IDataObject, input: I) => IDataObject[];
	/** A read: safe to send again after a network failure. */
	idempotent?: boolean;
	/** The server checks the credential's secret in the body (2021 auth/*, 3.x register before 3.8.1). */
	withSecret?: boolean;
	/** A page of a listing: `body` gets the page in `input.page`; `read` returns the page's entries. */
	pageSize?: number;
	/** `uid` may name several users (3.x import_friend takes a list). */
	manyUsers?: boolean;
	/** Where an older server answers HTTP 404 (nothing done), the endpoint it has instead. */
	fallback?: Endpoint<I>;
}

/** The neutral inputs the operation files read from the node parameters. */
export interface UserInput {
	uid: string;
	/** Only where the generation's form has it (2021 register and getToken, 3.x getToken). */
	platform?: number;
	/** Profile fields under their parameter names (name, icon, ex, ...). */
	profile: IDataObject;
}

/** User IDs, or the group IDs of a group lookup. */
export interface UidsInput {
	uids: string[];
}

export interface UserPlatformInput {
	uid: string;
	platform: number;
}

export interface GroupChangeInput {
	groupID: string;
	/** The changed group fields (update), or the member and its mute time. */
	fields: IDataObject;
}

/** One member's new role, group nickname, avatar or extension. */
export interface MemberChange {
	groupID: string;
	uid: string;
	fields: IDataObject;
	/** The member, as the list a batch must not repeat. */
	uids: string[];
}

export interface PageInput {
	page: { number: number; size: number };
	filters: IDataObject;
}

export interface GroupInput {
	groupName: string;
	members: Array<{ uid: string; setRole: number }>;
	fields: IDataObject;
}

export interface GroupUsersInput {
	groupID: string;
	uids: string[];
	reason?: string;
}

export interface PairInput {
	ownerUid: string;
	uids: string[];
}

export interface MessageInput {
	sendID: string;
	sessionType: number;
	/** The user (or 3.x notification) receiver, or the group of a group chat. */
	recvID?: string;
	groupID?: string;
	contentType: number;
	content: IDataObject;
	fields: IDataObject;
}

/** A lookup by IDs: which ID an entry answers for, and the item of an ID the server did not know. */
export interface LookupEndpoint extends Endpoint<UidsInput> {
	idOf: (entry: IDataObject) => string;
	missing: (uid: string) => IDataObject;
}

/** The endpoints a generation offers; an operation it lacks is absent and not offered. */
export interface Endpoints {
	'user.register': Endpoint<UserInput>;
	/** Several users in one request (3.x user_register takes a list): one output per input, in order. */
	'user.registerMany'?: Endpoint<UserInput[]>;
	'user.getToken': Endpoint<UserInput>;
	'user.update': Endpoint<UserInput>;
	'user.get': LookupEndpoint;
	'user.getAll': Endpoint<PageInput>;
	'user.delete'?: Endpoint<UidsInput>;
	'group.create': Endpoint<GroupInput>;
	'group.inviteUsers': Endpoint<GroupUsersInput>;
	'group.kickUsers': Endpoint<GroupUsersInput>;
	'friend.import': Endpoint<PairInput>;
	'friend.addToBlacklist': Endpoint<PairInput>;
	'message.send': Endpoint<MessageInput>;
	'user.forceLogout'?: Endpoint<UserPlatformInput>;
	'user.getOnlineStatus'?: Endpoint<UidsInput>;
	'group.get'?: LookupEndpoint;
	'group.getAll'?: Endpoint<PageInput>;
	'group.update'?: Endpoint<GroupChangeInput>;
	'group.dismiss'?: Endpoint<GroupChangeInput>;
	'group.getMembers'?: Endpoint<PageInput>;
	'group.transferOwner'?: Endpoint<GroupChangeInput>;
	'group.muteMember'?: Endpoint<GroupChangeInput>;
	'group.unmuteMember'?: Endpoint<GroupChangeInput>;
	'friend.removeFromBlacklist'?: Endpoint<PairInput>;
	'friend.getAll'?: Endpoint<PageInput>;
	'friend.delete'?: Endpoint<PairInput>;
	'message.sendToMany'?: Endpoint<MessageInput & { recvIDs: string[]; isSendAll: boolean }>;
	'user.checkAccounts'?: Endpoint<UidsInput>;
	/** Members of one or several groups in one request: one output per change, in order. */
	'group.setMemberInfo'?: Endpoint<MemberChange[]>;
	/** The roles of some members of one group (`fields.uids`), to refuse changing the owner's. */
	'group.getMembersInfo'?: Endpoint<GroupChangeInput>;
	'group.getJoined'?: Endpoint<PageInput>;
	'group.mute'?: Endpoint<GroupChangeInput>;
	'group.unmute'?: Endpoint<GroupChangeInput>;
	'friend.getBlacklist'?: Endpoint<PageInput>;
	'message.sendBusinessNotification'?: Endpoint<IDataObject>;
	'message.search'?: Endpoint<PageInput>;
	'message.revoke'?: Endpoint<IDataObject>;
	'message.clearConversations'?: Endpoint<IDataObject>;
	'user.createNotificationAccount'?: Endpoint<IDataObject>;
	'conversation.get'?: Endpoint<PairInput>;
	'conversation.getAll'?: Endpoint<PageInput>;
	/** One set_conversations request: its owners and the conversation with the changed fields. */
	'conversation.update'?: Endpoint<{ owners: string[]; conversation: IDataObject }>;
}

/** Everything that differs between two OpenIM API generations. */
export interface Generation {
	/** The value of the OpenIM Version parameter. */
	apiVersion: string;
	/** Its entry in the OpenIM Version selector. */
	option: { name: string; description: string };
	/** The year its server came out: the editor lists the newest generation first. */
	released: number;
	/** Whose generation-specific fields the operations show and read for it (a generation may take another's). */
	form: Form;
	/** Options → Batch Size: operations that can pack consecutive items into few requests do. */
	batches: boolean;
	/** Files from input binary data are uploaded to its object storage (pictures, message files). */
	uploads: boolean;
	credentialType: string;
	/** The credential's name, for messages. */
	label: string;
	/** The API address of a default install, for messages. */
	exampleUrl: string;
	endpoints: Endpoints;
	hints: HintRule[];
	isTokenError: (failure: OpenImFailure) => boolean;
	/** Headers and body of a request: where operationID and the secret go. */
	wrap: (
		operationID: string,
		body: IDataObject,
		credentials: ICredentialDataDecryptedObject,
		withSecret: boolean,
	) => { headers: IDataObject; payload: IDataObject };
	/** Reads an answer's envelope: success and its body, or the failure. */
	read: (path: string, httpCode: number, text: string) => Outcome;
	/** A register refused because the user exists: createOrUpdate then updates. */
	isAlreadyRegistered: (failure: OpenImFailure) => boolean;
	/**
	 * Batches: whether the server refused a whole list for what may lie with some
	 * of its entries (and did nothing), so that the others can go again without them.
	 */
	blamesEntries?: (failure: OpenImFailure, endpoint: keyof Endpoints) => boolean;
}

/**
 * The sets of generation-specific fields the operation files declare (`perForm`), named after the
 * generation that brought them.
 */
export type Form = '2021' | 'v3';

export type Execute = (
	this: IExecuteFunctions,
	itemIndex: number,
	api: Generation,
) => Promise<IDataObject[]>;
