// webhook-studio listen: receive webhooks on 127.0.0.1, verify and check each, print one line per
// capture, optionally forward to a handler and save payloads as fixtures. Ctrl-C stops cleanly.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, readToken, type CliIo } from './common';
import { describeError } from '../core/errors';
import { t } from '../core/l10n';
import { signedAsDocumented, type Capture } from '../core/listen/capture';
import { CaptureHistory } from '../core/listen/history';
import { DEFAULT_LISTEN_PORT, DEFAULT_REPLY, DEFAULT_TOLERANCE_SECONDS } from '../core/listen/defaults';
import type { Listener } from '../core/listen/listener';
import { listenerBundle } from '../core/listen/load-listener';
import { fixtureFromCapture, uniqueFileName } from '../core/listen/reuse';
import { parseEndpointUrl } from '../core/send';
import { PayloadValidator } from '../core/validate';

export const LISTEN_HELP = `webhook-studio listen: receive webhooks on 127.0.0.1, verify their signatures, check their payloads

Usage:
  webhook-studio listen [--port N] [--forward-to URL] [--status CODE] [--save-dir DIR] [--tolerance S] [--json]

Options:
  --port N            port on 127.0.0.1 (default ${DEFAULT_LISTEN_PORT}, or a free one when that is taken; an explicit port must be free)
  --forward-to URL    pass each request, byte for byte, to your handler and answer with its response
  --status CODE       status to answer with when not forwarding (default 200, body {"ok":true})
  --save-dir DIR      write each payload there as a fixture (<hook_type>.chat2desk.json, pretty, literals kept)
  --tolerance S       accepted X-Timestamp age in seconds (default ${DEFAULT_TOLERANCE_SECONDS})
  --token-env NAME    environment variable holding the API token (default CHAT2DESK_API_TOKEN)
  --token-stdin       read the API token from standard input
  --json              one JSON object per capture and line on stdout (messages go to stderr)
                      fields: time, method, path, hook_type, signature (valid|mismatch|missing|malformed|stale;
                      "unverified" only for a body cut off or over 25 MB), would_match, schema (valid|invalid|unknown),
                      schema_issues, status, forward_status, forward_latency_ms, forward_error, body_bytes, truncated

The token verifies signatures (as Chat2Desk signs: HMAC-SHA256 keyed with its MD5). Ctrl-C stops.
Exit codes: 0 every capture was signed validly (IQChannels: unsigned, as documented) or none came; 1 some
signature was not valid or forwarding failed; 2 usage error, or the port could not be opened.
`;

/** The --json line: stable field names for scripts. */
export function captureLine(capture: Capture, saved?: string): Record<string, unknown> {
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
    ...(saved ? { saved } : {}),
  };
}

function humanLine(capture: Capture, saved?: string): string {
  const time = capture.receivedAt.slice(11, 19);
  const what = capture.payload.event ?? '(no event)';
  const forward = capture.forward
    ? capture.forward.response
      ? `  forwarded ${capture.forward.response.status} in ${Math.round(capture.forward.latencyMs)} ms`
      : `  forward failed: ${capture.forward.error}`
    : '';
  const sig = capture.signature.status === 'valid' ? 'signature valid' : `signature ${capture.signature.status}: ${capture.signature.explanation}`;
  const schema =
    capture.payload.schema === 'invalid'
      ? `schema invalid (${capture.payload.issues[0]?.path}: ${capture.payload.issues[0]?.message})`
      : `schema ${capture.payload.schema}`;
  return `${time} ${capture.method} ${capture.path}${capture.query} ${what}  ${sig}  ${schema}  -> ${capture.reply.status}${forward}${capture.truncated ? '  (body truncated)' : ''}${saved ? `  saved ${saved}` : ''}`;
}

class ListenUsageError extends Error {}

/** Runs until `stop` aborts (tests) or SIGINT/SIGTERM (a terminal). */
export async function runListen(args: string[], io: CliIo, secrets: string[] = [], stop?: AbortSignal): Promise<number> {
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
    io.stderr(`${(error as Error).message}\n${t('Run "webhook-studio listen --help" for usage.')}\n`);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout(LISTEN_HELP);
    return EXIT.ok;
  }
  let listener: Listener;
  let saveDir: string | undefined;
  try {
    const whole = (name: string, raw: string | undefined, min: number, max: number) => {
      if (raw === undefined) return undefined;
      if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
        throw new ListenUsageError(t('--{0} must be a whole number from {1} to {2}, got "{3}"', name, min, max, raw));
      return Number(raw);
    };
    const port = whole('port', values.port, 0, 65535);
    const status = whole('status', values.status, 100, 599);
    const tolerance = whole('tolerance', values.tolerance, 0, 10 * 365 * 86400);
    if (values['forward-to'] && status !== undefined)
      throw new ListenUsageError(t("--status and --forward-to exclude each other: when forwarding, the handler's status is the answer"));
    if (values['forward-to']) parseEndpointUrl(values['forward-to']);
    saveDir = values['save-dir'];
    if (saveDir) mkdirSync(saveDir, { recursive: true });
    let apiToken: string;
    try {
      apiToken = await readToken(values, io, secrets);
    } catch (error) {
      throw new ListenUsageError((error as Error).message);
    }
    listener = new (listenerBundle().Listener)({
      port: port ?? DEFAULT_LISTEN_PORT,
      fallbackToFreePort: port === undefined,
      apiToken: () => apiToken,
      toleranceSeconds: tolerance ?? DEFAULT_TOLERANCE_SECONDS,
      forwardTo: values['forward-to'],
      reply: status === undefined ? DEFAULT_REPLY : { ...DEFAULT_REPLY, status },
      validator: new PayloadValidator(),
      // The terminal is the record here: keep only a small window in memory.
      history: CaptureHistory.inMemory({ maxCaptures: 50 }),
    });
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return EXIT.usage;
  }

  let failures = 0;
  let count = 0;
  listener.onCapture((capture) => {
    count++;
    if (!signedAsDocumented(capture) || capture.forward?.error) failures++;
    let saved: string | undefined;
    if (saveDir && !capture.truncated && !capture.incomplete && capture.bodyBytes > 0) {
      try {
        const fixture = fixtureFromCapture(capture);
        saved = join(
          saveDir,
          uniqueFileName(fixture.fileName, (name) => existsSync(join(saveDir!, name))),
        );
        writeFileSync(saved, fixture.text);
      } catch (error) {
        io.stderr(`${t('Could not save capture {0}: {1}', capture.id, describeError(error))}\n`);
      }
    }
    io.stdout(values.json ? `${JSON.stringify(captureLine(capture, saved))}\n` : `${humanLine(capture, saved)}\n`);
  });

  try {
    const address = await listener.start();
    const note = address.fellBack ? ` ${t('(port {0} is in use, so a free port was taken)', address.requestedPort ?? '')}` : '';
    io.stderr(
      `${t('Listening on {0}', address.url)}${note}${values['forward-to'] ? `, ${t('forwarding to {0}', values['forward-to'])}` : ''}. ${t('Ctrl-C to stop.')}\n`,
    );
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return EXIT.usage;
  }

  await new Promise<void>((resolve) => {
    if (stop) {
      if (stop.aborted) resolve();
      else stop.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await listener.stop();
  io.stderr(
    `${t('Stopped. {0} request(s) received', count)}${failures ? `, ${t('{0} not validly signed or not forwarded', failures)}` : ''}${listener.rejected ? `, ${t('{0} turned away (too many at once)', listener.rejected)}` : ''}.\n`,
  );
  return failures > 0 ? EXIT.failed : EXIT.ok;
}
