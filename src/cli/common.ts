// What every webhook-studio subcommand shares: the I/O it is given, output that never aborts the
// work or carries a secret, token lookup, file reading and option parsing. No subcommand re-implements these.
import { WebhookStudioError } from '../core/errors';
import { BODY_FORMATS, isBodyFormat, type BodyFormat } from '../core/provider';
import { t } from '../core/l10n';
import { wrapText } from '../core/kit/types/names';
import { assertHeaders, assertToken, type PayloadPlan } from '../core/payload';
import { readPayloadFile } from '../core/payload-file';
import { redactSecrets, secretsOfToken } from '../core/redact';
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from '../core/send';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  readStdin: () => Promise<string>;
  schemasDir: string;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The one usage error of every subcommand: a bad option, a missing argument, an unreadable input. Exits 2. */
export class UsageError extends Error {}

/** What a command runs with: the guarded I/O, the secrets to redact (it grows as tokens are read), the top-level --help. */
export interface CliContext {
  io: CliIo;
  secrets: string[];
  help: () => string;
}

/** A command's row in the table (commands.ts), defined in the command's own file. */
export interface CliCommand {
  name: string;
  /** What it takes, after `webhook-studio` (its synopsis in --help). */
  usage: string;
  /** What it does, in one line. A function: translated when asked, once the locale is set. */
  summary: () => string;
  /** More lines under its entry in --help (another form of the command), if any. */
  more?: () => string;
  /** Its own options: a section of the top-level --help (a function: translated when asked). */
  options?: () => string;
  /** Runs it over the arguments after its name. */
  run: (args: string[], ctx: CliContext) => Promise<number>;
}

/** The column a command's summary starts at in --help. */
const SUMMARY_COLUMN = 55;

/** A command's entry in --help: its synopsis, and its summary beside it (or below it, when the synopsis is long). */
export function helpEntry(usage: string, summary: string): string {
  const synopsis = usage ? `  webhook-studio ${usage}` : '';
  if (synopsis && synopsis.length < SUMMARY_COLUMN - 1) return `${synopsis.padEnd(SUMMARY_COLUMN)}${summary}\n`;
  return `${synopsis ? `${synopsis}\n` : ''}${' '.repeat(SUMMARY_COLUMN)}${summary}\n`;
}

/** An option in --help: the flag as typed (never translated) and what it does (translated). */
export type OptionHelp = readonly [flag: string, description: string];

/** The column options' descriptions start at in --help, and the width they wrap to. */
const DESCRIPTION_COLUMN = 26;
const HELP_WIDTH = 112;

/**
 * A section of --help: its title, each option with its description from one column (below the flag when
 * the flag is long), wrapped at spaces so a translation of any length keeps the layout; then `notes`.
 */
export function optionsSection(title: string, options: readonly OptionHelp[], notes: readonly string[] = []): string {
  const lines = [title];
  for (const [flag, description] of options) {
    const wrapped = wrapText(description, HELP_WIDTH - DESCRIPTION_COLUMN);
    const head = `  ${flag}`;
    if (head.length < DESCRIPTION_COLUMN - 1) lines.push(`${head.padEnd(DESCRIPTION_COLUMN)}${wrapped.shift() ?? ''}`);
    else lines.push(head);
    lines.push(...wrapped.map((line) => `${' '.repeat(DESCRIPTION_COLUMN)}${line}`));
  }
  return `${[...lines, ...notes.flatMap((note) => (note ? wrapText(note, HELP_WIDTH) : ['']))].join('\n')}\n`;
}

/**
 * How every subcommand reports a failure. With --json: one JSON document on stdout, `{"error": {code,
 * message, hint}}` (`line`: on one line, as listen prints its captures); without: message and hint on stderr.
 * `code` defaults to the error's own (a WebhookStudioError's) or `usage`; `hint` is used when the error has none.
 */
export function reportFailure(io: CliIo, json: boolean, error: unknown, options: { code?: string; hint?: string; line?: boolean } = {}): void {
  const own = (error as { code?: unknown; hint?: unknown } | undefined) ?? {};
  const code = options.code ?? (error instanceof WebhookStudioError && typeof own.code === 'string' ? own.code : 'usage');
  const message = error instanceof Error ? error.message : String(error);
  const hint = (typeof own.hint === 'string' && own.hint) || options.hint;
  if (json) io.stdout(`${JSON.stringify({ error: { code, message, ...(hint ? { hint } : {}) } }, null, options.line ? undefined : 2)}\n`);
  else io.stderr(`${message}${hint ? `\n${hint}` : ''}\n`);
}

/** The files that do not match their schema, each with its problems, as send and deliver print them. */
export function schemaMismatchText(plans: readonly PayloadPlan[], heading: (source: string) => string): string {
  return plans
    .filter((p) => p.problems.length > 0)
    .map((p) => {
      const more = p.problemCount > p.problems.length ? `\n  ${t('… and {0} more', p.problemCount - p.problems.length)}` : '';
      return `${heading(p.source ?? '')}\n${p.problems.map((i) => `  ${p.source}:${i.line}:${i.column}: ${i.path}: ${i.message}`).join('\n')}${more}`;
    })
    .join('\n');
}

