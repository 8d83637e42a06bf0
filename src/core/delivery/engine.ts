// Delivers events the way Chat2Desk does: attempts, waits between them (compressed by a time scale),
// the disable rule, re-signing per attempt, and fault modes; records every attempt in a timeline.
//
// Two clocks: *schedule time* is the time Chat2Desk would experience (waits at full length, answers at
// their real speed); *real time* is what passes here. A wait of D ms takes D / timeScale real ms, and
// only when nothing is in flight: a handler's own slowness is never compressed. Timeouts are real time.
//
// Callers: the CLI (src/cli/deliver.ts), Deliver as Chat2Desk… (src/features/deliver). The simulator can
// deliver its events the same way: prepareDeliveryEvents() with a webhook's URL, then runDelivery() with
// its token and the same policy and time scale (clock and send are injectable).
import { CancelledError } from '../errors';
import { secretsOfToken } from '../redact';
import { sendWebhook, type SendOptions, type WebhookRequest, type WebhookResponse } from '../send';
import { signRequest } from '../signature';
import { deliveryOrder, newSeed, type DeliveryOrder, type DuplicateMode } from './arrange';
import { runAttempt, type AttemptRecord } from './attempt';
import { systemClock, type Clock } from './clock';
import type { DeliveryPolicy } from './policy';

export interface DeliveryEvent {
  /** Names the event in the timeline (a file name). */
  source: string;
  /**
   * Built once, unsigned (payload.ts buildRequest); when `signed`, each attempt is signed over this same
   * body Buffer by signRequest, the one place that signs, and sent with it.
   */
  request: WebhookRequest;
  signed: boolean;
  hookType?: string;
}

/** fresh: every attempt signed with the time it is sent; original: the first attempt's X-Timestamp. */
export type RetryTimestamp = 'fresh' | 'original';

export interface DeliveryFaults {
  /** Deliver each event twice: the copy after the first settles, or both at once. */
  duplicate?: DuplicateMode;
  order?: DeliveryOrder;
  /** For order "shuffle"; a random one is chosen (and recorded) when absent. */
  seed?: number;
  /**
   * Slow first answer: each event's first answer counts as too slow, whatever it is (as when Chat2Desk
   * gives up on a handler that is slow the first time), so the event is resent after the first wait.
   */
  slowFirst?: boolean;
}

export type DeliveryOutcome =
  { kind: 'pending' } | { kind: 'delivered'; attempt: number } | { kind: 'gave-up'; attempts: number } | { kind: 'disabled' } | { kind: 'cancelled' };

export interface DeliveryRecord {
  /** Position in the timeline. */
  id: number;
  /** Position of the event in the input. */
  eventIndex: number;
  source: string;
  hookType?: string;
  /** 1, or 2 for the duplicate. */
  copy: number;
  attempts: AttemptRecord[];
  outcome: DeliveryOutcome;
}

export interface DeliveryTimeline {
  startedAt: string;
  policy: DeliveryPolicy;
  timeScale: number;
  retryTimestamp: RetryTimestamp;
  order: DeliveryOrder;
  seed?: number;
  duplicate?: DuplicateMode;
  /** Every first answer was counted as too slow (fault mode). */
  slowFirst?: boolean;
  /** Real ms between an event's first answer and the next event's first attempt (never compressed). */
  intervalMs?: number;
  /** In delivery order; a duplicate right after its original. */
  deliveries: DeliveryRecord[];
  webhook: {
    /** Schedule time of the first failed attempt since the last success, if the last attempt failed. */
    failingSinceMs?: number;
    /** When the disable rule switched the webhook off during the run (schedule time). */
    disabledAtMs?: number;
  };
  state: 'running' | 'finished' | 'cancelled';
  realDurationMs: number;
  scheduleDurationMs: number;
}

export type DeliveryProgress =
  | { type: 'attempt-started' | 'attempt-finished' | 'late-answer'; delivery: DeliveryRecord; attempt: AttemptRecord }
  | { type: 'delivery-settled'; delivery: DeliveryRecord }
  | { type: 'waiting'; untilMs: number; realWaitMs: number; next: { delivery: DeliveryRecord; attempt: number } }
  | { type: 'disabled'; atMs: number }
  /** The schedule is done; answers that came too late are still awaited (each for at most `upToMs`). */
  | { type: 'late-answers'; pending: number; upToMs: number }
  | { type: 'finished' };

