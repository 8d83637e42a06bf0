// webhook-studio scaffold: writes a runnable Chat2Desk webhook handler for a framework, with its
// contract suite (see src/core/kit/). Never overwrites a file unless --force says so.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, helpEntry, reportFailure, UsageError, type CliCommand, type CliIo } from './common';
import { kitBundle } from '../core/kit/load-kit';
import type { TemplateSource } from '../core/kit/templates';
import { t } from '../core/l10n';
import { redactSecrets } from '../core/redact';

/** The installation's root is the folder above schemas/, in the package as in a checkout. */
export const templatesOf = (io: CliIo): TemplateSource => kitBundle().templateSource(join(io.schemasDir, '..'));

function listFrameworks(io: CliIo, json: boolean): number {
  const { FRAMEWORKS } = kitBundle();
  if (json)
    io.stdout(
      `${JSON.stringify(
        FRAMEWORKS.map((f) => ({ id: f.id, label: f.label, requires: f.requires() })),
        null,
        2,
      )}\n`,
    );
  else io.stdout(`${FRAMEWORKS.map((f) => `${f.id.padEnd(10)} ${f.label}: ${f.requires()}`).join('\n')}\n`);
  return EXIT.ok;
}

/** Errors of the kit's own bundle are told apart by shape: its classes are not this bundle's. */
const kitError = (error: unknown): error is Error & { code: string; hint?: string } => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return error instanceof Error && typeof code === 'string' && !code.startsWith('ERR_');
};

function report(io: CliIo, json: boolean, error: unknown, secrets: string[]): number {
  const usage = t('Run "webhook-studio scaffold --help" for usage.');
  const known = kitError(error);
  const message = redactSecrets((error as Error).message, secrets);
  reportFailure(io, json, new Error(message), { code: known ? error.code : 'usage', hint: known ? (error as { hint?: string }).hint : usage });
  return EXIT.usage;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      framework: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      list: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

export async function runScaffold(args: string[], io: CliIo, secrets: string[] = []): Promise<number> {
  const json = args.includes('--json');
  try {
    const { values, positionals } = parse(args);
    if (values.help) {
      io.stdout(`${t('Usage:')}\n${helpEntry(scaffoldCommand.usage, scaffoldCommand.summary())}${scaffoldCommand.more?.() ?? ''}\n${t('Frameworks:')}\n`);
      return listFrameworks(io, false);
    }
    if (values.list) return listFrameworks(io, json);
    const { FRAMEWORKS, findFramework, nextSteps, writeScaffold } = kitBundle();
    if (positionals.length > 0) throw new UsageError(t('scaffold takes no file arguments (got "{0}"); the folder is --out DIR', positionals[0]));
    const ids = FRAMEWORKS.map((f) => f.id).join(', ');
    if (!values.framework) throw new UsageError(t('scaffold needs --framework NAME, one of: {0}', ids));
    const framework = findFramework(values.framework);
    if (!framework) throw new UsageError(t('Unknown framework "{0}". Frameworks: {1}.', values.framework, ids));
    if (!values.out) throw new UsageError(t('scaffold needs --out DIR (the folder to write to)'));
    const written = writeScaffold(framework, values.out, { templates: templatesOf(io), force: values.force });
    const next = nextSteps(framework, written.dir);
    if (json) io.stdout(`${JSON.stringify({ framework: framework.id, ...written, next }, null, 2)}\n`);
    else {
      const lines = written.written.map((path) => `${written.overwritten.includes(path) ? t('overwrote') : t('wrote')} ${join(written.dir, path)}`);
      io.stdout(`${lines.join('\n')}\n\n${t('Next:')}\n${next.map((line) => `  ${line}`).join('\n')}\n`);
    }
    return EXIT.ok;
  } catch (error) {
    // parseArgs' own errors (unknown option, missing value) are usage errors too.
    if (error instanceof UsageError || kitError(error) || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS'))
      return report(io, json, error, secrets);
    throw error;
  }
}

export const scaffoldCommand: CliCommand = {
  name: 'scaffold',
  usage: 'scaffold --framework NAME --out DIR [--force] [--json]',
  summary: () => t('write a Chat2Desk webhook handler and its contract suite'),
  more: () => helpEntry('', t('(scaffold --list: the frameworks)')),
  run: (args, { io, secrets }) => runScaffold(args, io, secrets),
};
