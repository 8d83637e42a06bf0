// The one payload pipeline, shared by the extension's sender and the CLI:
//   bytes or text -> strict decode -> parse once (positions, top-level members) -> plan (provider,
//   event, body, problems) -> request (headers and token checked, signed).
// The glue only asks the user and shows results.
import { isUtf8 } from 'node:buffer';
import { providerFromPath, providerFromSchemaRef } from './association';
import { EmptyPayloadError, EncodingError, InvalidJsonError, NestingTooDeepError, NotAnObjectError, type TextPosition } from './errors';
import {
  compactJsonBytes,
  decodeJsonString,
  escapedJsonBytes,
  MAX_NESTING_DEPTH,
  parseJsonBytes,
  positionsOfBytes,
  scanJson,
  type TopLevelMember,
} from './json-scan';
import type { BodyFormat, Provider } from './provider';
import { t } from './l10n';
import { assertHeaders, assertToken } from './wire-checks';
import { parseEndpointUrl, type WebhookRequest } from './send';
import { signRequest } from './signature';

export { assertHeaders, assertToken, checkHeader, checkHeaders, checkToken } from './wire-checks';

/** A schema problem, located in the payload text (PayloadValidator finds them). */
export interface ValidationIssue {
  /** JSON Pointer of the offending value ('' for the root). */
  pointer: string;
  /** The same as a readable path: `$.client.name`. */
  path: string;
  message: string;
  line: number;
  column: number;
  offset: number;
  length: number;
}

export const USER_AGENT = 'WebhookStudio';

// ---------------------------------------------------------------- decoding

function utf16Kind(b: Uint8Array): string | undefined {
  if (b[0] === 0xff && b[1] === 0xfe) return b[2] === 0 && b[3] === 0 ? 'UTF-32LE' : 'UTF-16LE';
  if (b[0] === 0xfe && b[1] === 0xff) return 'UTF-16BE';
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'UTF-32BE';
  if (b.length >= 2 && b[0] !== 0 && b[1] === 0) return 'UTF-16LE';
  if (b.length >= 2 && b[0] === 0 && b[1] !== 0) return 'UTF-16BE';
  return undefined;
}

