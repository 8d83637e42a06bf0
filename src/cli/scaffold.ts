// webhook-studio scaffold: writes a runnable Chat2Desk webhook handler for a framework, with its
// contract suite (see src/core/kit/). Never overwrites a file unless --force says so.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliIo } from './common';
import { describeError, WebhookStudioError } from '../core/errors';
import { FRAMEWORKS, findFramework } from '../core/kit/frameworks';
import { nextSteps, writeScaffold } from '../core/kit/scaffold';
import { t } from '../core/l10n';
import { redactSecrets } from '../core/redact';

export const SCAFFOLD_HELP = `  webhook-studio scaffold --framework NAME --out DIR [--force] [--json]
                                                       write a Chat2Desk webhook handler and its contract suite
                                                       (scaffold --list: the frameworks)
`;

/** The templates ship beside schemas/ (templates/scaffolds/), in the package as in a checkout. */
export const templatesDirOf = (io: CliIo): string => join(io.schemasDir, '..', 'templates', 'scaffolds');

function listFrameworks(io: CliIo, json: boolean): number {
  if (json) io.stdout(`${JSON.stringify(FRAMEWORKS.map((f) => ({ id: f.id, label: f.label, requires: f.requires() })), null, 2)}\n`);
  else io.stdout(`${FRAMEWORKS.map((f) => `${f.id.padEnd(10)} ${f.label} (${f.requires()})`).join('\n')}\n`);
  return EXIT.ok;
}

export async function runScaffold(args: string[], io: CliIo, secrets: string[] = []): Promise<number> {
  const json = args.includes('--json');
  const fail = (error: unknown, code: number) => {
    const message = redactSecrets(describeError(error), secrets);
    if (json) {
      const hint = error instanceof WebhookStudioError ? error.hint : t('Run "webhook-studio scaffold --help" for usage.');
      io.stdout(`${JSON.stringify({ error: { code: error instanceof WebhookStudioError ? error.code : 'usage', message: (error as Error).message, hint } }, null, 2)}\n`);
    } else io.stderr(`${message}\n${error instanceof WebhookStudioError ? '' : `${t('Run "webhook-studio scaffold --help" for usage.')}\n`}`);
    return code;
  };
  try {
    const { values, positionals } = parseArgs({
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
    if (values.help) {
      io.stdout(`Usage:\n${SCAFFOLD_HELP}\n${t('Frameworks:')}\n`);
      return listFrameworks(io, false);
    }
    if (values.list) return listFrameworks(io, json);
    if (positionals.length > 0) throw new UsageError(t('scaffold takes no file arguments (got "{0}"); the folder is --out DIR', positionals[0]));
    const ids = FRAMEWORKS.map((f) => f.id).join(', ');
    if (!values.framework) throw new UsageError(t('scaffold needs --framework NAME, one of: {0}', ids));
    const framework = findFramework(values.framework);
    if (!framework) throw new UsageError(t('Unknown framework "{0}". Frameworks: {1}.', values.framework, ids));
    if (!values.out) throw new UsageError(t('scaffold needs --out DIR (the folder to write to)'));
    const report = writeScaffold(framework, values.out, { templatesDir: templatesDirOf(io), force: values.force });
    if (json) io.stdout(`${JSON.stringify({ framework: framework.id, ...report, next: nextSteps(framework, report.dir) }, null, 2)}\n`);
    else
      io.stdout(
        `${report.written.map((path) => `${report.overwritten.includes(path) ? t('overwrote') : t('wrote')} ${join(report.dir, path)}`).join('\n')}\n\n${t('Next:')}\n${nextSteps(
          framework,
          report.dir,
        )
          .map((line) => `  ${line}`)
          .join('\n')}\n`,
      );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError || error instanceof WebhookStudioError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return fail(error, EXIT.usage);
    throw error;
  }
}
