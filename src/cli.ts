// webhook-studio: the CLI for CI, over src/core only.
//   send <file...> --url URL     sign <file>     verify --body-file F --timestamp T --signature S     validate <file...>
// Exit codes: 0 ok, 1 a check failed or the handler answered non-2xx / could not be reached, 2 usage or input error.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError, WebhookStudioError } from './core/errors';
import { detectProvider, parsePayload } from './core/json';
import { providerForFixture } from './core/association';
import { sendWebhook } from './core/send';
import { verifySignature } from './core/signature';
import { PayloadValidator, readSchemaFiles } from './core/validate';
import { buildWebhookRequest } from './core/webhook-request';
import { runListen } from './cli/listen';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  readStdin: () => Promise<string>;
  schemasDir: string;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export const HELP = `webhook-studio: sign, send, verify and validate Chat2Desk / IQChannels webhook payloads

Usage:
  webhook-studio send <file...> --url URL [options]   POST each file as Chat2Desk would, in order
  webhook-studio sign <file> [options]                 print the X-Signature / X-Timestamp headers
  webhook-studio verify --body-file F --timestamp T --signature S [--tolerance SECONDS]
  webhook-studio validate <file...>                    check payloads against the documented schemas
  webhook-studio listen [--port N] [--forward-to URL] [--status CODE] [--save-dir DIR] [--tolerance S] [--json]
                                                       receive, verify and check webhooks (listen --help)

Options:
  --token-env NAME        environment variable holding the API token (default CHAT2DESK_API_TOKEN)
  --token-stdin           read the API token from standard input
  --format compact|asWritten   body format (default compact: what Chat2Desk sends)
  --timestamp SECONDS     sign with this Unix time instead of now
  --timestamp-offset N    shift the timestamp by N seconds (negative: in the past)
  --wrong-signature       send a deliberately wrong signature
  --header "Name: value"  extra request header (repeatable)
  --timeout SECONDS       per-request timeout (default 10)
  --no-validate           send even if a payload does not match its schema
  --json                  machine-readable output
  -h, --help              this help

The token is never accepted as an argument (it would end up in shell history and process lists).
Exit codes: 0 ok; 1 check failed, non-2xx answer or unreachable handler; 2 usage or input error.
`;

class UsageError extends Error {}

