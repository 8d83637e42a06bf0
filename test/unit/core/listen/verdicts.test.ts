import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { payloadVerdict, readBody } from '../../../../src/core/listen/payload-verdict';
import { signatureVerdict, type SignatureCheck } from '../../../../src/core/listen/signature-verdict';
import { computeSignature, signingKeyFromToken, signPayload } from '../../../../src/core/signature';
import { PayloadValidator } from '../../../../src/core/validate';
import { SCHEMAS_DIR } from '../../../support/paths';

// The worked example of the Chat2Desk doc; its key is printed as "md5_api_token" (the MD5 hex of a token).
const DOC_BODY =
  '{"message_id":28780,"type":"from_client","text":"test7","transport":"widget","client_id":12568,"operator_id":null,"dialog_id":942,"channel_id":1,"photo":null,"coordinates":null,"audio":null,"pdf":null,"client":{"id":12568,"phone":"[chat] 1d0bb2e221762cfcc05c","client_phone":null,"name":"[chat] 1d0bb2e221762cfcc05c","assigned_name":null,"external_id":null},"hook_type":"inbox","request_id":5357,"attachments":[],"is_new_request":false,"is_new_client":false,"insta_comment":false,"extra_data":{},"is_new":true,"event_time":"2025-04-03T11:50:06.984494Z"}';
const DOC_TIMESTAMP = '1743681006';
const DOC_SIGNATURE = '88b574d8237e1b7740f88102018b734d3dd5bc6803c509a3694eff9721b0c595';
const TOKEN = 'listen-test-token-1';
const AT_DOC_TIME = () => Number(DOC_TIMESTAMP) * 1000 + 5000;

function check(body: string | Buffer, headers: Record<string, string>, overrides: Partial<SignatureCheck> = {}): ReturnType<typeof signatureVerdict> {
  return signatureVerdict({ body: Buffer.from(body), headers, apiToken: TOKEN, toleranceSeconds: 300, now: AT_DOC_TIME, ...overrides });
}
const signed = (body: string, timestamp = Number(DOC_TIMESTAMP)) => signPayload(body, { apiToken: TOKEN, timestamp });

