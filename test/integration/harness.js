// Integration harness: runs a node through the REAL n8n-core engine (WorkflowExecute) in-process.
//
//   const { loadPackage, CredentialStore, runWorkflow, testCredential } = require('./harness');
//
// Everything n8n's server would normally provide (credential storage, the credentials helper,
// the credential tester) is replaced by small test doubles that mirror n8n's semantics
// (packages/cli/src/credentials-helper.ts and services/credentials-tester.service.ts);
// everything else (node execution contexts, httpRequestWithAuthentication and its 401 retry,
// expressions, pairedItem, continueOnFail, error wrapping) is n8n-core/n8n-workflow itself.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');

// n8n-core writes an instance config (encryption key) into $N8N_USER_FOLDER/.n8n on first use.
// Jest's setup file sets it; benchmarks and ad-hoc scripts get a temp dir here.
if (!process.env.N8N_USER_FOLDER) {
	const dir = path.join(os.tmpdir(), `n8n-nodes-openim-harness-${process.pid}`);
	fs.mkdirSync(dir, { recursive: true });
	process.env.N8N_USER_FOLDER = dir;
}

const { Container } = require('@n8n/di');
const wf = require('n8n-workflow');
const core = require('n8n-core');

const {
	ICredentialsHelper,
	LoggerProxy,
	NodeHelpers,
	Workflow,
	createDeferredPromise,
	createRunExecutionData,
	isExpression,
} = wf;
const { WorkflowExecute, ExecutionLifecycleHooks, ExecuteContext, RoutingNode, getAdditionalKeys } =
	core;

const DEFAULT_ROOT = path.resolve(__dirname, '..', '..');
const ITEMS_NODE_NAME = 'Items';
const ITEMS_NODE_TYPE = 'test.items';
const NOOP_NODE_TYPE = 'n8n-nodes-base.noOp'; // the credential tester's temp node type (see preAuthentication)

// ------------------------------------------------------------------------------------------------
// Logging: one recording logger for both n8n-workflow's LoggerProxy and the DI `Logger` that
// n8n-core uses (`this.logger` in node contexts, ErrorReporter). Lines go to every active sink.
// ------------------------------------------------------------------------------------------------

const logSinks = new Set();
const echoLogs = !!process.env.HARNESS_LOG;

function stringifyLogPart(value) {
	if (typeof value === 'string') return value;
	return util.inspect(value, {
		depth: 12,
		breakLength: Infinity,
		maxArrayLength: 1000,
		maxStringLength: Infinity,
		compact: true,
		getters: false,
	});
}

function formatLog(level, message, meta) {
	let line = `[${level}] ${stringifyLogPart(message)}`;
	if (
		meta !== undefined &&
		!(
			typeof meta === 'object' &&
			meta !== null &&
			Object.keys(meta).length === 0 &&
			!(meta instanceof Error)
		)
	) {
		line += ` ${stringifyLogPart(meta)}`;
	}
	return line;
}

function record(level, message, meta) {
	if (logSinks.size === 0 && !echoLogs) return;
	const line = formatLog(level, message, meta);
	if (echoLogs) process.stderr.write(`${line}\n`);
	for (const sink of logSinks) sink.push(line);
}

const recordingLogger = {
	error: (message, meta) => record('error', message, meta),
	warn: (message, meta) => record('warn', message, meta),
	info: (message, meta) => record('info', message, meta),
	debug: (message, meta) => record('debug', message, meta),
	scoped() {
		return recordingLogger;
	},
};

function installLogger() {
	LoggerProxy.init(recordingLogger);
}

try {
	// n8n-core resolves its Logger through DI (`Container.get(Logger)`); replace it before anything
	// instantiates the real (winston) one.
	const { Logger } = require('@n8n/backend-common');
	Container.set(Logger, recordingLogger);
} catch (error) {
	// @n8n/backend-common is a dependency of n8n-core; if it cannot be resolved, the LoggerProxy
	// capture below still works.
}
installLogger();

try {
	// ExecuteContext instantiates SSHClientsManager, whose 60 s cleanup interval keeps the process
	// (and jest) alive after the tests; create it now and unref the timer.
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
	Container.get(SSHClientsManager).cleanupTimer?.unref?.();
} catch (error) {
	// internal path moved in another n8n-core version: only the exit delay is affected
}

