import * as assert from 'node:assert/strict';
import type { Capture } from '../../../../src/core/listen/capture';
import { capturePage } from '../../../../src/features/listen/capture-html';
import { webviewPage } from '../../../../src/features/webview-page';
import { captureIcon, present, sessionNodes } from '../../../../src/features/listen/received-model';
import { aCapture } from '../../../support/captures';

/** The capture panel's whole page, as the panel shows it. */
const renderCaptureHtml = (capture: Capture, nonce: string, cspSource: string) => webviewPage(capturePage(capture), nonce, cspSource);

describe('listen: Received Webhooks view model', () => {
  it('groups by session, newest session and newest capture first; the current session is expanded', () => {
    const old = aCapture({ id: '0000000001', sessionId: 'S1' });
    const a = aCapture({ id: '0000000002', sessionId: 'S2' });
    const b = aCapture({ id: '0000000003', sessionId: 'S2' });
    const nodes = sessionNodes([old, a, b], 'S2');
    assert.deepEqual(
      nodes.map((n) => n.type === 'session' && [n.sessionId, n.current, n.captures.map((c) => c.id)]),
      [
        ['S2', true, ['0000000003', '0000000002']],
        ['S1', false, ['0000000001']],
      ],
    );
    assert.equal(present(nodes[0]).collapsible, 'expanded');
    const current = present(sessionNodes([aCapture()], '2026-11-22T19:00:00.000Z#aaaaaa')[0]);
    assert.deepEqual([current.label, current.description], ['Current session', 'since 19:00:00 · 1 request']);
    const earlier = present(sessionNodes([aCapture()], undefined)[0]);
    assert.deepEqual([earlier.label, earlier.description], ['2026-11-22 19:00', '1 request']);
    assert.equal(present(nodes[1]).collapsible, 'collapsed');
  });

  it('verdict icons: pass, failed signature, warnings', () => {
    assert.equal(captureIcon(aCapture()).id, 'pass');
    assert.equal(captureIcon(aCapture({ signature: { status: 'mismatch', explanation: '' } })).id, 'error');
    assert.equal(captureIcon(aCapture({ signature: { status: 'stale', explanation: '' } })).id, 'error');
    assert.equal(captureIcon(aCapture({ signature: { status: 'missing', explanation: '' } })).id, 'warning');
    assert.equal(
      captureIcon(
        aCapture({
          signature: { status: 'missing', explanation: '' },
          payload: { provider: 'iqchannels', event: 'typing', schema: 'valid', issues: [], explanation: '' },
        }),
      ).id,
      'pass',
      'IQChannels documents no signature',
    );
    assert.equal(captureIcon(aCapture({ payload: { schema: 'invalid', issues: [], explanation: '' } })).id, 'warning');
    assert.equal(captureIcon(aCapture({ incomplete: true })).id, 'debug-disconnect');
  });

  it('an item shows event, verdicts, status and time; the tooltip explains', () => {
    const p = present({
      type: 'capture',
      capture: aCapture({ forward: { url: 'http://h/', response: { status: 500, headers: {}, body: '' }, latencyMs: 12.4 } }),
    });
    assert.equal(p.label, 'inbox');
    assert.equal(p.description, 'signed ✓ → 500 (handler, 12 ms) · 19:00:05');
    assert.match(p.tooltip, /\*\*Signature: valid\.\*\* Valid\\\./);
    assert.equal(p.contextValue, 'receivedCapture');
    assert.equal(present({ type: 'capture', capture: aCapture({ truncated: true }) }).contextValue, 'receivedCapture.truncated');
  });

  it('escapes everything a sender or a handler wrote in the tooltips (no injected images, links, code or HTML)', () => {
    const evil = 'x`![p](https://evil.example/p.png)` [click](https://phish.example) <img src=x> **b** \n\n# h \u202Egnp.exe';
    const capture = aCapture({
      sessionId: `2026-11-22T19:00:00.000Z#${evil}`,
      path: `/${evil}`,
      query: `?q=${evil}`,
      method: evil,
      signature: { status: 'malformed', explanation: `X-Timestamp "${evil}" is not Unix time` },
      payload: { provider: 'chat2desk', event: evil, schema: 'invalid', issues: [{ path: `$.${evil}`, message: evil }], explanation: `first at ${evil}` },
      forward: { url: 'http://127.0.0.1:1/', error: `the handler said ${evil}`, latencyMs: 1 },
      reply: { status: 502, headers: {}, body: evil },
    });
    const [session] = sessionNodes([capture], undefined);
    // Our own markup is ** only; any other unescaped markdown character came from outside.
    const unescaped = /(^|[^\\])(?:\\\\)*[`[\]()<>!#&]/m;
    for (const tooltip of [present(session).tooltip, present({ type: 'capture', capture }).tooltip]) {
      assert.doesNotMatch(tooltip, unescaped, tooltip);
      assert.ok(!tooltip.includes('\u202E'), 'no bidi override reorders the tooltip');
    }
    const tooltip = present({ type: 'capture', capture }).tooltip;
    assert.match(tooltip, /evil\\\.example/, 'the text is still there, escaped');
    assert.equal(tooltip.split('\n').filter((line) => line.startsWith('#')).length, 0, 'a sender cannot start a heading');
  });

  it('the Open panel escapes what the sender sent and explains the verdicts', () => {
    const html = renderCaptureHtml(
      aCapture({ signature: { status: 'mismatch', explanation: 'It would match if keyed with the raw API token.', wouldMatch: 'raw-token-key' } }),
      'NONCE',
      'csp',
    );
    assert.ok(!html.includes('<b>hi</b>'));
    assert.ok(html.includes('&lt;b&gt;hi&lt;/b&gt;'));
    assert.match(html, /Signature: mismatch/);
    assert.match(html, /raw API token/);
    assert.match(html, /\{\n {2}&quot;hook_type&quot;: &quot;inbox&quot;/, 'pretty-printed body');
  });
});
