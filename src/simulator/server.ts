// A Chat2Desk API simulator on 127.0.0.1: the documented /v1/webhooks endpoints with the documented
// response shapes, a token check, state in memory, and injectable faults. Used by the tests, by
// `npm start` (the demo account) and on its own (`npm run simulator`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { documentedAnswer } from './api-examples';
import { CONTROL_PREFIX, deliverEvent, handleControl, type DeliveryResult, type SimulatorDelivery } from './delivery';

export interface SimulatedWebhook {
  id: number;
  name: string;
  url: string;
  events: string[];
  status: 'enable' | 'disable';
  errors: string[] | null;
  source: string;
  channels?: number[];
}

/** A fault answers the next API request, or with `method` the next request with that method. */
export type Fault = (
  { kind: 'status'; status: number; retryAfter?: string; body?: string } | { kind: 'malformed-json' } | { kind: 'wrong-shape' } | { kind: 'hang' }
) & { method?: string };

export interface SimulatorOptions {
  token: string;
  port?: number;
  /** Subscription names the POST/PUT `events` may contain (from the generated catalogue). */
  knownEvents?: string[];
  webhooks?: SimulatedWebhook[];
  latencyMs?: number;
  /** Added to the demo (or given) webhooks, e.g. one pointing at the listener. */
  extraWebhooks?: SimulatedWebhook[];
  /** Where the documented examples are (schemas/): needed to deliver events. */
  schemasDir?: string;
  /** Resends, time scale and retry timestamps of its deliveries (default: Chat2Desk's policy at Deliver's default scale). */
  delivery?: SimulatorDelivery;
}

export interface RequestRecord {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/** The webhooks of the documented GET /v1/webhooks example, plus two to make a demo tree. */
export function demoWebhooks(): SimulatedWebhook[] {
  return [
    {
      id: 537680,
      name: 'New name',
      url: 'https://yoursite.com/',
      events: ['inbox', 'outbox', 'comment'],
      status: 'enable',
      errors: [],
      source: 'client',
      channels: [1123, 5813],
    },
    {
      id: 537681,
      name: 'Tickets to CRM',
      url: 'https://crm.example/hooks/chat2desk',
      events: ['new_ticket', 'ticket_updated', 'ticket_deleted'],
      status: 'enable',
      errors: [],
      source: 'client',
    },
    {
      id: 537682,
      name: 'Old staging handler',
      url: 'https://staging.example/webhook',
      events: ['operator_status_changed', 'device_updated'],
      status: 'disable',
      errors: ['No successful response for 5 hours: the webhook was disabled'],
      source: 'client',
    },
  ];
}

/** A webhook subscribed to every event that delivers to Webhook Studio's listener. */
export function listenerWebhook(url: string, events: string[], id = 537690): SimulatedWebhook {
  return { id, name: 'Webhook Studio listener (demo)', url, events, status: 'enable', errors: [], source: 'client' };
}

export class Chat2DeskSimulator {
  private server: Server | undefined;
  private webhooks: SimulatedWebhook[];
  private nextId: number;
  private readonly faults: Fault[] = [];
  readonly requests: RequestRecord[] = [];
  latencyMs: number;
  url = '';

  constructor(private readonly options: SimulatorOptions) {
    this.webhooks = structuredClone([...(options.webhooks ?? demoWebhooks()), ...(options.extraWebhooks ?? [])]);
    this.nextId = Math.max(1000, ...this.webhooks.map((w) => w.id)) + 1;
    this.latencyMs = options.latencyMs ?? 0;
  }

  /** Delivers the documented example of an event, signed with the token, to the webhooks subscribed to it. */
  deliver(subscription: string, webhookId?: number): Promise<DeliveryResult[]> {
    if (!this.options.schemasDir) throw new Error('The simulator needs schemasDir to deliver events');
    return deliverEvent(this.webhooks, {
      schemasDir: this.options.schemasDir,
      token: this.options.token,
      subscription,
      webhookId,
      delivery: this.options.delivery,
      // As Chat2Desk: no successful answer for 5 hours switches the webhook off, with the reason.
      onDisabled: (id) => {
        const webhook = this.webhooks.find((w) => w.id === id);
        if (webhook)
          Object.assign(webhook, { status: 'disable', errors: [...(webhook.errors ?? []), 'No successful response for 5 hours: the webhook was disabled'] });
      },
    });
  }

