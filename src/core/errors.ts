// Every failure a user can cause or meet has its own class with a message that says what happened
// and a hint that says what to do. The UI and the CLI show `message` and `hint` as they are.
import { t } from './l10n';

export abstract class WebhookStudioError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
// Named by its code (`WebhookStudioError(timeout)`), which survives minification: stack traces users
// paste into issues say which failure it was without shipping class names in the bundle.
Object.defineProperty(WebhookStudioError.prototype, 'name', {
  get(this: WebhookStudioError) {
    return `WebhookStudioError(${this.code})`;
  },
  configurable: true,
});

export interface TextPosition {
  /** 1-based, as editors show it. */
  line: number;
  /** 1-based, as editors show it. */
  column: number;
  offset: number;
}

export class InvalidJsonError extends WebhookStudioError {
  readonly code = 'invalid-json';
  constructor(
    readonly problem: string,
    readonly position: TextPosition,
    readonly source?: string,
  ) {
    super(
      `${source ? source + ': ' : ''}${t('Invalid JSON at line {0}, column {1}: {2}.', position.line, position.column, problem)}`,
      t('Fix the JSON at that position; Chat2Desk only sends valid JSON.'),
    );
  }
}

/** The file's bytes are not UTF-8 (Chat2Desk sends UTF-8 JSON): decoded strictly, never with U+FFFD. */
export class EncodingError extends WebhookStudioError {
  readonly code = 'encoding';
  constructor(
    readonly encoding: string,
    readonly byteOffset: number | undefined,
    detail: string,
    source?: string,
  ) {
    super(
      `${source ? source + ': ' : ''}${detail}`,
      t('Save the file as UTF-8 (in VS Code: click the encoding in the status bar, then "Save with Encoding" > UTF-8).'),
    );
  }
}

/** Deeper than any webhook payload; refused before anything recursive (schema validation, the editor) sees it. */
export class NestingTooDeepError extends WebhookStudioError {
  readonly code = 'nested-too-deep';
  constructor(
    readonly limit: number,
    readonly position: TextPosition,
    source?: string,
  ) {
    super(
      `${source ? source + ': ' : ''}${t('The JSON is nested too deeply at line {0}, column {1} (more than {2} levels of objects and arrays).', position.line, position.column, limit)}`,
      t('Webhook payloads are a few levels deep: check for a runaway generator or unbalanced brackets.'),
    );
  }
}

/** A request header HTTP cannot carry (checked before any connection is made). */
export class InvalidHeaderError extends WebhookStudioError {
  readonly code = 'invalid-header';
  constructor(problem: string) {
    super(problem, t('Fix the header in --header or in the "webhookStudio.endpoints" setting.'));
  }
}

/** An API token that cannot be right (invisible or look-alike characters, spaces); never repeats the token. */
export class InvalidTokenError extends WebhookStudioError {
  readonly code = 'invalid-token';
  constructor(problem: string, hint = t('Copy the token again from Chat2Desk (Settings > API) and set it again.')) {
    super(problem, hint);
  }
}

export class InvalidTimestampError extends WebhookStudioError {
  readonly code = 'invalid-timestamp';
  constructor(readonly value: number) {
    super(
      t('{0} is not a usable X-Timestamp: it must be a whole, non-negative number of Unix seconds.', String(value)),
      t('Use e.g. 1743681006, and a --timestamp-offset that keeps it at or after 1970.'),
    );
  }
}

export class InvalidTimeoutError extends WebhookStudioError {
  readonly code = 'invalid-timeout';
  constructor(
    readonly timeoutMs: number,
    maxSeconds: number,
  ) {
    super(t('A timeout of {0} s is not usable: it must be more than 0 and at most {1} s.', timeoutMs / 1000, maxSeconds));
  }
}

export class EmptyPayloadError extends WebhookStudioError {
  readonly code = 'empty-payload';
  constructor(source?: string) {
    super(
      source ? t('{0} is empty: there is nothing to send.', source) : t('The payload is empty: there is nothing to send.'),
      t('Write a payload first (Ctrl+Space in a *.chat2desk.json file offers every documented event).'),
    );
  }
}

