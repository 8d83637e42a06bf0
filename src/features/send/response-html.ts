// Renders exchanges as the response view's page (in the shell of webview-page.ts). Pure (no vscode
// import) so it is unit-tested.
import { bodyText, expectationMet, expectationText, formatBytes, type Exchange } from '../../core/exchange';
import { t } from '../../core/l10n';
import { redactUrl } from '../../core/redact';
import { escapeHtml as escape, headerTable, type WebviewContent } from '../webview-page';

function prettyBody(body: string, contentType: string | undefined): string {
  if (/json/i.test(contentType ?? '') || /^\s*[[{]/.test(body)) {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      /* shown as received */
    }
  }
  return body;
}

function statusClass(exchange: Exchange): string {
  if (!exchange.response) return 'error';
  return (expectationMet(exchange) ?? exchange.response.ok) ? 'ok' : 'fail';
}

function renderOne(exchange: Exchange): string {
  const { request, response, error } = exchange;
  const heading = response
    ? `<span class="status ${statusClass(exchange)}">${response.status} ${escape(response.statusText)}</span> <span class="meta">${escape(t('{0} ms · sent {1} · received {2}', Math.round(response.elapsedMs), formatBytes(response.requestBytes), formatBytes(response.responseBytes)))}</span>`
    : `<span class="status error">${escape(t('Failed'))}</span> <span class="meta">${escape(error?.message ?? '')}</span>`;
  const signing = !exchange.signed
    ? t('Sent unsigned: IQChannels documents no webhook signature.')
    : exchange.wrongSignature
      ? t('Sent with a deliberately WRONG X-Signature ("Wrong signature"): a correct handler rejects it.')
      : t('Signed as Chat2Desk signs webhooks (X-Signature = HMAC-SHA256 of body + X-Timestamp, keyed with the MD5 of the API token).');
  const wrongBadge = exchange.wrongSignature ? ` <span class="badge wrong">${escape(t('Wrong signature'))}</span>` : '';
  const replay = exchange.wrongSignature ? t('Replay (same wrong signature)') : t('Replay (same signature)');
  return `<section class="exchange" data-id="${exchange.id}">
  <h2>${heading}${wrongBadge}</h2>
  <p class="source">${escape(exchange.source)} → <code>${escape(redactUrl(request.url))}</code></p>
  <p class="signing">${escape(signing)}</p>${exchange.expectedStatus !== undefined && response ? `\n  <p class="expectation ${expectationMet(exchange) ? 'met' : 'unmet'}">${escape(expectationText(exchange))}</p>` : ''}
  <div class="actions"><button data-command="copyCurl" data-id="${exchange.id}">${escape(t('Copy as cURL'))}</button> <button data-command="resend" data-id="${exchange.id}" title="${escape(t('Sends the identical bytes, timestamp and signature again, as a replayed delivery would'))}">${escape(replay)}</button> <button data-command="saveEndpoint" data-id="${exchange.id}" title="${escape(t('Adds this URL to the webhookStudio.endpoints setting, to pick it by name'))}">${escape(t('Save as Endpoint'))}</button></div>
  ${response ? `<h3>${escape(t('Response headers'))}${response.headerCount ? ` <span class="meta">${escape(t('(the first {0} of {1})', Object.keys(response.headers).length, response.headerCount))}</span>` : ''}</h3>${headerTable(response.headers)}<h3>${escape(t('Response body'))}${response.truncated ? ` <span class="meta">${escape(t('(the first {0} of {1})', formatBytes(Buffer.byteLength(response.body)), formatBytes(response.responseBytes)))}</span>` : ''}</h3><pre class="body">${escape(prettyBody(response.body, response.headers['content-type'])) || `<em>${escape(t('(empty)'))}</em>`}</pre>` : ''}
  <details ${response ? '' : 'open'}><summary>${escape(t('Request as sent'))}</summary>
    <p><code>POST ${escape(redactUrl(request.url))}</code></p>${headerTable(request.headers)}
    <pre class="body">${escape(bodyText(request.body))}</pre>
  </details>
</section>`;
}

function batchSummary(exchanges: Exchange[]): string {
  if (exchanges.some((e) => e.expectedStatus !== undefined))
    return t('{0} webhooks sent in order: {1} answered as expected.', exchanges.length, exchanges.filter((e) => expectationMet(e)).length);
  return t('{0} webhooks sent in order: {1} answered 2xx.', exchanges.length, exchanges.filter((e) => e.response?.ok).length);
}

export function exchangesPage(exchanges: Exchange[]): WebviewContent {
  const summary = exchanges.length > 1 ? `<p class="summary">${escape(batchSummary(exchanges))}</p>` : '';
  return { title: t('Webhook Response'), style: STYLE, body: `${summary}${exchanges.map(renderOne).join('\n')}` };
}

const STYLE = `
  .status { font-weight: bold; padding: 1px 6px; border-radius: 3px; }
  .status.ok { background: var(--vscode-testing-iconPassed, #388a34); color: var(--vscode-editor-background); }
  .status.fail, .status.error { background: var(--vscode-testing-iconFailed, #c72e0f); color: var(--vscode-editor-background); }
  .expectation.met { color: var(--vscode-testing-iconPassed, #388a34); }
  .expectation.unmet { color: var(--vscode-testing-iconFailed, #c72e0f); font-weight: bold; }
  .source, .signing { color: var(--vscode-descriptionForeground); }
  .badge.wrong { font-size: 0.8em; padding: 1px 6px; border-radius: 3px; background: var(--vscode-statusBarItem-warningBackground, #b89500); color: var(--vscode-statusBarItem-warningForeground, #000); }
  section.exchange { border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 12px; }`;
