// webhook-studio sign <file>: prints the X-Signature / X-Timestamp headers Chat2Desk would send with the
// file's body (compact by default, as Chat2Desk sends it), for a handler tested by hand.
import { planPayload } from '../core/payload';
import { signPayload } from '../core/signature';
import { t } from '../core/l10n';
import { bodyFormat, EXIT, readBytes, readToken, UsageError, wholeNumber, type CliCommand } from './common';
import { runSigningCommand } from './signing-command';

export const signCommand: CliCommand = {
  name: 'sign',
  usage: 'sign <file> [options]',
  summary: () => t('print the X-Signature / X-Timestamp headers'),
  run: (args, ctx) =>
    runSigningCommand(
      {
        name: 'sign',
        takes: ['token-env', 'token-stdin', 'format', 'timestamp', 'timestamp-offset'],
        refusalNote: (options) => t('{0} does not take {1} (sign only prints the headers; use send to post).', 'sign', options),
        body: async ({ values, files, print }) => {
          const format = bodyFormat(values);
          if (files.length !== 1) throw new UsageError(t('sign takes exactly one file'));
          const plan = planPayload({ source: files[0], bytes: readBytes(files[0], 1), provider: 'chat2desk' }, { bodyFormat: format, sign: true });
          const timestamp = wholeNumber(values, 'timestamp', false);
          const offset = wholeNumber(values, 'timestamp-offset', true);
          const apiToken = await readToken(values, ctx.io, ctx.secrets);
          const headers = signPayload(plan.body, { apiToken, timestamp, timestampOffsetSeconds: offset });
          print(`X-Signature: ${headers['X-Signature']}\nX-Timestamp: ${headers['X-Timestamp']}`, { ...headers, bodyBytes: plan.bodyBytes });
          return EXIT.ok;
        },
      },
      args,
      ctx,
    ),
};
