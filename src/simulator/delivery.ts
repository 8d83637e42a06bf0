// The simulator's sending side, as Chat2Desk's: a documented event, signed with the account's token,
// POSTed to every enabled webhook subscribed to it, resent and disabled by the same delivery engine
// and policy as Deliver as Chat2Desk (core/delivery), time-compressed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventBySubscription, examplePayloadText, loadEventCatalogue, type EventCatalogue } from '../core/chat2desk/events';
import { runDelivery, type DeliveryOutcome, type RetryTimestamp, type RunDeliveryOptions } from '../core/delivery/engine';
import { chat2deskPolicy, DEFAULT_TIME_SCALE, type DeliveryPolicy } from '../core/delivery/policy';
import { prepareDeliveryEvents } from '../core/delivery/prepare';
import { describeError } from '../core/errors';
import { redactUrl } from '../core/redact';

export interface DeliveryTarget {
  id: number;
  name: string;
  url: string;
  events: string[];
  status: string;
}

/** How the simulator delivers: Chat2Desk's documented resends by default, compressed like Deliver's. */
export interface SimulatorDelivery {
  policy?: DeliveryPolicy;
  timeScale?: number;
  retryTimestamp?: RetryTimestamp;
  /** Default: the core's sendWebhook (tests may pass a recording one). */
  send?: RunDeliveryOptions['send'];
}

export interface DeliveryResult {
  webhookId: number;
  url: string;
  subscription: string;
  hookType: string;
  status?: number;
  error?: string;
  /** Set when the webhook was not delivered to at all (disabled, not on this machine). */
  skipped?: string;
  latencyMs?: number;
  /** How many attempts the policy made, and how it ended. */
  attempts?: number;
  outcome?: DeliveryOutcome['kind'];
  /** The disable rule switched the webhook off. */
  disabled?: boolean;
}

export interface DeliverOptions {
  schemasDir: string;
  catalogue?: EventCatalogue;
  token: string;
  /** Subscription name (what webhooks list in `events`), e.g. "inbox" or "new_ticket". */
  subscription: string;
  /** Only this webhook (still only if subscribed). */
  webhookId?: number;
  delivery?: SimulatorDelivery;
  now?: () => Date;
  /** Told when the disable rule switches a webhook off (no success for 5 hours of schedule time). */
  onDisabled?: (webhookId: number) => void;
}

export class UnknownEventError extends Error {}

/** The simulator stays on this machine: it never posts to another host, even one a webhook names. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const { hostname, protocol } = new URL(url);
    return (protocol === 'http:' || protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
  } catch {
    return false;
  }
}

export async function deliverEvent(webhooks: readonly DeliveryTarget[], options: DeliverOptions): Promise<DeliveryResult[]> {
  const catalogue = options.catalogue ?? loadEventCatalogue(options.schemasDir);
  const event = eventBySubscription(catalogue, options.subscription);
  if (!event)
    throw new UnknownEventError(
      `"${options.subscription}" is not a documented Chat2Desk event. Known: ${catalogue.events.map((e) => e.subscription).join(', ')}`,
    );
  const targets = webhooks.filter((w) => w.events.includes(event.subscription) && (options.webhookId === undefined || w.id === options.webhookId));
  const delivery = options.delivery ?? {};
  return Promise.all(
    targets.map(async (webhook): Promise<DeliveryResult> => {
      // The URL as shown (delivery lines, the control endpoint's answer): never its password. The timeline's
      // texts (errors) are redacted by the engine.
      const result = { webhookId: webhook.id, url: redactUrl(webhook.url), subscription: event.subscription, hookType: event.hookType };
      if (webhook.status !== 'enable') return { ...result, skipped: 'the webhook is disabled' };
      if (!isLoopbackUrl(webhook.url)) return { ...result, skipped: 'the simulator only delivers to 127.0.0.1 / localhost' };
      const [deliveryEvent] = prepareDeliveryEvents(
        [
          {
            source: `${event.subscription} -> webhook ${webhook.id}`,
            text: examplePayloadText(options.schemasDir, event, options.now?.()),
            provider: 'chat2desk',
          },
        ],
        { url: webhook.url, bodyFormat: 'compact' },
      );
      const timeline = await runDelivery({
        events: [deliveryEvent],
        apiToken: options.token,
        policy: delivery.policy ?? chat2deskPolicy(),
        timeScale: delivery.timeScale ?? DEFAULT_TIME_SCALE,
        retryTimestamp: delivery.retryTimestamp ?? 'fresh',
        send: delivery.send,
      });
      const record = timeline.deliveries[0];
      const last = record.attempts[record.attempts.length - 1];
      const disabled = timeline.webhook.disabledAtMs !== undefined;
      if (disabled) options.onDisabled?.(webhook.id);
      return {
        ...result,
        attempts: record.attempts.length,
        outcome: record.outcome.kind,
        disabled,
        ...(last?.status !== undefined
          ? { status: last.status, latencyMs: last.latencyMs === undefined ? undefined : Math.round(last.latencyMs) }
          : { error: last?.error?.message ?? 'not sent' }),
      };
    }),
  );
}

export const CONTROL_PREFIX = '/_simulator/';

/**
 * The control endpoint: POST /_simulator/deliver {"event": "inbox", "webhookId"?: 537680} delivers
 * and answers with the results. Loopback only, like the simulator itself.
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  deliver: (subscription: string, webhookId?: number) => Promise<DeliveryResult[]>,
): Promise<void> {
  const send = (status: number, payload: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(payload));
  const path = new URL(req.url ?? '/', 'http://simulator').pathname;
  if (path !== `${CONTROL_PREFIX}deliver` || req.method !== 'POST') {
    send(404, { error: `Control endpoints: POST ${CONTROL_PREFIX}deliver {"event": "<subscription>", "webhookId"?: <id>}` });
    return;
  }
  const input = (body ?? {}) as { event?: unknown; webhookId?: unknown };
  if (typeof input.event !== 'string') {
    send(400, { error: '"event" (a subscription name such as "inbox") is required' });
    return;
  }
  if (input.webhookId !== undefined && !Number.isInteger(input.webhookId)) {
    send(400, { error: '"webhookId" must be a webhook id' });
    return;
  }
  try {
    send(200, { delivered: await deliver(input.event, input.webhookId as number | undefined) });
  } catch (error) {
    send(error instanceof UnknownEventError ? 400 : 500, { error: describeError(error) });
  }
}
