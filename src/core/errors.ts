// Every failure a user can cause or meet has its own class with a message that says what happened
// and a hint that says what to do. The UI and the CLI show `message` and `hint` as they are.

export abstract class WebhookStudioError extends Error {
  abstract readonly code: string;
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface TextPosition {
  /** 1-based, as editors show it. */
  line: number;
  /** 1-based, as editors show it. */
  column: number;
  offset: number;
}

export class InvalidJsonError extends WebhookStudioError {
  readonly code = 'invalid-json';
  constructor(readonly problem: string, readonly position: TextPosition, readonly source?: string) {
    super(`${source ? source + ': ' : ''}Invalid JSON at line ${position.line}, column ${position.column}: ${problem}.`,
      'Fix the JSON at that position; Chat2Desk only sends valid JSON.');
  }
}

/** The file's bytes are not UTF-8 (Chat2Desk sends UTF-8 JSON): decoded strictly, never with U+FFFD. */
export class EncodingError extends WebhookStudioError {
  readonly code = 'encoding';
  constructor(readonly encoding: string, readonly byteOffset: number | undefined, detail: string, source?: string) {
    super(`${source ? source + ': ' : ''}${detail}`, 'Save the file as UTF-8 (in VS Code: click the encoding in the status bar, then "Save with Encoding" > UTF-8).');
  }
}

/** Deeper than any webhook payload; refused before anything recursive (schema validation, the editor) sees it. */
export class NestingTooDeepError extends WebhookStudioError {
  readonly code = 'nested-too-deep';
  constructor(readonly limit: number, readonly position: TextPosition, source?: string) {
    super(`${source ? source + ': ' : ''}The JSON is nested too deeply at line ${position.line}, column ${position.column} (more than ${limit} levels of objects and arrays).`,
      'Webhook payloads are a few levels deep: check for a runaway generator or unbalanced brackets.');
  }
}

/** A request header HTTP cannot carry (checked before any connection is made). */
export class InvalidHeaderError extends WebhookStudioError {
  readonly code = 'invalid-header';
  constructor(problem: string) {
    super(problem, 'Fix the header in --header or in the "webhookStudio.endpoints" setting.');
  }
}

/** An API token that cannot be right (invisible or look-alike characters, spaces); never repeats the token. */
export class InvalidTokenError extends WebhookStudioError {
  readonly code = 'invalid-token';
  constructor(problem: string, hint = 'Copy the token again from Chat2Desk (Settings > API) and set it again.') {
    super(problem, hint);
  }
}

export class InvalidTimestampError extends WebhookStudioError {
  readonly code = 'invalid-timestamp';
  constructor(readonly value: number) {
    super(`${String(value)} is not a usable X-Timestamp: it must be a whole, non-negative number of Unix seconds.`, 'Use e.g. 1743681006, and a --timestamp-offset that keeps it at or after 1970.');
  }
}

export class InvalidTimeoutError extends WebhookStudioError {
  readonly code = 'invalid-timeout';
  constructor(readonly timeoutMs: number, maxSeconds: number) {
    super(`A timeout of ${timeoutMs / 1000} s is not usable: it must be more than 0 and at most ${maxSeconds} s.`);
  }
}

export class EmptyPayloadError extends WebhookStudioError {
  readonly code = 'empty-payload';
  constructor(source?: string) {
    super(`${source ? source + ' is' : 'The payload is'} empty: there is nothing to send.`, 'Write a payload first (Ctrl+Space in a *.chat2desk.json file offers every documented event).');
  }
}

export class NotAnObjectError extends WebhookStudioError {
  readonly code = 'not-an-object';
  constructor(readonly actualType: string, source?: string) {
    super(`${source ? source + ': ' : ''}A webhook payload must be a JSON object, but this is ${actualType}.`, 'Wrap the payload in { ... }.');
  }
}

export class InvalidUrlError extends WebhookStudioError {
  readonly code = 'invalid-url';
  constructor(readonly url: string, reason: string) {
    super(`"${url}" is not a usable endpoint URL: ${reason}.`, 'Use an absolute http:// or https:// URL, e.g. http://localhost:3000/webhooks/chat2desk.');
  }
}

export class DnsError extends WebhookStudioError {
  readonly code = 'dns';
  constructor(readonly host: string) {
    super(`The host "${host}" could not be found (DNS lookup failed).`, 'Check the host name in the URL and your network connection.');
  }
}

export class ConnectionRefusedError extends WebhookStudioError {
  readonly code = 'connection-refused';
  constructor(readonly target: string) {
    super(`Connection refused by ${target}: nothing is listening there.`, 'Start your webhook handler, or check the port in the URL.');
  }
}

export class TlsError extends WebhookStudioError {
  readonly code = 'tls';
  constructor(readonly target: string, readonly tlsCode: string, detail: string) {
    super(`TLS error talking to ${target}: ${detail} (${tlsCode}).`, 'Check the server certificate, or use http:// for a local handler without TLS.');
  }
}

export class TimeoutError extends WebhookStudioError {
  readonly code = 'timeout';
  constructor(readonly target: string, readonly timeoutMs: number, answered?: { status: number; received: () => number }) {
    super(answered
      ? `${target} answered ${answered.status} but its body stalled: it was not complete within ${timeoutMs / 1000} s (${answered.received()} bytes received).`
      : `${target} did not answer within ${timeoutMs / 1000} s.`,
    answered ? 'Check that the handler ends its response (e.g. calls res.end()).' : 'Check that the handler answers promptly (Chat2Desk retries slow endpoints), or raise the "webhookStudio.timeoutSeconds" setting (--timeout in the CLI).');
  }
}

export class CancelledError extends WebhookStudioError {
  readonly code = 'cancelled';
  constructor() {
    super('Cancelled.');
  }
}

export class RedirectError extends WebhookStudioError {
  readonly code = 'redirect';
  constructor(readonly status: number, readonly location: string | undefined) {
    super(`The endpoint answered ${status} redirecting to ${location ?? '(no Location header)'}; webhooks are not redirected.`,
      'Register the final URL instead (Chat2Desk posts to the URL as given).');
  }
}

export class NetworkError extends WebhookStudioError {
  readonly code = 'network';
  constructor(readonly target: string, detail: string) {
    super(`Network error talking to ${target}: ${detail}.`, 'Check the URL and that the server is reachable.');
  }
}

export class MissingTokenError extends WebhookStudioError {
  readonly code = 'missing-token';
  constructor(readonly account: string, how: string) {
    super(`No Chat2Desk API token is set for "${account}".`, how);
  }
}

/** Message plus hint, on one line: what the UI and the CLI print. */
export function describeError(error: unknown): string {
  if (error instanceof WebhookStudioError) return error.hint ? `${error.message} ${error.hint}` : error.message;
  return error instanceof Error ? error.message : String(error);
}