export const DEFAULT_TOKEN_ENV = 'CHAT2DESK_API_TOKEN';

/** Options whose value may be negative: parseArgs would take "-600" for an option. */
const NUMERIC_OPTIONS = new Set(['--timestamp', '--timestamp-offset', '--timeout', '--tolerance', '--seed']);

export function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (NUMERIC_OPTIONS.has(argv[i]) && /^-\d/.test(argv[i + 1] ?? '')) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

/** A missing "file" that is probably a pasted token: its name is not printed. */
const looksLikeToken = (arg: string) => arg.length >= 16 && /^[A-Za-z0-9_-]+$/.test(arg) && !/\.json$/i.test(arg);

export function readBytes(file: string, position: number): Buffer {
  try {
    return readPayloadFile(file);
  } catch (error) {
    if (error instanceof WebhookStudioError) throw new UsageError(`${error.message} ${error.hint ?? ''}`.trim());
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? t('no such file') : code === 'EISDIR' ? t('it is a folder') : (error as Error).message;
    if (code === 'ENOENT' && looksLikeToken(file))
      throw new UsageError(t('Cannot read file argument {0} (name not shown: it looks like an API token, not a file): no such file', position));
    throw new UsageError(t('Cannot read {0}: {1}', file, reason));
  }
}

/** A whole-number option; `unit` says what it counts (seconds of Unix time by default). */
export function wholeNumber(
  values: Record<string, unknown>,
  name: string,
  allowNegative: boolean,
  unit = allowNegative ? t(' of seconds') : t(' of seconds (Unix time, not negative)'),
): number | undefined {
  const raw = values[name] as string | undefined;
  if (raw === undefined) return undefined;
  if (!(allowNegative ? /^-?\d+$/ : /^\d+$/).test(raw)) throw new UsageError(t('--{0} must be a whole number{1}, got "{2}"', name, unit, raw));
  return Number(raw);
}

export function timeoutMs(values: Record<string, unknown>): number {
  const raw = values.timeout as string | undefined;
  if (raw === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS))
    throw new UsageError(t('--timeout must be more than 0 and at most {0} seconds, got "{1}"', MAX_TIMEOUT_SECONDS, raw));
  return seconds * 1000;
}

/** --format: compact (default), asWritten or escaped. */
export function bodyFormat(values: Record<string, unknown>): BodyFormat {
  const raw = (values.format as string | undefined) ?? 'compact';
  if (!isBodyFormat(raw)) throw new UsageError(t('--format must be one of {0}; got "{1}"', BODY_FORMATS.join(', '), raw));
  return raw;
}

export function headers(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of (values.header as string[] | undefined) ?? []) {
    const match = /^([^:\s]+)\s*:\s*(.*)$/s.exec(raw);
    if (!match) throw new UsageError(t('--header must look like "Name: value", got "{0}"', raw));
    out[match[1]] = match[2];
  }
  assertHeaders(out);
  return out;
}

/**
 * The I/O a subcommand writes through: a closed pipe (`| head -1`) never aborts the work, and the
 * token (from the default variable, or whatever was passed as --token-env) is redacted from all output.
 * `secrets` grows as tokens are read.
 */
export function guardedIo(argv: string[], io: CliIo): { io: CliIo; secrets: string[] } {
  const secrets: string[] = [];
  const safe = (write: (text: string) => void) => (text: string) => {
    try {
      write(redactSecrets(text, secrets));
    } catch {
      /* output is best effort */
    }
  };
  const envName = (() => {
    const i = argv.findIndex((a) => a === '--token-env' || a.startsWith('--token-env='));
    return i < 0 ? DEFAULT_TOKEN_ENV : argv[i].includes('=') ? argv[i].slice(12) : argv[i + 1];
  })();
  secrets.push(...secretsOfToken(io.env[envName ?? DEFAULT_TOKEN_ENV]?.trim()));
  // A token passed where a name or file belongs is redacted too, whatever it is.
  if (envName && envName !== DEFAULT_TOKEN_ENV && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(envName)) secrets.push(envName);
  return { io: { ...io, stdout: safe(io.stdout), stderr: safe(io.stderr) }, secrets };
}

/** The API token from --token-stdin or the variable --token-env names (never from an argument), checked. */
export async function readToken(values: { 'token-stdin'?: boolean; 'token-env'?: string }, io: CliIo, secrets: string[]): Promise<string> {
  let token: string;
  if (values['token-stdin']) {
    token = (await io.readStdin()).trim();
    secrets.push(...secretsOfToken(token));
    if (!token) throw new UsageError(t('--token-stdin: standard input was empty'));
  } else {
    const name = values['token-env'] ?? DEFAULT_TOKEN_ENV;
    token = io.env[name]?.trim() ?? '';
    if (!token) {
      if (name === DEFAULT_TOKEN_ENV)
        throw new UsageError(t('No API token: set the environment variable {0} (or pass --token-env NAME, or --token-stdin).', DEFAULT_TOKEN_ENV));
      throw new UsageError(
        t(
          'No API token: the environment variable named by --token-env is not set or is empty. --token-env takes the NAME of a variable, never the token itself (the name is not repeated here in case it is the token).',
        ),
      );
    }
  }
  assertToken(token);
  return token;
}
