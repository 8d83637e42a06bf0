// Failures of the Chat2Desk REST API, each explained for the person looking at the sidebar.
import { ConnectionRefusedError, DnsError, TimeoutError, TlsError, WebhookStudioError } from '../errors';
import { t } from '../l10n';

export class ApiAuthError extends WebhookStudioError {
  readonly code = 'api-auth';
  constructor(readonly status: number) {
    super(
      t('Chat2Desk rejected the API token ({0}).', status),
      t('Set a current token with "Webhook Studio: Set Chat2Desk API Token" (Chat2Desk: Settings > API, admin account).'),
    );
  }
}

export class ApiNotFoundError extends WebhookStudioError {
  readonly code = 'api-not-found';
  constructor(readonly what: string) {
    super(t('{0} was not found on Chat2Desk.', what), t('It may have been deleted elsewhere: refresh the list.'));
  }
}

export class ApiRateLimitError extends WebhookStudioError {
  readonly code = 'api-rate-limit';
  constructor(readonly retryAfterSeconds: number | undefined) {
    super(
      retryAfterSeconds !== undefined
        ? t('Chat2Desk is rate limiting requests (429); it asks to wait {0} s.', retryAfterSeconds)
        : t('Chat2Desk is rate limiting requests (429).'),
      t('Try again in a moment. Your API plan limits requests per month (GET help/api_modes).'),
    );
  }
}

export class ApiServerError extends WebhookStudioError {
  readonly code = 'api-server';
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail ? t('Chat2Desk had a server error ({0}): {1}.', status, detail) : t('Chat2Desk had a server error ({0}).', status), t('Try again later.'));
  }
}

export class ApiRequestError extends WebhookStudioError {
  readonly code = 'api-request';
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(
      detail ? t('Chat2Desk refused the request ({0}): {1}.', status, detail) : t('Chat2Desk refused the request ({0}).', status),
      t('Check the values you entered.'),
    );
  }
}

export class ApiResponseError extends WebhookStudioError {
  readonly code = 'api-response';
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(
      t('Chat2Desk answered {0} with something that is not JSON: {1}.', status, detail),
      t("Check the account's API base URL (webhookStudio.accounts): it should be the API, e.g. https://api.chat2desk.com."),
    );
  }
}

export class ApiShapeError extends WebhookStudioError {
  readonly code = 'api-shape';
  constructor(
    readonly endpoint: string,
    readonly field: string,
    problem: string,
  ) {
    super(
      t('Chat2Desk\'s answer to {0} has an unexpected shape at "{1}": {2}.', endpoint, field, problem),
      t('The API may have changed; please report it with the log (Webhook Studio: Show Log).'),
    );
  }
}

/** A 2xx answer whose body says `"status": "error"` (or "failure"): Chat2Desk's way of refusing. */
export class ApiStatusError extends WebhookStudioError {
  readonly code = 'api-status';
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(
      detail
        ? t('Chat2Desk answered {0} but reported an error: {1}.', status, detail)
        : t('Chat2Desk answered {0} but reported an error (no message).', status),
      t('Check the values you entered, then retry.'),
    );
  }
}

export class ApiTooLargeError extends WebhookStudioError {
  readonly code = 'api-too-large';
  constructor(
    readonly limitBytes: number,
    /** The length the answer declared, if it did (reading stops at the limit). */
    readonly bytes: number | undefined,
  ) {
    super(
      bytes === undefined
        ? t("Chat2Desk's answer is larger than {0} MiB; it was not read.", limitBytes / 1024 / 1024)
        : t("Chat2Desk's answer is larger than {0} MiB ({1} MiB); it was not read.", limitBytes / 1024 / 1024, (bytes / 1024 / 1024).toFixed(1)),
      t("Check the account's API base URL (webhookStudio.accounts): it should be the Chat2Desk API, e.g. https://api.chat2desk.com."),
    );
  }
}

/** The API could not be reached at all. Names the API base URL: the user's handler is not involved. */
export class ApiUnreachableError extends WebhookStudioError {
  readonly code = 'api-unreachable';
  constructor(
    readonly baseUrl: string,
    override readonly cause: WebhookStudioError,
  ) {
    super(
      t('The Chat2Desk API at {0} could not be reached: {1}.', baseUrl, unreachableReason(cause)),
      cause instanceof TimeoutError
        ? t(
            "Check the account's API base URL (webhookStudio.accounts; the default is https://api.chat2desk.com) and your network, or raise webhookStudio.timeoutSeconds, then retry.",
          )
        : t("Check the account's API base URL (webhookStudio.accounts; the default is https://api.chat2desk.com) and your network, then retry."),
    );
  }
}

function unreachableReason(cause: WebhookStudioError): string {
  if (cause instanceof ConnectionRefusedError) return t('the connection was refused (nothing is listening there)');
  if (cause instanceof DnsError) return t('the host "{0}" was not found (DNS)', cause.host);
  if (cause instanceof TimeoutError) return t('no answer within {0} s', cause.timeoutMs / 1000);
  if (cause instanceof TlsError) return t('TLS error ({0})', cause.tlsCode);
  return cause.message.replace(/\.$/, '');
}