function captureLogs() {
	const lines = [];
	logSinks.add(lines);
	return {
		lines,
		stop() {
			logSinks.delete(lines);
			return lines;
		},
	};
}

// ------------------------------------------------------------------------------------------------
// Node types
// ------------------------------------------------------------------------------------------------

// Items registered per run; the source node hands out the caller's array as-is (no copy).
const runItems = new Map();

class TestItemsNode {
	constructor() {
		this.description = {
			displayName: 'Test Items',
			name: ITEMS_NODE_TYPE,
			group: ['input'],
			version: 1,
			description: 'Test-only source node: outputs the items given to runWorkflow()',
			defaults: { name: ITEMS_NODE_NAME },
			inputs: ['main'],
			outputs: ['main'],
			properties: [{ displayName: 'Key', name: 'key', type: 'string', default: '' }],
		};
	}

	async execute() {
		const key = this.getNodeParameter('key', 0);
		const items = runItems.get(key);
		if (!items) throw new Error(`test.items: no items registered under key "${key}"`);
		return [items];
	}
}

class TestNoOpNode {
	constructor() {
		this.description = {
			displayName: 'No Operation, do nothing',
			name: NOOP_NODE_TYPE,
			group: ['organization'],
			version: 1,
			description: 'Test double of n8n-nodes-base.noOp',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		};
	}

	async execute() {
		return [this.getInputData()];
	}
}

const BUILTIN_NODE_TYPES = {
	[ITEMS_NODE_TYPE]: new TestItemsNode(),
	[NOOP_NODE_TYPE]: new TestNoOpNode(),
};

function instantiate(value) {
	return typeof value === 'function' ? new value() : value;
}

function isVersioned(nodeType) {
	return nodeType && typeof nodeType === 'object' && 'nodeVersions' in nodeType;
}

