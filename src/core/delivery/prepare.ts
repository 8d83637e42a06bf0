// Payload texts -> delivery events, through the one request builder the send path uses.
import type { BodyFormat, Provider } from '../json';
import { buildWebhookRequest } from '../webhook-request';
import type { DeliveryEvent } from './engine';

export interface DeliveryItem {
  source: string;
  text: string;
  provider?: Provider;
  /** Default: sign unless IQChannels (which documents no signature). */
  sign?: boolean;
}

export interface PrepareOptions {
  url: string;
  bodyFormat: BodyFormat;
  /** Needed when any item is signed. */
  apiToken?: string;
  extraHeaders?: Record<string, string>;
}

/** Throws the builder's errors (invalid URL, invalid JSON with its position) before anything is sent. */
export function prepareDeliveryEvents(items: DeliveryItem[], options: PrepareOptions): DeliveryEvent[] {
  return items.map((item) => {
    const request = buildWebhookRequest({
      text: item.text, url: options.url, bodyFormat: options.bodyFormat, provider: item.provider, sign: item.sign,
      apiToken: options.apiToken, extraHeaders: options.extraHeaders, source: item.source,
    });
    const hookType = request.payload.hook_type;
    return {
      source: item.source, signed: request.signed, hookType: typeof hookType === 'string' ? hookType : undefined,
      request: { url: request.url, method: request.method, headers: request.headers, body: request.body },
    };
  });
}
