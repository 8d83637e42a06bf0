// webhook-studio listen: receive webhooks on 127.0.0.1, verify and check each, print one line per
// capture, optionally forward to a handler and save payloads as fixtures. Ctrl-C stops promptly.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_TOKEN_ENV, EXIT, optionsSection, readToken, reportFailure, UsageError, type CliCommand, type CliIo } from './common';
import { describeError } from '../core/errors';
import { t } from '../core/l10n';
import type { Capture } from '../core/listen/capture';
import { CaptureHistory } from '../core/listen/history';
import { DEFAULT_LISTEN_PORT, DEFAULT_REPLY, DEFAULT_TOLERANCE_SECONDS } from '../core/listen/defaults';
import type { Listener } from '../core/listen/listener';
import { listenerBundle } from '../core/listen/load-listener';
import { urlSecrets } from '../core/listen/redact-capture';
import { fixtureFromCapture, saveFixtureIn } from '../core/listen/reuse';
import { Tally } from '../core/listen/tally';
import { redactUrl } from '../core/redact';
import { parseEndpointUrl } from '../core/send';
import { PayloadValidator } from '../core/validate';

/** listen --help: a page of its own (the top-level --help points to it). */
export const listenHelp = (): string => `${t('webhook-studio listen: receive webhooks on 127.0.0.1, verify their signatures, check their payloads')}

${t('Usage:')}
  webhook-studio ${listenCommand.usage}

${optionsSection(
  t('Options:'),
  [
    ['--port N', t('port on 127.0.0.1 (default {0}, or a free one when that is taken; an explicit port must be free)', DEFAULT_LISTEN_PORT)],
    ['--forward-to URL', t('pass each request, byte for byte, to your handler and answer with its response')],
    ['--status CODE', t('status to answer with when not forwarding (default 200, body {"ok":true})')],
    [
      '--save-dir DIR',
      t('write each payload there as a fixture (<hook_type>.chat2desk.json, pretty, literals kept; never overwrites, never writes through a link)'),
    ],
    ['--tolerance S', t('accepted X-Timestamp age in seconds (default {0})', DEFAULT_TOLERANCE_SECONDS)],
    ['--token-env NAME', t('environment variable holding the API token (default {0})', DEFAULT_TOKEN_ENV)],
    ['--token-stdin', t('read the API token from standard input')],
    [
      '--json',
      t(
        'one JSON object per capture and line on stdout (messages go to stderr); fields: time, method, path, hook_type, signature (valid|mismatch|missing|malformed|stale; "unverified" only for a body cut off, too slow or over 25 MB), would_match, schema (valid|invalid|unknown), schema_issues, status, forward_status, forward_latency_ms, forward_error, body_bytes, truncated, saved or save_error; a last line {"summary": {...}} at the end; errors as {"error": {code, message, hint}}',
      ),
    ],
  ],
  [
    '',
    t('The token verifies signatures (as Chat2Desk signs: HMAC-SHA256 keyed with its MD5). Ctrl-C stops.'),
    t("The token, its key and a --forward-to URL's password are never printed, stored or saved ([redacted])."),
    t(
      'Exit codes: 0 every capture was signed validly (IQChannels: unsigned, as documented), and with --forward-to the handler answered 2xx to each, and every --save-dir file was written (or nothing came); 1 otherwise (a signature not valid, the handler answered non-2xx or could not be reached, a fixture not saved); 2 usage error, or the port could not be opened.',
    ),
  ],
)}`;

