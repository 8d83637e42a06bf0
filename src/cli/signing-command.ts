// What send, sign, verify and validate share: one option parser for the four (an option of one given to
// another is named as such: "sign does not take --url"), their options' help, and one way to run them:
// a usage or input error is reported (as JSON with --json) and exits 2.
import { parseArgs } from 'node:util';
import { WebhookStudioError } from '../core/errors';
import { t } from '../core/l10n';
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from '../core/send';
import { EXIT, joinNegativeValues, reportFailure, UsageError, type CliContext } from './common';

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

export const SIGNING_OPTIONS_HELP = `Options of send, sign and verify:
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
`;

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
