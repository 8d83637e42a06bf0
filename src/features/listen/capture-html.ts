// Renders a capture for the "Received Webhook" panel: verdicts explained, request headers and pretty
// body, and what the sender was answered (the handler's response when forwarded), in the shell of
// webview-page.ts. Pure, unit-tested.
import { formatBytes } from '../../core/exchange';
import { t } from '../../core/l10n';
import { captureTitle, redactionNote, type Capture } from '../../core/listen/capture';
import { prettyJsonText } from '../../core/listen/reuse';
import { escapeHtml as escape, headerTable, type WebviewContent } from '../webview-page';

function prettyBody(capture: Capture): string {
  if (capture.bodyEncoding === 'base64') return `${t('(binary, {0}; base64)', formatBytes(capture.bodyBytes))}\n${capture.body}`;
  try {
    JSON.parse(capture.body);
    return prettyJsonText(capture.body);
  } catch {
    return capture.body;
  }
}

const verdictClass = (ok: boolean | undefined) => (ok === undefined ? 'warn' : ok ? 'ok' : 'fail');

export function capturePage(capture: Capture): WebviewContent {
  const sig = capture.signature;
  const sigOk = sig.status === 'valid' ? true : ['mismatch', 'malformed', 'stale'].includes(sig.status) ? false : undefined;
  const schemaOk = capture.payload.schema === 'valid' ? true : capture.payload.schema === 'invalid' ? false : undefined;
  const issues = capture.payload.issues.length
    ? `<ul>${capture.payload.issues.map((i) => `<li><code>${escape(i.path)}</code>: ${escape(i.message)}</li>`).join('')}</ul>`
    : '';
  const answer = capture.forward
    ? capture.forward.response
      ? `<p>${t('Forwarded to {0}: the handler answered {1} in {2} ms, and that answer went back to the sender.', `<code>${escape(capture.forward.url)}</code>`, `<b>${capture.forward.response.status}</b>`, Math.round(capture.forward.latencyMs))}</p>${headerTable(capture.forward.response.headers)}<pre class="body">${escape(capture.forward.response.body) || `<em>${escape(t('(empty)'))}</em>`}</pre>`
      : `<p class="fail-text">${t('Forwarding to {0} failed: {1} The sender was answered 502.', `<code>${escape(capture.forward.url)}</code>`, escape(capture.forward.error ?? ''))}</p>`
    : capture.incomplete
      ? `<p>${escape(t('The sender closed the connection before the body was complete; nothing was answered.'))}</p>`
      : `<p>${t('Answered {0}.', `<b>${capture.reply.status}</b>`)}</p><pre class="body">${escape(capture.reply.body)}</pre>`;
  const truncated =
    (capture.truncated
      ? `<p class="warn-text">${escape(t('Body truncated: {0} received; only the start was kept.', formatBytes(capture.bodyBytes)))}</p>`
      : '') + (capture.redacted ? `<p class="warn-text">${escape(redactionNote())}</p>` : '');
  return {
    title: t('Received Webhook'),
    style: STYLE,
    body: `
<h2>${escape(captureTitle(capture))} <span class="meta">${escape(capture.method)} ${escape(capture.path + capture.query)} · ${escape(capture.receivedAt.replace('T', ' ').slice(0, 19))} UTC · ${formatBytes(capture.bodyBytes)}</span></h2>
<div class="actions"><button data-command="saveFixture">${escape(t('Save as Fixture'))}</button> <button data-command="replay">${escape(t('Replay…'))}</button> <button data-command="editResend">${escape(t('Edit and Resend'))}</button> <button data-command="copyCurl">${escape(t('Copy as cURL'))}</button></div>
<h3><span class="verdict ${verdictClass(sigOk)}">${escape(t('Signature: {0}', sig.status))}</span></h3>
<p>${escape(sig.explanation)}</p>
<h3><span class="verdict ${verdictClass(schemaOk)}">${escape(t('Payload: {0}', capture.payload.schema))}</span></h3>
<p>${escape(capture.payload.explanation)}</p>${issues}
<h3>${escape(t('Answer'))}</h3>${answer}
<h3>${escape(t('Request headers'))}</h3>${headerTable(capture.headers)}
<h3>${escape(t('Body'))}</h3>${truncated}<pre class="body">${escape(prettyBody(capture)) || `<em>${escape(t('(empty)'))}</em>`}</pre>
`,
  };
}

const STYLE = `
  .verdict { padding: 1px 6px; border-radius: 3px; font-weight: bold; color: var(--vscode-editor-background); }
  .verdict.ok { background: var(--vscode-testing-iconPassed, #388a34); }
  .verdict.fail { background: var(--vscode-testing-iconFailed, #c72e0f); }
  .verdict.warn { background: var(--vscode-editorWarning-foreground, #bf8803); }
  .fail-text { color: var(--vscode-errorForeground); } .warn-text { color: var(--vscode-editorWarning-foreground); }`;