/** Length of the well-formed UTF-8 sequence starting at `i`, or 0 when the byte there does not start one. */
export function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
  if (need === 0 || i + need >= b.length) return 0;
  for (let k = 1; k <= need; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
  const c1 = b[i + 1];
  if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return 0;
  return need + 1;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const length = utf8SequenceLength(b, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/** The UTF-8 bytes of a payload file without a BOM; refuses UTF-16/32 and invalid UTF-8 with the byte offset. */
export function checkPayloadBytes(bytes: Uint8Array, source?: string): Buffer {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wide = utf16Kind(b);
  if (wide) throw new EncodingError(wide, undefined, t('The file is encoded as {0}, not UTF-8.', wide), source);
  if (!isUtf8(b)) {
    const offset = firstInvalidUtf8(b);
    const line = positionsOfBytes(b, [offset])[0].line;
    throw new EncodingError(
      'unknown',
      offset,
      t(
        'The file is not valid UTF-8: byte 0x{0} at byte offset {1} (line {2}) does not start a UTF-8 character. It is probably in a legacy encoding such as Windows-1251.',
        b[offset].toString(16).toUpperCase().padStart(2, '0'),
        offset,
        line,
      ),
      source,
    );
  }
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
}

/** Strict UTF-8 decoding for payload files (never U+FFFD replacement); a BOM is dropped. */
export function decodePayloadBytes(bytes: Uint8Array, source?: string): string {
  return checkPayloadBytes(bytes, source).toString('utf8');
}

// ---------------------------------------------------------------- parse once

export interface PayloadDocument {
  readonly source?: string;
  /** UTF-8, without a BOM. */
  readonly bytes: Buffer;
  /** Top-level members in order, duplicates included. */
  readonly members: readonly TopLevelMember[];
  /** The parsed value (parsed on first use, then kept until released). */
  value(): Record<string, unknown>;
  /** Lets the parsed value go (a large payload's value is several times its size). */
  releaseValue(): void;
  /** Line/column/character offset of byte offsets, in one sweep. */
  positions(byteOffsets: readonly number[]): TextPosition[];
  /** The last top-level member with this name (JSON's rule for duplicates). */
  member(key: string): TopLevelMember | undefined;
}

/** Parses a payload once, strictly (no comments, no trailing commas, a nesting limit), requiring an object. */
export function parsePayloadDocument(input: string | Uint8Array, source?: string): PayloadDocument {
  const bytes = typeof input === 'string' ? Buffer.from(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, 'utf8') : checkPayloadBytes(input, source);
  const scan = scanJson(bytes);
  if (scan.empty) throw new EmptyPayloadError(source);
  const positions = (offsets: readonly number[]) => positionsOfBytes(bytes, offsets);
  if (scan.error) {
    const [position] = positions([scan.error.offset]);
    if (scan.error.tooDeep) throw new NestingTooDeepError(MAX_NESTING_DEPTH, position, source);
    throw new InvalidJsonError(scan.error.problem, position, source);
  }
  if (scan.root !== 'object')
    throw new NotAnObjectError(
      { array: t('an array'), null: 'null', string: t('a string'), number: t('a number'), boolean: t('a boolean') }[scan.root ?? 'null'],
      source,
    );
  let value: Record<string, unknown> | undefined;
  return {
    source,
    bytes,
    members: scan.members,
    positions,
    // From the bytes in parts: a large payload never becomes one (UTF-16) string beside its bytes and value.
    value: () => (value ??= parseJsonBytes(bytes) as Record<string, unknown>),
    releaseValue: () => {
      value = undefined;
    },
    member: (key) => {
      for (let i = scan.members.length - 1; i >= 0; i--) if (scan.members[i].key === key) return scan.members[i];
      return undefined;
    },
  };
}

/** Which platform a payload belongs to, from its top-level members (as `detectProvider` does from a value). */
export function providerOfDocument(doc: PayloadDocument): Provider | undefined {
  const hookType = doc.member('hook_type');
  if (hookType && doc.bytes[hookType.valueStart] === 0x22) return 'chat2desk';
  const chatEvent = doc.member('ChatEvent');
  if (chatEvent && doc.bytes[chatEvent.valueStart] === 0x7b) return 'iqchannels';
  return undefined;
}

/** The `"$schema"` opt-in of a document, if it is a string. */
export function schemaRefOfDocument(doc: PayloadDocument): string | undefined {
  const ref = doc.member('$schema');
  return ref && doc.bytes[ref.valueStart] === 0x22 ? decodeJsonString(doc.bytes, ref.valueStart, ref.valueEnd) : undefined;
}

function eventOf(doc: PayloadDocument, provider: Provider | undefined): string | undefined {
  const slice = (m: TopLevelMember) => doc.bytes.toString('utf8', m.valueStart, m.valueEnd);
  if (provider === 'chat2desk') {
    const m = doc.member('hook_type');
    return m && doc.bytes[m.valueStart] === 0x22 ? decodeJsonString(doc.bytes, m.valueStart, m.valueEnd) : undefined;
  }
  const m = doc.member('ChatEvent');
  if (provider !== 'iqchannels' || !m || doc.bytes[m.valueStart] !== 0x7b) return undefined;
  const type = (JSON.parse(slice(m)) as { Type?: unknown }).Type;
  return typeof type === 'string' ? type : undefined;
}

/**
 * The bytes to send: every top-level "$schema" member removed (the editor opt-in, which Chat2Desk never
 * sends; duplicates included) by cutting only those members, then compacted or escaped if asked (see
 * BodyFormat). Literals stay as written.
 */
export function payloadBody(doc: PayloadDocument, format: BodyFormat): Buffer {
  const { bytes, members } = doc;
  let body: Buffer = bytes;
  if (members.some((m) => m.key === '$schema')) {
    const last = members[members.length - 1];
    const kept = members.map((m, index) => ({ m, index })).filter(({ m }) => m.key !== '$schema');
    const parts: Buffer[] = [bytes.subarray(0, members[0].keyStart)];
    kept.forEach(({ m, index }, j) => {
      if (j < kept.length - 1) parts.push(bytes.subarray(m.keyStart, members[index + 1].keyStart));
      else parts.push(bytes.subarray(m.keyStart, m.valueEnd));
    });
    parts.push(bytes.subarray(last.valueEnd));
    body = Buffer.concat(parts);
  }
  return format === 'compact' ? compactJsonBytes(body) : format === 'escaped' ? escapedJsonBytes(body) : body;
}

// ---------------------------------------------------------------- plan

/** A schema problem, as core/validate.ts reports it (a type only: nothing of ajv is loaded here). */
export type ValidationIssueLike = ValidationIssue;

/** Schema checking, supplied by the caller (so the pipeline never loads ajv for a send that skips it). */
export interface ProblemFinder {
  findProblems(doc: PayloadDocument, provider: Provider | undefined): { issues: ValidationIssueLike[]; total: number };
}

export interface PayloadInput {
  /** Names the payload in messages (a file name). */
  source?: string;
  text?: string;
  bytes?: Uint8Array;
  /** Where the payload lives, for the folder/name association. */
  path?: string;
  /** Overrides detection (e.g. the sidebar knows it sends Chat2Desk examples). */
  provider?: Provider;
  /**
   * The bytes are the pipeline's to keep (the CLI read them for this send): the compact body is then
   * built in their memory, so a large payload is held once, not twice, beside its parsed value.
   */
  ownsBytes?: boolean;
}

export interface PlanOptions {
  bodyFormat: BodyFormat;
  /** Check against the schemas; without it, `problems` is empty. */
  validator?: ProblemFinder;
  /** IQChannels documents no signature: unsigned unless asked. */
  signIqChannels?: boolean;
  /** Force signing on or off. */
  sign?: boolean;
}

export interface PayloadPlan {
  source: string | undefined;
  /** The parsed payload. Its bytes are the body's when the body was compacted in place (`ownsBytes`). */
  document: PayloadDocument;
  provider: Provider | undefined;
  /** hook_type (Chat2Desk) or ChatEvent.Type (IQChannels). */
  event: string | undefined;
  /** The body's bytes: what is signed and sent (a 50 MB send never becomes text). */
  readonly body: Buffer;
  bodyBytes: number;
  signs: boolean;
  /** Schema problems, in document order, capped; `problemCount` counts them all. */
  problems: ValidationIssueLike[];
  problemCount: number;
}

export function planPayload(input: PayloadInput, options: PlanOptions): PayloadPlan {
  const document = parsePayloadDocument(input.bytes ?? input.text ?? '', input.source);
  const provider =
    input.provider ??
    providerFromSchemaRef(schemaRefOfDocument(document)) ??
    (input.path ? providerFromPath(input.path) : undefined) ??
    providerOfDocument(document);
  // Problems first: the parsed value is needed only for them, and is let go before the body is built.
  const found = options.validator?.findProblems(document, provider) ?? { issues: [], total: 0 };
  document.releaseValue();
  const event = eventOf(document, provider);
  // Compacting in place needs bytes nobody else reads: a string input's buffer is the document's own.
  const inPlace =
    options.bodyFormat === 'compact' && (input.bytes === undefined || Boolean(input.ownsBytes)) && !document.members.some((m) => m.key === '$schema');
  const body = inPlace ? compactJsonBytes(document.bytes, document.bytes) : payloadBody(document, options.bodyFormat);
  return {
    source: input.source,
    document,
    provider,
    event,
    body,
    bodyBytes: body.length,
    signs: options.sign ?? (provider !== 'iqchannels' || Boolean(options.signIqChannels)),
    problems: found.issues,
    problemCount: found.total,
  };
}

// ---------------------------------------------------------------- sign

export interface RequestOptions {
  url: string;
  /** Needed when the plan signs. */
  apiToken?: string;
  timestamp?: number;
  timestampOffsetSeconds?: number;
  /** Sends a deliberately wrong signature, to exercise the handler's rejection path. */
  wrongSignature?: boolean;
  headers?: Record<string, string>;
  now?: () => number;
}

/** A plan's request before signing: what Deliver signs again for every attempt (core/delivery/engine.ts). */
export interface UnsignedRequest extends WebhookRequest {
  provider: Provider | undefined;
  /** Chat2Desk signs; IQChannels (no documented signature) only when asked. */
  signs: boolean;
}

export interface BuiltRequest extends WebhookRequest {
  provider: Provider | undefined;
  signed: boolean;
  /** The X-Signature is deliberately wrong (marked in the log, the response view, cURL and Replay). */
  wrongSignature: boolean;
}

/** The request for a plan, unsigned: URL and headers checked, the plan's body Buffer as it is. */
export function buildRequest(plan: PayloadPlan, options: Pick<RequestOptions, 'url' | 'headers'>): UnsignedRequest {
  const url = parseEndpointUrl(options.url).toString();
  const extra = options.headers ?? {};
  assertHeaders(extra);
  const headers: Record<string, string> = { ...extra, 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': USER_AGENT };
  return { url, method: 'POST', headers, body: plan.body, provider: plan.provider, signs: plan.signs };
}

/** The exact request Chat2Desk would send for a plan (IQChannels: unsigned unless the plan signs). */
export function createRequest(plan: PayloadPlan, options: RequestOptions): BuiltRequest {
  const { signs, ...unsigned } = buildRequest(plan, options);
  if (!signs) return { ...unsigned, signed: false, wrongSignature: false };
  if (options.apiToken === undefined) throw new TypeError('createRequest: signing needs apiToken');
  assertToken(options.apiToken);
  const wrongSignature = Boolean(options.wrongSignature);
  const signed = signRequest(unsigned, {
    apiToken: options.apiToken,
    timestamp: options.timestamp,
    timestampOffsetSeconds: options.timestampOffsetSeconds,
    now: options.now,
    wrongSignature,
  });
  return { ...signed, signed: true, wrongSignature };
}

/** The event a payload names, as a plan detects it: hook_type (Chat2Desk) or ChatEvent.Type (IQChannels). */
export function eventOfDocument(doc: PayloadDocument, provider: Provider | undefined): string | undefined {
  return eventOf(doc, provider);
}