describe('listen: signature verdicts', () => {
  it('the doc test vector is valid (key = "md5_api_token" as printed)', () => {
    const doc = check(DOC_BODY, { 'X-Signature': DOC_SIGNATURE, 'X-Timestamp': DOC_TIMESTAMP }, { apiToken: undefined, key: 'md5_api_token' });
    assert.equal(doc.status, 'valid');
    const verdict = check(DOC_BODY, { 'X-Signature': computeSignature(DOC_BODY, DOC_TIMESTAMP, signingKeyFromToken(TOKEN)), 'X-Timestamp': DOC_TIMESTAMP });
    assert.equal(verdict.status, 'valid');
    assert.match(verdict.explanation, /within 300 s/);
  });

  it('header names are case-insensitive (Node lowercases, tunnels may not)', () => {
    const h = signed(DOC_BODY);
    assert.equal(check(DOC_BODY, { 'x-signature': h['X-Signature'], 'x-timestamp': h['X-Timestamp'] }).status, 'valid');
  });

  it('a tampered byte is a mismatch with no diagnosis', () => {
    const verdict = check(DOC_BODY.replace('test7', 'test8'), signed(DOC_BODY) as unknown as Record<string, string>);
    assert.equal(verdict.status, 'mismatch');
    assert.equal(verdict.wouldMatch, undefined);
    assert.match(verdict.explanation, /another token signed it, or the body was changed/);
  });

  it('missing headers say which', () => {
    assert.equal(check(DOC_BODY, {}).status, 'missing');
    assert.match(check(DOC_BODY, { 'X-Timestamp': DOC_TIMESTAMP }).explanation, /No X-Signature header/);
    assert.match(check(DOC_BODY, { 'X-Signature': DOC_SIGNATURE }).explanation, /No X-Timestamp header/);
  });

  it('malformed signature or timestamp', () => {
    assert.equal(check(DOC_BODY, { 'X-Signature': 'abc', 'X-Timestamp': DOC_TIMESTAMP }).status, 'malformed');
    const ts = check(DOC_BODY, { 'X-Signature': DOC_SIGNATURE, 'X-Timestamp': '2025-04-03T11:50:06Z' });
    assert.equal(ts.status, 'malformed');
    assert.match(ts.explanation, /not Unix time in seconds/);
  });

  it('stale: genuine signature outside the tolerance; the tolerance is a parameter', () => {
    const h = signed(DOC_BODY) as unknown as Record<string, string>;
    const late = () => (Number(DOC_TIMESTAMP) + 301) * 1000;
    const verdict = check(DOC_BODY, h, { now: late });
    assert.equal(verdict.status, 'stale');
    assert.match(verdict.explanation, /301 s old, outside the tolerance of 300 s/);
    assert.equal(check(DOC_BODY, h, { now: late, toleranceSeconds: 400 }).status, 'valid');
    const oldAndWrong = check(DOC_BODY.replace('test7', 'test8'), h, { now: late });
    assert.equal(oldAndWrong.status, 'mismatch', 'a wrong signature outranks an old timestamp');
    assert.match(oldAndWrong.explanation, /also 301 s old/);
  });

  it('would match with the raw token as the key', () => {
    const headers = { 'X-Signature': computeSignature(DOC_BODY, DOC_TIMESTAMP, TOKEN), 'X-Timestamp': DOC_TIMESTAMP };
    const verdict = check(DOC_BODY, headers);
    assert.deepEqual([verdict.status, verdict.wouldMatch], ['mismatch', 'raw-token-key']);
    assert.match(verdict.explanation, /raw API token.*MD5/);
  });

  it('would match over re-serialised JSON (sender signed JSON.stringify, sent pretty text)', () => {
    const sent = JSON.stringify(JSON.parse(DOC_BODY), null, 2);
    const verdict = check(sent, signed(DOC_BODY) as unknown as Record<string, string>);
    assert.deepEqual([verdict.status, verdict.wouldMatch], ['mismatch', 'reserialised-json']);
  });

  it('millisecond timestamps: signed over ms (stale, but the HMAC matches) or over seconds', () => {
    const ms = String(Number(DOC_TIMESTAMP) * 1000 + 123);
    const overMs = check(DOC_BODY, { 'X-Signature': computeSignature(DOC_BODY, ms, signingKeyFromToken(TOKEN)), 'X-Timestamp': ms });
    assert.deepEqual([overMs.status, overMs.wouldMatch], ['stale', 'millisecond-timestamp']);
    const overSeconds = check(DOC_BODY, { 'X-Signature': signed(DOC_BODY)['X-Signature'], 'X-Timestamp': ms });
    assert.deepEqual([overSeconds.status, overSeconds.wouldMatch], ['mismatch', 'millisecond-timestamp']);
  });

  it('without a token the signature is reported unverified, not valid', () => {
    assert.equal(check(DOC_BODY, signed(DOC_BODY) as unknown as Record<string, string>, { apiToken: undefined }).status, 'unverified');
  });
});

describe('listen: payload verdicts', () => {
  const validator = new PayloadValidator();
  const verdictOf = (body: string | Buffer, finder = validator, options: { truncated?: boolean } = {}) =>
    payloadVerdict(readBody(Buffer.from(body), options), finder);
  const example = (provider: string, name: string) => readFileSync(join(SCHEMAS_DIR, 'examples', provider, name), 'utf8');

  it('a documented Chat2Desk event is valid, with provider and event', () => {
    const verdict = verdictOf(example('chat2desk', 'inbox.json'));
    assert.deepEqual([verdict.provider, verdict.event, verdict.schema], ['chat2desk', 'inbox', 'valid']);
  });

  it('an IQChannels event is recognised by ChatEvent.Type', () => {
    const verdict = verdictOf(example('iqchannels', 'chat_created.json'));
    assert.deepEqual([verdict.provider, verdict.event, verdict.schema], ['iqchannels', 'chat_created', 'valid']);
  });

  it('schema problems carry JSON paths', () => {
    const payload = JSON.parse(example('chat2desk', 'inbox.json'));
    payload.client.id = 'not-a-number';
    const verdict = verdictOf(JSON.stringify(payload));
    assert.equal(verdict.schema, 'invalid');
    assert.ok(
      verdict.issues.some((i) => i.path.startsWith('$.client')),
      JSON.stringify(verdict.issues),
    );
  });

  it('non-JSON, empty and unknown JSON bodies are "unknown" with the reason', () => {
    const notJson = verdictOf('hook_type=inbox');
    assert.equal(notJson.schema, 'unknown');
    assert.match(notJson.explanation, /Not a JSON webhook payload: .*line 1, column 1/);
    assert.match(verdictOf('').explanation, /Empty body/);
    assert.match(verdictOf('{"a":1}').explanation, /neither a Chat2Desk/);
    assert.equal(verdictOf('{"hook_type":"inbox"}', validator, { truncated: true }).schema, 'unknown');
  });
});
