// What send, sign, verify and validate share: one option parser for the four (an option of one given to
// another is named as such: "sign does not take --url"), their options' help, and one way to run them:
// a usage or input error is reported (as JSON with --json) and exits 2.
import { parseArgs } from 'node:util';
import { WebhookStudioError } from '../core/errors';
import { t } from '../core/l10n';
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from '../core/send';
import { DEFAULT_TOKEN_ENV, EXIT, joinNegativeValues, optionsSection, reportFailure, UsageError, type CliContext } from './common';

const OPTIONS = {
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
} as const;

export const signingOptionsHelp = (): string =>
  optionsSection(t('Options of send, sign and verify:'), [
    ['--token-env NAME', t('environment variable holding the API token (default {0})', DEFAULT_TOKEN_ENV)],
    ['--token-stdin', t('read the API token from standard input')],
    [
      '--format compact|asWritten|escaped',
      t('body format (default compact: what Chat2Desk sends; escaped: compact with \\u00e9 and \\/ escapes, as PHP writes JSON)'),
    ],
    ['--timestamp SECONDS', t('sign with this Unix time instead of now')],
    ['--timestamp-offset N', t('shift the timestamp by N seconds (negative: in the past)')],
    ['--wrong-signature', t('send a deliberately wrong signature')],
    ['--header "Name: value"', t('extra request header (repeatable)')],
    ['--timeout SECONDS', t('per-request timeout (default {0}, at most {1})', DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS)],
    ['--no-validate', t('send even if a payload does not match its schema')],
    [
      '--expect-status SPEC',
      t(
        'the answer send expects: a code (401), a class (4xx) or codes (401,403); default 2xx (--wrong-signature --expect-status 4xx: fails if the handler accepts it)',
      ),
    ],
    ['--json', t('machine-readable output (errors too)')],
    ['-h, --help', t('this help')],
  ]);

export type SigningValues = ReturnType<typeof parseSigningArgs>['values'];

/** The four commands' arguments (options anywhere: before or after the command's name), with where each was (`tokens`). */
export function parseSigningArgs(args: string[]) {
  const joined = joinNegativeValues(args);
  return { args: joined, ...parseArgs({ args: joined, allowPositionals: true, strict: true, tokens: true, options: OPTIONS }) };
}

/** What a signing command's body is given: its options and files, and a printer that honours --json. */
export interface SigningRun {
  values: SigningValues;
  files: string[];
  json: boolean;
  ctx: CliContext;
  print: (human: string, machine: unknown) => void;
}

export interface SigningCommandSpec {
  name: string;
  /** The options it takes besides --json and --help. */
  takes: readonly string[];
  /** Why another command's option is refused, when there is more to say than "does not take". */
  refusalNote?: (options: string) => string;
  body: (run: SigningRun) => Promise<number>;
}

/** Runs a signing command over the arguments after its name. */
export async function runSigningCommand(spec: SigningCommandSpec, args: string[], ctx: CliContext): Promise<number> {
  const { io } = ctx;
  let parsed;
  try {
    parsed = parseSigningArgs(args);
  } catch (error) {
    reportFailure(io, args.includes('--json'), error, { code: 'usage', hint: t('Run "webhook-studio --help" for usage.') });
    return EXIT.usage;
  }
  const { values, positionals: files } = parsed;
  const json = Boolean(values.json);
  if (values.help) {
    io.stdout(ctx.help());
    return EXIT.ok;
  }
  const print = (human: string, machine: unknown) => io.stdout(json ? `${JSON.stringify(machine, null, 2)}\n` : `${human}\n`);
  try {
    const extra = Object.keys(values).filter((name) => name !== 'json' && name !== 'help' && !spec.takes.includes(name));
    if (extra.length > 0) {
      const options = extra.map((n) => `--${n}`).join(', ');
      throw new UsageError(spec.refusalNote?.(options) ?? t('{0} does not take {1}.', spec.name, options));
    }
    return await spec.body({ values, files, json, ctx, print });
  } catch (error) {
    if (error instanceof UsageError || error instanceof WebhookStudioError) {
      reportFailure(io, json, error);
      return EXIT.usage;
    }
    throw error;
  }
}