export interface RunDeliveryOptions {
  events: DeliveryEvent[];
  /** Re-signs signed events per attempt. Never recorded. */
  apiToken?: string;
  policy: DeliveryPolicy;
  /** 1 = real time (default), 60 = a minute of schedule per real second, Infinity = back to back. */
  timeScale?: number;
  retryTimestamp?: RetryTimestamp;
  faults?: DeliveryFaults;
  clock?: Clock;
  signal?: AbortSignal;
  /** Called as the timeline changes (it is the same object runDelivery returns). */
  onProgress?: (progress: DeliveryProgress, timeline: DeliveryTimeline) => void;
  /** Default: the core's sendWebhook. */
  send?: (request: WebhookRequest, options: SendOptions) => Promise<WebhookResponse>;
  /** How long past the timeout an answer is still awaited, to report it (real ms). Default: the timeout. */
  lateAnswerWindowMs?: number;
  /**
   * Real ms between an event's first answer and the next event's first attempt: time for a handler that
   * works in the background to finish with one event. Never compressed by the time scale.
   */
  intervalMs?: number;
  /** Redacted from whatever is recorded, besides the token, its MD5 key and URL passwords, which always are. */
  secrets?: readonly string[];
}

const EPSILON_MS = 1e-6;

/** What must never reach the timeline (the JSON users attach to bug reports): the token, its key, URL passwords. */
function secretsOfRun(options: RunDeliveryOptions): string[] {
  const secrets = [...secretsOfToken(options.apiToken), ...(options.secrets ?? [])];
  for (const event of options.events) {
    try {
      const { password } = new URL(event.request.url);
      if (password) secrets.push(password, decodeURIComponent(password));
    } catch {
      /* not a URL: nothing to take from it */
    }
  }
  return [...new Set(secrets)];
}

interface Due {
  dueMs: number;
  seq: number;
  delivery: DeliveryRecord;
  attempt: number;
  waitedMs: number;
}