export async function readToken(values: Record<string, unknown>, io: CliIo): Promise<string> {
  if (values['token-stdin']) {
    const token = (await io.readStdin()).trim();
    if (!token) throw new UsageError('--token-stdin: standard input was empty');
    return token;
  }
  const name = (values['token-env'] as string | undefined) ?? 'CHAT2DESK_API_TOKEN';
  const token = io.env[name]?.trim();
  if (!token) throw new UsageError(`No API token: set the environment variable ${name} (or pass --token-env NAME, or --token-stdin).`);
  return token;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

function number(values: Record<string, unknown>, name: string, integer = true): number | undefined {
  const raw = values[name] as string | undefined;
  if (raw === undefined) return undefined;
  if (!(integer ? /^-?\d+$/ : /^\d+(\.\d+)?$/).test(raw)) throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'}, got "${raw}"`);
  return Number(raw);
}

function headers(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of (values.header as string[] | undefined) ?? []) {
    const match = /^([^:\s]+)\s*:\s*(.*)$/.exec(raw);
    if (!match) throw new UsageError(`--header must look like "Name: value", got "${raw}"`);
    out[match[1]] = match[2];
  }
  return out;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // listen has its own options and runs until stopped.
  if (argv[0] === 'listen') return runListen(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        url: { type: 'string' }, 'token-env': { type: 'string' }, 'token-stdin': { type: 'boolean' }, format: { type: 'string' },
        timestamp: { type: 'string' }, 'timestamp-offset': { type: 'string' }, 'wrong-signature': { type: 'boolean' },
        header: { type: 'string', multiple: true }, timeout: { type: 'string' }, 'no-validate': { type: 'boolean' },
        'body-file': { type: 'string' }, signature: { type: 'string' }, tolerance: { type: 'string' },
        json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\nRun "webhook-studio --help" for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  const json = Boolean(values.json);
  const print = (human: string, machine: unknown) => io.stdout(json ? `${JSON.stringify(machine, null, 2)}\n` : `${human}\n`);
  if (values.help || !command) {
    io.stdout(HELP);
    return command || values.help ? EXIT.ok : EXIT.usage;
  }
  try {
    const format = values.format ?? 'compact';
    if (format !== 'compact' && format !== 'asWritten') throw new UsageError(`--format must be compact or asWritten, got "${format}"`);
    switch (command) {
      case 'sign': {
        if (files.length !== 1) throw new UsageError('sign takes exactly one file');
        const text = readText(files[0]);
        const request = buildWebhookRequest({
          text, url: 'http://localhost/', bodyFormat: format, provider: 'chat2desk', apiToken: await readToken(values, io),
          timestamp: number(values, 'timestamp'), timestampOffsetSeconds: number(values, 'timestamp-offset'), source: files[0],
        });
        print(`X-Signature: ${request.headers['X-Signature']}\nX-Timestamp: ${request.headers['X-Timestamp']}`,
          { 'X-Signature': request.headers['X-Signature'], 'X-Timestamp': request.headers['X-Timestamp'], bodyBytes: Buffer.byteLength(request.body) });
        return EXIT.ok;
      }
      case 'verify': {
        const bodyFile = values['body-file'];
        if (!bodyFile || values.timestamp === undefined || values.signature === undefined) throw new UsageError('verify needs --body-file, --timestamp and --signature');
        const body = (() => { try { return readFileSync(bodyFile); } catch { throw new UsageError(`Cannot read ${bodyFile}`); } })();
        const result = verifySignature({ body, timestamp: values.timestamp, signature: values.signature, apiToken: await readToken(values, io), toleranceSeconds: number(values, 'tolerance') });
        print(result.valid ? 'Signature is valid.' : `Signature is NOT valid: ${result.reason}.`, result);
        return result.valid ? EXIT.ok : EXIT.failed;
      }
      case 'validate': {
        if (files.length === 0) throw new UsageError('validate takes one or more files');
        const validator = new PayloadValidator(readSchemaFiles(io.schemasDir));
        const results = files.map((file) => {
          const text = readText(file);
          try {
            return { file, ...validator.validateText(text, providerForFixture(file, text), file) };
          } catch (error) {
            if (error instanceof WebhookStudioError) return { file, provider: undefined, issues: [], error: describeError(error) };
            throw error;
          }
        });
        const human = results.map((r) => 'error' in r && r.error ? `${r.file}: ${r.error}` : r.issues.length === 0 ? `${r.file}: valid ${r.provider} payload`
          : r.issues.map((i) => `${r.file}:${i.line}:${i.column}: ${i.path}: ${i.message}`).join('\n')).join('\n');
        print(human, results);
        if (results.some((r) => 'error' in r && r.error)) return EXIT.usage;
        return results.some((r) => r.issues.length > 0) ? EXIT.failed : EXIT.ok;
      }
      case 'send': {
        if (files.length === 0) throw new UsageError('send takes one or more files');
        if (!values.url) throw new UsageError('send needs --url');
        const timeoutMs = (number(values, 'timeout', false) ?? 10) * 1000;
        const items = files.map((file) => {
          const text = readText(file);
          return { file, text, provider: providerForFixture(file, text) ?? detectProvider(parsePayload(text, file)) };
        });
        const validator = values['no-validate'] ? undefined : new PayloadValidator(readSchemaFiles(io.schemasDir));
        // IQChannels documents no signature: a batch of IQChannels payloads needs no token.
        const apiToken = items.some((i) => i.provider !== 'iqchannels') ? await readToken(values, io) : undefined;
        const requests = items.map(({ file, text, provider }) => {
          const request = buildWebhookRequest({
            text, url: values.url!, bodyFormat: format, provider, apiToken, timestamp: number(values, 'timestamp'),
            timestampOffsetSeconds: number(values, 'timestamp-offset'), wrongSignature: Boolean(values['wrong-signature']), extraHeaders: headers(values), source: file,
          });
          const issues = validator?.validateText(text, provider, file).issues ?? [];
          if (issues.length > 0) throw new UsageError(`${file} does not match its schema (use --no-validate to send anyway):\n${issues.map((i) => `  ${file}:${i.line}:${i.column}: ${i.path}: ${i.message}`).join('\n')}`);
          return { file, request };
        });
        const results = [];
        for (const { file, request } of requests) {
          try {
            const response = await sendWebhook(request, { timeoutMs });
            results.push({ file, ok: response.ok, status: response.status, statusText: response.statusText, elapsedMs: Math.round(response.elapsedMs), signed: request.signed, body: response.body });
            if (!json) io.stdout(`${basename(file)} -> ${response.status} ${response.statusText} in ${Math.round(response.elapsedMs)} ms${request.signed ? '' : ' (unsigned: IQChannels)'}\n`);
          } catch (error) {
            results.push({ file, ok: false, error: describeError(error), code: error instanceof WebhookStudioError ? error.code : 'error' });
            if (!json) io.stdout(`${basename(file)} -> failed: ${describeError(error)}\n`);
          }
        }
        if (json) io.stdout(`${JSON.stringify(results, null, 2)}\n`);
        return results.every((r) => r.ok) ? EXIT.ok : EXIT.failed;
      }
      default:
        throw new UsageError(`Unknown command "${command}". Commands: send, sign, verify, validate, listen.`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof WebhookStudioError) {
      io.stderr(`${describeError(error)}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    readStdin: async () => { const chunks: Buffer[] = []; for await (const c of process.stdin) chunks.push(c as Buffer); return Buffer.concat(chunks).toString('utf8'); },
    // dist/cli.js in the package, src/cli.ts in development: schemas/ is one level up from both.
    schemasDir: join(__dirname, '..', 'schemas'),
  }).then((code) => { process.exitCode = code; }, (error) => { process.stderr.write(`webhook-studio: ${(error as Error).stack ?? error}\n`); process.exitCode = 2; });
}
