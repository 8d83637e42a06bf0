// Copy as cURL: the request the pipeline built (payload.ts), as a command line that sends the same bytes.
import { isUtf8 } from 'node:buffer';
import type { BuiltRequest } from './payload';
import { redactUrl, type WebhookRequest } from './send';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A printf format that writes exactly these bytes: printable ASCII as itself, every other byte (and % and \) as an octal escape. */
function printfFormat(bytes: Buffer): string {
  let out = '';
  for (const b of bytes)
    out += b >= 0x20 && b < 0x7f && b !== 0x25 && b !== 0x5c && b !== 0x27 ? String.fromCharCode(b) : `\\${b.toString(8).padStart(3, '0')}`;
  return `'${out}'`;
}

/**
 * A cURL command line that reproduces the request byte for byte (POSIX shell quoting). A body that is
 * not UTF-8 is piped in from printf, so no byte depends on the terminal's encoding. A password in the
 * URL is not copied; a deliberately wrong signature is said so in a comment line.
 */
export function toCurl(request: WebhookRequest, options: { wrongSignature?: boolean } = {}): string {
  const wrong = options.wrongSignature ?? (request as Partial<BuiltRequest>).wrongSignature;
  const text = isUtf8(request.body);
  const lines = [`curl -sS -X ${request.method ?? 'POST'} ${quote(redactUrl(request.url))}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`  -H ${quote(`${name}: ${value}`)}`);
  lines.push(text ? `  --data-binary ${quote(request.body.toString('utf8'))}` : '  --data-binary @-');
  const command = `${text ? '' : `printf ${printfFormat(request.body)} | `}${lines.join(' \\\n')}`;
  return `${wrong ? '# X-Signature is deliberately wrong (sent with "Wrong signature"): the handler should reject this request.\n' : ''}${command}`;
}
