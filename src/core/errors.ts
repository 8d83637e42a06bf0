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
  constructor(readonly target: string, readonly timeoutMs: number) {
    super(`${target} did not answer within ${timeoutMs / 1000} s.`, 'Check that the handler answers promptly (Chat2Desk retries slow endpoints), or raise the "webhookStudio.timeoutSeconds" setting.');
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