function defaultTypeVersion(nodeType) {
	if (isVersioned(nodeType)) return nodeType.currentVersion ?? nodeType.description.defaultVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

class NodeTypesRegistry {
	constructor(types) {
		this.types = { ...BUILTIN_NODE_TYPES, ...types };
	}

	getByName(name) {
		const type = this.types[name];
		if (!type)
			throw new Error(
				`harness: unknown node type "${name}" (known: ${Object.keys(this.types).join(', ')})`,
			);
		return type;
	}

	getByNameAndVersion(name, version) {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes() {
		return {};
	}
}

// ------------------------------------------------------------------------------------------------
// Package loading
// ------------------------------------------------------------------------------------------------

/**
 * loadPackage()                      -> the built package in <repo>/dist
 * loadPackage(repoRoot)              -> the built package in <repoRoot>/dist
 * loadPackage({ nodeTypes, credentialTypes })            -> only these (dist not touched)
 * loadPackage(repoRoot, { nodeTypes, credentialTypes })  -> dist plus these
 * nodeTypes: { [typeName]: class | instance }, credentialTypes: { [name]: class | instance }
 * (credential keys are informational: credentials register under their `name`).
 */
function loadPackage(rootOrOverride, maybeOverride) {
	let root;
	let override;
	if (rootOrOverride && typeof rootOrOverride === 'object') {
		override = rootOrOverride;
	} else {
		root = rootOrOverride || DEFAULT_ROOT;
		override = maybeOverride || {};
	}

	const nodeTypes = {};
	const credentialTypes = {};
	let nodeType;
	let credentialType;

	if (root) {
		const nodePath = path.join(root, 'dist/nodes/OpenIm/OpenIm.node.js');
		const credPath = path.join(root, 'dist/credentials/OpenImApi.credentials.js');
		for (const file of [nodePath, credPath]) {
			if (!fs.existsSync(file))
				throw new Error(`harness: ${file} not found; run \`npm run build\` first`);
		}
		nodeType = new (require(nodePath).OpenIm)();
		credentialType = new (require(credPath).OpenImApi)();
		const name = nodeType.description.name;
		nodeTypes[name] = nodeType;
		nodeTypes[`n8n-nodes-openim.${name}`] = nodeType;
		credentialTypes[credentialType.name] = credentialType;
	}

	for (const [name, value] of Object.entries(override.nodeTypes || {})) {
		const instance = instantiate(value);
		nodeTypes[name] = instance;
		nodeType ??= instance;
	}
	for (const value of Object.values(override.credentialTypes || {})) {
		const instance = instantiate(value);
		credentialTypes[instance.name] = instance;
		credentialType ??= instance;
	}

	return {
		nodeType,
		credentialType,
		nodeTypes,
		credentialTypes,
		registry: new NodeTypesRegistry(nodeTypes),
	};
}

// ------------------------------------------------------------------------------------------------
// Credential store (stands in for n8n's credentials table)
// ------------------------------------------------------------------------------------------------

class CredentialStore {
	constructor({ id = 'cred1', name = 'Test credential', type, data = {} } = {}) {
		if (!type) throw new Error('CredentialStore: `type` is required');
		this.id = id;
		this.name = name;
		this.type = type;
		this.data = { ...data }; // current decrypted data, as stored
		this.updates = []; // every persisted update (a copy of the full stored data), in order
		this.preAuthCalls = 0; // how many times the credential type's preAuthentication hook ran
		this.preAuthEvents = []; // { expired, credentialTest, node } per call
	}

	get nodeCredentials() {
		return { id: this.id, name: this.name };
	}

	persist(data) {
		this.data = { ...data };
		this.updates.push({ ...data });
	}
}

class StoredCredentials {
	// The small part of n8n-core's `Credentials` (ICredentials) that callers of getCredentials use.
	constructor(store) {
		this.id = store.id;
		this.name = store.name;
		this.type = store.type;
		this.store = store;
	}

	getData() {
		return { ...this.store.data };
	}

	setData(data) {
		this.store.persist(data);
	}

	updateData(toUpdate, toDelete = []) {
		const data = { ...this.store.data, ...toUpdate };
		for (const key of toDelete) delete data[key];
		this.store.persist(data);
	}

	getDataToSave() {
		return { id: this.id, name: this.name, type: this.type, data: this.getData() };
	}
}

// ------------------------------------------------------------------------------------------------
// CredentialsHelper: mirrors packages/cli/src/credentials-helper.ts
// ------------------------------------------------------------------------------------------------

const mockNode = { name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };
const mockNodeTypes = new NodeTypesRegistry({
	mock: { description: { name: 'mock', version: 1, properties: [], inputs: [], outputs: [] } },
});

class CredentialsHelper extends ICredentialsHelper {
	constructor({ credentialTypes, stores }) {
		super();
		this.credentialTypes = credentialTypes;
		this.stores = Array.isArray(stores) ? stores : [stores];
	}

	getCredentialType(name) {
		const type = this.credentialTypes[name];
		if (!type) throw new Error(`harness: unknown credential type "${name}"`);
		return type;
	}

	findStore(nodeCredentials, type) {
		if (!nodeCredentials || !nodeCredentials.id) {
			throw new Error(`Credential "${nodeCredentials?.name}" of type "${type}" has no ID`);
		}
		const store = this.stores.find((s) => s.id === nodeCredentials.id && s.type === type);
		if (!store)
			throw new Error(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		return store;
	}

	getParentTypes(typeName) {
		const type = this.credentialTypes[typeName];
		if (!type || !type.extends) return [];
		const parents = [];
		for (const parent of type.extends) {
			parents.push(parent, ...this.getParentTypes(parent));
		}
		return parents;
	}

	getCredentialsProperties(typeName) {
		const type = this.getCredentialType(typeName);
		if (!type.extends) return type.properties;
		const combined = [];
		for (const parent of type.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, type.properties);
		return combined;
	}

	async getCredentials(nodeCredentials, type) {
		return new StoredCredentials(this.findStore(nodeCredentials, type));
	}

	async getDecrypted(
		additionalData,
		nodeCredentials,
		type,
		mode,
		executeData,
		raw,
		expressionResolveValues,
	) {
		const store = this.findStore(nodeCredentials, type);
		const data = { ...store.data };
		if (raw === true) return data;
		return this.applyDefaultsAndOverwrites(
			additionalData,
			data,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	// Like n8n: property defaults are added (and undeclared keys dropped), then expressions resolved.
	applyDefaultsAndOverwrites(
		additionalData,
		decryptedDataOriginal,
		type,
		mode,
		executeData,
		expressionResolveValues,
	) {
		const properties = this.getCredentialsProperties(type);
		let data =
			NodeHelpers.getNodeParameters(
				properties,
				{ ...decryptedDataOriginal },
				true,
				false,
				null,
				null,
			) ?? {};
		if (decryptedDataOriginal.oauthTokenData !== undefined)
			data.oauthTokenData = decryptedDataOriginal.oauthTokenData;

		if (!Object.values(data).some((value) => isExpression(value))) return data;

		const additionalKeys = getAdditionalKeys(additionalData || {}, mode, null, {
			isCredential: true,
		});
		if (expressionResolveValues) {
			const v = expressionResolveValues;
			try {
				data = v.workflow.expression.getParameterValue(
					data,
					v.runExecutionData,
					v.runIndex,
					v.itemIndex,
					v.node.name,
					v.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					data,
				);
			} catch (e) {
				e.message += ' [Error resolving credentials]';
				throw e;
			}
			return data;
		}
		const workflow = new Workflow({
			nodes: [{ ...mockNode }],
			connections: {},
			active: false,
			nodeTypes: mockNodeTypes,
		});
		return workflow.expression.getComplexParameterValue(
			mockNode,
			data,
			mode,
			additionalKeys,
			undefined,
			undefined,
			data,
		);
	}

	async authenticate(credentials, typeName, incomingRequestOptions, workflow, node) {
		const requestOptions = incomingRequestOptions;
		const credentialType = this.getCredentialType(typeName);
		const { authenticate } = credentialType;
		if (!authenticate) return requestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}

		if (typeof authenticate === 'object') {
			if (!workflow || !node)
				throw new Error('Workflow and node are required for declarative credential authentication');
			if (requestOptions.headers === undefined) requestOptions.headers = {};
			if (authenticate.type === 'generic') {
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(outerValue)) {
						const keyResolved = this.resolveValue(
							key,
							{ $credentials: credentials },
							workflow,
							node,
						);
						const valueResolved = this.resolveValue(
							value,
							{ $credentials: credentials },
							workflow,
							node,
						);
						if (!requestOptions[outerKey]) requestOptions[outerKey] = {};
						requestOptions[outerKey][keyResolved] = valueResolved;
					}
				}
			}
		}
		return requestOptions;
	}

	resolveValue(parameterValue, additionalKeys, workflow, node) {
		if (!isExpression(parameterValue)) return parameterValue;
		const value = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!value) return '';
		return value.toString();
	}

	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const credentialType = this.getCredentialType(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property?.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;

		// n8n's credential tester runs a temp noOp node whose `temp` parameter carries test.request
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === NOOP_NODE_TYPE;

		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (!(credentials[expirableProperty.name] === '' || credentialsExpired || isTestingCredentials))
			return undefined;

		const nodeCredentials = node?.credentials?.[credentialType.name];
		const store = nodeCredentials
			? this.stores.find((s) => s.id === nodeCredentials.id && s.type === credentialType.name)
			: undefined;
		if (store) {
			store.preAuthCalls++;
			store.preAuthEvents.push({
				expired: !!credentialsExpired,
				credentialTest: isTestingCredentials,
				node: node.name,
			});
		}

		const output = await credentialType.preAuthentication.call(
			{ helpers: { httpRequest: helpers.helpers.httpRequest } },
			credentials,
		);

		// the output must contain the expirable property, otherwise n8n ignores it
		if (!output || output[expirableProperty.name] === undefined) return undefined;

		if (node.credentials) {
			const storedData = (
				await this.getCredentials(nodeCredentials, credentialType.name)
			).getData();
			const dataToPersist = { ...storedData };
			for (const [key, value] of Object.entries(output)) {
				if (key === expirableProperty.name || !isExpression(storedData[key]))
					dataToPersist[key] = value;
			}
			await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
			return Object.assign(credentials, output);
		}
		return undefined;
	}

	async updateCredentials(nodeCredentials, type, data) {
		this.findStore(nodeCredentials, type).persist(data);
	}

	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		const store = this.findStore(nodeCredentials, type);
		store.persist({ ...store.data, oauthTokenData: data.oauthTokenData });
	}
}

