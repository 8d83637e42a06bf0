// Chat2Desk webhooks, framework-neutral: verify the signature, deduplicate, hand the event to a queue,
// dispatch on hook_type. The framework file only reads the raw body and headers and writes the answer.
// #region signature-check
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Chat2Desk's "Webhook Signature Verification": X-Signature = hex HMAC-SHA256(raw body + X-Timestamp),
 * keyed with hex MD5(API token). Returns why a request is refused, or none. Pass the bytes as received:
 * re-serialised JSON (\u00e9, \/, 1.0, big integers) is other bytes. A tolerance > 0 also refuses replays.
 */
export function checkChat2DeskSignature(rawBody: Uint8Array, signature?: string | null, timestamp?: string | null, apiToken?: string | null, toleranceSeconds = 0) {
  if (!apiToken) return 'CHAT2DESK_API_TOKEN is not set';
  if (!signature || !timestamp) return 'missing X-Signature or X-Timestamp';
  if (!/^[0-9a-f]{64}$/i.test(signature)) return 'malformed X-Signature';
  if (!/^\d{1,12}$/.test(timestamp)) return 'malformed X-Timestamp';
  if (toleranceSeconds > 0 && Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return 'X-Timestamp outside the allowed window';
  const key = createHash('md5').update(apiToken).digest('hex');
  const expected = createHmac('sha256', key).update(rawBody).update(timestamp).digest();
  // Constant time: a comparison that stops at the first wrong byte tells an attacker how much is right.
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? undefined : 'signature mismatch';
}

/**
 * CHAT2DESK_TIMESTAMP_TOLERANCE seconds; 0 (default) is off: the docs do not say whether resends (up to 2 h
 * later) carry a fresh X-Timestamp, and deduplication makes a replayed request harmless.
 */
export function toleranceSeconds() {
  return Number(process.env.CHAT2DESK_TIMESTAMP_TOLERANCE) || 0;
}
// #endregion

export interface Chat2DeskEvent {
  hook_type?: string;
  [field: string]: unknown;
}

/**
 * What makes two deliveries one event: Chat2Desk sends no delivery id and resends failures (10 s, 5 min, 2 h).
 * Message events carry message_id (one event per message); a request opens and closes once (request_id);
 * other events recur for the same object, so the raw body names them (a resend repeats it, event_time too).
 */
export function dedupeKey(event: Chat2DeskEvent, rawBody: Buffer): string {
  const type = String(event.hook_type);
  if (['inbox', 'outbox', 'comment', 'imported_message'].includes(type) && event.message_id != null) return `${type}:${event.message_id}`;
  if (['new_request', 'close_request'].includes(type) && event.request_id != null) return `${type}:${event.request_id}`;
  return `body:${createHash('sha256').update(rawBody).digest('hex')}`;
}

/** Chat2Desk stops resending after 5 h (it disables the webhook): a key older than 6 h cannot come back. */
const KEEP_KEYS_MS = 6 * 60 * 60 * 1000;
// In memory for the scaffold; with several processes use a shared store (a unique index, Redis SET NX EX).
// On globalThis because Next.js may load this module once per route: the copies must share one state.
type State = { seen: Map<string, number>; stats: { processed: number; duplicates: number } };
const state = ((globalThis as { chat2deskWebhook?: State }).chat2deskWebhook ??= { seen: new Map(), stats: { processed: 0, duplicates: 0 } });
const seen = state.seen;

function firstDelivery(key: string, now = Date.now()): boolean {
  for (const [old, at] of seen) {
    if (now - at < KEEP_KEYS_MS) break; // insertion order: the rest is younger
    seen.delete(old);
  }
  if (seen.has(key)) return false;
  seen.set(key, now);
  return true;
}

/**
 * Counts for GET /stats, which is there for the contract suite (chat2desk.webhooks.json): its probe
 * reads `processed` to show that an event delivered twice is processed once. Protect or remove it in production.
 */
export const stats = state.stats;

/** Your work, per event type; it runs after the answer has gone. Unknown types are acknowledged too. */
export function dispatch(event: Chat2DeskEvent): void {
  switch (event.hook_type) {
    case 'inbox':
      console.log(`inbox: message ${event.message_id} in dialog ${event.dialog_id}`);
      break;
    case 'new_request':
      console.log(`new_request: request ${event.request_id} from client ${event.client_id}`);
      break;
    default:
      // New event types appear; answering non-2xx would only make Chat2Desk resend and disable the webhook.
      console.log(`unhandled hook_type ${event.hook_type}`);
  }
}

/** Stands in for a real queue (BullMQ, SQS, a jobs table): the answer does not wait for the work. */
function enqueue(event: Chat2DeskEvent): void {
  setImmediate(() => {
    try {
      dispatch(event);
    } catch (error) {
      console.error(`processing ${event.hook_type} failed:`, error);
    }
  });
}

export interface Answer {
  status: number;
  body: { ok: boolean; error?: string; duplicate?: boolean };
}

/** A verified body: parse it, drop a redelivery, queue the rest, answer 2xx at once. */
export function acceptEvent(rawBody: Buffer): Answer {
  let event: Chat2DeskEvent;
  try {
    event = JSON.parse(rawBody.toString('utf8')) as Chat2DeskEvent;
  } catch {
    return { status: 400, body: { ok: false, error: 'body is not JSON' } };
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return { status: 400, body: { ok: false, error: 'body is not a JSON object' } };
  if (!firstDelivery(dedupeKey(event, rawBody))) {
    stats.duplicates++;
    return { status: 200, body: { ok: true, duplicate: true } };
  }
  stats.processed++;
  enqueue(event);
  return { status: 200, body: { ok: true } };
}

/** Starting without the token would refuse every delivery: say so at once. */
export function requireApiToken(): void {
  if (!process.env.CHAT2DESK_API_TOKEN) {
    console.error('Set CHAT2DESK_API_TOKEN to your Chat2Desk API token (Settings > API): webhooks are signed with it.');
    process.exit(1);
  }
}
