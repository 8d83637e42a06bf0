// The Received Webhooks tree as plain data: sessions (newest first) holding captures (newest first),
// and how each item looks. No vscode import, so it is unit-tested.
import type { Capture } from '../../core/listen/capture';
import { t } from '../../core/l10n';
import { captureTitle, redactionNote, signedAsDocumented } from '../../core/listen/capture';
import { escapeMarkdown as md } from '../markdown';
import type { NodePresentation } from '../node-presentation';

export type ReceivedNode = { type: 'session'; sessionId: string; captures: Capture[]; current: boolean } | { type: 'capture'; capture: Capture };

export function sessionNodes(captures: readonly Capture[], currentSession: string | undefined): ReceivedNode[] {
  const bySession = new Map<string, Capture[]>();
  for (const capture of captures) {
    const list = bySession.get(capture.sessionId) ?? [];
    list.push(capture);
    bySession.set(capture.sessionId, list);
  }
  const sessions = [...bySession].map(([sessionId, list]) => ({
    type: 'session' as const,
    sessionId,
    captures: list.slice().reverse(),
    current: sessionId === currentSession,
  }));
  return sessions.sort((a, b) => (a.captures[0].id < b.captures[0].id ? 1 : -1));
}

/** A received webhook's node always has a description and a tooltip. */
export type Presentation = NodePresentation & Required<Pick<NodePresentation, 'description' | 'tooltip'>>;

const time = (iso: string) => iso.slice(11, 19);

/** Functions, so the words follow the language chosen at activation, not at module load. */
const SIGNATURE_WORDS: Record<Capture['signature']['status'], () => string> = {
  valid: () => t('signed ✓'),
  mismatch: () => t('signature ✗'),
  missing: () => t('unsigned'),
  malformed: () => t('signature malformed'),
  stale: () => t('stale timestamp'),
  unverified: () => t('signature not checked'),
};

/** Green when signature and schema are fine, red when the signature fails, yellow otherwise. */
export function captureIcon(capture: Capture): { id: string; color?: string } {
  if (capture.incomplete) return { id: 'debug-disconnect', color: 'problemsWarningIcon.foreground' };
  if (['mismatch', 'malformed', 'stale'].includes(capture.signature.status)) return { id: 'error', color: 'testing.iconFailed' };
  if (capture.forward?.error || (capture.forward?.response && capture.forward.response.status >= 400))
    return { id: 'warning', color: 'problemsWarningIcon.foreground' };
  if (signedAsDocumented(capture) && capture.payload.schema === 'valid') return { id: 'pass', color: 'testing.iconPassed' };
  return { id: 'warning', color: 'problemsWarningIcon.foreground' };
}

export function present(node: ReceivedNode): Presentation {
  if (node.type === 'session') {
    return {
      id: `session:${node.sessionId}`,
      // Current: "Current session", "since 20:06:09 · 2 requests"; earlier: "2026-11-22 20:06", "2 requests".
      label: node.current ? t('Current session') : `${node.sessionId.slice(0, 10)} ${node.sessionId.slice(11, 16)}`,
      description: `${node.current ? `${t('since {0}', time(node.sessionId))} · ` : ''}${node.captures.length === 1 ? t('1 request') : t('{0} requests', node.captures.length)}`,
      tooltip: t('Listening session started {0} UTC', md(node.sessionId.slice(0, 19).replace('T', ' '))),
      icon: { id: node.current ? 'radio-tower' : 'history' },
      contextValue: 'receivedSession',
      collapsible: node.current ? 'expanded' : 'collapsed',
    };
  }
  const c = node.capture;
  const status = c.incomplete
    ? t('cut off')
    : c.forward
      ? c.forward.response
        ? `→ ${t('{0} (handler, {1} ms)', c.forward.response.status, Math.round(c.forward.latencyMs))}`
        : `→ ${t('502 (handler unreachable)')}`
      : `→ ${c.reply.status}`;
  const schema = c.payload.schema === 'valid' ? '' : c.payload.schema === 'invalid' ? ` · ${t('schema ✗')}` : '';
  // Markdown, and nearly all of it the sender's or the handler's words: every such part is escaped (md).
  const lines = [
    `**${md(captureTitle(c))}** · ${md(`${c.method} ${c.path}${c.query}`)} · ${md(c.receivedAt.replace('T', ' ').slice(0, 19))} UTC`,
    '',
    `**${t('Signature: {0}.', md(c.signature.status))}** ${md(c.signature.explanation)}`,
    '',
    `**${t('Payload: {0}.', md(c.payload.schema))}** ${md(c.payload.explanation)}`,
    ...(c.truncated
      ? [
          '',
          t('Body truncated: {0} bytes received, the first {1} kept.', c.bodyBytes, Buffer.byteLength(c.body, c.bodyEncoding === 'base64' ? 'base64' : 'utf8')),
        ]
      : []),
    ...(c.forward?.error ? ['', t('Forwarding failed: {0}', md(c.forward.error))] : []),
    ...(c.redacted ? ['', md(redactionNote())] : []),
  ];
  return {
    id: `capture:${c.id}`,
    label: captureTitle(c),
    description: `${SIGNATURE_WORDS[c.signature.status]()}${schema} ${status} · ${time(c.receivedAt)}`,
    tooltip: lines.join('\n'),
    icon: captureIcon(c),
    contextValue: `receivedCapture${c.truncated ? '.truncated' : ''}`,
    collapsible: 'none',
  };
}
