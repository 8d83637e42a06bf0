// Proves a running webhook handler behaves as its contract suite (chat2desk.webhooks.json) says, through
// the product's own pipeline (plan, request, send). Until the suite runner (src/core/suites) is merged,
// test/kit/ proves each scaffold with this; then it runs the scaffold's suite file instead.
import { computeSignature } from '../../src/core/signature';
import { createRequest, planPayload, type BuiltRequest } from '../../src/core/payload';
import { documentedExampleText } from '../../src/core/payload-snippets';
import { httpRequest, sendWebhook } from '../../src/core/send';
import { SCHEMAS_DIR } from './paths';

export interface ProofResult {
  check: string;
  expected: '2xx' | '4xx' | string;
  actual: string;
  ok: boolean;
}

const klass = (status: number) => `${Math.floor(status / 100)}xx`;

/** The documented inbox example with its own message_id (the scaffolds deduplicate inbox on it). */
function inbox(messageId: number, edit: (text: string) => string = (text) => text): string {
  return edit(documentedExampleText(SCHEMAS_DIR, 'chat2desk', 'inbox.json').replace(/"message_id": \d+/, `"message_id": ${messageId}`));
}

/**
 * Runs the checks against `url` (the handler's webhook path; its /stats beside it) and returns every
 * result: correct signature 2xx; missing, wrong, raw-token-keyed, altered-body and stale (the suites start the
 * handlers with a 300 s window) 4xx; a re-serialising body (\u00e9, \/, 1.0, an integer beyond 2^53) and an
 * unknown hook_type 2xx; the same event three times (twice at once, then re-signed as a resend) processed once.
 */
export async function proveScaffold(url: string, token: string): Promise<ProofResult[]> {
  const base = Math.floor(Math.random() * 1e9);
  const build = (text: string, options: { wrongSignature?: boolean; timestampOffsetSeconds?: number } = {}) =>
    createRequest(planPayload({ text }, { bodyFormat: 'compact' }), { url, apiToken: token, ...options });
  const send = async (request: BuiltRequest) => (await sendWebhook(request, { timeoutMs: 10_000, secrets: [token] })).status;
  const tamper = (request: BuiltRequest, change: (headers: Record<string, string>) => void) => {
    change(request.headers);
    return request;
  };
  const results: ProofResult[] = [];
  const expect = async (check: string, expected: '2xx' | '4xx', request: BuiltRequest) => {
    const status = await send(request);
    results.push({ check, expected, actual: String(status), ok: klass(status) === expected });
  };

  await expect('correct-signature', '2xx', build(inbox(base)));
  await expect(
    'missing-signature',
    '4xx',
    tamper(build(inbox(base + 1)), (h) => delete h['X-Signature']),
  );
  await expect('wrong-signature', '4xx', build(inbox(base + 2), { wrongSignature: true }));
  const rawKeyed = build(inbox(base + 3));
  await expect(
    'raw-token-key',
    '4xx',
    tamper(rawKeyed, (h) => (h['X-Signature'] = computeSignature(rawKeyed.body, h['X-Timestamp'], token))),
  );
  const signed = build(inbox(base + 4));
  const altered = { ...signed, body: Buffer.from(signed.body.toString('utf8').replace('"Hello!"', '"Hellp!"')) };
  await expect('altered-body', '4xx', altered);
  await expect('stale-timestamp', '4xx', build(inbox(base + 5), { timestampOffsetSeconds: -3600 }));
  const literals = (text: string) =>
    text.replace('"extra_data": {}', '"extra_data": {"note": "caf\\u00e9 \\/ x", "amount": 1.0, "big": 12345678901234567890123}');
  await expect('reserialised-body', '2xx', build(inbox(base + 6, literals)));
  await expect('unknown-hook-type', '2xx', build(inbox(base + 7).replace('"hook_type": "inbox"', '"hook_type": "webhook_studio_unknown"')));

  const stats = new URL('/stats', url).toString();
  const processed = async () => Number(JSON.parse((await httpRequest({ url: stats, method: 'GET', headers: {} }, { timeoutMs: 10_000 })).body).processed);
  const before = await processed();
  const event = inbox(base + 8);
  const statuses = await Promise.all([send(build(event)), send(build(event))]);
  statuses.push(await send(build(event, { timestampOffsetSeconds: 1 })));
  const delta = (await processed()) - before;
  results.push({
    check: 'duplicate',
    expected: 'processed once, answered 2xx',
    actual: `processed ${delta}, answered ${statuses.join(' ')}`,
    ok: delta === 1 && statuses.every((s) => klass(s) === '2xx'),
  });
  return results;
}
