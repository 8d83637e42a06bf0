// webhook-studio: the CLI for CI, over src/core only (the same pipeline as the extension's sender). The
// commands are a table (src/cli/commands.ts), one file each under src/cli/; this entry sets up the
// output (never aborting the work, never carrying a secret) and the language, and dispatches.
// Exit codes: 0 ok, 1 a check failed or the handler answered non-2xx / could not be reached, 2 usage or input error.
import { join } from 'node:path';
import { languageFromEnv, readBundle, t, useTranslations } from './core/l10n';
import { CLI_COMMANDS, cliHelp, findCommand } from './cli/commands';
import { EXIT, guardedIo, reportFailure, UsageError, type CliContext, type CliIo } from './cli/common';
import { parseSigningArgs } from './cli/signing-command';

export { EXIT, type CliIo } from './cli/common';

export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  const { io, secrets } = guardedIo(argv, rawIo);
  // Messages follow the POSIX locale (LC_ALL, LC_MESSAGES, LANG; ru* is Russian). l10n/ sits beside schemas/.
  const language = languageFromEnv(rawIo.env);
  useTranslations(language ? readBundle(join(rawIo.schemasDir, '..', 'l10n'), language) : undefined);
  const ctx: CliContext = { io, secrets, help: cliHelp };
  const command = findCommand(argv[0]);
  if (command) return command.run(argv.slice(1), ctx);
  return runWithoutCommandFirst(argv, ctx);
}

/**
 * No command name first: --help, nothing at all, an unknown command, or options before the name of a
 * command that takes the shared options (`--json validate f.json`), which then runs as if named first.
 */
async function runWithoutCommandFirst(argv: string[], ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const json = argv.includes('--json');
  let parsed;
  try {
    parsed = parseSigningArgs(argv);
  } catch (error) {
    reportFailure(io, json, error, { code: 'usage', hint: t('Run "webhook-studio --help" for usage.') });
    return EXIT.usage;
  }
  const name = parsed.positionals[0];
  if (name === undefined) {
    io.stdout(cliHelp());
    return parsed.values.help ? EXIT.ok : EXIT.usage;
  }
  const command = findCommand(name);
  if (!command) {
    const error = new UsageError(t('Unknown command "{0}". Commands: {1}.', name, CLI_COMMANDS.map((c) => c.name).join(', ')));
    reportFailure(io, json, error);
    return EXIT.usage;
  }
  const at = parsed.tokens.find((token) => token.kind === 'positional')!.index;
  return command.run([...parsed.args.slice(0, at), ...parsed.args.slice(at + 1)], ctx);
}

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
