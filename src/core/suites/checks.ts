// Built-in conformance checks: variations of one payload, each signed (or mis-signed) through the one
// pipeline, each saying what it sent and why it matters. Ids and expectations: SUITE-FORMAT.md.
import { jsoncParser } from '../jsonc';
import { t } from '../l10n';
import { planPayload, type BuiltRequest, type PayloadPlan } from '../payload';
import { computeSignature } from '../signature';
import type { RunContext, TestOutcome } from './run-context';
import { artifactsOf, requestOf, send, type SendContext } from './send-step';
import { describeStatusSpec, statusMatches } from '../status';
import { renderText } from './render';
import { RECOMMENDED_CHECKS, type CheckId, type StatusSpec, type SuiteChecks } from './types';

export interface CheckDefinition {
  id: CheckId;
  recommended: boolean;
  expect: StatusSpec;
  /** What was sent, for the report. */
  sent: () => string;
  /** Why a handler must pass it. */
  why: () => string;
  /** The body text to plan (default: the payload as it is). */
  body?: (text: string) => string;
  /** The signed request, changed (requests are immutable: their bytes are what was signed). */
  alter?: (request: BuiltRequest, plan: PayloadPlan, ctx: SendContext) => BuiltRequest;
  requestOptions?: { timestampOffsetSeconds?: number; wrongSignature?: boolean };
}

const STALE_SECONDS = 3600;
const UNKNOWN_EVENT = 'webhook_studio_unknown_event';
/** Literals that JSON.stringify(JSON.parse(…)) writes differently: an escape, an escaped slash, 1.0, an integer beyond 2^53. */
const RESERIALISED = '{"text":"caf\\u00e9 \\/ 1.0","ratio":1.0,"big_id":9007199254740993}';

/** Adds a top-level member before the closing brace, keeping the rest as written. */
function withMember(text: string, key: string, valueText: string): string {
  const end = text.lastIndexOf('}');
  const inner = text.slice(0, end).trimEnd();
  const empty = inner.endsWith('{');
  return `${inner}${empty ? '' : ','}"${key}":${valueText}${text.slice(end)}`;
}

function withHookType(text: string, value: string): string {
  const { applyEdits, modify, parseTree, findNodeAtLocation } = jsoncParser();
  const root = parseTree(text);
  const path =
    root && findNodeAtLocation(root, ['hook_type'])
      ? ['hook_type']
      : root && findNodeAtLocation(root, ['ChatEvent', 'Type'])
        ? ['ChatEvent', 'Type']
        : ['hook_type'];
  return applyEdits(text, modify(text, path, value, {}));
}

/** One letter or digit inside a string value changed: still valid JSON, no longer the bytes signed. */
export function alterOneByte(body: string): string {
  let inString = false;
  let candidate = -1;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString && c === '\\') {
      i += body[i + 1] === 'u' ? 5 : 1;
      continue;
    }
    if (c === '"') inString = !inString;
    else if (inString && /[A-Za-z0-9]/.test(c)) candidate = i;
  }
  if (candidate < 0) return `${body} `;
  const c = body[candidate];
  const next = c === 'z' ? 'a' : c === 'Z' ? 'A' : c === '9' ? '0' : String.fromCharCode(c.charCodeAt(0) + 1);
  return body.slice(0, candidate) + next + body.slice(candidate + 1);
}

