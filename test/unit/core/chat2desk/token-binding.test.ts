import * as assert from 'node:assert/strict';
import {
  apiOrigin,
  bindingFor,
  consentNeeded,
  consentQuestion,
  decodeStoredToken,
  encodeStoredToken,
  isLoopbackOrigin,
  notSentMessage,
} from '../../../../src/core/chat2desk/token-binding';

describe('API token binding', () => {
  const saved = (baseUrl: string) => bindingFor(apiOrigin(baseUrl)!);

  it('a stored token goes without asking only to the origin it was saved for', () => {
    const binding = saved('https://api.chat2desk.com');
    assert.equal(consentNeeded('https://api.chat2desk.com', 'stored', binding), undefined);
    assert.deepEqual(consentNeeded('https://evil.example', 'stored', binding), { kind: 'other-origin', boundTo: 'https://api.chat2desk.com' });
    assert.deepEqual(
      consentNeeded('https://api.chat2desk.com:8443', 'stored', binding),
      { kind: 'other-origin', boundTo: 'https://api.chat2desk.com' },
      'another port is another origin',
    );
    assert.deepEqual(consentNeeded('http://api.chat2desk.com', 'stored', binding)?.kind, 'other-origin', 'downgrade to http');
    assert.equal(consentNeeded('http://127.0.0.1:4000', 'stored', saved('http://127.0.0.1:4000/')), undefined, 'a local simulator it was saved for');
    assert.equal(consentNeeded('http://127.0.0.1:4001', 'stored', saved('http://127.0.0.1:4000/'))?.kind, 'other-origin');
  });

  it('plain http beyond this machine needs consent even for the origin the token was saved for, once', () => {
    const origin = apiOrigin('http://chat2desk.corp.example/api')!;
    assert.deepEqual(consentNeeded(origin, 'stored', { origin }), { kind: 'plain-http' });
    assert.equal(consentNeeded(origin, 'stored', bindingFor(origin)), undefined, 'after consent');
    assert.deepEqual(consentNeeded(origin, 'environment', undefined)?.kind, 'other-origin');
  });

  it('the environment token goes to the Chat2Desk API and loopback, anything else asks', () => {
    assert.equal(consentNeeded('https://api.chat2desk.com', 'environment', undefined), undefined);
    assert.equal(consentNeeded('http://127.0.0.1:3000', 'environment', undefined), undefined);
    assert.equal(consentNeeded('http://localhost:3000', 'environment', undefined), undefined);
    assert.deepEqual(consentNeeded('https://evil.example', 'environment', undefined), { kind: 'other-origin', boundTo: 'https://api.chat2desk.com' });
    assert.equal(consentNeeded('https://evil.example', 'environment', bindingFor('https://evil.example')), undefined, 'after consent');
  });

  it('loopback means this machine only', () => {
    for (const origin of ['http://127.0.0.1:1', 'http://127.5.0.1', 'http://localhost', 'http://[::1]:8080', 'http://a.localhost'])
      assert.ok(isLoopbackOrigin(origin), origin);
    for (const origin of ['http://127.0.0.1.evil.example', 'http://localhost.evil.example', 'http://10.0.0.1', 'http://[::2]'])
      assert.ok(!isLoopbackOrigin(origin), origin);
  });

  it('stores the binding with the token; bare tokens of older versions are bound to the Chat2Desk API', () => {
    const stored = { token: 't0k3n', binding: { origin: 'http://127.0.0.1:9', plainHttpAllowed: true } };
    assert.deepEqual(decodeStoredToken(encodeStoredToken(stored)), stored);
    assert.deepEqual(decodeStoredToken('t0k3n'), { token: 't0k3n', binding: { origin: 'https://api.chat2desk.com' } });
    assert.deepEqual(decodeStoredToken('{odd'), { token: '{odd', binding: { origin: 'https://api.chat2desk.com' } });
  });

  it('asks in words that name both origins and never the token', () => {
    const q = consentQuestion('Main', 'https://evil.example/v', 'https://evil.example', 'stored', {
      kind: 'other-origin',
      boundTo: 'https://api.chat2desk.com',
    });
    assert.match(q.title, /Send your Chat2Desk API token to https:\/\/evil\.example\?/);
    assert.match(q.detail, /saved for https:\/\/api\.chat2desk\.com/);
    assert.match(consentQuestion('Main', 'http://x.example', 'http://x.example', 'stored', { kind: 'plain-http' }).detail, /unencrypted/);
    const fromEnvironment = consentQuestion('Main', 'https://evil.example', 'https://evil.example', 'environment', {
      kind: 'other-origin',
      boundTo: 'https://api.chat2desk.com',
    });
    assert.match(
      fromEnvironment.detail,
      /CHAT2DESK_API_TOKEN environment variable goes without asking only to https:\/\/api\.chat2desk\.com and to this machine/,
    );
    assert.equal(
      notSentMessage('Main', 'https://evil.example', 'stored', { kind: 'other-origin', boundTo: 'https://api.chat2desk.com' }),
      'The API token of "Main" was not sent to https://evil.example: it was saved for https://api.chat2desk.com.',
    );
  });
});
