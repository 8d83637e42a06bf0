// Words for a timeline: only what was observed (statuses, latencies, which attempts succeeded).
// Whether a handler acted on an event twice cannot be seen from outside, so it is never claimed.
import type { AttemptRecord } from './attempt';
import type { DeliveryRecord, DeliveryTimeline } from './engine';
import { formatBytes } from '../exchange';
import { t } from '../l10n';
import { MAX_RESPONSE_HEADERS } from '../send';
import { describePolicy, formatDuration, formatTimeScale } from './policy';

export function describeAttempt(attempt: AttemptRecord): string {
  switch (attempt.result) {
    case undefined:
      return t('in flight');
    case 'accepted':
    case 'rejected':
      return [t('{0} in {1}', `${attempt.status} ${attempt.statusText ?? ''}`.trim(), formatDuration(attempt.latencyMs ?? 0)), ...answerNotes(attempt)].join(
        '; ',
      );
    case 'timeout': {
      const late = attempt.lateAnswer;
      // Slow first answer: the answer came in time and was counted as slow on purpose, which is not "too late".
      if (attempt.countedSlow && late)
        return t(
          'counted as too slow on purpose (slow first answer): the handler answered {0} in {1}',
          `${late.status} ${late.statusText}`.trim(),
          formatDuration(late.latencyMs),
        );
      return `${attempt.error?.message ?? t('timed out')}${late ? `; ${t('answered {0} after {1} (too late to count)', late.status, formatDuration(late.latencyMs))}` : ''}`;
    }
    case 'cancelled':
      return t('cancelled');
    case 'error':
      return attempt.error?.message ?? t('failed');
  }
}

/** What was unusual about an answer: a body cut at the read limit, more headers than are kept. */
function answerNotes(attempt: AttemptRecord): string[] {
  const notes: string[] = [];
  if (attempt.bodyCutAtBytes !== undefined) notes.push(t('body cut at {0}: the handler sent more, which was not read', formatBytes(attempt.bodyCutAtBytes)));
  if (attempt.headerCount !== undefined) notes.push(t('{0} response headers, the first {1} kept', attempt.headerCount, MAX_RESPONSE_HEADERS));
  return notes;
}