  /** Faults apply to the next requests (of their method, if given), one each, in order. */
  injectFault(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  get state(): readonly SimulatedWebhook[] {
    return this.webhooks;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res).catch((error: unknown) => this.failed(res, error)));
    await new Promise<void>((resolve) => this.server!.listen(this.options.port ?? 0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) {
        resolve();
        return;
      }
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** A request that broke mid-way (client aborted its body, socket reset) ends that request only. */
  private failed(res: ServerResponse, error: unknown): void {
    if (res.headersSent || res.destroyed || res.writableEnded) {
      res.destroy();
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'error', message: `could not read the request: ${message}` }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://simulator');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      await handleControl(req, res, body, (event, id) => this.deliver(event, id));
      return;
    }
    this.requests.push({ method: req.method ?? '', path: url.pathname + url.search, authorization: req.headers.authorization, body });
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));

    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    const faultIndex = this.faults.findIndex((f) => f.method === undefined || f.method === req.method);
    const fault = faultIndex < 0 ? undefined : this.faults.splice(faultIndex, 1)[0];
    if (fault?.kind === 'hang') return; // never answers: the client's timeout must fire
    if (fault?.kind === 'status') {
      send(fault.status, fault.body ?? { status: 'error', message: `simulated ${fault.status}` }, fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {});
      return;
    }
    if (fault?.kind === 'malformed-json') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (fault?.kind === 'wrong-shape') {
      send(200, { data: [{ id: 'not-a-number', name: 42 }], status: 'success' });
      return;
    }

    if (req.headers.authorization !== this.options.token) {
      send(401, { status: 'error', message: 'Unauthorized: invalid API token' });
      return;
    }
    const match = /^\/v1\/webhooks(?:\/(\d+))?\/?$/.exec(url.pathname);
    if (!match) {
      const documented = documentedAnswer(this.options.schemasDir, req.method ?? '', url.pathname);
      if (documented) {
        send(documented.status, documented.body);
        return;
      }
      send(404, { status: 'error', message: `No route ${req.method} ${url.pathname}` });
      return;
    }
    const id = match[1] ? Number(match[1]) : undefined;
    const found = id === undefined ? undefined : this.webhooks.find((w) => w.id === id);
    if (id !== undefined && !found) {
      send(404, { status: 'error', message: `Webhook ${id} not found` });
      return;
    }

    switch (`${req.method} ${id === undefined ? 'list' : 'one'}`) {
      case 'GET list':
        send(200, { data: this.webhooks, status: 'success' });
        return;
      case 'GET one':
        send(200, { data: [found], status: 'success' });
        return;
      case 'POST list': {
        const problem = this.checkInput(body, true);
        if (problem) {
          send(400, { status: 'error', errors: problem });
          return;
        }
        const input = body as Partial<SimulatedWebhook>;
        const created: SimulatedWebhook = {
          id: this.nextId++,
          name: input.name ?? '',
          url: input.url!,
          events: input.events ?? [],
          status: 'enable',
          errors: null,
          source: 'client',
          ...(input.channels ? { channels: input.channels } : {}),
        };
        this.webhooks.push(created);
        send(200, { data: created, status: 'success' });
        return;
      }
      case 'PUT one': {
        const problem = this.checkInput(body ?? {}, false);
        if (problem) {
          send(400, { status: 'error', errors: problem });
          return;
        }
        const input = (body ?? {}) as Partial<SimulatedWebhook>;
        // The doc: a null url deletes the webhook.
        if ('url' in input && input.url === null) {
          this.webhooks = this.webhooks.filter((w) => w !== found);
          send(200, { status: 'success' });
          return;
        }
        Object.assign(found!, Object.fromEntries(Object.entries(input).filter(([k]) => ['name', 'url', 'events', 'channels'].includes(k))));
        const status = url.searchParams.get('status');
        if (status === 'enable' || status === 'disable') found!.status = status;
        send(200, { data: found, status: 'success' });
        return;
      }
      case 'DELETE one':
        this.webhooks = this.webhooks.filter((w) => w !== found);
        send(200, { status: 'success' });
        return;
      default:
        send(405, { status: 'error', message: `${req.method} is not supported here` });
    }
  }

  private checkInput(body: unknown, creating: boolean): Record<string, string> | undefined {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return { body: 'must be a JSON object' };
    const input = body as Record<string, unknown>;
    const problems: Record<string, string> = {};
    if (creating || 'url' in input) {
      if (creating && (typeof input.url !== 'string' || !/^https?:\/\//.test(input.url))) problems.url = 'must be an http(s) URL';
      if (!creating && input.url !== null && (typeof input.url !== 'string' || !/^https?:\/\//.test(input.url)))
        problems.url = 'must be an http(s) URL or null';
    }
    if ('events' in input || creating) {
      const events = input.events;
      if (!Array.isArray(events) || events.length === 0) problems.events = 'must be a non-empty list';
      else if (this.options.knownEvents) {
        const unknown = events.filter((e) => !this.options.knownEvents!.includes(String(e)));
        if (unknown.length) problems.events = `unknown events: ${unknown.join(', ')}`;
      }
    }
    if ('channels' in input && input.channels !== undefined && (!Array.isArray(input.channels) || !input.channels.every((c) => Number.isInteger(c))))
      problems.channels = 'must be a list of channel ids';
    return Object.keys(problems).length ? problems : undefined;
  }
}
