// One delivery attempt on the wire: send, decide when its result counts (an answer within the timeout,
// an error, or the timeout), then wait a little longer for an answer that came too late. What the
// handler said is recorded as observed, secrets redacted before anything is recorded.
import { CancelledError, describeError, WebhookStudioError } from '../errors';
import { RESPONSE_BODY_LIMIT_BYTES } from '../exchange';
import { t } from '../l10n';
import { redactSecrets } from '../redact';
import type { ResponseHead, SendOptions, WebhookRequest, WebhookResponse } from '../send';
import { formatDuration } from './policy';

export type AttemptResult = 'accepted' | 'rejected' | 'timeout' | 'error' | 'cancelled';

export interface AttemptRecord {
  /** 1 for the first delivery, 2 for the first resend, ... */
  attempt: number;
  /** When it was sent, in schedule time: ms since the run started, waits at full length. */
  scheduleMs: number;
  /** When it was sent, in real ms since the run started. */
  realMs: number;
  /** The policy's wait before this attempt (ms, unscaled); 0 for a first attempt. */
  waitedMs: number;
  /** X-Timestamp sent (absent when unsigned). */
  timestamp?: string;
  /** Age of X-Timestamp when sent, in schedule seconds: 0 when fresh. */
  timestampAgeSeconds?: number;
  /** Absent while the attempt is in flight. */
  result?: AttemptResult;
  status?: number;
  statusText?: string;
  latencyMs?: number;
  /** The start of the answer's body. */
  responseBody?: string;
  /** The body passed the read limit and was cut there (the rest was not read): its size in bytes. */
  bodyCutAtBytes?: number;
  /** The answer had this many headers, more than are kept. */
  headerCount?: number;
  /** Slow first answer (fault mode): the answer in `lateAnswer` was counted as too slow on purpose. */
  countedSlow?: boolean;
  error?: { code: string; message: string };
  /** An answer that came after the timeout: it did not count, but the handler may have acted on it. */
  lateAnswer?: { status: number; statusText: string; latencyMs: number };
}

/** The start of an answer's body kept in the timeline. */
export const RESPONSE_BODY_KEPT = 500;
/** An answer's body is read up to this much; an endless one is cut there (and said so), not waited for. */
export const ATTEMPT_READ_LIMIT_BYTES = RESPONSE_BODY_LIMIT_BYTES;

export interface AttemptContext {
  send: (request: WebhookRequest, options: SendOptions) => Promise<WebhookResponse>;
  /** An answer slower than this counts as a failure (real ms). */
  timeoutMs: number;
  /** How much longer a late answer is awaited, to report it. */
  lateWindowMs: number;
  /** Aborts the attempt (the run was cancelled). */
  signal: AbortSignal;
  /** Never recorded: redacted from answers and error messages. */
  secrets: readonly string[];
  /** Slow first answer (fault mode): whatever the handler answers counts as too slow. */
  countAsSlow: boolean;
  /** The attempt's result counts from now on (the engine schedules what comes next). */
  onDecided: () => void;
  /** An answer came after the timeout (recorded in `lateAnswer`). */
  onLateAnswer: () => void;
}

/** Sends one attempt and fills in `record`; resolves once a late answer is in too (or will not come). */
export async function runAttempt(request: WebhookRequest, record: AttemptRecord, ctx: AttemptContext): Promise<void> {
  let head: ResponseHead | undefined;
  const answer = ctx
    .send(request, {
      timeoutMs: ctx.timeoutMs + ctx.lateWindowMs,
      signal: ctx.signal,
      secrets: ctx.secrets,
      maxResponseBytes: ATTEMPT_READ_LIMIT_BYTES,
      stopOverLimit: true,
      onHeaders: (h) => (head = h),
    })
    .then(
      (response) => ({ response }),
      (error: unknown) => ({ error }),
    );
  let timer: NodeJS.Timeout | undefined;
  // Real time, whatever the scale: the handler's speed is real.
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ctx.timeoutMs)));
  const first = await Promise.race([answer, timedOut]);
  clearTimeout(timer);
  if (first === 'timeout') {
    record.result = 'timeout';
    record.error = { code: 'timeout', message: timeoutMessage(head, ctx.timeoutMs) };
    ctx.onDecided();
    const late = await answer;
    if ('response' in late) {
      record.lateAnswer = lateAnswerOf(late.response);
      ctx.onLateAnswer();
    }
  } else if ('error' in first) {
    record.result = first.error instanceof CancelledError ? 'cancelled' : 'error';
    record.error = {
      code: first.error instanceof WebhookStudioError ? first.error.code : 'error',
      message: redactSecrets(describeError(first.error), ctx.secrets),
    };
    ctx.onDecided();
  } else if (ctx.countAsSlow) {
    record.result = 'timeout';
    record.countedSlow = true;
    record.error = { code: 'timeout', message: t('counted as too slow on purpose (slow first answer)') };
    record.lateAnswer = lateAnswerOf(first.response);
    record.responseBody = first.response.body.slice(0, RESPONSE_BODY_KEPT);
    ctx.onDecided();
  } else {
    recordAnswer(record, first.response);
    ctx.onDecided();
  }
}

function recordAnswer(record: AttemptRecord, response: WebhookResponse): void {
  record.result = response.ok ? 'accepted' : 'rejected';
  record.status = response.status;
  record.statusText = response.statusText;
  record.latencyMs = Math.round(response.elapsedMs * 10) / 10;
  record.responseBody = response.body.slice(0, RESPONSE_BODY_KEPT);
  if (response.truncated) record.bodyCutAtBytes = ATTEMPT_READ_LIMIT_BYTES;
  if (response.headerCount !== undefined) record.headerCount = response.headerCount;
}

function lateAnswerOf(response: WebhookResponse): NonNullable<AttemptRecord['lateAnswer']> {
  return { status: response.status, statusText: response.statusText, latencyMs: Math.round(response.elapsedMs) };
}

/** "no answer within 10 s", or, when the status line came but the body did not finish, what did come. */
function timeoutMessage(head: ResponseHead | undefined, timeoutMs: number): string {
  if (!head) return t('no answer within {0}', formatDuration(timeoutMs));
  return t(
    'answered {0} after {1}, but the body did not finish within {2} ({3} bytes read)',
    `${head.status} ${head.statusText}`.trim(),
    formatDuration(head.elapsedMs),
    formatDuration(timeoutMs),
    head.received(),
  );
}
