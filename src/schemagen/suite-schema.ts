// schemas/suite.schema.json: the JSON Schema of suite files (*.webhooks.json), for completions, hovers and
// validation in the editor. Enums come from the runner's own lists, so the schema cannot drift from it.
import { DELIVERY_ORDERS } from '../core/delivery/arrange';
import { CHECK_IDS, RECOMMENDED_CHECKS } from '../core/suites/types';

const str = (description: string, extra: object = {}) => ({ type: 'string', description, ...extra });
const num = (description: string, extra: object = {}) => ({ type: 'number', description, ...extra });
const bool = (description: string) => ({ type: 'boolean', description });

const apiCall = str('A REST call the handler makes to the simulator, "METHOD /path" (a path prefix), e.g. "POST /v1/messages".', {
  pattern: '^(GET|POST|PUT|DELETE|PATCH) /\\S*$',
});

const status = {
  description: 'Expected HTTP status: a code (200), a list of codes ([200, 202]) or a class ("2xx", "4xx"). Default "2xx".',
  oneOf: [
    { type: 'integer', minimum: 100, maximum: 599 },
    { type: 'array', items: { type: 'integer', minimum: 100, maximum: 599 }, minItems: 1 },
    { type: 'string', enum: ['2xx', '3xx', '4xx', '5xx'] },
  ],
};

const expect = {
  type: 'object',
  description: 'What the handler must answer to this step.',
  additionalProperties: false,
  properties: {
    status,
    latencyMs: num('Upper bound on the answer time, in milliseconds.', { exclusiveMinimum: 0 }),
    headers: {
      type: 'object',
      description: 'Response headers (name case-insensitive) that must contain the given text.',
      additionalProperties: { type: 'string' },
    },
    body: {
      type: 'array',
      description: 'Checks on the JSON answer, each at a JSON path.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path'],
        properties: {
          path: str('JSON path into the answer: "$", ".name", "[\'any name\']", "[0]", e.g. "$.ok".', { pattern: '^\\$' }),
          equals: { description: 'The value must equal this (as JSON).' },
          matches: str('The value (as text) must match this regular expression.'),
          exists: bool('true: the path must be present; false: absent.'),
        },
      },
    },
    apiCalls: {
      type: 'array',
      description: 'With "api": "simulator": how many REST calls of a kind the handler made during this step (e.g. replied once).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['call'],
        properties: { call: apiCall, count: { type: 'integer', minimum: 0, description: 'How many such calls (default 1).' } },
      },
    },
  },
};

const sources = {
  fixture: str('A payload fixture, relative to the suite file\'s folder, e.g. "fixtures/inbox.chat2desk.json".'),
  event: str('A documented event whose example is sent, e.g. "inbox", "new_client", "message_created.client".'),
  payload: { type: 'object', description: 'The payload inline. Literals are sent as written.' },
};

const payloadStep = {
  type: 'object',
  description: 'Sends one payload, signed as Chat2Desk signs it: a fixture file, a documented event, or an inline payload.',
  additionalProperties: false,
  properties: {
    name: str('A label for this step (default: the fixture or event name).'),
    ...sources,
    patch: {
      type: 'object',
      description: 'JSON paths -> values applied after the vars, e.g. { "$.message.text": "hello {{seq}}" }.',
      propertyNames: { pattern: '^\\$' },
    },
    expect,
  },
  // Exactly one source (each branch names its property, as ajv's strict mode wants).
  oneOf: (['fixture', 'event', 'payload'] as const).map((key) => ({ required: [key], properties: { [key]: sources[key] } })),
};

const waitStep = {
  type: 'object',
  description: 'Waits before the next step.',
  additionalProperties: false,
  required: ['wait'],
  properties: { wait: num('Milliseconds to wait (at most 600000).', { minimum: 0, maximum: 600000 }), name: str('A label for this step.') },
};

const deliver = {
  type: 'object',
  description: 'How "Run as Chat2Desk" (and an idempotent scenario\'s rehearsal) deliver the steps, through the Deliver engine.',
  additionalProperties: false,
  properties: {
    policy: str('Resend waits: "chat2desk" (after 10 s, 5 min, 2 h; disabled after 5 h), "immediate", "once" or "custom:10,300,7200". Default "chat2desk".', {
      pattern: '^(chat2desk|immediate|once|custom:\\d+(\\.\\d+)?(,\\d+(\\.\\d+)?)*)$',
    }),
    timeScale: {
      description: 'Compresses the waits: 120 = two minutes per second, 1 = real time, "inf" = back to back (default).',
      oneOf: [
        { type: 'number', minimum: 1 },
        { type: 'string', enum: ['inf'] },
      ],
    },
    duplicate: {
      description: 'Deliver each event twice: "sequential" (the copy after the first settles) or "concurrent" (both at once); false: once.',
      enum: ['sequential', 'concurrent', false],
    },
    order: str('Order of the events between waits.', { enum: [...DELIVERY_ORDERS] }),
    seed: { type: 'integer', minimum: 0, description: 'Seed for order "shuffle", to repeat a run.' },
    slowFirst: bool('Count every first answer as too slow, so every event is resent.'),
    retryTimestamp: str("Resends signed with a fresh X-Timestamp, or the original (aged at Chat2Desk's pace).", { enum: ['fresh', 'original'] }),
  },
};

