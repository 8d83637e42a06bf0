// Failures of the Chat2Desk REST API, each explained for the person looking at the sidebar.
import { ConnectionRefusedError, DnsError, TimeoutError, TlsError, WebhookStudioError } from '../errors';

export class ApiAuthError extends WebhookStudioError {
  readonly code = 'api-auth';
  constructor(readonly status: number) {
    super(`Chat2Desk rejected the API token (${status}).`, 'Set a current token with "Webhook Studio: Set Chat2Desk API Token" (Chat2Desk: Settings > API, admin account).');
  }
}

export class ApiNotFoundError extends WebhookStudioError {
  readonly code = 'api-not-found';
  constructor(readonly what: string) {
    super(`${what} was not found on Chat2Desk.`, 'It may have been deleted elsewhere: refresh the list.');
  }
}

export class ApiRateLimitError extends WebhookStudioError {
  readonly code = 'api-rate-limit';
  constructor(readonly retryAfterSeconds: number | undefined) {
    super(`Chat2Desk is rate limiting requests (429)${retryAfterSeconds !== undefined ? `; it asks to wait ${retryAfterSeconds} s` : ''}.`, 'Try again in a moment. Your API plan limits requests per month (GET help/api_modes).');
  }
}

export class ApiServerError extends WebhookStudioError {
  readonly code = 'api-server';
  constructor(readonly status: number, detail: string) {
    super(`Chat2Desk had a server error (${status})${detail ? `: ${detail}` : ''}.`, 'Try again later.');
  }
}

export class ApiRequestError extends WebhookStudioError {
  readonly code = 'api-request';
  constructor(readonly status: number, detail: string) {
    super(`Chat2Desk refused the request (${status})${detail ? `: ${detail}` : ''}.`, 'Check the values you entered.');
  }
}

export class ApiResponseError extends WebhookStudioError {
  readonly code = 'api-response';
  constructor(readonly status: number, detail: string) {
    super(`Chat2Desk answered ${status} with something that is not JSON: ${detail}.`, 'Check the account\'s API base URL (webhookStudio.accounts): it should be the API, e.g. https://api.chat2desk.com.');
  }
}

export class ApiShapeError extends WebhookStudioError {
  readonly code = 'api-shape';
  constructor(readonly endpoint: string, readonly field: string, problem: string) {
    super(`Chat2Desk's answer to ${endpoint} has an unexpected shape at "${field}": ${problem}.`, 'The API may have changed; please report it with the log (Webhook Studio: Show Log).');
  }
}

/** A 2xx answer whose body says `"status": "error"` (or "failure"): Chat2Desk's way of refusing. */
export class ApiStatusError extends WebhookStudioError {
  readonly code = 'api-status';
  constructor(readonly status: number, detail: string) {
    super(`Chat2Desk answered ${status} but reported an error${detail ? `: ${detail}` : ' (no message)'}.`, 'Check the values you entered, then retry.');
  }
}

export class ApiTooLargeError extends WebhookStudioError {
  readonly code = 'api-too-large';
  constructor(readonly bytes: number, readonly limitBytes: number) {
    super(`Chat2Desk's answer is larger than ${limitBytes / 1024 / 1024} MiB (${(bytes / 1024 / 1024).toFixed(1)} MiB); it was not read.`, 'Check the account\'s API base URL (webhookStudio.accounts): it should be the Chat2Desk API, e.g. https://api.chat2desk.com.');
  }
}

/** The API could not be reached at all. Names the API base URL: the user's handler is not involved. */
export class ApiUnreachableError extends WebhookStudioError {
  readonly code = 'api-unreachable';
  constructor(readonly baseUrl: string, override readonly cause: WebhookStudioError) {
    super(`The Chat2Desk API at ${baseUrl} could not be reached: ${unreachableReason(cause)}.`,
      `Check the account's API base URL (webhookStudio.accounts; the default is https://api.chat2desk.com) and your network${cause instanceof TimeoutError ? ', or raise webhookStudio.timeoutSeconds' : ''}, then retry.`);
  }
}

function unreachableReason(cause: WebhookStudioError): string {
  if (cause instanceof ConnectionRefusedError) return 'the connection was refused (nothing is listening there)';
  if (cause instanceof DnsError) return `the host "${cause.host}" was not found (DNS)`;
  if (cause instanceof TimeoutError) return `no answer within ${cause.timeoutMs / 1000} s`;
  if (cause instanceof TlsError) return `TLS error (${cause.tlsCode})`;
  return cause.message.replace(/\.$/, '');
}
