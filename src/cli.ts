// webhook-studio: the CLI for CI, over src/core only (the same pipeline as the extension's sender).
//   send <file...> --url URL     sign <file>     verify --body-file F --timestamp T --signature S     validate <file...>
// Exit codes: 0 ok, 1 a check failed or the handler answered non-2xx / could not be reached, 2 usage or input error.
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError, WebhookStudioError } from './core/errors';
import { languageFromEnv, readBundle, t, useTranslations } from './core/l10n';
import { describeSigning, RESPONSE_BODY_LIMIT_BYTES } from './core/exchange';
import { createRequest, planPayload, type PayloadPlan } from './core/payload';
import { redactSecrets } from './core/redact';
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, parseEndpointUrl, sendWebhook } from './core/send';
import { signPayload, verifySignature } from './core/signature';
import { describeStatusSpec, parseStatusSpec, statusMatches } from './core/status';
import { PayloadValidator } from './core/validate';
import {
  bodyFormat,
  EXIT,
  guardedIo,
  headers,
  joinNegativeValues,
  readBytes,
  readToken as readCliToken,
  reportFailure,
  schemaMismatchText,
  timeoutMs,
  UsageError,
  wholeNumber,
  type CliIo,
} from './cli/common';
import { DELIVER_HELP, runDeliver } from './cli/deliver';
import { runListen } from './cli/listen';
import { runTypes, TYPES_HELP } from './cli/types';
import { runTest, TEST_HELP } from './cli/test';
import { runScaffold, SCAFFOLD_HELP } from './cli/scaffold';

export { EXIT, type CliIo } from './cli/common';

export const HELP = `webhook-studio: sign, send, verify and validate Chat2Desk / IQChannels webhook payloads

Usage:
  webhook-studio send <file...> --url URL [options]   POST each file as Chat2Desk would, in order
  webhook-studio sign <file> [options]                 print the X-Signature / X-Timestamp headers
  webhook-studio verify --body-file F --timestamp T --signature S [--tolerance SECONDS]
  webhook-studio validate <file...>                    check payloads against the documented schemas
${DELIVER_HELP}
  webhook-studio listen [--port N] [--forward-to URL] [--status CODE] [--save-dir DIR] [--tolerance S] [--json]
                                                       receive, verify and check webhooks (listen --help)
${TYPES_HELP}
${TEST_HELP}
${SCAFFOLD_HELP}
Options:
  --token-env NAME        environment variable holding the API token (default CHAT2DESK_API_TOKEN)
  --token-stdin           read the API token from standard input
  --format compact|asWritten|escaped   body format (default compact: what Chat2Desk sends; escaped:
                          compact with \\u00e9 and \\/ escapes, as PHP writes JSON)
  --timestamp SECONDS     sign with this Unix time instead of now
  --timestamp-offset N    shift the timestamp by N seconds (negative: in the past)
  --wrong-signature       send a deliberately wrong signature
  --header "Name: value"  extra request header (repeatable)
  --timeout SECONDS       per-request timeout (default ${DEFAULT_TIMEOUT_SECONDS}, at most ${MAX_TIMEOUT_SECONDS})
  --no-validate           send even if a payload does not match its schema
  --expect-status SPEC    the answer send expects: a code (401), a class (4xx) or codes (401,403);
                          default 2xx (--wrong-signature --expect-status 4xx: fails if the handler accepts it)
  --json                  machine-readable output (errors too)
  -h, --help              this help

Payload files must be UTF-8. The token is never accepted as an argument (it would end up in shell
history and process lists), and is never printed.
Exit codes: 0 ok; 1 a check failed; 2 usage or input error (the same in every subcommand):
  1: a schema mismatch, a non-2xx answer, an unreachable handler, a failed test
  2: a bad option, a missing token, an unreadable file (missing, not a file, over 25 MB), invalid JSON
`;

