// Words for a timeline: only what was observed (statuses, latencies, which attempts succeeded).
// Whether a handler acted on an event twice cannot be seen from outside, so it is never claimed.
import type { AttemptRecord, DeliveryRecord, DeliveryTimeline } from './engine';
import { describePolicy, formatDuration, formatTimeScale } from './policy';

export function describeAttempt(attempt: AttemptRecord): string {
  switch (attempt.result) {
    case undefined: return 'in flight';
    case 'accepted':
    case 'rejected': return `${attempt.status} ${attempt.statusText ?? ''}`.trim() + ` in ${formatDuration(attempt.latencyMs ?? 0)}`;
    case 'timeout': {
      const late = attempt.lateAnswer;
      return `${attempt.error?.message ?? 'timed out'}${late ? `; answered ${late.status} after ${formatDuration(late.latencyMs)} (too late to count)` : ''}`;
    }
    case 'cancelled': return 'cancelled';
    case 'error': return attempt.error?.message ?? 'failed';
  }
}

export function describeOutcome(delivery: DeliveryRecord, timeline: DeliveryTimeline): string {
  const total = timeline.policy.retryDelaysMs.length + 1;
  switch (delivery.outcome.kind) {
    case 'pending': return delivery.attempts.length ? `attempt ${delivery.attempts.length} of ${total}` : 'waiting';
    case 'delivered': return `delivered at attempt ${delivery.outcome.attempt} of ${total}`;
    case 'gave-up': return `not delivered: all ${delivery.outcome.attempts} attempts failed`;
    case 'disabled': return 'not delivered: the webhook was disabled';
    case 'cancelled': return 'cancelled';
  }
}

/** "inbox.chat2desk.json (copy 2)". */
export function deliveryLabel(delivery: DeliveryRecord): string {
  return delivery.copy > 1 ? `${delivery.source} (duplicate)` : delivery.source;
}

const statusOf = (a: AttemptRecord) => a.status !== undefined ? String(a.status) : a.result === 'timeout' ? 'timeout' : a.error?.code ?? a.result ?? '…';

/** The run's settings in one line. */
export function describeRun(timeline: DeliveryTimeline): string {
  const parts = [`policy ${timeline.policy.name} (${describePolicy(timeline.policy)})`, formatTimeScale(timeline.timeScale), `retry timestamp ${timeline.retryTimestamp}`];
  if (timeline.order !== 'as-given') parts.push(timeline.order === 'shuffle' ? `shuffled (seed ${timeline.seed})` : 'reverse order');
  if (timeline.duplicate) parts.push(`each event twice (${timeline.duplicate})`);
  if (timeline.slowFirst) parts.push('first answers counted as too slow');
  return parts.join('; ');
}

/** Observations, one per line: the verdict first. */
export function summarizeTimeline(timeline: DeliveryTimeline): string[] {
  const lines: string[] = [];
  const { deliveries } = timeline;
  const delivered = deliveries.filter((d) => d.outcome.kind === 'delivered');
  const firstTry = delivered.filter((d) => d.outcome.kind === 'delivered' && d.outcome.attempt === 1).length;
  const attempts = deliveries.flatMap((d) => d.attempts);
  lines.push(`${timeline.state === 'cancelled' ? 'Cancelled: ' : ''}${delivered.length} of ${deliveries.length} deliveries accepted`
    + (delivered.length ? ` (${firstTry} at the first attempt${delivered.length > firstTry ? `, ${delivered.length - firstTry} after resends` : ''})` : '')
    + `; ${attempts.length} attempt${attempts.length === 1 ? '' : 's'} in ${formatDuration(timeline.realDurationMs)} (${formatDuration(timeline.scheduleDurationMs)} at Chat2Desk's pace).`);

  for (const delivery of deliveries) {
    lines.push(`${deliveryLabel(delivery)}: ${describeOutcome(delivery, timeline)} [${delivery.attempts.map(statusOf).join(', ')}]`);
  }

  const latencies = attempts.map((a) => a.latencyMs).filter((l): l is number => l !== undefined);
  if (latencies.length) lines.push(`Answers took ${formatDuration(Math.min(...latencies))} to ${formatDuration(Math.max(...latencies))}.`);

  for (const delivery of deliveries) {
    for (const attempt of delivery.attempts) {
      if (attempt.result === 'timeout' && attempt.lateAnswer && !(timeline.slowFirst && attempt.attempt === 1)) {
        lines.push(`${deliveryLabel(delivery)}, attempt ${attempt.attempt}: no answer within ${formatDuration(timeline.policy.timeoutMs)}, then ${attempt.lateAnswer.status} after ${formatDuration(attempt.lateAnswer.latencyMs)}: Chat2Desk would count it as failed and resend.`);
      }
    }
  }

  if (timeline.slowFirst) {
    const answered = deliveries.filter((d) => d.attempts[0]?.lateAnswer);
    const acceptedFirst = answered.filter((d) => d.attempts[0].lateAnswer!.status >= 200 && d.attempts[0].lateAnswer!.status < 300);
    const acceptedAgain = acceptedFirst.filter((d) => d.outcome.kind === 'delivered');
    lines.push(`Slow first answer: ${acceptedFirst.length} of ${deliveries.length} first attempts were answered 2xx but counted as too slow;`
      + ` ${acceptedAgain.length} of those events were accepted again when resent.`);
  }

  if (timeline.duplicate) {
    const originals = deliveries.filter((d) => d.copy === 1);
    const bothAccepted = originals.filter((o) => deliveries.every((d) => d.eventIndex !== o.eventIndex || d.outcome.kind === 'delivered'));
    const partly = originals.filter((o) => !bothAccepted.includes(o)).map((o) => o.source);
    lines.push(`Each event was sent twice (${timeline.duplicate}): both copies accepted for ${bothAccepted.length} of ${originals.length}`
      + (partly.length ? `; not both for ${partly.join(', ')}.` : '.'));
  }

  if (timeline.retryTimestamp === 'original') {
    const aged = attempts.filter((a) => (a.timestampAgeSeconds ?? 0) > 0);
    const rejected = aged.filter((a) => a.result !== 'accepted');
    if (aged.length) {
      lines.push(`${aged.length} resend${aged.length === 1 ? '' : 's'} carried the original X-Timestamp (up to ${formatDuration(Math.max(...aged.map((a) => a.timestampAgeSeconds!)) * 1000)} old)`
        + (rejected.length ? `; ${rejected.length} of them failed (${rejected.map(statusOf).join(', ')}).` : '; all were accepted.'));
    }
  }

  if (timeline.order !== 'as-given') {
    lines.push(`Delivered in ${timeline.order === 'shuffle' ? `shuffled order (seed ${timeline.seed})` : 'reverse order'}: ${[...new Set(deliveries.map((d) => d.source))].join(' → ')}.`);
  }

  const { webhook, policy } = timeline;
  if (webhook.disabledAtMs !== undefined) {
    lines.push(`The webhook was disabled at ${formatDuration(webhook.disabledAtMs)}: no successful answer for ${formatDuration(policy.disableAfterMs ?? 0)}.`);
  } else if (webhook.failingSinceMs !== undefined && policy.disableAfterMs !== undefined && timeline.state === 'finished') {
    const since = webhook.failingSinceMs === 0 ? 'the start of the run' : `${formatDuration(webhook.failingSinceMs)} into the run`;
    lines.push(`No successful answer since ${since}: Chat2Desk would disable the webhook at ${formatDuration(webhook.failingSinceMs + policy.disableAfterMs)} unless a later event is accepted.`);
  }
  return lines;
}
