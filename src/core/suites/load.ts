// loadSuite: a suite file's text -> a checked suite with its test items and their source ranges.
// Everything that can be checked without running is checked here (fixtures readable and valid JSON,
// JSON paths, check ids, status specs), each with the suite file's line and column.
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Node } from 'jsonc-parser';
import { documentedEventItems } from '../documented-events';
import { describeError } from '../errors';
import { t } from '../l10n';
import { parsePayloadDocument } from '../payload';
import { readPayloadFile } from '../payload-file';
import { parseDeliverOptions } from './deliver-options';
import { parseJsonPath, type PathSegment } from './json-path';
import { SuiteError } from './errors';
import { SuiteSource } from './source';
import { isStatusSpec } from '../status';
import {
  CHECK_IDS,
  RECOMMENDED_CHECKS,
  REQUIRED_CHECKS,
  type ApiCallExpectation,
  type BodyExpectation,
  type CheckId,
  type LoadedSuite,
  type Probe,
  type Scenario,
  type SendStep,
  type StepExpect,
  type SuiteChecks,
  type SuiteStep,
  type SuiteTarget,
  type SuiteTestItem,
} from './types';

export interface LoadSuiteOptions {
  /** Where the documented examples are (`"event"` steps); without it, event names are checked when run. */
  schemasDir?: string;
}

const TOP_KEYS = ['$schema', 'name', 'target', 'api', 'vars', 'probe', 'scenarios', 'checks'];

/** Throws SuiteError (code, message, hint, range, file) for bad input. */
export function loadSuite(path: string, text: string, options: LoadSuiteOptions = {}): LoadedSuite {
  const src = new SuiteSource(path, text);
  const root = src.root;
  src.onlyKeys(root, TOP_KEYS, t('the suite'));
  const dir = dirname(resolve(path));
  const name = src.string(root, 'name', t('the suite')) ?? basename(path).replace(/\.webhooks\.json$/, '');
  const target = loadTarget(src, dir);
  const apiNode = src.member(root, 'api');
  if (apiNode && apiNode.value !== 'simulator') throw src.error(apiNode, 'suite-api', t('"api" can only be "simulator".'));
  const varsNode = src.object(root, 'vars', t('the suite'));
  const vars = varsNode ? (src.value(varsNode) as Record<string, unknown>) : {};
  const ctx = { src, dir, schemasDir: options.schemasDir };
  const probe = loadProbe(src, dir);
  const scenariosNode = src.array(root, 'scenarios', t('the suite'));
  const scenarios = (scenariosNode?.children ?? []).map((node, index) => loadScenario(ctx, node, index));
  const checks = loadChecks(ctx, scenarios);
  if (apiNode === undefined) {
    for (const step of scenarios.flatMap((s) => s.steps))
      if (step.type === 'send' && step.expect.apiCalls.length > 0)
        throw new SuiteError('suite-api-calls', t('"apiCalls" needs "api": "simulator" in the suite.'), undefined, step.expect.apiCalls[0].range, path);
    if (probe?.kind === 'apiCalls') throw src.error(src.member(root, 'probe'), 'suite-api-calls', t('"apiCalls" needs "api": "simulator" in the suite.'));
  }
  const suite: Omit<LoadedSuite, 'tests'> = { path, dir, name, target, api: apiNode ? 'simulator' : undefined, vars, probe, scenarios, checks };
  return { ...suite, tests: testItems(suite, src.range(root)) };
}

function loadTarget(src: SuiteSource, dir: string): SuiteTarget {
  const where = '"target"';
  const node = src.object(src.root, 'target', t('the suite'));
  if (!node) throw src.error(src.root, 'suite-missing', t('The suite needs a "target" with the handler\'s "url".'));
  src.onlyKeys(node, ['url', 'account', 'timeoutSeconds', 'start', 'ready'], where);
  const startNode = src.object(node, 'start', where);
  const readyNode = src.object(node, 'ready', where);
  let start: SuiteTarget['start'];
  if (startNode) {
    src.onlyKeys(startNode, ['command', 'cwd', 'env'], '"start"');
    const envNode = src.object(startNode, 'env', '"start"');
    const env = envNode ? (src.value(envNode) as Record<string, unknown>) : {};
    for (const [key, value] of Object.entries(env))
      if (typeof value !== 'string') throw src.error(src.member(envNode!, key), 'suite-type', t('"start.env" values are strings.'));
    start = {
      command: src.string(startNode, 'command', '"start"', true)!,
      cwd: resolve(dir, src.string(startNode, 'cwd', '"start"') ?? '.'),
      env: env as Record<string, string>,
      range: src.range(startNode),
    };
  }
  if (readyNode) src.onlyKeys(readyNode, ['url', 'timeoutSeconds'], '"ready"');
  return {
    url: src.string(node, 'url', where, true)!,
    account: src.string(node, 'account', where),
    timeoutSeconds: src.number(node, 'timeoutSeconds', where, 0.001) ?? 10,
    start,
    ready: readyNode
      ? {
          url: src.string(readyNode, 'url', '"ready"', true)!,
          timeoutSeconds: src.number(readyNode, 'timeoutSeconds', '"ready"', 0.001) ?? 20,
          range: src.range(readyNode),
        }
      : undefined,
    range: src.range(node),
  };
}