export const CHECKS: readonly CheckDefinition[] = [
  {
    id: 'missing-signature',
    recommended: false,
    expect: '4xx',
    sent: () => t('the payload without X-Signature and X-Timestamp'),
    why: () => t('anyone who finds the URL can post events; only a signed request comes from Chat2Desk'),
    alter: (r) => ({
      ...r,
      headers: Object.fromEntries(Object.entries(r.headers).filter(([name]) => !/^x-(signature|timestamp)$/i.test(name))),
    }),
  },
  {
    id: 'wrong-signature',
    recommended: false,
    expect: '4xx',
    sent: () => t('the payload with a well-formed but wrong X-Signature'),
    why: () => t('a handler that only checks that the header is present accepts forgeries'),
    requestOptions: { wrongSignature: true },
  },
  {
    id: 'raw-token-key',
    recommended: false,
    expect: '4xx',
    sent: () => t('the payload signed with the raw API token as the HMAC key instead of its MD5'),
    why: () => t('the doc keys the HMAC with MD5(token); a handler that accepts both is not checking what it thinks'),
    alter: (r, plan, ctx) => ({ ...r, headers: { ...r.headers, 'X-Signature': computeSignature(plan.body, r.headers['X-Timestamp'], ctx.token ?? '') } }),
  },
  {
    id: 'altered-body',
    recommended: false,
    expect: '4xx',
    sent: () => t('a validly signed payload with one byte of a string value changed after signing'),
    why: () => t('the signature protects the body: a handler must verify over the exact bytes it received'),
    alter: (r) => ({ ...r, body: Buffer.from(alterOneByte(r.body.toString('utf8'))) }),
  },
  {
    id: 'reserialised-body',
    recommended: false,
    expect: '2xx',
    sent: () => t('a validly signed payload with literals JSON re-serialises differently ({0})', RESERIALISED),
    why: () => t('Chat2Desk signs the bytes it sends; a handler that verifies over JSON.stringify(JSON.parse(body)) rejects real events'),
    body: (text) => withMember(text, 'webhook_studio_literals', RESERIALISED),
  },
  {
    id: 'unknown-hook-type',
    recommended: false,
    expect: '2xx',
    sent: () => t('a validly signed payload whose hook_type is "{0}"', UNKNOWN_EVENT),
    why: () => t('Chat2Desk adds events; an error answer makes it resend and, after 5 hours, disable the webhook'),
    body: (text) => withHookType(text, UNKNOWN_EVENT),
  },
  {
    id: 'unknown-fields',
    recommended: false,
    expect: '2xx',
    sent: () => t('a validly signed payload with an extra top-level field'),
    why: () => t('real payloads carry fields the docs do not show; a strict parser turns them into resends'),
    body: (text) => withMember(text, 'webhook_studio_extra', '{"added_by":"webhook-studio","n":1}'),
  },
  {
    id: 'answers-in-time',
    recommended: false,
    expect: '2xx',
    sent: () => t('the payload, validly signed, once'),
    why: () => t('an answer slower than the timeout counts as failed and the event is resent'),
  },
  {
    id: 'stale-timestamp',
    recommended: true,
    expect: '4xx',
    sent: () => t('the payload validly signed with an X-Timestamp {0} s in the past', STALE_SECONDS),
    why: () => t('recommended, not required by the doc: rejecting old timestamps stops a captured request being replayed'),
    requestOptions: { timestampOffsetSeconds: -STALE_SECONDS },
  },
  {
    id: 'future-timestamp',
    recommended: true,
    expect: '4xx',
    sent: () => t('the payload validly signed with an X-Timestamp {0} s in the future', STALE_SECONDS),
    why: () => t('recommended, not required by the doc: a timestamp from the future is forged or from a broken clock'),
    requestOptions: { timestampOffsetSeconds: STALE_SECONDS },
  },
];

export function checkDefinition(id: CheckId): CheckDefinition {
  return CHECKS.find((c) => c.id === id)!;
}

export async function runChecks(ctx: RunContext, checks: SuiteChecks): Promise<void> {
  for (const id of checks.ids) await ctx.test(`check:${id}`, () => runCheck(ctx, checkDefinition(id), checks));
}

async function runCheck(ctx: RunContext, check: CheckDefinition, checks: SuiteChecks): Promise<TestOutcome> {
  const text = renderText(checks.text, ctx.send.render, checks.range);
  const plan = planPayload({ text: check.body ? check.body(text) : text, source: checks.source }, { bodyFormat: 'compact', sign: true });
  const signed = requestOf(plan, ctx.send, check.requestOptions ?? {});
  const request = check.alter?.(signed, plan, ctx.send) ?? signed;
  let response;
  try {
    response = await send(request, ctx.send);
  } catch (error) {
    return {
      failures: [{ message: `${t('Sent {0}: {1}.', check.sent(), (error as Error).message)} ${t('Why it matters: {0}.', check.why())}`, range: checks.range }],
      artifacts: artifactsOf(request, undefined, ctx.send.secrets),
    };
  }
  if (statusMatches(check.expect, response.status)) return { failures: [] };
  const label = (RECOMMENDED_CHECKS as readonly string[]).includes(check.id) ? t('(recommended) ') : '';
  return {
    failures: [
      {
        message: `${label}${t('Sent {0}; the handler answered {1}, expected {2}.', check.sent(), response.status, describeStatusSpec(check.expect))} ${t('Why it matters: {0}.', check.why())}`,
        expected: describeStatusSpec(check.expect),
        actual: String(response.status),
        range: checks.range,
      },
    ],
    artifacts: artifactsOf(request, response, ctx.send.secrets),
  };
}