/** Options each command takes besides --json/--help; a command not listed here takes any. */
const COMMAND_OPTIONS: Record<string, string[]> = {
  send: ['url', 'token-env', 'token-stdin', 'format', 'timestamp', 'timestamp-offset', 'wrong-signature', 'header', 'timeout', 'no-validate', 'expect-status'],
  sign: ['token-env', 'token-stdin', 'format', 'timestamp', 'timestamp-offset'],
  verify: ['body-file', 'timestamp', 'signature', 'tolerance', 'token-env', 'token-stdin'],
  validate: [],
};
const COMMANDS = Object.keys(COMMAND_OPTIONS);
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  // What we print never aborts the work (a closed pipe, `| head -1`) and never carries a secret.
  const guarded = guardedIo(argv, rawIo);
  // Messages follow the POSIX locale (LC_ALL, LC_MESSAGES, LANG; ru* is Russian). l10n/ sits beside schemas/.
  const language = languageFromEnv(rawIo.env);
  useTranslations(language ? readBundle(join(rawIo.schemasDir, '..', 'l10n'), language) : undefined);
  const { io, secrets } = guarded;
  const { stdout } = io;
  // Subcommands that parse their own options.
  if (argv[0] === 'deliver') return runDeliver(argv.slice(1), io, secrets);
  if (argv[0] === 'listen') return runListen(argv.slice(1), io, secrets);
  if (argv[0] === 'types') return runTypes(argv.slice(1), io);
  if (argv[0] === 'test') return runTest(argv.slice(1), io, secrets);
  if (argv[0] === 'scaffold') return runScaffold(argv.slice(1), io, secrets);

  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        'token-env': { type: 'string' },
        'token-stdin': { type: 'boolean' },
        format: { type: 'string' },
        timestamp: { type: 'string' },
        'timestamp-offset': { type: 'string' },
        'wrong-signature': { type: 'boolean' },
        header: { type: 'string', multiple: true },
        timeout: { type: 'string' },
        'no-validate': { type: 'boolean' },
        'expect-status': { type: 'string' },
        'body-file': { type: 'string' },
        signature: { type: 'string' },
        tolerance: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    reportFailure(io, argv.includes('--json'), error, { code: 'usage', hint: t('Run "webhook-studio --help" for usage.') });
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  const json = Boolean(values.json);
  const print = (human: string, machine: unknown) => stdout(json ? `${JSON.stringify(machine, null, 2)}\n` : `${human}\n`);
  const fail = (error: unknown) => reportFailure(io, json, error);

  if (!command) {
    stdout(HELP);
    return values.help ? EXIT.ok : EXIT.usage;
  }

  const readToken = () => readCliToken(values, io, secrets);

  try {
    if (values.help) {
      if (!COMMAND_OPTIONS[command] && !KNOWN_ELSEWHERE.has(command))
        throw new UsageError(t('Unknown command "{0}". Commands: {1}.', command, [...COMMANDS, ...KNOWN_ELSEWHERE].join(', ')));
      stdout(HELP);
      return EXIT.ok;
    }
    const allowed = COMMAND_OPTIONS[command];
    if (allowed) {
      const extra = Object.keys(values).filter((name) => name !== 'json' && name !== 'help' && !allowed.includes(name));
      if (extra.length > 0)
        throw new UsageError(
          command === 'sign'
            ? t('{0} does not take {1} (sign only prints the headers; use send to post).', command, extra.map((n) => `--${n}`).join(', '))
            : t('{0} does not take {1}.', command, extra.map((n) => `--${n}`).join(', ')),
        );
    }
    const format = bodyFormat(values);
    switch (command) {
      case 'sign': {
        if (files.length !== 1) throw new UsageError(t('sign takes exactly one file'));
        const plan = planPayload({ source: files[0], bytes: readBytes(files[0], 1), provider: 'chat2desk' }, { bodyFormat: format, sign: true });
        const timestamp = wholeNumber(values, 'timestamp', false);
        const offset = wholeNumber(values, 'timestamp-offset', true);
        const headersOut = signPayload(plan.body, { apiToken: await readToken(), timestamp, timestampOffsetSeconds: offset });
        print(`X-Signature: ${headersOut['X-Signature']}\nX-Timestamp: ${headersOut['X-Timestamp']}`, { ...headersOut, bodyBytes: plan.bodyBytes });
        return EXIT.ok;
      }
      case 'verify': {
        const bodyFile = values['body-file'];
        if (!bodyFile || values.timestamp === undefined || values.signature === undefined)
          throw new UsageError(t('verify needs --body-file, --timestamp and --signature'));
        const body = readBytes(bodyFile, 1);
        const tolerance = wholeNumber(values, 'tolerance', false);
        const result = verifySignature({
          body,
          timestamp: values.timestamp,
          signature: values.signature,
          apiToken: await readToken(),
          toleranceSeconds: tolerance,
        });
        print(result.valid ? t('Signature is valid.') : t('Signature is NOT valid: {0}.', result.reason ?? ''), result);
        return result.valid ? EXIT.ok : EXIT.failed;
      }
      case 'validate': {
        if (files.length === 0) throw new UsageError(t('validate takes one or more files'));
        const validator = new PayloadValidator();
        // Every file gets its line: an unreadable or broken one never hides the others' results.
        const results = files.map((file, index) => {
          try {
            const plan = planPayload({ source: file, bytes: readBytes(file, index + 1), path: file }, { bodyFormat: 'asWritten', validator });
            return { file, provider: plan.provider, issues: plan.problems, total: plan.problemCount };
          } catch (error) {
            // Core errors name the file already; "Cannot read ..." names it (or says why it does not).
            if (error instanceof WebhookStudioError || error instanceof UsageError)
              return { file, provider: undefined, issues: [], total: 0, error: redactSecrets(describeError(error), secrets) };
            throw error;
          }
        });
        const human = results
          .map((r) => {
            if ('error' in r && r.error !== undefined) return r.error;
            if (r.issues.length === 0) return t('{0}: valid {1} payload', r.file, r.provider ?? '');
            const lines = r.issues.map((i) => `${r.file}:${i.line}:${i.column}: ${i.path}: ${i.message}`);
            if (r.total > r.issues.length) lines.push(t('{0}: … and {1} more problem(s) not listed', r.file, r.total - r.issues.length));
            return lines.join('\n');
          })
          .join('\n');
        print(human, results);
        if (results.some((r) => 'error' in r)) return EXIT.usage;
        return results.some((r) => r.issues.length > 0) ? EXIT.failed : EXIT.ok;
      }
      case 'send': {
        if (files.length === 0) throw new UsageError(t('send takes one or more files'));
        if (!values.url) throw new UsageError(t('send needs --url'));
        parseEndpointUrl(values.url);
        const extraHeaders = headers(values);
        const timeout = timeoutMs(values);
        const expected = values['expect-status'] === undefined ? undefined : parseStatusSpec(values['expect-status']);
        const timestamp = wholeNumber(values, 'timestamp', false);
        const offset = wholeNumber(values, 'timestamp-offset', true);
        const validator = values['no-validate'] ? undefined : new PayloadValidator();
        // Every file is read, parsed and checked before anything is sent: a sequence is all or nothing.
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
        if (plans.some((p) => p.problems.length > 0)) {
          const text = schemaMismatchText(plans, (source) => t('{0} does not match its schema (use --no-validate to send anyway):', source));
          reportFailure(io, json, new Error(text), { code: 'schema-mismatch' });
          return EXIT.failed;
        }
        // IQChannels documents no signature: a batch of IQChannels payloads needs no token.
        const apiToken = plans.some((p) => p.signs) ? await readToken() : undefined;
        const requests = plans.map((plan) => ({
          file: plan.source!,
          request: createRequest(plan, {
            url: values.url!,
            apiToken,
            timestamp,
            timestampOffsetSeconds: offset,
            wrongSignature: Boolean(values['wrong-signature']),
            headers: extraHeaders,
          }),
        }));
        plans.length = 0; // the parsed documents are not needed any more: a large batch keeps only the bodies
        const results = [];
        for (const { file, request } of requests) {
          const signing = request.wrongSignature ? ` (${t('deliberately wrong signature')})` : request.signed ? '' : ` (${t('unsigned: IQChannels')})`;
          try {
            const response = await sendWebhook(request, { timeoutMs: timeout, secrets, maxResponseBytes: RESPONSE_BODY_LIMIT_BYTES });
            const ok = expected === undefined ? response.ok : statusMatches(expected, response.status);
            results.push({
              file,
              ok,
              status: response.status,
              statusText: response.statusText,
              elapsedMs: Math.round(response.elapsedMs),
              signed: request.signed,
              wrongSignature: request.wrongSignature,
              signing: describeSigning({ signed: request.signed, wrongSignature: request.wrongSignature, request }),
              body: response.body,
              ...(expected === undefined ? {} : { expectedStatus: describeStatusSpec(expected) }),
            });
            const unexpected = expected !== undefined && !ok ? ` (${t('expected {0}', describeStatusSpec(expected))})` : '';
            if (!json)
              stdout(
                `${t('{0} -> {1} {2} in {3} ms', basename(file), response.status, response.statusText, Math.round(response.elapsedMs))}${signing}${unexpected}\n`,
              );
          } catch (error) {
            results.push({
              file,
              ok: false,
              error: describeError(error),
              code: error instanceof WebhookStudioError ? error.code : 'error',
              wrongSignature: request.wrongSignature,
            });
            if (!json) stdout(`${t('{0} -> failed: {1}', basename(file), describeError(error))}${signing}\n`);
          }
        }
        if (json) stdout(`${JSON.stringify(results, null, 2)}\n`);
        return results.every((r) => r.ok) ? EXIT.ok : EXIT.failed;
      }
      default:
        throw new UsageError(t('Unknown command "{0}". Commands: {1}.', command, [...COMMANDS, ...KNOWN_ELSEWHERE].join(', ')));
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof WebhookStudioError) {
      fail(error);
      return EXIT.usage;
    }
    throw error;
  }
}

/** Subcommands dispatched in the switch above but defined in their own files (add yours here and there). */
const KNOWN_ELSEWHERE = new Set<string>(['deliver', 'listen', 'test', 'types', 'scaffold']);

if (require.main === module) {
  // A closed pipe (`webhook-studio send ... | head -1`) must not kill a batch: write errors are dropped.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    // dist/cli.js in the package, src/cli.ts in development: schemas/ is one level up from both.
    schemasDir: join(__dirname, '..', 'schemas'),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      try {
        process.stderr.write(`webhook-studio: unexpected error: ${(error as Error).message ?? error}. Please report it.\n`);
      } catch {
        /* nothing left to tell */
      }
      process.exitCode = 2;
    },
  );
}
