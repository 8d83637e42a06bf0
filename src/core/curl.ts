// Copy as cURL: the request the pipeline built (payload.ts), as a command line that sends the same bytes.
import type { BuiltRequest } from './payload';
import { redactUrl, type WebhookRequest } from './send';

/**
 * A cURL command line that reproduces the request byte for byte (POSIX shell quoting). A password in
 * the URL is not copied; a deliberately wrong signature is said so in a comment line.
 */
export function toCurl(request: WebhookRequest, options: { wrongSignature?: boolean } = {}): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const wrong = options.wrongSignature ?? (request as Partial<BuiltRequest>).wrongSignature;
  const lines = [`curl -sS -X ${request.method ?? 'POST'} ${quote(redactUrl(request.url))}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`  -H ${quote(`${name}: ${value}`)}`);
  lines.push(`  --data-binary ${quote(request.body)}`);
  return `${wrong ? '# X-Signature is deliberately wrong (sent with "Wrong signature"): the handler should reject this request.\n' : ''}${lines.join(' \\\n')}`;
}
