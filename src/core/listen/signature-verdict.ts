// The signature verdict of a received request: the doc's check (core verifySignature over the raw
// bytes) plus, when it fails, which common sender mistake would explain the signature.
import { compactJsonBytes } from '../json-scan';
import { t } from '../l10n';
import type { PayloadDocument } from '../payload';
import { computeSignature, signingKeyFromToken, verifySignature } from '../signature';
import { MAX_PARSED_BYTES, readBody } from './payload-verdict';

export type SignatureStatus = 'valid' | 'mismatch' | 'missing' | 'malformed' | 'stale' | 'unverified';

/** A known mistake that makes a signature fail the documented check. */
export type SignatureDiagnosis = 'raw-token-key' | 'reserialised-json' | 'millisecond-timestamp';

export interface SignatureVerdict {
  status: SignatureStatus;
  /** One sentence for people: what was checked and what came out. */
  explanation: string;
  /** Set when the signature would match under one known mistake. */
  wouldMatch?: SignatureDiagnosis;
}

export interface SignatureCheck {
  body: Uint8Array;
  headers: Record<string, string>;
  /** Without a token nothing can be verified (status "unverified"). */
  apiToken?: string;
  /** The HMAC key itself instead of the token (the doc's test vector prints the key). */
  key?: string;
  toleranceSeconds: number;
  now?: () => number;
  /** The body parsed (the listener parses once for both verdicts); read here when not given. */
  document?: PayloadDocument;
}

/** Header names are case-insensitive; captures keep them as the sender wrote them. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function signatureVerdict(check: SignatureCheck): SignatureVerdict {
  const signature = headerValue(check.headers, 'x-signature');
  const timestamp = headerValue(check.headers, 'x-timestamp');
  const absent = [signature === undefined && 'X-Signature', timestamp === undefined && 'X-Timestamp'].filter(Boolean);
  if (absent.length > 0) {
    return {
      status: 'missing',
      explanation: t('No {0} header: Chat2Desk signs every webhook with X-Signature and X-Timestamp (IQChannels sends none).', absent.join(t(' or '))),
    };
  }
  const key = check.key ?? (check.apiToken !== undefined ? signingKeyFromToken(check.apiToken) : undefined);
  if (key === undefined) return { status: 'unverified', explanation: t('Signed, but not checked: no API token is set for the account.') };
  const result = verifySignature({
    body: check.body,
    timestamp: timestamp!,
    signature: signature!,
    key,
    toleranceSeconds: check.toleranceSeconds,
    now: check.now,
  });
  if (result.valid)
    return {
      status: 'valid',
      explanation: t(
        "Valid: HMAC-SHA256 of the raw body + X-Timestamp, keyed with the MD5 of the account's API token, and X-Timestamp is within {0} s of now.",
        check.toleranceSeconds,
      ),
    };
  if (result.reason === 'malformed-timestamp') {
    return { status: 'malformed', explanation: t('X-Timestamp "{0}" is not Unix time in seconds (digits only).', clip(timestamp!)) };
  }
  if (result.reason === 'stale-timestamp') {
    // The HMAC decides between "genuine but old" and "wrong anyway".
    const hmac = verifySignature({ body: check.body, timestamp: timestamp!, signature: signature!, key });
    const age = Math.round((check.now ?? Date.now)() / 1000 - Number(timestamp));
    if (/^\d{13}$/.test(timestamp!) && hmac.valid) {
      return {
        status: 'stale',
        wouldMatch: 'millisecond-timestamp',
        explanation: t('The signature matches, but X-Timestamp is in milliseconds: Chat2Desk sends Unix time in seconds.'),
      };
    }
    if (hmac.valid)
      return {
        status: 'stale',
        explanation: t(
          'The signature matches, but X-Timestamp is {0}, outside the tolerance of {1} s (a replay, or a clock off).',
          describeAge(age),
          check.toleranceSeconds,
        ),
      };
    const diagnosis = diagnose(check, signature!, timestamp!, key);
    // A wrong signature matters more than an old one: it is reported as the mismatch it is.
    return {
      status: 'mismatch',
      ...(diagnosis ? { wouldMatch: diagnosis.kind } : {}),
      explanation: `${diagnosis ? diagnosis.text : `${t("The signature does not match the raw body + X-Timestamp with this account's token.")}${untried(check)}`} ${t('X-Timestamp is also {0}, outside the tolerance of {1} s.', describeAge(age), check.toleranceSeconds)}`,
    };
  }
  if (result.reason === 'malformed-signature') {
    const diagnosis = diagnose(check, signature!, timestamp!, key);
    if (diagnosis) return { status: 'mismatch', wouldMatch: diagnosis.kind, explanation: diagnosis.text };
    return { status: 'malformed', explanation: t('X-Signature "{0}" is not 64 lowercase hex digits (a hex-encoded HMAC-SHA256).', clip(signature!)) };
  }
  const diagnosis = diagnose(check, signature!, timestamp!, key);
  if (diagnosis) return { status: 'mismatch', wouldMatch: diagnosis.kind, explanation: diagnosis.text };
  return {
    status: 'mismatch',
    explanation: `${t(
      "The signature does not match the raw body + X-Timestamp with this account's token: another token signed it, or the body was changed on the way.",
    )}${untried(check)}`,
  };
}

/** Says when the re-serialised JSON diagnosis was not tried (a body too large to parse). */
function untried(check: SignatureCheck): string {
  return check.body.length > MAX_PARSED_BYTES
    ? ` ${t('Whether it was signed over re-serialised JSON was not tried: the body is over {0} MB.', MAX_PARSED_BYTES / 1024 / 1024)}`
    : '';
}

/** Tries the known mistakes in turn; the first that reproduces the signature explains it. */
function diagnose(check: SignatureCheck, signature: string, timestamp: string, key: string): { kind: SignatureDiagnosis; text: string } | undefined {
  const received = signature.toLowerCase();
  if (check.apiToken !== undefined && computeSignature(check.body, timestamp, check.apiToken) === received) {
    return { kind: 'raw-token-key', text: t("It would match if keyed with the raw API token: the key must be the token's MD5 (lowercase hex).") };
  }
  if (/^\d{13}$/.test(timestamp) && computeSignature(check.body, timestamp.slice(0, 10), key) === received) {
    return {
      kind: 'millisecond-timestamp',
      text: t('It would match with X-Timestamp in seconds: the header carries milliseconds but the signature was made over seconds.'),
    };
  }
  // Re-serialising costs several times the body's size: only for bodies we parse (untried() says so).
  const document = check.document ?? (check.body.length <= MAX_PARSED_BYTES ? readBody(check.body).document : undefined);
  if (!document) return undefined;
  const value = document.value();
  const variants = [
    () => Buffer.from(JSON.stringify(value)),
    () => Buffer.from(JSON.stringify(value, null, 2)),
    () => Buffer.from(JSON.stringify(value, null, 4)),
    () => compactJsonBytes(document.bytes),
  ];
  for (const make of variants) {
    const variant = make();
    if (!variant.equals(check.body) && computeSignature(variant, timestamp, key) === received) {
      return {
        kind: 'reserialised-json',
        text: t('It would match over re-serialised JSON: the sender signed its own JSON.stringify of the payload, not the raw bytes it sent.'),
      };
    }
  }
  return undefined;
}

function describeAge(seconds: number): string {
  if (seconds < 0) return t('{0} s in the future', -seconds);
  return t('{0} s old', seconds);
}

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);
