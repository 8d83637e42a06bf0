// One payload through the one pipeline: render (vars, patch) -> planPayload -> createRequest (signed) ->
// sendWebhook. Checks and Deliver build on the same plan.
import { t } from '../l10n';
import { createRequest, planPayload, type BuiltRequest, type PayloadPlan } from '../payload';
import { redactSecrets } from '../redact';
import { sendWebhook, type WebhookResponse } from '../send';
import { SuiteError } from './errors';
import { renderStep, type RenderContext } from './render';
import type { SendStep, StepArtifacts } from './types';

export interface SendContext {
  url: string;
  timeoutMs: number;
  token: string | undefined;
  secrets: readonly string[];
  signal?: AbortSignal;
  render: RenderContext;
}

export function planStep(step: SendStep, ctx: SendContext): PayloadPlan {
  const text = renderStep(step, ctx.render);
  return planPayload({ text, source: step.label, path: step.source.kind === 'fixture' ? step.source.path : undefined }, { bodyFormat: 'compact' });
}

export function requestOf(plan: PayloadPlan, ctx: SendContext, extra: Parameters<typeof createRequest>[1] | object = {}): BuiltRequest {
  if (plan.signs && ctx.token === undefined)
    throw new SuiteError(
      'suite-no-token',
      t('No API token to sign with.'),
      t('Set the account\'s token (CLI: CHAT2DESK_API_TOKEN or --token-env NAME), or use "api": "simulator", which signs with its own.'),
    );
  return createRequest(plan, { url: ctx.url, apiToken: ctx.token, ...extra });
}

export function send(request: BuiltRequest, ctx: SendContext): Promise<WebhookResponse> {
  return sendWebhook(request, { timeoutMs: ctx.timeoutMs, signal: ctx.signal, secrets: ctx.secrets });
}

/** What a failed test shows of the exchange, secrets redacted. */
export function artifactsOf(request: BuiltRequest, response: WebhookResponse | undefined, secrets: readonly string[]): StepArtifacts {
  const redact = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, redactSecrets(v, secrets)]));
  return {
    request: { url: request.url, headers: redact(request.headers), body: Buffer.from(redactSecrets(request.body, secrets)) },
    response: response && { status: response.status, headers: redact(response.headers), body: redactSecrets(response.body, secrets) },
  };
}
