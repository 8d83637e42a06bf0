// webhook-studio validate <file...>: checks payload files against the documented schemas, each problem at
// its file:line:column. Exit 1 when a payload does not match, 2 when a file cannot be read or parsed.
import { describeError, WebhookStudioError } from '../core/errors';
import { t } from '../core/l10n';
import { planPayload, type ValidationIssue } from '../core/payload';
import type { Provider } from '../core/provider';
import { redactSecrets } from '../core/redact';
import { PayloadValidator } from '../core/validate';
import { EXIT, readBytes, UsageError, type CliCommand } from './common';
import { runSigningCommand } from './signing-command';

interface FileResult {
  file: string;
  provider: Provider | undefined;
  issues: ValidationIssue[];
  total: number;
  error?: string;
}

function humanLine(r: FileResult): string {
  if (r.error !== undefined) return r.error;
  if (r.issues.length === 0) return t('{0}: valid {1} payload', r.file, r.provider ?? '');
  const lines = r.issues.map((i) => `${r.file}:${i.line}:${i.column}: ${i.path}: ${i.message}`);
  if (r.total > r.issues.length) lines.push(t('{0}: … and {1} more problem(s) not listed', r.file, r.total - r.issues.length));
  return lines.join('\n');
}

export const validateCommand: CliCommand = {
  name: 'validate',
  usage: 'validate <file...>',
  summary: () => t('check payloads against the documented schemas'),
  run: (args, ctx) =>
    runSigningCommand(
      {
        name: 'validate',
        takes: [],
        body: async ({ files, print }) => {
          if (files.length === 0) throw new UsageError(t('validate takes one or more files'));
          const validator = new PayloadValidator();
          // Every file gets its line: an unreadable or broken one never hides the others' results.
          const results = files.map((file, index): FileResult => {
            try {
              const plan = planPayload({ source: file, bytes: readBytes(file, index + 1), path: file }, { bodyFormat: 'asWritten', validator });
              return { file, provider: plan.provider, issues: plan.problems, total: plan.problemCount };
            } catch (error) {
              // Core errors name the file already; "Cannot read ..." names it (or says why it does not).
              if (error instanceof WebhookStudioError || error instanceof UsageError)
                return { file, provider: undefined, issues: [], total: 0, error: redactSecrets(describeError(error), ctx.secrets) };
              throw error;
            }
          });
          print(results.map(humanLine).join('\n'), results);
          if (results.some((r) => r.error !== undefined)) return EXIT.usage;
          return results.some((r) => r.issues.length > 0) ? EXIT.failed : EXIT.ok;
        },
      },
      args,
      ctx,
    ),
};
