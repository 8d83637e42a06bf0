// Test-data builders (as in vscode-pull-request-github): a typical value of each model type, overridable
// field by field, so a test states only what it is about. Captures have theirs in captures.ts.
import type { Webhook } from '../../src/core/chat2desk/api';
import type { Exchange } from '../../src/core/exchange';

/** Builder for exchanges: a signed 200 by default, overridable. */
export function anExchange(overrides: Partial<Exchange> = {}): Exchange {
  return {
    id: 7,
    source: 'fixtures/inbox.chat2desk.json',
    provider: 'chat2desk',
    signed: true,
    startedAt: '2026-01-01T00:00:00Z',
    request: {
      url: 'http://127.0.0.1:3000/hook',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Signature': 'ab'.repeat(32), 'X-Timestamp': '1743681006' },
      body: Buffer.from('{"hook_type":"inbox"}'),
    },
    response: {
      status: 200,
      statusText: 'OK',
      ok: true,
      headers: { 'content-type': 'application/json' },
      body: '{"ok":true}',
      elapsedMs: 12.4,
      requestBytes: 21,
      responseBytes: 11,
    },
    ...overrides,
  };
}

/** Builder for test webhooks: the documented example, overridable. */
export function aWebhook(overrides: Partial<Webhook> = {}): Webhook {
  return {
    id: 537680,
    name: 'New name',
    url: 'https://yoursite.com/',
    events: ['inbox', 'outbox', 'comment'],
    status: 'enable',
    errors: [],
    source: 'client',
    channels: [1123, 5813],
    ...overrides,
  };
}