function checkedPath(src: SuiteSource, node: Node, text: string): PathSegment[] {
  const parsed = parseJsonPath(text);
  if ('problem' in parsed) throw src.error(node, 'suite-json-path', t('Bad JSON path "{0}": {1}.', text, parsed.problem));
  return parsed;
}

function loadProbe(src: SuiteSource, dir: string): Probe | undefined {
  const node = src.object(src.root, 'probe', t('the suite'));
  if (!node) return undefined;
  src.onlyKeys(node, ['http', 'command', 'cwd', 'apiCalls'], '"probe"');
  const range = src.range(node);
  const http = src.object(node, 'http', '"probe"');
  const command = src.string(node, 'command', '"probe"');
  const apiCalls = src.string(node, 'apiCalls', '"probe"');
  if ([http, command, apiCalls].filter((x) => x !== undefined).length !== 1)
    throw src.error(node, 'suite-probe', t('A probe is one of "http", "command" or "apiCalls".'));
  if (http) {
    src.onlyKeys(http, ['url', 'path'], '"probe.http"');
    const path = src.string(http, 'path', '"probe.http"') ?? '$';
    checkedPath(src, src.member(http, 'path') ?? http, path);
    return { kind: 'http', url: src.string(http, 'url', '"probe.http"', true)!, path, range };
  }
  if (command) return { kind: 'command', command, cwd: resolve(dir, src.string(node, 'cwd', '"probe"') ?? '.'), range };
  checkedCall(src, src.member(node, 'apiCalls')!, apiCalls!);
  return { kind: 'apiCalls', call: apiCalls!, range };
}

function checkedCall(src: SuiteSource, node: Node, call: string): void {
  if (!/^(GET|POST|PUT|DELETE|PATCH) \/\S*$/.test(call))
    throw src.error(node, 'suite-api-call', t('An API call is written "METHOD /path", e.g. "POST /v1/messages"; got "{0}".', call));
}

interface LoadContext {
  src: SuiteSource;
  dir: string;
  schemasDir?: string;
}

function loadScenario(ctx: LoadContext, node: Node, index: number): Scenario {
  const { src } = ctx;
  const where = t('scenario {0}', index + 1);
  if (node.type !== 'object') throw src.error(node, 'suite-type', t('{0} must be an object.', where));
  src.onlyKeys(node, ['name', 'idempotent', 'deliver', 'steps'], where);
  const stepsNode = src.array(node, 'steps', where);
  if (!stepsNode || (stepsNode.children ?? []).length === 0) throw src.error(stepsNode ?? node, 'suite-missing', t('{0} needs at least one step.', where));
  const id = String(index);
  const steps = stepsNode.children!.map((step, i) => loadStep(ctx, step, `${id}/${i}`, t('step {0} of {1}', i + 1, where)));
  const idempotent = src.boolean(node, 'idempotent', where) ?? false;
  return {
    id,
    name: src.string(node, 'name', where) ?? t('Scenario {0}', index + 1),
    idempotent,
    deliver: parseDeliverOptions(src, src.object(node, 'deliver', where), idempotent),
    steps,
    range: src.range(node),
  };
}