/** The --json line: stable field names for scripts. */
export function captureLine(capture: Capture, saved?: Saved): Record<string, unknown> {
  return {
    time: capture.receivedAt,
    method: capture.method,
    path: capture.path,
    query: capture.query || undefined,
    hook_type: capture.payload.provider === 'chat2desk' ? (capture.payload.event ?? null) : null,
    provider: capture.payload.provider ?? null,
    event: capture.payload.event ?? null,
    signature: capture.signature.status,
    signature_detail: capture.signature.explanation,
    would_match: capture.signature.wouldMatch ?? null,
    schema: capture.payload.schema,
    schema_issues: capture.payload.issues,
    status: capture.reply.status,
    forward_status: capture.forward ? (capture.forward.response?.status ?? null) : null,
    forward_latency_ms: capture.forward ? Math.round(capture.forward.latencyMs) : null,
    forward_error: capture.forward?.error ?? null,
    body_bytes: capture.bodyBytes,
    truncated: capture.truncated,
    incomplete: capture.incomplete ?? false,
    ...(capture.redacted ? { redacted: true } : {}),
    ...(saved?.path ? { saved: saved.path } : {}),
    ...(saved?.error ? { save_error: saved.error } : {}),
  };
}

/** Where a capture was saved as a fixture, or why it could not be. */
export interface Saved {
  path?: string;
  error?: string;
}

function humanLine(capture: Capture, saved?: Saved): string {
  const time = capture.receivedAt.slice(11, 19);
  const what = capture.payload.event ?? t('(no event)');
  const { forward, signature, payload } = capture;
  const forwarded = forward?.response
    ? `  ${t('forwarded {0} in {1} ms', forward.response.status, Math.round(forward.latencyMs))}`
    : forward
      ? `  ${t('forward failed: {0}', forward.error ?? '')}`
      : '';
  const sig = signature.status === 'valid' ? t('signature valid') : t('signature {0}: {1}', signature.status, signature.explanation);
  const schema =
    payload.schema === 'invalid'
      ? t('schema invalid ({0}: {1})', payload.issues[0]?.path ?? '', payload.issues[0]?.message ?? '')
      : t('schema {0}', payload.schema);
  const save = saved?.path ? `  ${t('saved {0}', saved.path)}` : saved?.error ? `  ${t('not saved: {0}', saved.error)}` : '';
  const truncated = capture.truncated ? `  ${t('(body truncated)')}` : '';
  return `${time} ${capture.method} ${capture.path}${capture.query} ${what}  ${sig}  ${schema}  -> ${capture.reply.status}${forwarded}${truncated}${save}`;
}

interface ListenSetup {
  listener: Listener;
  saveDir?: string;
  json: boolean;
  forwardTo?: string;
}

/** Runs until `stop` aborts (tests) or SIGINT/SIGTERM (a terminal). */
export async function runListen(args: string[], io: CliIo, secrets: string[] = [], stop?: AbortSignal): Promise<number> {
  const json = args.includes('--json');
  // --json: every outcome is JSON on stdout, errors included (one line, as the captures are).
  const fail = (error: unknown, code: number) => {
    const kind = (error as { code?: unknown }).code;
    reportFailure(io, json, error, { code: typeof kind === 'string' ? kind : 'usage', line: true });
    return code;
  };
  let setup: ListenSetup | 'help';
  try {
    setup = await prepare(args, io, secrets);
  } catch (error) {
    return fail(error, EXIT.usage);
  }
  if (setup === 'help') {
    io.stdout(listenHelp());
    return EXIT.ok;
  }
  const { listener } = setup;
  const tally = new Tally();
  listener.onCapture((capture) => {
    const saved = setup.saveDir ? save(capture, setup.saveDir, io) : undefined;
    tally.count(capture, saved);
    io.stdout(setup.json ? `${JSON.stringify(captureLine(capture, saved))}\n` : `${humanLine(capture, saved)}\n`);
  });
  // Asked for before starting: a Ctrl-C from the first moment stops cleanly, and a second one while
  // stopping does not kill the process before the captures and the summary are printed.
  const stopAsked = stopRequest(stop);
  try {
    const address = await listener.start();
    const note = address.fellBack ? ` ${t('(port {0} is in use, so a free port was taken)', address.requestedPort ?? '')}` : '';
    const forwarding = setup.forwardTo ? `, ${t('forwarding to {0}', redactUrl(setup.forwardTo))}` : '';
    io.stderr(`${t('Listening on {0}', address.url)}${note}${forwarding}. ${t('Ctrl-C to stop.')}\n`);
    await stopAsked.asked;
    // Ctrl-C means now: requests about to finish get half a second, then forwards are cancelled
    // and their captures printed (failed) before the summary.
    await listener.stop(500);
  } catch (error) {
    return fail(error, EXIT.usage);
  } finally {
    stopAsked.dispose();
  }
  io.stderr(`${tally.summary(listener.rejected)}\n`);
  if (setup.json) io.stdout(`${JSON.stringify({ summary: tally.json(listener.rejected) })}\n`);
  return tally.failed() ? EXIT.failed : EXIT.ok;
}

