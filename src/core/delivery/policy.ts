// How a sender retries, after the Chat2Desk doc (Webhooks folder): "We resend unsuccessful webhook event
// 3 times: after 10 seconds, after 5 minutes and after 2 hours. [...] a webhook will be disabled if after
// 5 hours no respond of successful data acceptance was received."
// The doc leaves open whether each delay counts from the previous attempt or from the first one; we read
// them as successive waits (from the previous attempt's failure), the usual retry-queue behaviour.
// The doc gives no response timeout: ours is a setting (default 10 s), not a Chat2Desk figure.
import { t } from '../l10n';

export interface DeliveryPolicy {
  /** "chat2desk", "immediate", "once" or "custom:10,300,7200": parsePolicy() reads it back. */
  name: string;
  /** Waits before each resend, in ms, counted from the failure of the previous attempt. */
  retryDelaysMs: number[];
  /** The webhook is disabled when no attempt has succeeded for this long (ms); undefined: never. */
  disableAfterMs?: number;
  /** An answer slower than this counts as a failure (ms, real time: never scaled). */
  timeoutMs: number;
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DEFAULT_TIMEOUT_MS = 10 * SECOND;

export const CHAT2DESK_RETRY_DELAYS_MS = [10 * SECOND, 5 * MINUTE, 2 * HOUR];
export const CHAT2DESK_DISABLE_AFTER_MS = 5 * HOUR;
/** ×120: Chat2Desk's whole resend schedule (2 h 5 min 10 s) in about a minute of waiting. */
export const DEFAULT_TIME_SCALE = 120;

export class PolicyError extends Error {}

export function chat2deskPolicy(timeoutMs = DEFAULT_TIMEOUT_MS): DeliveryPolicy {
  return { name: 'chat2desk', retryDelaysMs: [...CHAT2DESK_RETRY_DELAYS_MS], disableAfterMs: CHAT2DESK_DISABLE_AFTER_MS, timeoutMs };
}

/**
 * `chat2desk`; `immediate` (Chat2Desk's three resends, back to back); `once` (no resend);
 * `custom:10,300,7200` (resend waits in seconds, decimals allowed; the Chat2Desk disable rule applies).
 */
export function parsePolicy(text: string, timeoutMs = DEFAULT_TIMEOUT_MS): DeliveryPolicy {
  const spec = text.trim();
  if (spec === 'chat2desk') return chat2deskPolicy(timeoutMs);
  if (spec === 'immediate') return { name: 'immediate', retryDelaysMs: CHAT2DESK_RETRY_DELAYS_MS.map(() => 0), timeoutMs };
  if (spec === 'once') return { name: 'once', retryDelaysMs: [], timeoutMs };
  const custom = /^custom:(.*)$/.exec(spec);
  if (custom) {
    const parts = custom[1].split(',').map((p) => p.trim());
    if (parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) {
      throw new PolicyError(`custom: takes resend waits in seconds separated by commas, e.g. custom:10,300,7200; got "${custom[1]}"`);
    }
    const retryDelaysMs = parts.map((p) => Math.round(Number(p) * SECOND));
    return { name: `custom:${parts.join(',')}`, retryDelaysMs, disableAfterMs: CHAT2DESK_DISABLE_AFTER_MS, timeoutMs };
  }
  throw new PolicyError(`Unknown policy "${text}": use chat2desk, immediate, once or custom:SECONDS,SECONDS,...`);
}

/** Real-time compression of the waits between attempts; Infinity sends attempts back to back. */
export function parseTimeScale(text: string): number {
  const spec = text.trim().toLowerCase().replace(/^[x×]/, '');
  if (['inf', 'infinity', 'max', '∞'].includes(spec)) return Infinity;
  if (!/^\d+(\.\d+)?$/.test(spec) || Number(spec) < 1) {
    throw new PolicyError(`The time scale must be a number >= 1 (1 = real time, 60 = a minute per second) or "inf" (back to back); got "${text}"`);
  }
  return Number(spec);
}

/** --interval: seconds (decimals allowed) between the events of a sequence, as ms. */
export function parseInterval(text: string): number {
  const spec = text.trim();
  if (!/^\d+(\.\d+)?$/.test(spec) || Number(spec) > MAX_INTERVAL_SECONDS)
    throw new PolicyError(t('The interval must be a number of seconds from 0 to {0}, e.g. 2 or 0.5; got "{1}"', MAX_INTERVAL_SECONDS, text));
  return Math.round(Number(spec) * SECOND);
}
export const MAX_INTERVAL_SECONDS = 3600;

export function formatTimeScale(scale: number): string {
  return scale === Infinity ? t('×∞ (back to back)') : scale === 1 ? t('real time') : `×${scale}`;
}

/** "10 s", "5 min", "2 h 5 min 10 s", "170 ms". */
export function formatDuration(ms: number): string {
  if (ms < SECOND) return t('{0} ms', Math.round(ms));
  if (ms < MINUTE && ms % SECOND !== 0) return t('{0} s', (ms / SECOND).toFixed(ms < 10 * SECOND ? 2 : 1));
  const total = Math.round(ms / SECOND);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h && t('{0} h', h), m && t('{0} min', m), s && t('{0} s', s)].filter(Boolean).join(' ') || t('{0} s', 0);
}

/** A point on a timeline: "0:00:10.006", "2:05:10.020". */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / HOUR);
  const m = Math.floor((total % HOUR) / MINUTE);
  const s = (total % MINUTE) / SECOND;
  return `${h}:${String(m).padStart(2, '0')}:${s.toFixed(3).padStart(6, '0')}`;
}

/** One line for a policy: "resend after 10 s, 5 min, 2 h; disabled after 5 h without success". */
export function describePolicy(policy: DeliveryPolicy): string {
  const resend =
    policy.retryDelaysMs.length === 0
      ? t('no resend')
      : policy.retryDelaysMs.every((d) => d === 0)
        ? t('{0} resends back to back', policy.retryDelaysMs.length)
        : t('resend after {0}', policy.retryDelaysMs.map(formatDuration).join(', '));
  const disable = policy.disableAfterMs === undefined ? '' : `; ${t('disabled after {0} without success', formatDuration(policy.disableAfterMs))}`;
  return `${resend}${disable}; ${t('success = 2xx within {0}', formatDuration(policy.timeoutMs))}`;
}