export class NotAnObjectError extends WebhookStudioError {
  readonly code = 'not-an-object';
  constructor(
    readonly actualType: string,
    source?: string,
  ) {
    super(`${source ? source + ': ' : ''}${t('A webhook payload must be a JSON object, but this is {0}.', actualType)}`, t('Wrap the payload in { ... }.'));
  }
}

export class InvalidUrlError extends WebhookStudioError {
  readonly code = 'invalid-url';
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(
      t('"{0}" is not a usable endpoint URL: {1}.', url, reason),
      t('Use an absolute http:// or https:// URL, e.g. http://localhost:3000/webhooks/chat2desk.'),
    );
  }
}

export class DnsError extends WebhookStudioError {
  readonly code = 'dns';
  constructor(readonly host: string) {
    super(t('The host "{0}" could not be found (DNS lookup failed).', host), t('Check the host name in the URL and your network connection.'));
  }
}

export class ConnectionRefusedError extends WebhookStudioError {
  readonly code = 'connection-refused';
  constructor(readonly target: string) {
    super(t('Connection refused by {0}: nothing is listening there.', target), t('Start your webhook handler, or check the port in the URL.'));
  }
}

export class TlsError extends WebhookStudioError {
  readonly code = 'tls';
  constructor(
    readonly target: string,
    readonly tlsCode: string,
    detail: string,
  ) {
    super(
      t('TLS error talking to {0}: {1} ({2}).', target, detail, tlsCode),
      t('Check the server certificate, or use http:// for a local handler without TLS.'),
    );
  }
}

export class TimeoutError extends WebhookStudioError {
  readonly code = 'timeout';
  constructor(
    readonly target: string,
    readonly timeoutMs: number,
    answered?: { status: number; received: () => number },
  ) {
    super(
      answered
        ? t(
            '{0} answered {1} but its body stalled: it was not complete within {2} s ({3} bytes received).',
            target,
            answered.status,
            timeoutMs / 1000,
            answered.received(),
          )
        : t('{0} did not answer within {1} s.', target, timeoutMs / 1000),
      answered
        ? t('Check that the handler ends its response (e.g. calls res.end()).')
        : t(
            'Check that the handler answers promptly (Chat2Desk retries slow endpoints), or raise the "webhookStudio.timeoutSeconds" setting (--timeout in the CLI).',
          ),
    );
  }
}

export class CancelledError extends WebhookStudioError {
  readonly code = 'cancelled';
  constructor() {
    super(t('Cancelled.'));
  }
}

export class RedirectError extends WebhookStudioError {
  readonly code = 'redirect';
  constructor(
    readonly status: number,
    readonly location: string | undefined,
  ) {
    super(
      t('The endpoint answered {0} redirecting to {1}; webhooks are not redirected.', status, location ?? t('(no Location header)')),
      t('Register the final URL instead (Chat2Desk posts to the URL as given).'),
    );
  }
}

export class NetworkError extends WebhookStudioError {
  readonly code = 'network';
  constructor(
    readonly target: string,
    detail: string,
  ) {
    super(t('Network error talking to {0}: {1}.', target, detail), t('Check the URL and that the server is reachable.'));
  }
}

export class MissingTokenError extends WebhookStudioError {
  readonly code = 'missing-token';
  constructor(
    readonly account: string,
    how: string,
  ) {
    super(t('No Chat2Desk API token is set for "{0}".', account), how);
  }
}

/** Message plus hint, on one line: what the UI and the CLI print. */
export function describeError(error: unknown): string {
  // By shape, not class: code loaded as a second bundle (see esbuild.mjs) has its own copy of these classes.
  if (!(error instanceof Error)) return String(error);
  const hint = (error as { hint?: unknown }).hint;
  return typeof hint === 'string' && hint ? `${error.message} ${hint}` : error.message;
}
