// The payload verdict of a received body: which platform and event, and does it match the schema.
// Received bodies go through Send's pipeline (core/payload.ts): strict UTF-8 decode, one parse, the
// same provider and event detection and the same problem finder; the listener parses a body once for
// this and for the signature diagnosis (readBody).
import { providerFromSchemaRef } from '../association';
import { PROVIDER_NAMES } from '../provider';
import { t } from '../l10n';
import { eventOfDocument, parsePayloadDocument, providerOfDocument, schemaRefOfDocument, type PayloadDocument, type ProblemFinder } from '../payload';

export type SchemaStatus = 'valid' | 'invalid' | 'unknown';

export interface PayloadVerdict {
  provider?: 'chat2desk' | 'iqchannels';
  /** Chat2Desk hook_type or IQChannels ChatEvent.Type. */
  event?: string;
  schema: SchemaStatus;
  /** Schema problems at their JSON paths; or why the schema could not be checked. */
  issues: { path: string; message: string }[];
  explanation: string;
}

/** Bodies above this are not parsed (nor schema-checked, nor re-serialised to explain a signature): still captured, verified and forwarded. */
export const MAX_PARSED_BYTES = 2 * 1024 * 1024;

/** A received body read once: its document when it is a JSON object of a size we parse, else why not. */
export type ReadBody = { document: PayloadDocument; explanation?: undefined } | { document?: undefined; explanation: string };

const isBlank = (body: Uint8Array) => body.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09);

export function readBody(body: Uint8Array, options: { truncated?: boolean } = {}): ReadBody {
  if (isBlank(body)) return { explanation: t('Empty body: nothing to check.') };
  if (options.truncated) return { explanation: t('The body was too large to keep whole, so it was not checked.') };
  if (body.length > MAX_PARSED_BYTES) return { explanation: t('The body is over {0} MB: not schema-checked.', MAX_PARSED_BYTES / 1024 / 1024) };
  try {
    return { document: parsePayloadDocument(body) };
  } catch (error) {
    // By shape (core/errors.ts): this module may be a second bundle with its own copy of the classes.
    const problem = error as { code?: unknown; encoding?: string; byteOffset?: number; message?: string };
    if (typeof problem.code !== 'string') throw error;
    if (problem.code === 'encoding')
      return {
        explanation:
          problem.byteOffset === undefined
            ? t('Not a UTF-8 payload: the body is encoded as {0}. Chat2Desk sends UTF-8 JSON.', problem.encoding ?? '')
            : t(
                'Not a UTF-8 payload: the byte at offset {0} does not start a UTF-8 character (a legacy encoding such as Windows-1251?). Chat2Desk sends UTF-8 JSON.',
                problem.byteOffset,
              ),
      };
    return { explanation: t('Not a JSON webhook payload: {0}', problem.message ?? '') };
  }
}

export function payloadVerdict(read: ReadBody, finder: ProblemFinder | undefined): PayloadVerdict {
  if (!read.document) return { schema: 'unknown', issues: [], explanation: read.explanation };
  const document = read.document;
  // As Send detects it (planPayload): the "$schema" opt-in first, then the payload's own members.
  const provider = providerFromSchemaRef(schemaRefOfDocument(document)) ?? providerOfDocument(document);
  if (!provider)
    return { schema: 'unknown', issues: [], explanation: t('JSON, but neither a Chat2Desk payload (no "hook_type") nor an IQChannels one (no "ChatEvent").') };
  const event = eventOfDocument(document, provider);
  const name = PROVIDER_NAMES[provider];
  if (!finder) return { provider, event, schema: 'unknown', issues: [], explanation: t('{0} {1} payload (not schema-checked).', name, event ?? '') };
  const { issues, total } = finder.findProblems(document, provider);
  document.releaseValue();
  const first = issues[0];
  return {
    provider,
    event,
    schema: total === 0 ? 'valid' : 'invalid',
    issues: issues.map((i) => ({ path: i.path, message: i.message })),
    explanation:
      total === 0
        ? t('A {0} {1} payload that matches the documented schema.', name, event ?? '')
        : total > 1
          ? t('A {0} {1} payload with {2} schema problems; first at {3}: {4}', name, event ?? '', total, first.path, first.message)
          : t('A {0} {1} payload with 1 schema problem; first at {2}: {3}', name, event ?? '', first.path, first.message),
  };
}
