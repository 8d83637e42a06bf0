import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { computeSignature, signingKeyFromToken, signPayload, verifySignature } from '../../../src/core/signature';

// The worked example from the Chat2Desk doc ("Webhook Signature Verification"): the literal string
// "md5_api_token" stands for the MD5 hex of the token.
const DOC_BODY =
  '{"message_id":28780,"type":"from_client","text":"test7","transport":"widget","client_id":12568,"operator_id":null,"dialog_id":942,"channel_id":1,"photo":null,"coordinates":null,"audio":null,"pdf":null,"client":{"id":12568,"phone":"[chat] 1d0bb2e221762cfcc05c","client_phone":null,"name":"[chat] 1d0bb2e221762cfcc05c","assigned_name":null,"external_id":null},"hook_type":"inbox","request_id":5357,"attachments":[],"is_new_request":false,"is_new_client":false,"insta_comment":false,"extra_data":{},"is_new":true,"event_time":"2025-04-03T11:50:06.984494Z"}';
const DOC_TIMESTAMP = '1743681006';
const DOC_SIGNATURE = '88b574d8237e1b7740f88102018b734d3dd5bc6803c509a3694eff9721b0c595';

describe('signature', () => {
  it('reproduces the documented test vector', () => {
    assert.equal(computeSignature(DOC_BODY, DOC_TIMESTAMP, 'md5_api_token'), DOC_SIGNATURE);
    assert.deepEqual(verifySignature({ body: DOC_BODY, timestamp: DOC_TIMESTAMP, signature: DOC_SIGNATURE, key: 'md5_api_token' }), { valid: true });
  });

  it('signs the same bytes whether given a string or a buffer', () => {
    assert.equal(computeSignature(Buffer.from(DOC_BODY), DOC_TIMESTAMP, 'md5_api_token'), DOC_SIGNATURE);
  });

  it('keys the HMAC with the MD5 hex of the API token', () => {
    const token = 'secret-token-123';
    assert.equal(signingKeyFromToken(token), createHash('md5').update(token).digest('hex'));
    const headers = signPayload(DOC_BODY, { apiToken: token, timestamp: 1743681006 });
    assert.equal(headers['X-Timestamp'], DOC_TIMESTAMP);
    assert.equal(headers['X-Signature'], computeSignature(DOC_BODY, DOC_TIMESTAMP, signingKeyFromToken(token)));
    assert.match(headers['X-Signature'], /^[0-9a-f]{64}$/);
  });

  it('uses the current Unix time in seconds, shifted by an offset', () => {
    const now = () => 1_700_000_000_999;
    assert.equal(signPayload('{}', { apiToken: 't', now })['X-Timestamp'], '1700000000');
    assert.equal(signPayload('{}', { apiToken: 't', now, timestampOffsetSeconds: -600 })['X-Timestamp'], '1699999400');
  });

  it('rejects a tampered body or timestamp', () => {
    const base = { body: DOC_BODY, timestamp: DOC_TIMESTAMP, signature: DOC_SIGNATURE, key: 'md5_api_token' };
    assert.deepEqual(verifySignature({ ...base, body: DOC_BODY.replace('test7', 'test8') }), { valid: false, reason: 'mismatch' });
    assert.deepEqual(verifySignature({ ...base, timestamp: '1743681007' }), { valid: false, reason: 'mismatch' });
    assert.deepEqual(verifySignature({ ...base, body: DOC_BODY + ' ' }), { valid: false, reason: 'mismatch' });
  });

  it('checks the signature length and alphabet before comparing', () => {
    const base = { body: DOC_BODY, timestamp: DOC_TIMESTAMP, key: 'md5_api_token' };
    assert.deepEqual(verifySignature({ ...base, signature: DOC_SIGNATURE.slice(0, 10) }), { valid: false, reason: 'malformed-signature' });
    assert.deepEqual(verifySignature({ ...base, signature: '' }), { valid: false, reason: 'malformed-signature' });
    assert.deepEqual(verifySignature({ ...base, signature: DOC_SIGNATURE.toUpperCase() }), { valid: false, reason: 'malformed-signature' });
    assert.deepEqual(verifySignature({ ...base, signature: DOC_SIGNATURE, timestamp: '17436x' }), { valid: false, reason: 'malformed-timestamp' });
  });

  it('applies an optional timestamp tolerance', () => {
    const now = () => (1743681006 + 301) * 1000;
    const base = { body: DOC_BODY, timestamp: DOC_TIMESTAMP, signature: DOC_SIGNATURE, key: 'md5_api_token', now };
    assert.deepEqual(verifySignature({ ...base, toleranceSeconds: 300 }), { valid: false, reason: 'stale-timestamp' });
    assert.deepEqual(verifySignature({ ...base, toleranceSeconds: 301 }), { valid: true });
    assert.deepEqual(verifySignature(base), { valid: true });
  });
});
