import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

import { choiceProperty, choices } from '../helpers/params';

/**
 * The links of a waiting execution, as n8n's core declares them for Send and Wait: under
 * /webhook-waiting/<executionId>/<nodeId>, GET for the page and POST for the answer.
 */
export const SEND_AND_WAIT_WEBHOOKS: IWebhookDescription[] = (['GET', 'POST'] as const).map(
	(httpMethod) => ({
		name: 'default',
		httpMethod,
		responseMode: 'onReceived',
		responseData: '',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	}),
);

const CHOICE_TYPES = ['dropdown', 'checkbox', 'radio'];

/** n8n Form's field parameters (the names its Form node stores), for the field types the form offers. */
const formFieldValues: INodeProperties[] = [
	{
		displayName: 'Field Label',
		name: 'fieldLabel',
		type: 'string',
		default: '',
		placeholder: 'e.g. What is your name?',
		description: 'The label above the field, and the name of its answer in the output',
		required: true,
		displayOptions: { hide: { fieldType: ['hiddenField'] } },
	},
	{
		displayName: 'Field Name',
		name: 'fieldName',
		type: 'string',
		default: '',
		placeholder: 'e.g. ticketId',
		description: 'The name of the hidden value in the output',
		displayOptions: { show: { fieldType: ['hiddenField'] } },
	},
	choiceProperty(
		'Element Type',
		'fieldType',
		{
			Checkboxes: 'checkbox',
			Date: 'date',
			Dropdown: 'dropdown',
			Email: 'email',
			'Hidden Field': 'hiddenField',
			Number: 'number',
			Password: 'password',
			'Radio Buttons': 'radio',
			Text: 'text',
			Textarea: 'textarea',
		},
		{ default: 'text' },
	),
	{
		displayName: 'Placeholder',
		name: 'placeholder',
		type: 'string',
		default: '',
		description: 'Sample text shown inside the empty field',
		displayOptions: { show: { fieldType: ['text', 'textarea', 'email', 'number', 'password'] } },
	},
	{
		displayName: 'Default Value',
		name: 'defaultValue',
		type: 'string',
		default: '',
		description:
			'What the field holds when the form opens; for choices, the option labels (comma-separated for checkboxes)',
		displayOptions: { hide: { fieldType: ['hiddenField', 'password'] } },
	},
	{
		displayName: 'Field Value',
		name: 'fieldValue',
		type: 'string',
		default: '',
		description: 'The value the hidden field sends with the answer',
		displayOptions: { show: { fieldType: ['hiddenField'] } },
	},
	{
		displayName: 'Field Options',
		name: 'fieldOptions',
		placeholder: 'Add Field Option',
		type: 'fixedCollection',
		default: { values: [{ option: '' }] },
		required: true,
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { fieldType: CHOICE_TYPES } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [{ displayName: 'Option', name: 'option', type: 'string', default: '' }],
			},
		],
	},
	{
		displayName: 'Multiple Choice',
		name: 'multiselect',
		type: 'boolean',
		default: false,
		description: 'Whether several options of the dropdown can be chosen',
		displayOptions: { show: { fieldType: ['dropdown'] } },
	},
	{
		displayName: 'Required Field',
		name: 'requiredField',
		type: 'boolean',
		default: false,
		description: 'Whether the form can be sent only with this field filled in',
		displayOptions: { hide: { fieldType: ['hiddenField'] } },
	},
];

const JSON_EXAMPLE = `[
  { "fieldLabel": "Name", "placeholder": "e.g. Ada", "requiredField": true },
  { "fieldLabel": "Amount", "fieldType": "number" },
  { "fieldLabel": "Priority", "fieldType": "dropdown", "fieldOptions": { "values": [{ "option": "Low" }, { "option": "High" }] } }
]`;

const limitWaitTime: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		'Whether the execution goes on by itself after a while, with the input items, if nobody answers',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{
							name: 'After Time Interval',
							value: 'afterTimeInterval',
							description: 'Waits for a certain amount of time',
						},
						{
							name: 'At Specified Time',
							value: 'atSpecifiedTime',
							description: 'Waits until a date and time',
						},
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					default: 1,
					typeOptions: { minValue: 0, numberPrecision: 2 },
					description: 'How long to wait',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'hours',
					options: choices({ Minutes: 'minutes', Hours: 'hours', Days: 'days' }),
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					description: 'When the execution goes on without an answer',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

const formOptions: INodeProperties[] = [
	{
		displayName: 'Message Button Label',
		name: 'messageButtonLabel',
		type: 'string',
		default: 'Respond',
		description: "The name of the form's link in the message",
	},
	{
		displayName: 'Response Form Title',
		name: 'responseFormTitle',
		type: 'string',
		default: '',
		description: 'The heading of the form',
	},
	{
		displayName: 'Response Form Description',
		name: 'responseFormDescription',
		type: 'string',
		default: '',
		description: 'The text above the form fields; empty means the message',
	},
	{
		displayName: 'Response Form Button Label',
		name: 'responseFormButtonLabel',
		type: 'string',
		default: 'Submit',
	},
];

/** The parameters of Send and Wait after the receiver's, under n8n core's names (its human review tool reads them). */
export const sendAndWaitProperties: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 4 },
		placeholder: 'e.g. May I refund order A-1001 (42.50 EUR)?',
		description: 'The question; the message adds one link per answer below it',
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description: 'Approve (and optionally decline) through a link',
			},
			{ name: 'Free Text', value: 'freeText', description: 'Answer in a text box of a form' },
			{ name: 'Custom Form', value: 'customForm', description: 'Answer in a form of your fields' },
		],
	},
	choiceProperty(
		'Define Form',
		'defineForm',
		{ 'Using Fields Below': 'fields', 'Using JSON': 'json' },
		{ noDataExpression: true, displayOptions: { show: { responseType: ['customForm'] } } },
	),
	{
		displayName: 'Form Fields (JSON)',
		name: 'jsonOutput',
		type: 'json',
		typeOptions: { rows: 5 },
		default: JSON_EXAMPLE,
		description:
			"The form's fields as n8n Form's JSON: fieldLabel, fieldType, placeholder, requiredField, fieldOptions",
		displayOptions: { show: { responseType: ['customForm'], defineForm: ['json'] } },
	},
	{
		displayName: 'Form Elements',
		name: 'formFields',
		placeholder: 'Add Form Element',
		type: 'fixedCollection',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { responseType: ['customForm'], defineForm: ['fields'] } },
		options: [{ displayName: 'Values', name: 'values', values: formFieldValues }],
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'single',
						options: choices({ 'Approve Only': 'single', 'Approve and Disapprove': 'double' }),
					},
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: 'Approve',
					},
					{
						displayName: 'Disapprove Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: 'Decline',
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		// One collection, the form's options shown for forms only: two of one name would both be stored.
		options: [
			...formOptions.map((option) => ({
				...option,
				displayOptions: { show: { '/responseType': ['freeText', 'customForm'] } },
			})),
			limitWaitTime,
		],
	},
];