const checkDescriptions: Record<string, string> = {
  'missing-signature': 'No X-Signature / X-Timestamp: must be rejected (4xx).',
  'wrong-signature': 'A wrong X-Signature: must be rejected (4xx).',
  'raw-token-key': 'Signed with the raw token instead of MD5(token): must be rejected (4xx).',
  'altered-body': 'One byte changed after signing: must be rejected (4xx).',
  'reserialised-body': 'Validly signed with literals JSON re-serialises differently (\\u00e9, \\/, 1.0, big integers): must be accepted (2xx).',
  'unknown-hook-type': 'An event the handler does not know: must be acknowledged (2xx).',
  'unknown-fields': 'Extra fields the docs do not show: must be acknowledged (2xx).',
  'answers-in-time': 'A valid event answered 2xx within target.timeoutSeconds.',
  'stale-timestamp': 'Recommended (the doc does not require it): an X-Timestamp an hour old is rejected (4xx).',
  'future-timestamp': 'Recommended (the doc does not require it): an X-Timestamp an hour ahead is rejected (4xx).',
};

export function suiteSchema(): object {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'webhook-studio:/suite.schema.json',
    title: 'Webhook Studio test suite',
    description: 'A suite of webhook tests for a Chat2Desk / IQChannels handler (*.webhooks.json). Generated by npm run schemas.',
    type: 'object',
    additionalProperties: false,
    required: ['target'],
    properties: {
      $schema: str('This schema: "webhook-studio:/suite.schema.json".'),
      name: str("The suite's name (default: the file name)."),
      target: {
        type: 'object',
        description:
          "The handler under test. ${env:NAME} is replaced in its strings (and in start.env values' uses); ${env:NAME:-default} takes the default when NAME is unset or empty.",
        additionalProperties: false,
        required: ['url'],
        properties: {
          url: str('Where events are POSTed, e.g. "http://127.0.0.1:${env:PORT:-3000}/hook".'),
          account: str("Whose token signs (the extension's account name; the CLI reads CHAT2DESK_API_TOKEN or --token-env)."),
          timeoutSeconds: num('Per-request timeout in seconds (default 10).', { exclusiveMinimum: 0, maximum: 300 }),
          start: {
            type: 'object',
            description:
              'A command that starts the handler (run through the shell, stopped afterwards with its process group; its output is kept for the report).',
            additionalProperties: false,
            required: ['command'],
            properties: {
              command: str('The shell command, e.g. "node server.js".'),
              cwd: str('Its working folder, relative to the suite file (default ".").'),
              env: { type: 'object', description: 'Extra environment variables (also usable as ${env:NAME}).', additionalProperties: { type: 'string' } },
            },
          },
          ready: {
            type: 'object',
            description:
              'GET this URL until it answers 2xx before the tests start (bounded). Without it, a started handler is waited for until the target URL answers.',
            additionalProperties: false,
            required: ['url'],
            properties: {
              url: str('A health URL, e.g. "http://127.0.0.1:3000/health".'),
              timeoutSeconds: num('How long to wait (default 20).', { exclusiveMinimum: 0 }),
            },
          },
        },
      },
      api: str(
        '"simulator": the Chat2Desk API simulator stands in as the account: CHAT2DESK_API_URL and CHAT2DESK_API_TOKEN are passed to start, and the REST calls the handler makes are recorded.',
        {
          enum: ['simulator'],
        },
      ),
      vars: {
        type: 'object',
        description:
          'Values for {{name}} in payloads and patches. Built in: {{now}} (Unix s), {{uuid}}, {{seq}} (1, 2, 3… per send), {{unique}} (an integer no other send gets, e.g. a message_id), {{api_url}}.',
      },
      probe: {
        type: 'object',
        description: 'A number read before and after a scenario to see its side effects (idempotency compares the deltas). One of http, command, apiCalls.',
        additionalProperties: false,
        properties: {
          http: {
            type: 'object',
            description: 'GET a URL and read a number at a JSON path.',
            additionalProperties: false,
            required: ['url'],
            properties: { url: str('The URL, e.g. "http://127.0.0.1:3000/stats".'), path: str('JSON path of the number (default "$").', { pattern: '^\\$' }) },
          },
          command: str('A shell command whose trimmed stdout is the number, e.g. "psql -tAc \'select count(*) from orders\'".'),
          cwd: str("The command's working folder, relative to the suite file."),
          apiCalls: apiCall,
        },
      },
      scenarios: {
        type: 'array',
        description: 'Scenarios: steps run in order.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['steps'],
          properties: {
            name: str("The scenario's name."),
            idempotent: bool(
              'Also deliver the steps as Chat2Desk may (each event twice at once, each resent) and require the same probe delta as the clean run.',
            ),
            deliver,
            steps: { type: 'array', minItems: 1, description: 'Payload steps and waits.', items: { anyOf: [waitStep, payloadStep] } },
          },
        },
      },
      checks: {
        description: "Built-in conformance checks, each its own test: true for the required ones on the first step's payload.",
        oneOf: [
          { type: 'boolean' },
          {
            type: 'object',
            additionalProperties: false,
            properties: {
              fixture: str("The payload the checks vary (default: the first step's)."),
              event: str('A documented event whose example the checks vary.'),
              payload: { type: 'object', description: 'An inline payload the checks vary.' },
              only: {
                type: 'array',
                description: 'Run only these checks.',
                items: {
                  type: 'string',
                  enum: [...CHECK_IDS],
                  markdownEnumDescriptions: CHECK_IDS.map((id) => checkDescriptions[id]),
                  enumDescriptions: CHECK_IDS.map((id) => checkDescriptions[id]),
                },
              },
              recommended: bool(`Also run the recommended checks (${RECOMMENDED_CHECKS.join(', ')}), which the doc does not require.`),
            },
          },
        ],
      },
    },
  };
}

export function suiteSchemaText(): string {
  return `${JSON.stringify(suiteSchema(), null, 2)}\n`;
}