export async function runDelivery(options: RunDeliveryOptions): Promise<DeliveryTimeline> {
  const { policy, events } = options;
  const clock = options.clock ?? systemClock;
  const send = options.send ?? sendWebhook;
  const scale = options.timeScale ?? 1;
  if (!(scale >= 1)) throw new RangeError(`runDelivery: timeScale must be >= 1 or Infinity, got ${scale}`);
  if (events.some((e) => e.signed) && !options.apiToken) throw new TypeError('runDelivery: signed events need apiToken');
  const faults = options.faults ?? {};
  const order = faults.order ?? 'as-given';
  const lateWindowMs = options.lateAnswerWindowMs ?? policy.timeoutMs;
  const intervalMs = options.intervalMs ?? 0;
  if (!(intervalMs >= 0 && Number.isFinite(intervalMs))) throw new RangeError(`runDelivery: intervalMs must be >= 0, got ${intervalMs}`);
  const secrets = secretsOfRun(options);

  const controller = new AbortController();
  const cancel = () => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', cancel, { once: true });
  // One abort listener for the run, whatever the number of attempts (each has its own controller).
  const attemptControllers = new Set<AbortController>();
  const cancelled = new Promise<void>((resolve) =>
    controller.signal.addEventListener(
      'abort',
      () => {
        for (const attempt of attemptControllers) attempt.abort();
        resolve();
      },
      { once: true },
    ),
  );

  const start = clock.now();
  let skippedMs = 0; // schedule time that passed without real time passing (compressed waits)
  const realNow = () => clock.now() - start;
  const scheduleNow = () => realNow() + skippedMs;

  const timeline: DeliveryTimeline = {
    startedAt: new Date(clock.wallNow()).toISOString(),
    policy,
    timeScale: scale,
    retryTimestamp: options.retryTimestamp ?? 'fresh',
    order,
    seed: order === 'shuffle' ? (faults.seed ?? newSeed()) : undefined,
    duplicate: faults.duplicate,
    slowFirst: faults.slowFirst || undefined,
    intervalMs: intervalMs || undefined,
    deliveries: [],
    webhook: {},
    state: 'running',
    realDurationMs: 0,
    scheduleDurationMs: 0,
  };
  // A failing progress listener must not leave deliveries half-recorded: its first error is rethrown at the end.
  let listenerError: { error: unknown } | undefined;
  const emit = (progress: DeliveryProgress) => {
    try {
      options.onProgress?.(progress, timeline);
    } catch (error) {
      listenerError ??= { error };
    }
  };

  // Groups: an event and its duplicate. First attempts go out one event after another.
  const groups = deliveryOrder(events.length, order, timeline.seed).map((eventIndex) => {
    const event = events[eventIndex];
    return (faults.duplicate ? [1, 2] : [1]).map((copy) => {
      const record: DeliveryRecord = {
        id: timeline.deliveries.length,
        eventIndex,
        source: event.source,
        hookType: event.hookType,
        copy,
        attempts: [],
        outcome: { kind: 'pending' },
      };
      timeline.deliveries.push(record);
      return record;
    });
  });
  const groupOf = new Map(groups.flatMap((group) => group.map((d) => [d, group] as const)));

  const queue: Due[] = [];
  let seq = 0;
  const enqueue = (delivery: DeliveryRecord, attempt: number, dueMs: number, waitedMs: number) => {
    queue.push({ dueMs, seq: seq++, delivery, attempt, waitedMs });
    queue.sort((a, b) => a.dueMs - b.dueMs || a.seq - b.seq);
  };
  let nextGroup = 0;
  /** Schedule time when the next event goes out, while an interval passes (real time, never compressed). */
  let nextGroupAtMs: number | undefined;
  const dispatchNextGroup = () => {
    const group = groups[nextGroup++];
    if (!group) return;
    const now = scheduleNow();
    for (const delivery of faults.duplicate === 'sequential' ? group.slice(0, 1) : group) enqueue(delivery, 1, now, 0);
  };

  let wakeUp = () => {};
  let woken = new Promise<void>((resolve) => (wakeUp = resolve));
  const wake = () => {
    const resolve = wakeUp;
    woken = new Promise<void>((r) => (wakeUp = r));
    resolve();
  };

  const settle = (delivery: DeliveryRecord, outcome: DeliveryOutcome) => {
    if (delivery.outcome.kind !== 'pending') return;
    delivery.outcome = outcome;
    emit({ type: 'delivery-settled', delivery });
    const copy = groupOf.get(delivery)?.[1];
    if (faults.duplicate === 'sequential' && delivery.copy === 1 && copy && !controller.signal.aborted) {
      if (timeline.webhook.disabledAtMs !== undefined) settle(copy, { kind: 'disabled' });
      else enqueue(copy, 1, scheduleNow(), 0);
    }
  };

  const inFlight = new Set<DeliveryRecord>();
  const running = new Set<Promise<void>>();
  /** Attempts that timed out and whose late answer is still awaited. */
  const awaitingLate = new Set<AttemptRecord>();
  const firstSignature = new Map<DeliveryRecord, { timestamp: number; skippedMs: number; scheduleMs: number }>();

  const disable = (atMs: number) => {
    timeline.webhook.disabledAtMs = Math.round(atMs);
    queue.length = 0;
    nextGroupAtMs = undefined;
    emit({ type: 'disabled', atMs: timeline.webhook.disabledAtMs });
    for (const delivery of timeline.deliveries) if (!inFlight.has(delivery)) settle(delivery, { kind: 'disabled' });
  };

  const finishAttempt = (delivery: DeliveryRecord, record: AttemptRecord) => {
    inFlight.delete(delivery);
    emit({ type: 'attempt-finished', delivery, attempt: record });
    const now = scheduleNow();
    if (record.result === 'cancelled' || controller.signal.aborted) {
      settle(delivery, { kind: 'cancelled' });
    } else if (record.result === 'accepted') {
      timeline.webhook.failingSinceMs = undefined;
      settle(delivery, { kind: 'delivered', attempt: record.attempt });
    } else {
      timeline.webhook.failingSinceMs ??= record.scheduleMs;
      const waitMs = policy.retryDelaysMs[record.attempt - 1];
      if (timeline.webhook.disabledAtMs !== undefined) settle(delivery, { kind: 'disabled' });
      else if (waitMs === undefined) settle(delivery, { kind: 'gave-up', attempts: record.attempt });
      else enqueue(delivery, record.attempt + 1, now + waitMs, waitMs);
    }
    // The next event goes out once this one's first attempt is answered (after a disable, disable() settled it).
    if (record.attempt === 1 && delivery.copy === 1 && !controller.signal.aborted && timeline.webhook.disabledAtMs === undefined) {
      if (intervalMs > 0 && nextGroup < groups.length) nextGroupAtMs = now + intervalMs;
      else dispatchNextGroup();
    }
    wake();
  };

  const launch = ({ delivery, attempt, waitedMs }: Due) => {
    const event = events[delivery.eventIndex];
    const scheduleMs = scheduleNow();
    const record: AttemptRecord = { attempt, scheduleMs: Math.round(scheduleMs), realMs: Math.round(realNow()), waitedMs };
    let request = event.request;
    if (event.signed) {
      const first = firstSignature.get(delivery);
      // "original" keeps the first X-Timestamp as Chat2Desk would have it: compressed waits are
      // subtracted, so its age at the handler is the schedule time since the first attempt.
      const timestamp =
        first && timeline.retryTimestamp === 'original'
          ? first.timestamp - Math.round((skippedMs - first.skippedMs) / 1000)
          : Math.floor(clock.wallNow() / 1000);
      if (!first) firstSignature.set(delivery, { timestamp, skippedMs, scheduleMs });
      request = signRequest(request, { apiToken: options.apiToken!, timestamp });
      record.timestamp = String(timestamp);
      record.timestampAgeSeconds = first && timeline.retryTimestamp === 'original' ? Math.round((scheduleMs - first.scheduleMs) / 1000) : 0;
    }
    delivery.attempts.push(record);
    inFlight.add(delivery);
    emit({ type: 'attempt-started', delivery, attempt: record });

    const attemptController = new AbortController();
    attemptControllers.add(attemptController);
    const work = runAttempt(request, record, {
      send,
      timeoutMs: policy.timeoutMs,
      lateWindowMs,
      signal: attemptController.signal,
      secrets,
      countAsSlow: Boolean(faults.slowFirst) && attempt === 1,
      onDecided: () => {
        if (record.result === 'timeout' && !record.countedSlow) awaitingLate.add(record);
        finishAttempt(delivery, record);
      },
      onLateAnswer: () => emit({ type: 'late-answer', delivery, attempt: record }),
    }).finally(() => {
      attemptControllers.delete(attemptController);
      awaitingLate.delete(record);
    });
    running.add(work);
    void work.then(
      () => running.delete(work),
      () => running.delete(work),
    );
  };

  dispatchNextGroup();
  while (!controller.signal.aborted) {
    const woke = woken;
    const disableAtMs =
      policy.disableAfterMs !== undefined && timeline.webhook.failingSinceMs !== undefined && timeline.webhook.disabledAtMs === undefined
        ? timeline.webhook.failingSinceMs + policy.disableAfterMs
        : undefined;
    const next = queue[0];
    const groupAtMs = nextGroupAtMs;
    if (!next && groupAtMs === undefined) {
      if (inFlight.size === 0) break;
      await Promise.race([woke, cancelled]);
      continue;
    }
    const attemptAtMs = next?.dueMs ?? Infinity;
    const targetMs = Math.min(attemptAtMs, groupAtMs ?? Infinity, disableAtMs ?? Infinity);
    if (targetMs <= scheduleNow() + EPSILON_MS) {
      if (disableAtMs === targetMs) disable(disableAtMs);
      else if (groupAtMs === targetMs && groupAtMs <= attemptAtMs) {
        nextGroupAtMs = undefined;
        dispatchNextGroup();
      } else launch(queue.shift()!);
      continue;
    }
    if (inFlight.size > 0) {
      // Something is on the wire: waits are not compressed (and resume when it settles).
      await Promise.race([woke, cancelled]);
      continue;
    }
    const gapMs = targetMs - scheduleNow();
    // The interval between events passes at real speed; the policy's waits are compressed.
    const interval = groupAtMs === targetMs && disableAtMs !== targetMs;
    const realWaitMs = interval ? gapMs : scale === Infinity ? 0 : gapMs / scale;
    const upcoming = interval || !next ? { delivery: groups[nextGroup][0], attempt: 1 } : { delivery: next.delivery, attempt: next.attempt };
    emit({ type: 'waiting', untilMs: Math.round(targetMs), realWaitMs, next: upcoming });
    const before = clock.now();
    try {
      if (realWaitMs > 0) await clock.sleep(realWaitMs, controller.signal);
    } catch (error) {
      if (error instanceof CancelledError) break;
      throw error;
    }
    if (!interval) skippedMs += gapMs - (clock.now() - before);
  }

  // Late answers are awaited (each is bounded by its own time limit) unless the run is cancelled.
  if (awaitingLate.size > 0 && !controller.signal.aborted) emit({ type: 'late-answers', pending: awaitingLate.size, upToMs: lateWindowMs });
  await Promise.allSettled([...running]);
  options.signal?.removeEventListener('abort', cancel);
  if (controller.signal.aborted) for (const delivery of timeline.deliveries) settle(delivery, { kind: 'cancelled' });
  timeline.state = controller.signal.aborted ? 'cancelled' : 'finished';
  timeline.realDurationMs = Math.round(realNow());
  timeline.scheduleDurationMs = Math.round(scheduleNow());
  emit({ type: 'finished' });
  if (listenerError) throw listenerError.error;
  return timeline;
}

/** The timeline as JSON (CLI --json, Open Timeline as JSON): Infinity (back to back) is written "inf". */
export function timelineJson(timeline: DeliveryTimeline): string {
  return JSON.stringify(timeline, (_key, value: unknown) => (value === Infinity ? 'inf' : value), 2);
}

/** Every event accepted (the CLI's exit 0). */
export function allDelivered(timeline: DeliveryTimeline): boolean {
  return timeline.state === 'finished' && timeline.deliveries.every((d) => d.outcome.kind === 'delivered');
}
