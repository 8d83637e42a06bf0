// webhook-studio send <file...> --url URL: POSTs each file as Chat2Desk would, in order, over the same
// pipeline as the extension's sender. Every file is read, parsed and checked before anything is sent.
import { basename } from 'node:path';
import { describeError, WebhookStudioError } from '../core/errors';
import { describeSigning, RESPONSE_BODY_LIMIT_BYTES } from '../core/exchange';
import { t } from '../core/l10n';
import { createRequest, planPayload, type BuiltRequest, type PayloadPlan } from '../core/payload';
import type { BodyFormat } from '../core/provider';
import { parseEndpointUrl, sendWebhook } from '../core/send';
import { describeStatusSpec, parseStatusSpec, statusMatches, type StatusSpec } from '../core/status';
import { PayloadValidator } from '../core/validate';
import {
  bodyFormat,
  EXIT,
  headers,
  readBytes,
  readToken,
  reportFailure,
  schemaMismatchText,
  timeoutMs,
  UsageError,
  wholeNumber,
  type CliCommand,
} from './common';
import { runSigningCommand, type SigningRun, type SigningValues } from './signing-command';

/** Every file planned before anything is sent: a sequence is all or nothing (input errors: all of them at once). */
function planFiles(files: string[], format: BodyFormat, values: SigningValues): PayloadPlan[] {
  const validator = values['no-validate'] ? undefined : new PayloadValidator();
  const plans: PayloadPlan[] = [];
  const inputErrors: string[] = [];
  files.forEach((file, index) => {
    try {
      plans.push(planPayload({ source: file, bytes: readBytes(file, index + 1), path: file, ownsBytes: true }, { bodyFormat: format, validator }));
    } catch (error) {
      if (error instanceof WebhookStudioError || error instanceof UsageError) inputErrors.push(describeError(error));
      else throw error;
    }
  });
  if (inputErrors.length > 0) throw new UsageError(inputErrors.join('\n'));
  return plans;
}

interface Sending {
  run: SigningRun;
  timeoutMs: number;
  expected: StatusSpec | undefined;
}

/** Sends one request and prints its line (without --json); the result is its entry in the --json array. */
async function sendOne(file: string, request: BuiltRequest, sending: Sending) {
  const { run, expected } = sending;
  const { io, secrets } = run.ctx;
  const signing = request.wrongSignature ? ` (${t('deliberately wrong signature')})` : request.signed ? '' : ` (${t('unsigned: IQChannels')})`;
  try {
    const response = await sendWebhook(request, { timeoutMs: sending.timeoutMs, secrets, maxResponseBytes: RESPONSE_BODY_LIMIT_BYTES });
    const ok = expected === undefined ? response.ok : statusMatches(expected, response.status);
    const elapsedMs = Math.round(response.elapsedMs);
    const unexpected = expected !== undefined && !ok ? ` (${t('expected {0}', describeStatusSpec(expected))})` : '';
    if (!run.json) io.stdout(`${t('{0} -> {1} {2} in {3} ms', basename(file), response.status, response.statusText, elapsedMs)}${signing}${unexpected}\n`);
    return {
      file,
      ok,
      status: response.status,
      statusText: response.statusText,
      elapsedMs,
      signed: request.signed,
      wrongSignature: request.wrongSignature,
      signing: describeSigning({ signed: request.signed, wrongSignature: request.wrongSignature, request }),
      body: response.body,
      ...(expected === undefined ? {} : { expectedStatus: describeStatusSpec(expected) }),
    };
  } catch (error) {
    if (!run.json) io.stdout(`${t('{0} -> failed: {1}', basename(file), describeError(error))}${signing}\n`);
    const code = error instanceof WebhookStudioError ? error.code : 'error';
    return { file, ok: false, error: describeError(error), code, wrongSignature: request.wrongSignature };
  }
}

async function send(run: SigningRun): Promise<number> {
  const { values, files, json, ctx } = run;
  const format = bodyFormat(values);
  if (files.length === 0) throw new UsageError(t('send takes one or more files'));
  if (!values.url) throw new UsageError(t('send needs --url'));
  const url = values.url;
  parseEndpointUrl(url);
  const extraHeaders = headers(values);
  const timeout = timeoutMs(values);
  const expected = values['expect-status'] === undefined ? undefined : parseStatusSpec(values['expect-status']);
  const timestamp = wholeNumber(values, 'timestamp', false);
  const offset = wholeNumber(values, 'timestamp-offset', true);
  const plans = planFiles(files, format, values);
  if (plans.some((p) => p.problems.length > 0)) {
    const text = schemaMismatchText(plans, (source) => t('{0} does not match its schema (use --no-validate to send anyway):', source));
    reportFailure(ctx.io, json, new Error(text), { code: 'schema-mismatch' });
    return EXIT.failed;
  }
  // IQChannels documents no signature: a batch of IQChannels payloads needs no token.
  const apiToken = plans.some((p) => p.signs) ? await readToken(values, ctx.io, ctx.secrets) : undefined;
  const wrongSignature = Boolean(values['wrong-signature']);
  const requests = plans.map((plan) => ({
    file: plan.source!,
    request: createRequest(plan, { url, apiToken, timestamp, timestampOffsetSeconds: offset, wrongSignature, headers: extraHeaders }),
  }));
  plans.length = 0; // the parsed documents are not needed any more: a large batch keeps only the bodies
  const results = [];
  for (const { file, request } of requests) results.push(await sendOne(file, request, { run, timeoutMs: timeout, expected }));
  if (json) ctx.io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  return results.every((r) => r.ok) ? EXIT.ok : EXIT.failed;
}

export const sendCommand: CliCommand = {
  name: 'send',
  usage: 'send <file...> --url URL [options]',
  summary: () => t('POST each file as Chat2Desk would, in order'),
  run: (args, ctx) =>
    runSigningCommand(
      {
        name: 'send',
        takes: [
          'url',
          'token-env',
          'token-stdin',
          'format',
          'timestamp',
          'timestamp-offset',
          'wrong-signature',
          'header',
          'timeout',
          'no-validate',
          'expect-status',
        ],
        body: send,
      },
      args,
      ctx,
    ),
};
