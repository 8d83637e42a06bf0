// runSuite: the one runner (the CLI's `test`, the Test Explorer). Sets up the target (simulator, handler
// process, ready check), runs the selected scenarios and checks, reports each test as it goes, and
// always stops what it started.
import { describeError } from '../errors';
import { t } from '../l10n';
import { redactSecrets } from '../redact';
import { SuiteError } from './errors';
import { checkApiCalls, checkResponse } from './expect';
import { runChecks } from './checks';
import type { RunContext, TestOutcome } from './run-context';
import { openTarget, type OpenTarget } from './target';
import { runIdempotency, runScenarioAsChat2Desk } from './rehearse';
import { artifactsOf, planStep, requestOf, send } from './send-step';
import type { LoadedSuite, Scenario, SendStep, SuiteRunEvent, SuiteRunOptions, SuiteRunSummary, SuiteTestItem } from './types';

/** The ids of every test (step, idempotency, check) an `only` selection runs. */
export function selectedTests(suite: LoadedSuite, only: ReadonlySet<string> | undefined): Set<string> {
  const out = new Set<string>();
  const walk = (item: SuiteTestItem, inside: boolean) => {
    const picked = inside || !only || only.has(item.id);
    if (item.children.length === 0 && item.kind !== 'suite' && item.kind !== 'scenario') {
      if (picked) out.add(item.id);
    }
    item.children.forEach((child) => walk(child, picked));
  };
  walk(suite.tests, false);
  // The idempotency test compares against a clean run of its scenario's steps: selecting it runs them too.
  for (const scenario of suite.scenarios) if (out.has(`${scenario.id}/idempotent`)) for (const step of scenario.steps) out.add(step.id);
  return out;
}

export async function runSuite(suite: LoadedSuite, options: SuiteRunOptions): Promise<SuiteRunSummary> {
  const started = performance.now();
  const summary: SuiteRunSummary = { passed: 0, failed: 0, errored: 0, skipped: 0, durationMs: 0 };
  const secrets: string[] = [];
  const report = (event: SuiteRunEvent) => {
    if (event.type === 'passed' || event.type === 'failed' || event.type === 'errored' || event.type === 'skipped') summary[event.type]++;
    options.onEvent(redactEvent(event, secrets));
  };
  const selected = selectedTests(suite, options.only);
  let target: OpenTarget | undefined;
  try {
    target = await openTarget(suite, options, secrets, (text) => report({ type: 'output', text }));
  } catch (error) {
    for (const id of selected) report({ type: 'errored', id, error: errorInfo(error), range: (error as SuiteError).range });
    summary.durationMs = performance.now() - started;
    return summary;
  }
  const done = new Set<string>();
  const ctx: RunContext = {
    suite,
    options,
    target,
    send: target.sendContext,
    report,
    test: async (id, body) => {
      if (!selected.has(id) || done.has(id)) return true;
      done.add(id);
      if (options.signal?.aborted) {
        report({ type: 'skipped', id, reason: t('cancelled') });
        return false;
      }
      report({ type: 'started', id });
      const t0 = performance.now();
      try {
        const outcome = await body();
        const durationMs = performance.now() - t0;
        if (outcome.failures.length === 0) report({ type: 'passed', id, durationMs });
        else report({ type: 'failed', id, durationMs, failures: outcome.failures, artifacts: outcome.artifacts });
        return outcome.failures.length === 0;
      } catch (error) {
        report({ type: 'errored', id, error: errorInfo(error), range: (error as SuiteError).range });
        return false;
      }
    },
    skip: (id, reason) => {
      if (!selected.has(id) || done.has(id)) return;
      done.add(id);
      report({ type: 'skipped', id, reason });
    },
  };
  try {
    for (const scenario of suite.scenarios) {
      if (options.mode === 'chat2desk') await runScenarioAsChat2Desk(ctx, scenario);
      else await runScenario(ctx, scenario);
    }
    if (suite.checks) await runChecks(ctx, suite.checks);
  } finally {
    await target.close();
    for (const id of selected) if (!done.has(id)) report({ type: 'skipped', id, reason: options.signal?.aborted ? t('cancelled') : undefined });
  }
  summary.durationMs = performance.now() - started;
  return summary;
}

async function runScenario(ctx: RunContext, scenario: Scenario): Promise<void> {
  const idempotencyId = `${scenario.id}/idempotent`;
  // Read before the clean run; a probe that fails is the idempotency test's error, not the steps'.
  const probeFirst = scenario.idempotent
    ? await ctx.target.readProbe().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))
    : undefined;
  for (const step of scenario.steps) {
    if (step.type === 'wait') await ctx.test(step.id, async () => (await ctx.target.sleep(step.ms), { failures: [] }));
    else await ctx.test(step.id, () => runStep(ctx, step));
  }
  if (scenario.idempotent) await ctx.test(idempotencyId, () => runIdempotency(ctx, scenario, probeFirst));
}

export async function runStep(ctx: RunContext, step: SendStep): Promise<TestOutcome> {
  const request = requestOf(planStep(step, ctx.send), ctx.send);
  const callsBefore = ctx.target.apiCalls().length;
  const response = await send(request, ctx.send);
  const failures = checkResponse(step.expect, response);
  if (step.expect.apiCalls.length > 0) {
    const calls = await ctx.target.settledApiCalls(callsBefore, step.expect.apiCalls);
    failures.push(...checkApiCalls(step.expect.apiCalls, calls));
  }
  return { failures, artifacts: failures.length ? artifactsOf(request, response, ctx.send.secrets) : undefined };
}

function errorInfo(error: unknown): { code: string; message: string; hint?: string } {
  const e = error as { code?: unknown; message?: unknown; hint?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : 'error',
    message: error instanceof Error ? error.message : describeError(error),
    hint: typeof e.hint === 'string' ? e.hint : undefined,
  };
}

/** Secrets never leave the runner: messages, output and artifacts are redacted. */
function redactEvent(event: SuiteRunEvent, secrets: readonly string[]): SuiteRunEvent {
  if (secrets.length === 0) return event;
  const r = (s: string | undefined) => (s === undefined ? s : redactSecrets(s, secrets));
  switch (event.type) {
    case 'output':
      return { ...event, text: r(event.text)! };
    case 'errored':
      return { ...event, error: { ...event.error, message: r(event.error.message)!, hint: r(event.error.hint) } };
    case 'failed':
      return { ...event, failures: event.failures.map((f) => ({ ...f, message: r(f.message)!, expected: r(f.expected), actual: r(f.actual) })) };
    default:
      return event;
  }
}
