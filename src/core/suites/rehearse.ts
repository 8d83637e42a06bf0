// Scenarios delivered as Chat2Desk delivers, through the Deliver engine (runDelivery): "Run as
// Chat2Desk", and the idempotency rehearsal that compares the probe's delta with a clean run's.
import type { DeliveryTimeline } from '../delivery/engine';
import { deliveryEngine } from '../delivery/load-engine';
import { parsePolicy } from '../delivery/policy';
import { deliveryEventsOf } from '../delivery/prepare';
import { t } from '../l10n';
import type { RunContext, TestOutcome } from './run-context';
import { planStep } from './send-step';
import type { DeliverOptions, Scenario, SendStep, SuiteFailure } from './types';

/** Payload steps between waits are delivered together (order and duplicates apply within such a group). */
function segments(scenario: Scenario): { sends: SendStep[]; waitMs: number }[] {
  const out: { sends: SendStep[]; waitMs: number }[] = [{ sends: [], waitMs: 0 }];
  for (const step of scenario.steps) {
    if (step.type === 'wait') out.push({ sends: [], waitMs: step.ms });
    else out[out.length - 1].sends.push(step);
  }
  return out;
}

async function deliver(ctx: RunContext, sends: SendStep[], options: DeliverOptions): Promise<DeliveryTimeline> {
  const { send } = ctx;
  const plans = sends.map((step) => planStep(step, send));
  const events = deliveryEventsOf(plans, { url: send.url, bodyFormat: 'compact' });
  return deliveryEngine().runDelivery({
    events,
    apiToken: send.token,
    policy: parsePolicy(options.policy, send.timeoutMs),
    timeScale: options.timeScale,
    retryTimestamp: options.retryTimestamp,
    faults: { duplicate: options.duplicate, order: options.order, seed: options.seed, slowFirst: options.slowFirst },
    signal: send.signal,
  });
}

async function deliverScenario(ctx: RunContext, scenario: Scenario, onSegment?: (sends: SendStep[], timeline: DeliveryTimeline) => Promise<void>) {
  for (const segment of segments(scenario)) {
    if (segment.waitMs > 0) await ctx.target.sleep(segment.waitMs);
    if (segment.sends.length === 0) continue;
    const timeline = await deliver(ctx, segment.sends, scenario.deliver);
    await onSegment?.(segment.sends, timeline);
  }
}

export async function runScenarioAsChat2Desk(ctx: RunContext, scenario: Scenario): Promise<void> {
  await deliverScenario(ctx, scenario, async (sends, timeline) => {
    for (const [index, step] of sends.entries()) {
      await ctx.test(step.id, async (): Promise<TestOutcome> => {
        const mine = timeline.deliveries.filter((d) => d.eventIndex === index);
        const failures = mine
          .filter((d) => d.outcome.kind !== 'delivered')
          .map((d) => ({ message: `${deliveryEngine().deliveryLabel(d)}: ${deliveryEngine().describeOutcome(d, timeline)}`, range: step.range }));
        return { failures, artifacts: failures.length ? { timeline: { ...timeline, deliveries: mine } } : undefined };
      });
    }
  });
  for (const step of scenario.steps) if (step.type === 'wait') await ctx.test(step.id, async () => ({ failures: [] }));
  if (scenario.idempotent)
    ctx.skip(`${scenario.id}/idempotent`, t('The idempotency test compares with a clean run: it runs in Run mode, not in Run as Chat2Desk.'));
}

/**
 * The probe's delta of the clean run just done, against a rehearsal with duplicates and resends. Also
 * fails when the clean run left the probe unchanged (then equal deltas prove nothing) and when the
 * rehearsal ended with a copy not accepted (Chat2Desk resends it and in the end disables the webhook).
 */
export async function runIdempotency(ctx: RunContext, scenario: Scenario, before: number | Error | undefined): Promise<TestOutcome> {
  if (before instanceof Error) throw before;
  const settle = () => ctx.target.sleep(150);
  await settle();
  const clean = (await ctx.target.readProbe()) - (before ?? 0);
  const start = await ctx.target.readProbe();
  let described = '';
  let timelines: DeliveryTimeline[] = [];
  await deliverScenario(ctx, scenario, async (_sends, timeline) => {
    described = deliveryEngine().describeRun(timeline);
    timelines = [...timelines, timeline];
  });
  await settle();
  const rehearsed = (await ctx.target.readProbe()) - start;
  const failures: SuiteFailure[] = [];
  const failure = (message: string, expected?: string, actual?: string) => failures.push({ message, expected, actual, range: scenario.range });
  if (clean === 0)
    failure(
      t(
        'A clean run of the scenario did not change the probe, so it cannot show that a duplicate is acted on once: the probe must read what the handler does (a counter, rows written, API calls).',
      ),
    );
  if (rehearsed !== clean)
    failure(
      t(
        'Not idempotent: a clean run changed the probe by {0}; delivered as Chat2Desk may deliver ({1}) it changed by {2}. The handler acted again on a duplicate or a resend.',
        clean,
        described,
        rehearsed,
      ),
      String(clean),
      String(rehearsed),
    );
  for (const timeline of timelines)
    for (const delivery of timeline.deliveries.filter((d) => d.outcome.kind !== 'delivered'))
      failure(
        t(
          'Not accepted under duplicates and resends: {0}: {1}. Chat2Desk resends what is not answered 2xx, and disables the webhook in the end.',
          deliveryEngine().deliveryLabel(delivery),
          deliveryEngine().describeOutcome(delivery, timeline),
        ),
      );
  if (failures.length === 0) return { failures };
  return { failures, artifacts: { timeline: timelines.length === 1 ? timelines[0] : timelines } };
}