/** The start of a handler's answer on one line, for the text timeline: whitespace collapsed, control characters shown as \uXXXX. */
export function answerExcerpt(attempt: AttemptRecord, maxLength = 120): string | undefined {
  const body = attempt.responseBody?.replace(/\s+/g, ' ').trim();
  if (!body) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters (terminal escapes) are what this shows harmlessly
  const safe = body.replace(/[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > maxLength ? `${safe.slice(0, maxLength)}…` : safe;
}

export function describeOutcome(delivery: DeliveryRecord, timeline: DeliveryTimeline): string {
  const total = timeline.policy.retryDelaysMs.length + 1;
  switch (delivery.outcome.kind) {
    case 'pending':
      return delivery.attempts.length ? t('attempt {0} of {1}', delivery.attempts.length, total) : t('waiting');
    case 'delivered':
      return t('delivered at attempt {0} of {1}', delivery.outcome.attempt, total);
    case 'gave-up':
      return t('not delivered: all {0} attempts failed', delivery.outcome.attempts);
    case 'disabled':
      return t('not delivered: the webhook was disabled');
    case 'cancelled':
      return t('cancelled');
  }
}

/** "inbox.chat2desk.json (copy 2)". */
export function deliveryLabel(delivery: DeliveryRecord): string {
  return delivery.copy > 1 ? t('{0} (duplicate)', delivery.source) : delivery.source;
}

const statusOf = (a: AttemptRecord) => (a.status !== undefined ? String(a.status) : a.result === 'timeout' ? 'timeout' : (a.error?.code ?? a.result ?? '…'));

/** The run's settings in one line. */
export function describeRun(timeline: DeliveryTimeline): string {
  const parts = [
    t('policy {0} ({1})', timeline.policy.name, describePolicy(timeline.policy)),
    formatTimeScale(timeline.timeScale),
    t('retry timestamp {0}', timeline.retryTimestamp),
  ];
  if (timeline.order !== 'as-given') parts.push(timeline.order === 'shuffle' ? t('shuffled (seed {0})', timeline.seed ?? '') : t('reverse order'));
  if (timeline.duplicate) parts.push(t('each event twice ({0})', timeline.duplicate));
  if (timeline.slowFirst) parts.push(t('first answers counted as too slow'));
  if (timeline.intervalMs) parts.push(t('{0} between events (real time)', formatDuration(timeline.intervalMs)));
  return parts.join('; ');
}

/** Observations, one per line: the verdict first. */
export function summarizeTimeline(timeline: DeliveryTimeline): string[] {
  const lines: string[] = [];
  const { deliveries } = timeline;
  const delivered = deliveries.filter((d) => d.outcome.kind === 'delivered');
  const firstTry = delivered.filter((d) => d.outcome.kind === 'delivered' && d.outcome.attempt === 1).length;
  const attempts = deliveries.flatMap((d) => d.attempts);
  lines.push(
    `${timeline.state === 'cancelled' ? t('Cancelled: ') : ''}${t('{0} of {1} deliveries accepted', delivered.length, deliveries.length)}` +
      (delivered.length
        ? ` (${t('{0} at the first attempt', firstTry)}${delivered.length > firstTry ? `, ${t('{0} after resends', delivered.length - firstTry)}` : ''})`
        : '') +
      `; ${attempts.length === 1 ? t("1 attempt in {0} ({1} at Chat2Desk's pace).", formatDuration(timeline.realDurationMs), formatDuration(timeline.scheduleDurationMs)) : t("{0} attempts in {1} ({2} at Chat2Desk's pace).", attempts.length, formatDuration(timeline.realDurationMs), formatDuration(timeline.scheduleDurationMs))}`,
  );

  for (const delivery of deliveries) {
    lines.push(`${deliveryLabel(delivery)}: ${describeOutcome(delivery, timeline)} [${delivery.attempts.map(statusOf).join(', ')}]`);
  }

  const latencies = attempts.map((a) => a.latencyMs).filter((l): l is number => l !== undefined);
  if (latencies.length) lines.push(t('Answers took {0} to {1}.', formatDuration(Math.min(...latencies)), formatDuration(Math.max(...latencies))));

  for (const delivery of deliveries) {
    for (const attempt of delivery.attempts) {
      if (attempt.result === 'timeout' && attempt.lateAnswer && !attempt.countedSlow) {
        lines.push(
          t(
            '{0}, attempt {1}: no answer within {2}, then {3} after {4}: Chat2Desk would count it as failed and resend.',
            deliveryLabel(delivery),
            attempt.attempt,
            formatDuration(timeline.policy.timeoutMs),
            attempt.lateAnswer.status,
            formatDuration(attempt.lateAnswer.latencyMs),
          ),
        );
      }
    }
  }

  if (timeline.slowFirst) {
    const answered = deliveries.filter((d) => d.attempts[0]?.countedSlow && d.attempts[0].lateAnswer);
    const acceptedFirst = answered.filter((d) => d.attempts[0].lateAnswer!.status >= 200 && d.attempts[0].lateAnswer!.status < 300);
    const acceptedAgain = acceptedFirst.filter((d) => d.outcome.kind === 'delivered');
    lines.push(
      t(
        'Slow first answer: {0} of {1} first attempts were answered 2xx and counted as too slow on purpose; {2} of those events were accepted again when resent.',
        acceptedFirst.length,
        deliveries.length,
        acceptedAgain.length,
      ),
    );
  }

  if (timeline.duplicate) {
    const originals = deliveries.filter((d) => d.copy === 1);
    const bothAccepted = originals.filter((o) => deliveries.every((d) => d.eventIndex !== o.eventIndex || d.outcome.kind === 'delivered'));
    const partly = originals.filter((o) => !bothAccepted.includes(o)).map((o) => o.source);
    lines.push(
      t('Each event was sent twice ({0}): both copies accepted for {1} of {2}', timeline.duplicate, bothAccepted.length, originals.length) +
        (partly.length ? `; ${t('not both for {0}.', partly.join(', '))}` : '.'),
    );
  }

  if (timeline.retryTimestamp === 'original') {
    const aged = attempts.filter((a) => (a.timestampAgeSeconds ?? 0) > 0);
    const rejected = aged.filter((a) => a.result !== 'accepted');
    if (aged.length) {
      const oldest = formatDuration(Math.max(...aged.map((a) => a.timestampAgeSeconds!)) * 1000);
      lines.push(
        (aged.length === 1
          ? t('1 resend carried the original X-Timestamp (up to {0} old)', oldest)
          : t('{0} resends carried the original X-Timestamp (up to {1} old)', aged.length, oldest)) +
          (rejected.length ? `; ${t('{0} of them failed ({1}).', rejected.length, rejected.map(statusOf).join(', '))}` : `; ${t('all were accepted.')}`),
      );
    }
  }

  if (timeline.order !== 'as-given') {
    const sources = [...new Set(deliveries.map((d) => d.source))].join(' → ');
    lines.push(
      timeline.order === 'shuffle'
        ? t('Delivered in shuffled order (seed {0}): {1}.', timeline.seed ?? '', sources)
        : t('Delivered in reverse order: {0}.', sources),
    );
  }

  const { webhook, policy } = timeline;
  if (webhook.disabledAtMs !== undefined) {
    lines.push(
      t('The webhook was disabled at {0}: no successful answer for {1}.', formatDuration(webhook.disabledAtMs), formatDuration(policy.disableAfterMs ?? 0)),
    );
  } else if (webhook.failingSinceMs !== undefined && policy.disableAfterMs !== undefined && timeline.state === 'finished') {
    const since = webhook.failingSinceMs === 0 ? t('the start of the run') : t('{0} into the run', formatDuration(webhook.failingSinceMs));
    lines.push(
      t(
        'No successful answer since {0}: Chat2Desk would disable the webhook at {1} unless a later event is accepted.',
        since,
        formatDuration(webhook.failingSinceMs + policy.disableAfterMs),
      ),
    );
  }
  return lines;
}
