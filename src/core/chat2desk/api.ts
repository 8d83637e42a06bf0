// Chat2Desk REST API client for webhooks. Every answer is checked against the documented shape with
// zod; extra fields are tolerated; failures are typed (api-errors.ts and the network errors).
import { z } from 'zod';
import { CancelledError } from '../errors';
import { httpRequest, type HttpRequest, type WebhookResponse } from '../send';
import { ApiAuthError, ApiNotFoundError, ApiRateLimitError, ApiRequestError, ApiResponseError, ApiServerError, ApiShapeError } from './api-errors';

export const webhookSchema = z.looseObject({
  id: z.number().int(),
  name: z.string().nullable().default(''),
  url: z.string().nullable().default(''),
  events: z.array(z.string()).default([]),
  status: z.string().default('enable'),
  // Documented as [] in the list and null for a single webhook.
  errors: z.array(z.unknown()).nullable().optional(),
  source: z.string().optional(),
  // Absent when the webhook receives events of every channel.
  channels: z.array(z.number().int()).nullable().optional(),
});
export type Webhook = z.infer<typeof webhookSchema>;

const success = <T extends z.ZodTypeAny>(data: T) => z.looseObject({ data, status: z.string() });
const listResponse = success(z.array(webhookSchema));
/** GET /v1/webhooks/{id} documents `data` as an array of one webhook. */
const getResponse = success(z.union([z.array(webhookSchema).min(1), webhookSchema]));
const createResponse = success(webhookSchema);
/** PUT is documented without a response; accept the webhook in either form, or none. */
const updateResponse = z.looseObject({ status: z.string(), data: z.union([webhookSchema, z.array(webhookSchema)]).optional() });
const deleteResponse = z.looseObject({ status: z.string() });

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
    const { data } = await this.call({ method: 'PUT', path: `/v1/webhooks/${id}${query}`, body, what: `Webhook ${id}` }, updateResponse, signal);
    return Array.isArray(data) ? data[0] : data;
  }

  async deleteWebhook(id: number, signal?: AbortSignal): Promise<void> {
    await this.call({ method: 'DELETE', path: `/v1/webhooks/${id}`, what: `Webhook ${id}` }, deleteResponse, signal);
  }

  private async call<T extends z.ZodTypeAny>(call: { method: HttpRequest['method']; path: string; body?: unknown; what?: string }, shape: T, signal?: AbortSignal): Promise<z.infer<T>> {
    const endpoint = `${call.method} ${call.path.replace(/\?.*$/, '')}`;
    const request: HttpRequest = {
      method: call.method,
      url: `${this.options.baseUrl.replace(/\/+$/, '')}${call.path}`,
      // As the Postman collection shows: the bare token, no scheme.
      headers: { Authorization: this.options.token, Accept: 'application/json', ...(call.body !== undefined ? { 'Content-Type': 'application/json; charset=utf-8' } : {}) },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    };
    let response = await httpRequest(request, { timeoutMs: this.options.timeoutMs ?? 15_000, signal });
    if (response.status === 429) {
      const wait = retryAfterSeconds(response);
      if (wait !== undefined && wait <= (this.options.maxRetryWaitSeconds ?? 5)) {
        await delay(wait * 1000, signal);
        response = await httpRequest(request, { timeoutMs: this.options.timeoutMs ?? 15_000, signal });
      }
    }
    return parseResponse(response, endpoint, shape, call.what);
  }
}

function retryAfterSeconds(response: WebhookResponse): number | undefined {
  const header = response.headers['retry-after'];
  if (header === undefined) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(new CancelledError()); return; }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(new CancelledError()); }, { once: true });
  });
}

/** The server's own words from an error body, if it sent any. */
function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; errors?: unknown; error?: unknown };
    const detail = parsed.message ?? parsed.error ?? parsed.errors;
    return detail === undefined || detail === null ? '' : typeof detail === 'string' ? detail : JSON.stringify(detail);
  } catch {
    return body.trim().slice(0, 200);
  }
}

export function parseResponse<T extends z.ZodTypeAny>(response: WebhookResponse, endpoint: string, shape: T, what = 'The resource'): z.infer<T> {
  const { status } = response;
  if (status === 401 || status === 403) throw new ApiAuthError(status);
  if (status === 404) throw new ApiNotFoundError(what);
  if (status === 429) throw new ApiRateLimitError(retryAfterSeconds(response));
  if (status >= 500) throw new ApiServerError(status, serverMessage(response.body));
  if (status < 200 || status >= 300) throw new ApiRequestError(status, serverMessage(response.body));
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    throw new ApiResponseError(status, response.body.trim() === '' ? 'an empty body' : `"${response.body.trim().slice(0, 80)}${response.body.length > 80 ? '…' : ''}"`);
  }
  const parsed = shape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiShapeError(endpoint, issue.path.length ? issue.path.join('.') : '(the whole answer)', issue.message);
  }
  return parsed.data;
}