// ------------------------------------------------------------------------------------------------
// Running workflows
// ------------------------------------------------------------------------------------------------

let runCounter = 0;

function makeAdditionalData({ hooks, credentialsHelper, executionId }) {
	const unsupported = (what) => async () => {
		throw new Error(`harness: ${what} is not supported`);
	};
	return {
		hooks,
		credentialsHelper,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters: undefined,
		userId: 'harness-user',
		variables: {},
		executeWorkflow: unsupported('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: unsupported('startRunnerTask'),
	};
}

function toStores(store, stores) {
	const list = [];
	if (store) list.push(store);
	if (stores) list.push(...stores);
	return list;
}

function credentialsFor(nodeTypeInstance, stores, force) {
	const declared = (nodeTypeInstance.description.credentials || []).map((c) => c.name);
	const entries = stores
		.filter((s) => force || declared.includes(s.type))
		.map((s) => [s.type, { id: s.id, name: s.name }]);
	return entries.length ? Object.fromEntries(entries) : undefined;
}

function completeNode(spec, index, registry, stores, forceCredentials) {
	const type = registry.getByName(spec.type);
	const node = {
		...spec,
		id: spec.id ?? `node-${index}`,
		typeVersion: spec.typeVersion ?? defaultTypeVersion(type),
		position: spec.position ?? [250 * (index + 1), 0],
		parameters: { ...(spec.parameters || {}) },
	};
	if (spec.credentials === undefined) {
		const creds = credentialsFor(
			NodeHelpers.getVersionedNodeType(type, node.typeVersion),
			stores,
			forceCredentials,
		);
		if (creds) node.credentials = creds;
	}
	if (spec.continueOnFail === true && spec.onError === undefined) {
		// n8n 1.x/2.x: `onError` supersedes the legacy `continueOnFail` flag
		node.onError = 'continueRegularOutput';
		delete node.continueOnFail;
	}
	return node;
}

function lastOutput(runData, nodeName) {
	const runs = runData[nodeName];
	if (!runs || runs.length === 0) return { items: [], error: undefined };
	const last = runs[runs.length - 1];
	return { items: last.data?.main?.[0] ?? [], error: last.error };
}

/**
 * Runs Items(test.items) -> node under test (or a custom workflow) through WorkflowExecute.
 *
 * options:
 *   pkg, store (and/or stores: [...])  - see loadPackage / CredentialStore
 *   items            - INodeExecutionData[] handed to the first node (not copied)
 *   parameters       - node parameters of the node under test (expressions allowed)
 *   nodeType         - default 'openIm'; typeVersion (default: latest); nodeName (default 'OpenIM')
 *   continueOnFail   - sets node.onError = 'continueRegularOutput'; or pass onError directly
 *   node             - extra INode fields for the node under test (retryOnFail, alwaysOutputData, ...)
 *   workflow         - { nodes, connections?, underTest? } replaces the single node under test.
 *                      Node specs need name/type/parameters; id, typeVersion, position and the
 *                      credentials of the given stores (for declared credential types) are filled in.
 *                      'Items' is connected to nodes[0] unless connections has an 'Items' entry.
 *                      underTest (default: the last node) selects res.items/res.error.
 *   settings         - workflow settings; mode - default 'manual'
 * resolves { status, items, error, executionError, outputs, runData, executionData, nodes, logs, durationMs }
 *   items/error: main[0] and taskData.error of the node under test's last run ([] / undefined if none).
 *   error is the plain copy n8n stores in runData ({ ...error, message, stack }: name, httpCode,
 *   description, node, context... but not an Error instance); executionError is resultData.error.
 *   outputs: { [nodeName]: main[0] of its last run }. logs: every line logged during the run.
 * throws (instead of resolving) only when n8n cannot start the run at all, e.g. WorkflowHasIssuesError.
 */
async function runWorkflow(options) {
	const {
		pkg,
		store,
		stores: extraStores,
		items = [{ json: {} }],
		parameters = {},
		nodeType = 'openIm',
		typeVersion,
		nodeName = 'OpenIM',
		continueOnFail = false,
		onError,
		node: nodeExtras = {},
		workflow: workflowSpec,
		settings = {},
		mode = 'manual',
	} = options;
	if (!pkg) throw new Error('runWorkflow: `pkg` is required (see loadPackage)');
	if (!Array.isArray(items))
		throw new Error('runWorkflow: `items` must be an array of { json } items');

	const registry = pkg.registry || new NodeTypesRegistry(pkg.nodeTypes || {});
	const stores = toStores(store, extraStores);
	const executionId = `harness-${++runCounter}`;
	const itemsKey = executionId;

	const sourceNode = {
		id: 'items',
		name: ITEMS_NODE_NAME,
		type: ITEMS_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { key: itemsKey },
	};

	let nodes;
	let connections;
	let underTest;
	if (workflowSpec) {
		nodes = workflowSpec.nodes.map((spec, i) => completeNode(spec, i, registry, stores, false));
		connections = { ...(workflowSpec.connections || {}) };
		if (!connections[ITEMS_NODE_NAME] && nodes.length > 0) {
			connections[ITEMS_NODE_NAME] = { main: [[{ node: nodes[0].name, type: 'main', index: 0 }]] };
		}
		underTest = workflowSpec.underTest ?? nodes[nodes.length - 1]?.name;
	} else {
		const spec = { ...nodeExtras, name: nodeName, type: nodeType, typeVersion, parameters };
		if (typeVersion === undefined) delete spec.typeVersion;
		if (onError !== undefined) spec.onError = onError;
		else if (continueOnFail) spec.onError = 'continueRegularOutput';
		nodes = [completeNode(spec, 0, registry, stores, true)];
		connections = { [ITEMS_NODE_NAME]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } };
		underTest = nodeName;
	}
	nodes.unshift(sourceNode);

	const workflowData = {
		id: 'harness-workflow',
		name: 'Harness workflow',
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1', ...settings },
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes,
		connections,
		active: false,
		nodeTypes: registry,
		settings: workflowData.settings,
		staticData: {},
	});

	const credentialsHelper = new CredentialsHelper({
		credentialTypes: pkg.credentialTypes || {},
		stores,
	});
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const done = createDeferredPromise();
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => done.resolve(fullRunData));
	const additionalData = makeAdditionalData({ hooks, credentialsHelper, executionId });

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: workflow.getNode(ITEMS_NODE_NAME), data: { main: [[{ json: {} }]] }, source: null },
			],
		},
	});

	runItems.set(itemsKey, items);
	installLogger();
	const capture = captureLogs();
	const started = process.hrtime.bigint();
	let run;
	try {
		const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
		let execution;
		try {
			execution = workflowExecute.processRunExecutionData(workflow);
		} catch (error) {
			// n8n refuses a workflow whose nodes have parameter issues (e.g. an empty required
			// parameter) before running anything; name the issues instead of n8n's generic message.
			if (error && error.name === 'WorkflowHasIssuesError') {
				const issues = workflowExecute.checkReadyForExecution(workflow, {
					startNode: ITEMS_NODE_NAME,
				});
				error.issues = issues;
				error.message += ` Issues: ${JSON.stringify(issues)}`;
			}
			throw error;
		}
		execution.catch((error) => done.reject(error));
		run = await done.promise;
	} finally {
		runItems.delete(itemsKey);
		capture.stop();
	}

	const runData = run.data.resultData.runData;
	const outputs = {};
	for (const name of Object.keys(runData)) outputs[name] = lastOutput(runData, name).items;
	const { items: outItems, error } = lastOutput(runData, underTest);
	return {
		status: run.status,
		items: outItems,
		error,
		executionError: run.data.resultData.error,
		outputs,
		runData,
		executionData: run,
		nodes: workflow.nodes, // the INode objects as run (parameters with defaults, credentials, onError)
		logs: capture.lines,
		durationMs: Number(process.hrtime.bigint() - started) / 1e6,
	};
}

