// Payloads -> delivery events, through the one pipeline the send path uses (decode strictly, parse
// once, plan, then build the request); the engine signs each attempt over the request's own body.
import type { BodyFormat, Provider } from '../provider';
import { buildRequest, planPayload, type PayloadPlan, type PlanOptions } from '../payload';
import type { DeliveryEvent } from './engine';

export interface DeliveryItem {
  source: string;
  /** The payload as text (an editor's document) or as the file's bytes (decoded strictly as UTF-8). */
  text?: string;
  bytes?: Buffer;
  /** A file path, for the provider by name or folder. */
  path?: string;
  provider?: Provider;
  /** Default: sign unless IQChannels (which documents no signature). */
  sign?: boolean;
}

export interface PrepareOptions {
  url: string;
  bodyFormat: BodyFormat;
  extraHeaders?: Record<string, string>;
}

/** Plans every item first, so invalid JSON (with its position) or a bad encoding stops the run before anything is sent. */
export function planDeliveryItems(
  items: DeliveryItem[],
  bodyFormat: BodyFormat,
  options: Pick<PlanOptions, 'validator' | 'signIqChannels'> = {},
): PayloadPlan[] {
  return items.map((item) =>
    planPayload(
      { source: item.source, text: item.text, bytes: item.bytes, path: item.path, provider: item.provider },
      { bodyFormat, sign: item.sign, ...options },
    ),
  );
}

/** The requests of planned payloads, unsigned: the engine signs every attempt (runDelivery's apiToken). */
export function deliveryEventsOf(plans: PayloadPlan[], options: PrepareOptions): DeliveryEvent[] {
  return plans.map((plan) => {
    const { provider: _provider, signs, ...request } = buildRequest(plan, { url: options.url, headers: options.extraHeaders });
    return { source: plan.source ?? 'payload', signed: signs, hookType: plan.event, request };
  });
}

/** Plans and builds in one step, where nothing is validated first. */
export function prepareDeliveryEvents(items: DeliveryItem[], options: PrepareOptions): DeliveryEvent[] {
  return deliveryEventsOf(planDeliveryItems(items, options.bodyFormat), options);
}
