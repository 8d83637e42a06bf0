import * as assert from 'node:assert/strict';
import { summarizeExchange, type Exchange } from '../../../../src/core/exchange';
import { exchangesPage } from '../../../../src/features/send/response-html';
import { webviewPage } from '../../../../src/features/webview-page';
import { anExchange as exchange } from '../../../support/builders';

/** The response view's whole page, as the panel shows it. */
const renderExchangesHtml = (exchanges: Exchange[], nonce: string, cspSource: string) => webviewPage(exchangesPage(exchanges), nonce, cspSource);

describe('response view HTML', () => {
  it('an expected status is checked: a 401 when 4xx was expected is green and "as expected"; a 200 is red and says so', () => {
    const rejected = exchange({
      wrongSignature: true,
      expectedStatus: '4xx',
      response: { ...exchange().response!, status: 401, statusText: 'Unauthorized', ok: false },
    });
    const met = renderExchangesHtml([rejected], 'N', 'c');
    assert.match(met, /<span class="status ok">401 Unauthorized<\/span>/);
    assert.match(met, /<p class="expectation met">Expected 4xx: the handler answered 401 Unauthorized, as expected\.<\/p>/);
    const accepted = renderExchangesHtml([exchange({ wrongSignature: true, expectedStatus: [401, 403] })], 'N', 'c');
    assert.match(accepted, /<span class="status fail">200 OK<\/span>/);
    assert.match(accepted, /<p class="expectation unmet">Expected 401, 403, but the handler answered 200 OK\.<\/p>/);
    assert.match(summarizeExchange(exchange({ expectedStatus: [401, 403] })), /; expected 401 or 403: NOT met\)$/);
    assert.match(summarizeExchange(rejected), /; expected 4xx: met\)$/);
    const batch = renderExchangesHtml([rejected, exchange({ id: 8, expectedStatus: '4xx' })], 'N', 'c');
    assert.match(batch, /2 webhooks sent in order: 1 answered as expected\./);
    assert.doesNotMatch(renderExchangesHtml([exchange()], 'N', 'c'), /class="expectation/);
  });

  it('shows status, timing, sizes, pretty JSON body and the request as sent', () => {
    const html = renderExchangesHtml([exchange()], 'NONCE', 'vscode-resource:');
    assert.match(html, /<span class="status ok">200 OK<\/span>/);
    assert.match(html, /12 ms · sent 21 B · received 11 B/);
    assert.ok(html.includes('{\n  &quot;ok&quot;: true\n}'), 'pretty-printed, escaped');
    assert.ok(html.includes(`X-Signature</th><td>${'ab'.repeat(32)}`));
    assert.match(html, /Signed as Chat2Desk signs webhooks/);
    assert.match(html, /data-command="copyCurl" data-id="7"/);
    assert.match(html, /script-src 'nonce-NONCE'/);
  });

  it('escapes whatever the handler answered', () => {
    const html = renderExchangesHtml(
      [exchange({ response: { ...exchange().response!, headers: { 'content-type': 'text/html' }, body: '<script>alert(1)</script>' } })],
      'N',
      'c',
    );
    assert.ok(!html.includes('<script>alert(1)</script>'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  it('says when a payload went unsigned, and shows failures', () => {
    const html = renderExchangesHtml(
      [
        exchange({
          signed: false,
          provider: 'iqchannels',
          response: undefined,
          error: { code: 'connection-refused', message: 'Connection refused by 127.0.0.1:1.' },
        }),
      ],
      'N',
      'c',
    );
    assert.match(html, /Sent unsigned: IQChannels documents no webhook signature/);
    assert.match(html, /<span class="status error">Failed<\/span> <span class="meta">Connection refused by 127\.0\.0\.1:1\.<\/span>/);
  });

  it('summarises a sequence', () => {
    const html = renderExchangesHtml(
      [exchange({ id: 1 }), exchange({ id: 2, response: { ...exchange().response!, status: 500, statusText: 'Internal Server Error', ok: false } })],
      'N',
      'c',
    );
    assert.match(html, /2 webhooks sent in order: 1 answered 2xx/);
  });

  it('marks a deliberately wrong signature (issue 9.15) and never shows a URL password (issue 9.11)', () => {
    const wrong = renderExchangesHtml(
      [exchange({ wrongSignature: true, request: { ...exchange().request, url: 'http://me:pa55word@127.0.0.1:3000/hook' } })],
      'N',
      'c',
    );
    assert.match(wrong, /<span class="badge wrong">Wrong signature<\/span>/);
    assert.match(wrong, /deliberately WRONG X-Signature/);
    assert.match(wrong, />Replay \(same wrong signature\)</);
    assert.ok(!wrong.includes('pa55word'));
    const right = renderExchangesHtml([exchange()], 'N', 'c');
    assert.ok(!right.includes('Wrong signature') && right.includes('>Replay (same signature)<'));
  });

  it('shows a request body that is not UTF-8 with its bytes spelled out, and says when headers were cut', () => {
    const html = renderExchangesHtml(
      [
        exchange({
          request: { ...exchange().request, body: Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xcf, 0xf0, 0x22, 0x7d]) },
          response: { ...exchange().response!, headerCount: 250 },
        }),
      ],
      'N',
      'c',
    );
    assert.ok(html.includes('{&quot;t&quot;:&quot;\\xCF\\xF0&quot;}'), 'never U+FFFD');
    assert.match(html, /Response headers <span class="meta">\(the first 1 of 250\)<\/span>/);
  });
});

describe('webview page shell (every panel)', () => {
  const page = webviewPage({ title: 'A <b>title</b>', style: '.x { color: red; }', body: '<p>body</p>' }, 'N0NCE', 'vscode-webview://src');

  it('lets in only its own nonce-tagged style and script', () => {
    assert.match(page, /content="default-src 'none'; style-src vscode-webview:\/\/src 'nonce-N0NCE'; script-src 'nonce-N0NCE';"/);
    assert.equal(page.match(/<style nonce="N0NCE">/g)?.length, 1);
    assert.equal(page.match(/<script nonce="N0NCE">/g)?.length, 1);
    assert.equal(page.match(/<script/g)?.length, 1, 'no other script');
  });

  it('escapes the title and keeps the body and the page style as given', () => {
    assert.ok(page.includes('<title>A &lt;b&gt;title&lt;/b&gt;</title>'));
    assert.ok(page.includes('<body><p>body</p>'));
    assert.ok(page.includes('.x { color: red; }'));
  });

  it("posts a button's data-command, and its data-id as a number when it has one", () => {
    assert.ok(page.includes("event.target.closest('button[data-command]')"));
    assert.ok(
      page.includes('vscode.postMessage({ command: button.dataset.command, id: button.dataset.id === undefined ? undefined : Number(button.dataset.id) })'),
    );
  });
});
