// Test-data builder of captures: a valid, signed Chat2Desk inbox unless overridden.
import type { Capture } from '../../src/core/listen/capture';

export function aCapture(overrides: Partial<Capture> = {}): Capture {
  return {
    id: '0000000001',
    sessionId: '2026-11-22T19:00:00.000Z#aaaaaa',
    receivedAt: '2026-11-22T19:00:05.000Z',
    method: 'POST',
    path: '/c2d',
    query: '',
    headers: { 'X-Signature': 'f'.repeat(64), 'X-Timestamp': '1763838005' },
    body: '{"hook_type":"inbox","text":"<b>hi</b>"}',
    bodyEncoding: 'utf8',
    bodyBytes: 40,
    truncated: false,
    signature: { status: 'valid', explanation: 'Valid.' },
    payload: { provider: 'chat2desk', event: 'inbox', schema: 'valid', issues: [], explanation: 'ok' },
    reply: { status: 200, headers: {}, body: '{"ok":true}' },
    ...overrides,
  };
}
