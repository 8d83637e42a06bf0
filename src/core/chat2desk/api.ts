// Chat2Desk REST API client for webhooks. Every answer is checked against the documented shape with
// zod; extra fields are tolerated; failures are typed (api-errors.ts and the network errors).
import type * as z from 'zod/mini';
import { shape, type ZodEngine } from '../shapes';
import { CancelledError, WebhookStudioError } from '../errors';
import { httpRequest, type HttpRequest, type WebhookResponse } from '../send';
import {
  ApiAuthError,
  ApiNotFoundError,
  ApiRateLimitError,
  ApiRequestError,
  ApiResponseError,
  ApiServerError,
  ApiShapeError,
  ApiStatusError,
  ApiTooLargeError,
  ApiUnreachableError,
} from './api-errors';
import { hideToken } from './token';

/** Larger answers are not read: the webhooks list of a real account is a few KB. */
export const MAX_ANSWER_BYTES = 5 * 1024 * 1024;

export const webhookSchema = shape((z) =>
  z.looseObject({
    id: z.int(),
    name: z._default(z.nullable(z.string()), ''),
    url: z._default(z.nullable(z.string()), ''),
    events: z._default(z.array(z.string()), []),
    status: z._default(z.string(), 'enable'),
    // Documented as [] in the list and null for a single webhook.
    errors: z.optional(z.nullable(z.array(z.unknown()))),
    source: z.optional(z.string()),
    // Absent when the webhook receives events of every channel.
    channels: z.optional(z.nullable(z.array(z.int()))),
  }),
);
export type Webhook = z.infer<typeof webhookSchema>;

const success = <T extends z.ZodMiniType>(z: ZodEngine, data: T) => z.looseObject({ data, status: z.string() });
const listResponse = shape((z) => success(z, z.array(webhookSchema)));
/** GET /v1/webhooks/{id} documents `data` as an array of one webhook. */
const getResponse = shape((z) => success(z, z.union([z.array(webhookSchema).check(z.minLength(1)), webhookSchema])));
const createResponse = shape((z) => success(z, webhookSchema));
/** PUT is documented without a response; accept the webhook in either form, or none. */
const updateResponse = shape((z) => z.looseObject({ status: z.string(), data: z.optional(z.union([webhookSchema, z.array(webhookSchema)])) }));
const deleteResponse = shape((z) => z.looseObject({ status: z.string() }));

export interface WebhookInput {
  name: string;
  url: string;
  events: string[];
  /** Omitted: events of all channels. */
  channels?: number[];
}

export interface ClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  /** Longest Retry-After the client waits for by itself before reporting the rate limit. */
  maxRetryWaitSeconds?: number;
}

export class Chat2DeskClient {
  constructor(private readonly options: ClientOptions) {}

  async listWebhooks(signal?: AbortSignal): Promise<Webhook[]> {
    return (await this.call({ method: 'GET', path: '/v1/webhooks' }, listResponse, signal)).data;
  }

  async getWebhook(id: number, signal?: AbortSignal): Promise<Webhook> {
    const { data } = await this.call({ method: 'GET', path: `/v1/webhooks/${id}`, what: `Webhook ${id}` }, getResponse, signal);
    return Array.isArray(data) ? data[0] : data;
  }

  async createWebhook(input: WebhookInput, signal?: AbortSignal): Promise<Webhook> {
    return (await this.call({ method: 'POST', path: '/v1/webhooks', body: input }, createResponse, signal)).data;
  }

  async updateWebhook(id: number, input: Partial<WebhookInput> & { status?: 'enable' | 'disable' }, signal?: AbortSignal): Promise<Webhook | undefined> {
    const { status, ...body } = input;
    const query = status ? `?status=${status}` : '';
    const { data } = await this.call(
      { method: 'PUT', path: `/v1/webhooks/${id}${query}`, body, what: `Webhook ${id}`, mayBeEmpty: true },
      updateResponse,
      signal,
    );
    return Array.isArray(data) ? data[0] : data;
  }

  async deleteWebhook(id: number, signal?: AbortSignal): Promise<void> {
    await this.call({ method: 'DELETE', path: `/v1/webhooks/${id}`, what: `Webhook ${id}`, mayBeEmpty: true }, deleteResponse, signal);
  }

