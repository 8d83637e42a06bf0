// Failures of the Chat2Desk REST API, each explained for the person looking at the sidebar.
import { WebhookStudioError } from '../errors';

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