function loadStep(ctx: LoadContext, node: Node, id: string, where: string): SuiteStep {
  const { src } = ctx;
  if (node.type !== 'object') throw src.error(node, 'suite-type', t('{0} must be an object.', where));
  const wait = src.member(node, 'wait');
  if (wait) {
    src.onlyKeys(node, ['wait', 'name'], where);
    const ms = src.number(node, 'wait', where, 0)!;
    if (ms > 600_000) throw src.error(wait, 'suite-wait', t('A wait is at most 600000 ms (10 minutes).'));
    return { type: 'wait', id, label: src.string(node, 'name', where) ?? t('wait {0} ms', ms), ms, range: src.range(node) };
  }
  src.onlyKeys(node, ['name', 'fixture', 'event', 'payload', 'patch', 'expect'], where);
  const { source, text, label } = loadPayload(ctx, node, where);
  const patchNode = src.object(node, 'patch', where);
  const patch = (patchNode?.children ?? []).map((p) => {
    const keyNode = p.children![0];
    return { path: checkedPath(src, keyNode, String(keyNode.value)), pathText: String(keyNode.value), value: src.value(p.children![1]), range: src.range(p) };
  });
  return {
    type: 'send',
    id,
    label: src.string(node, 'name', where) ?? label,
    source,
    text,
    patch,
    expect: loadExpect(src, src.object(node, 'expect', where), where),
    range: src.range(node),
  };
}

function loadPayload(ctx: LoadContext, node: Node, where: string): Pick<SendStep, 'source' | 'text' | 'label'> {
  const { src } = ctx;
  const fixture = src.string(node, 'fixture', where);
  const event = src.string(node, 'event', where);
  const inline = src.object(node, 'payload', where);
  if ([fixture, event, inline].filter((x) => x !== undefined).length !== 1)
    throw src.error(node, 'suite-step', t('{0} needs exactly one of "fixture", "event", "payload" (or is a "wait").', where));
  if (inline) return { source: { kind: 'payload' }, text: src.slice(inline), label: t('inline payload') };
  if (event) {
    const text = ctx.schemasDir ? documentedEventText(ctx.schemasDir, event) : '';
    if (text === undefined)
      throw src.error(
        src.member(node, 'event'),
        'suite-unknown-event',
        t('No documented event "{0}".', event),
        t('Use an event name such as "inbox" or "new_client".'),
      );
    return { source: { kind: 'event', event }, text, label: event };
  }
  const fixtureNode = src.member(node, 'fixture')!;
  const file = resolve(ctx.dir, fixture!);
  if (!existsSync(file))
    throw src.error(
      fixtureNode,
      'suite-unknown-fixture',
      t('Fixture "{0}" not found ({1}).', fixture!, file),
      t("Paths are relative to the suite file's folder."),
    );
  let bytes: Buffer;
  try {
    bytes = readPayloadFile(file);
  } catch (error) {
    throw src.error(fixtureNode, 'suite-bad-fixture', t('Fixture "{0}" cannot be sent: {1}', fixture!, describeError(error)));
  }
  try {
    parsePayloadDocument(bytes, fixture);
  } catch (error) {
    throw src.error(fixtureNode, 'suite-bad-fixture', t('Fixture "{0}" cannot be sent: {1}', fixture!, describeError(error)));
  }
  return { source: { kind: 'fixture', path: file }, text: bytes.toString('utf8').replace(/^\uFEFF/, ''), label: basename(fixture!) };
}

/** The documented example of an event (`inbox`, `message_created.client`), or undefined. */
export function documentedEventText(schemasDir: string, event: string): string | undefined {
  return documentedEventItems(schemasDir).find((item) => item.event === event)?.text;
}