/** Options checked, the token read, the listener built (not started). */
async function prepare(args: string[], io: CliIo, secrets: string[]): Promise<ListenSetup | 'help'> {
  let values;
  try {
    values = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'forward-to': { type: 'string' },
        status: { type: 'string' },
        'save-dir': { type: 'string' },
        tolerance: { type: 'string' },
        json: { type: 'boolean' },
        'token-env': { type: 'string' },
        'token-stdin': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${t('Run "webhook-studio listen --help" for usage.')}`);
  }
  if (values.help) return 'help';
  const whole = (name: string, raw: string | undefined, min: number, max: number) => {
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
      throw new UsageError(t('--{0} must be a whole number from {1} to {2}, got "{3}"', name, min, max, raw));
    return Number(raw);
  };
  const port = whole('port', values.port, 0, 65535);
  const status = whole('status', values.status, 100, 599);
  const tolerance = whole('tolerance', values.tolerance, 0, 10 * 365 * 86400);
  const forwardTo = values['forward-to'];
  // The password of the handler's URL is a secret like the token: never printed, in any form.
  secrets.push(...urlSecrets(forwardTo));
  if (forwardTo && status !== undefined)
    throw new UsageError(t("--status and --forward-to exclude each other: when forwarding, the handler's status is the answer"));
  if (forwardTo) parseEndpointUrl(forwardTo);
  const saveDir = values['save-dir'];
  if (saveDir) mkdirSync(saveDir, { recursive: true });
  let apiToken: string;
  try {
    apiToken = await readToken(values, io, secrets);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const listener = new (listenerBundle().Listener)({
    port: port ?? DEFAULT_LISTEN_PORT,
    fallbackToFreePort: port === undefined,
    apiToken: () => apiToken,
    secrets: () => secrets,
    toleranceSeconds: tolerance ?? DEFAULT_TOLERANCE_SECONDS,
    forwardTo,
    reply: status === undefined ? DEFAULT_REPLY : { ...DEFAULT_REPLY, status },
    validator: new PayloadValidator(),
    // The terminal is the record here: keep only a small window in memory.
    history: CaptureHistory.inMemory({ maxCaptures: 50 }),
  });
  return { listener, saveDir, json: Boolean(values.json), forwardTo };
}

/** Saves a capture's payload as a fixture; a failure is reported, never claimed as saved. */
function save(capture: Capture, saveDir: string, io: CliIo): Saved | undefined {
  if (capture.truncated || capture.incomplete || capture.bodyBytes === 0) return undefined;
  try {
    return { path: saveFixtureIn(saveDir, fixtureFromCapture(capture)) };
  } catch (error) {
    io.stderr(`${t('Could not save capture {0}: {1}', capture.id, describeError(error))}\n`);
    return { error: describeError(error) };
  }
}

/** Resolves `asked` once `signal` aborts or the terminal sends SIGINT/SIGTERM (handled from now until `dispose`). */
function stopRequest(signal: AbortSignal | undefined): { asked: Promise<void>; dispose(): void } {
  let onSignal: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => (onSignal = () => resolve()));
  if (signal) {
    if (signal.aborted) onSignal();
    else signal.addEventListener('abort', onSignal, { once: true });
    return { asked, dispose: () => signal.removeEventListener('abort', onSignal) };
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    asked,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

export const listenCommand: CliCommand = {
  name: 'listen',
  usage: 'listen [--port N] [--forward-to URL] [--status CODE] [--save-dir DIR] [--tolerance S] [--json]',
  summary: () => t('receive, verify and check webhooks (listen --help)'),
  run: (args, { io, secrets }) => runListen(args, io, secrets),
};