  /** `mayBeEmpty`: PUT and DELETE document no body, so 204 or an empty 2xx is success. */
  private async call<T extends z.ZodMiniType>(
    call: { method: HttpRequest['method']; path: string; body?: unknown; what?: string; mayBeEmpty?: boolean },
    shape: T,
    signal?: AbortSignal,
  ): Promise<z.infer<T>> {
    const endpoint = `${call.method} ${call.path.replace(/\?.*$/, '')}`;
    const request: HttpRequest = {
      method: call.method,
      url: `${this.baseUrl}${call.path}`,
      // As the Postman collection shows: the bare token, no scheme.
      headers: {
        Authorization: this.options.token,
        Accept: 'application/json',
        ...(call.body !== undefined ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    };
    let response = await this.send(request, signal);
    if (response.status === 429) {
      const wait = retryAfterSeconds(response);
      if (wait !== undefined && wait <= (this.options.maxRetryWaitSeconds ?? 5)) {
        await delay(wait * 1000, signal);
        response = await this.send(request, signal);
      }
    }
    if (call.mayBeEmpty && response.status >= 200 && response.status < 300 && response.body.trim() === '') return shape.parse({ status: 'success' });
    return parseResponse(response, endpoint, shape, call.what, this.options.token);
  }

  private get baseUrl(): string {
    return this.options.baseUrl.replace(/\/+$/, '');
  }

  /** Network failures name the API base URL: the API is not the user's webhook handler. */
  private async send(request: HttpRequest, signal?: AbortSignal): Promise<WebhookResponse> {
    try {
      return await httpRequest(request, { timeoutMs: this.options.timeoutMs ?? 15_000, signal, maxResponseBytes: MAX_ANSWER_BYTES, stopOverLimit: true });
    } catch (error) {
      if (error instanceof CancelledError || !(error instanceof WebhookStudioError) || error.code === 'invalid-url') throw error;
      throw new ApiUnreachableError(this.baseUrl, error);
    }
  }
}

/** Seconds to wait: delay-seconds (a fraction rounded up) or an HTTP date; anything else is unknown. */
function retryAfterSeconds(response: WebhookResponse): number | undefined {
  const header = response.headers['retry-after']?.trim();
  if (header === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(header)) return Math.ceil(Number(header));
  // An HTTP date starts with a day name ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse alone reads "-1" as a year.
  const date = /^[A-Za-z]{3},/.test(header) ? Date.parse(header) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new CancelledError());
      },
      { once: true },
    );
  });
}

/** The server's own words from an error body (already parsed, or raw), if it sent any. */
function serverMessage(body: unknown): string {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(stripBom(body));
    } catch {
      return body.trim().slice(0, 200);
    }
  }
  const { message, error, errors } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { message?: unknown; errors?: unknown; error?: unknown };
  const detail = message ?? error ?? errors;
  return detail === undefined || detail === null ? '' : typeof detail === 'string' ? detail : JSON.stringify(detail);
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Chat2Desk documents "success"; it also answers 2xx with "error" (and "failure") when it refuses. */
const isErrorStatus = (json: unknown) =>
  typeof json === 'object' && json !== null && /^(error|failure|fail)$/i.test(String((json as { status?: unknown }).status));

/** Checks one answer. `token`: hidden from every message built from the server's words. */
export function parseResponse<T extends z.ZodMiniType>(
  response: WebhookResponse,
  endpoint: string,
  shape: T,
  what = 'The resource',
  token?: string,
): z.infer<T> {
  const { status } = response;
  const said = (body: unknown) => hideToken(serverMessage(body), token);
  if (status === 401 || status === 403) throw new ApiAuthError(status);
  if (status === 404) throw new ApiNotFoundError(what);
  if (status === 429) throw new ApiRateLimitError(retryAfterSeconds(response));
  // Read no further than the limit: the size is known only when the API declared it.
  if (response.truncated) throw new ApiTooLargeError(MAX_ANSWER_BYTES, Number(response.headers['content-length']) || undefined);
  if (status >= 500) throw new ApiServerError(status, said(response.body));
  if (status < 200 || status >= 300) throw new ApiRequestError(status, said(response.body));
  let json: unknown;
  const text = stripBom(response.body);
  try {
    json = JSON.parse(text);
  } catch {
    const excerpt = hideToken(text.trim().slice(0, 80), token);
    throw new ApiResponseError(status, text.trim() === '' ? 'an empty body' : `"${excerpt}${text.trim().length > 80 ? '…' : ''}"`);
  }
  if (isErrorStatus(json)) throw new ApiStatusError(status, said(json));
  const parsed = shape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiShapeError(endpoint, issue.path.length ? issue.path.join('.') : '(the whole answer)', hideToken(issue.message, token));
  }
  return parsed.data;
}