// ------------------------------------------------------------------------------------------------
// Credential test: mirrors packages/cli/src/services/credentials-tester.service.ts
// ------------------------------------------------------------------------------------------------

function getPath(object, keyPath) {
	let current = object;
	for (const part of String(keyPath)
		.replace(/\[(\w+)\]/g, '.$1')
		.split('.')
		.filter(Boolean)) {
		if (current === null || current === undefined) return undefined;
		current = current[part];
	}
	return current;
}

/**
 * testCredential({ pkg, store, type?, data?, logs? }) -> { status: 'OK' | 'Error', message }
 * Runs the credential type's `test.request` through n8n-core's RoutingNode on a temp noOp node,
 * exactly like n8n's "Test connection" button: preAuthentication always runs first (and persists
 * into the store), then `authenticate`, then `rules`. `data` tests unsaved form data instead of
 * store.data; pass an array as `logs` to collect log lines.
 */
async function testCredential({ pkg, store, type, data, logs }) {
	const credentialTypeName = type || store.type;
	const credentialTypes = pkg.credentialTypes || {};
	const credentialType = credentialTypes[credentialTypeName];
	if (!credentialType)
		throw new Error(`testCredential: unknown credential type "${credentialTypeName}"`);
	if (!credentialType.test) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}
	const testRequest = credentialType.test;
	const credentialsHelper = new CredentialsHelper({ credentialTypes, stores: [store] });
	const executionId = `harness-credential-test-${++runCounter}`;
	const additionalData = makeAdditionalData({ hooks: undefined, credentialsHelper, executionId });

	installLogger();
	const capture = captureLogs();
	try {
		const credentialsDecrypted = {
			id: store.id,
			name: store.name,
			type: credentialTypeName,
			data: { ...(data || store.data) },
		};
		try {
			credentialsDecrypted.data = credentialsHelper.applyDefaultsAndOverwrites(
				additionalData,
				credentialsDecrypted.data,
				credentialTypeName,
				'internal',
			);
		} catch (error) {
			return { status: 'Error', message: error.message.toString() };
		}

		const nodeTypeCopy = {
			description: {
				...BUILTIN_NODE_TYPES[NOOP_NODE_TYPE].description,
				credentials: [{ name: credentialTypeName, required: true }],
				properties: [
					{
						displayName: 'Temp',
						name: 'temp',
						type: 'string',
						routing: { request: testRequest.request },
						default: '',
					},
				],
			},
		};
		const node = {
			id: 'temp',
			parameters: {},
			name: 'Temp-Node',
			type: NOOP_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			credentials: { [credentialTypeName]: { id: store.id, name: store.name } },
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: new NodeTypesRegistry({ [NOOP_NODE_TYPE]: nodeTypeCopy }),
		});
		const mode = 'internal';
		const inputData = { main: [[{ json: {} }]] };
		const runExecutionData = createRunExecutionData({ executionData: null });
		const executeData = { node, data: {}, source: null };
		const context = new ExecuteContext(
			workflow,
			node,
			additionalData,
			mode,
			runExecutionData,
			0,
			[],
			inputData,
			executeData,
			[],
		);
		const routingNode = new RoutingNode(context, nodeTypeCopy, credentialsDecrypted);

		let response;
		try {
			response = await routingNode.runNode();
		} catch (error) {
			if (error.cause?.response) {
				const statusCode = error.cause.response.status;
				const statusMessage = error.cause.response.statusText;
				for (const rule of testRequest.rules || []) {
					if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
						return { status: 'Error', message: rule.properties.message };
					}
				}
				if (statusCode < 199 || statusCode > 299) {
					return {
						status: 'Error',
						message: statusMessage || `Received HTTP status code: ${statusCode}`,
					};
				}
			} else if (error.cause?.code) {
				return { status: 'Error', message: error.cause.code };
			}
			return { status: 'Error', message: error.message.toString() };
		}

		if (Array.isArray(testRequest.rules)) {
			for (const rule of testRequest.rules) {
				if (rule.type === 'responseSuccessBody') {
					const responseData = response[0][0].json;
					if (getPath(responseData, rule.properties.key) === rule.properties.value) {
						return { status: 'Error', message: rule.properties.message };
					}
				}
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
	} finally {
		capture.stop();
		if (Array.isArray(logs)) logs.push(...capture.lines);
	}
}

module.exports = {
	loadPackage,
	CredentialStore,
	CredentialsHelper,
	NodeTypesRegistry,
	runWorkflow,
	testCredential,
	captureLogs,
	ITEMS_NODE_NAME,
	ITEMS_NODE_TYPE,
	NOOP_NODE_TYPE,
};
