// The page shell of every webview panel: a Content Security Policy that lets in only the page's own
// style and script (by nonce), the styles the panels share, and the one script: a click on a
// `button[data-command]` posts { command, id } (id from data-id) back to the extension. Pure (no
// vscode): the renderers fill in a WebviewContent, the unit tests read the whole page.

export interface WebviewContent {
  title: string;
  /** CSS of this page, after the shared rules. */
  style: string;
  /** The body's HTML, already escaped where it quotes outside text. */
  body: string;
}

/** What a page's button posts: its data-command, and its data-id as a number when it has one. */
export interface WebviewMessage {
  command: string;
  id?: number;
}

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const SHARED_STYLE = `
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 12px; }
  .meta { color: var(--vscode-descriptionForeground); }
  pre.body { background: var(--vscode-textCodeBlock-background); padding: 8px; overflow: auto; max-height: 60vh; white-space: pre-wrap; word-break: break-all; }
  table.headers th { text-align: left; padding-right: 12px; font-weight: normal; color: var(--vscode-descriptionForeground); vertical-align: top; }
  table.headers td { font-family: var(--vscode-editor-font-family); word-break: break-all; }
  button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 10px; cursor: pointer; }`;

/** The headers as the panels show them: one row each, name and value escaped. */
export function headerTable(headers: Record<string, string>): string {
  return `<table class="headers">${Object.entries(headers)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('')}</table>`;
}

export function webviewPage(content: WebviewContent, nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(content.title)}</title>
<style nonce="${nonce}">${SHARED_STYLE}
${content.style}
</style></head>
<body>${content.body}
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-command]');
    if (button) vscode.postMessage({ command: button.dataset.command, id: button.dataset.id === undefined ? undefined : Number(button.dataset.id) });
  });
</script></body></html>`;
}