function loadExpect(src: SuiteSource, node: Node | undefined, where: string): StepExpect {
  if (!node) return { status: '2xx', body: [], apiCalls: [] };
  src.onlyKeys(node, ['status', 'latencyMs', 'headers', 'body', 'apiCalls'], `"expect" (${where})`);
  const statusNode = src.member(node, 'status');
  const status = statusNode ? src.value(statusNode) : '2xx';
  if (!isStatusSpec(status))
    throw src.error(statusNode, 'suite-status', t('"status" is a code (200), a list of codes ([200, 202]) or a class ("2xx", "4xx").'));
  const headersNode = src.object(node, 'headers', '"expect"');
  const headers = headersNode ? (src.value(headersNode) as Record<string, unknown>) : undefined;
  for (const [key, value] of Object.entries(headers ?? {}))
    if (typeof value !== 'string') throw src.error(src.member(headersNode!, key), 'suite-type', t('Expected header values are strings.'));
  const body: BodyExpectation[] = (src.array(node, 'body', '"expect"')?.children ?? []).map((b) => {
    if (b.type !== 'object') throw src.error(b, 'suite-type', t('Each body expectation is an object with "path".'));
    src.onlyKeys(b, ['path', 'equals', 'matches', 'exists'], t('a body expectation'));
    const path = src.string(b, 'path', t('a body expectation'), true)!;
    checkedPath(src, src.member(b, 'path')!, path);
    const matches = src.string(b, 'matches', t('a body expectation'));
    if (matches !== undefined) {
      try {
        new RegExp(matches);
      } catch (error) {
        throw src.error(src.member(b, 'matches'), 'suite-regex', t('"matches" is not a regular expression: {0}', (error as Error).message));
      }
    }
    const equals = src.member(b, 'equals');
    return { path, equals: equals ? src.value(equals) : undefined, matches, exists: src.boolean(b, 'exists', t('a body expectation')), range: src.range(b) };
  });
  const apiCalls: ApiCallExpectation[] = (src.array(node, 'apiCalls', '"expect"')?.children ?? []).map((c) => {
    if (c.type !== 'object') throw src.error(c, 'suite-type', t('Each "apiCalls" item is an object with "call" and "count".'));
    src.onlyKeys(c, ['call', 'count'], '"apiCalls"');
    const call = src.string(c, 'call', '"apiCalls"', true)!;
    checkedCall(src, src.member(c, 'call')!, call);
    return { call, count: src.number(c, 'count', '"apiCalls"', 0) ?? 1, range: src.range(c) };
  });
  return {
    status,
    latencyMs: src.number(node, 'latencyMs', '"expect"', 1),
    headers: headers as Record<string, string> | undefined,
    body,
    apiCalls,
    range: src.range(node),
  };
}

function loadChecks(ctx: LoadContext, scenarios: Scenario[]): SuiteChecks | undefined {
  const { src } = ctx;
  const node = src.member(src.root, 'checks');
  if (!node || node.value === false) return undefined;
  if (node.type !== 'object' && node.value !== true) throw src.error(node, 'suite-type', t('"checks" is true or an object.'));
  const obj = node.type === 'object' ? node : undefined;
  if (obj) src.onlyKeys(obj, ['fixture', 'event', 'payload', 'only', 'recommended'], '"checks"');
  let payload: { text: string; source: string };
  if (obj && ['fixture', 'event', 'payload'].some((key) => src.member(obj, key))) {
    const p = loadPayload(ctx, obj, '"checks"');
    payload = { text: p.text, source: p.label };
  } else {
    const first = scenarios.flatMap((s) => s.steps).find((s): s is SendStep => s.type === 'send');
    if (!first) throw src.error(node, 'suite-checks', t('"checks" needs a "fixture", or a scenario with a payload step.'));
    payload = { text: first.text, source: first.label };
  }
  const onlyNode = obj ? src.array(obj, 'only', '"checks"') : undefined;
  let ids: CheckId[] = [...REQUIRED_CHECKS, ...(obj && src.boolean(obj, 'recommended', '"checks"') ? RECOMMENDED_CHECKS : [])];
  if (onlyNode) {
    ids = (onlyNode.children ?? []).map((c) => {
      if (!CHECK_IDS.includes(c.value as CheckId))
        throw src.error(c, 'suite-unknown-check', t('Unknown check "{0}".', String(c.value)), t('Checks: {0}.', CHECK_IDS.join(', ')));
      return c.value as CheckId;
    });
  }
  return { ...payload, ids, range: src.range(node) };
}

function testItems(suite: Omit<LoadedSuite, 'tests'>, range: LoadedSuite['tests']['range']): SuiteTestItem {
  const scenarios: SuiteTestItem[] = suite.scenarios.map((s) => ({
    id: s.id,
    kind: 'scenario',
    label: s.name,
    range: s.range,
    children: [
      ...s.steps.map((step): SuiteTestItem => ({ id: step.id, kind: 'step', label: step.label, range: step.range, children: [] })),
      ...(s.idempotent
        ? [{ id: `${s.id}/idempotent`, kind: 'check' as const, label: t('idempotent under Chat2Desk delivery'), range: s.range, children: [] }]
        : []),
    ],
  }));
  const checks: SuiteTestItem[] = (suite.checks?.ids ?? []).map((id) => ({
    id: `check:${id}`,
    kind: 'check',
    label: (RECOMMENDED_CHECKS as readonly string[]).includes(id) ? `${id} ${t('(recommended)')}` : id,
    range: suite.checks?.range,
    children: [],
  }));
  return { id: 'suite', kind: 'suite', label: suite.name, range, children: [...scenarios, ...checks] };
}
