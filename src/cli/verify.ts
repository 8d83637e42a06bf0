// webhook-studio verify: checks an X-Signature / X-Timestamp pair over a body file, as a handler should
// (exit 1 when the signature is not valid, saying why).
import { t } from '../core/l10n';
import { verifySignature } from '../core/signature';
import { EXIT, readBytes, readToken, UsageError, wholeNumber, type CliCommand } from './common';
import { runSigningCommand } from './signing-command';

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'verify --body-file F --timestamp T --signature S [--tolerance SECONDS]',
  summary: () => t('check a signature over a body, as your handler should'),
  run: (args, ctx) =>
    runSigningCommand(
      {
        name: 'verify',
        takes: ['body-file', 'timestamp', 'signature', 'tolerance', 'token-env', 'token-stdin'],
        body: async ({ values, print }) => {
          const bodyFile = values['body-file'];
          if (!bodyFile || values.timestamp === undefined || values.signature === undefined)
            throw new UsageError(t('verify needs --body-file, --timestamp and --signature'));
          const body = readBytes(bodyFile, 1);
          const toleranceSeconds = wholeNumber(values, 'tolerance', false);
          const apiToken = await readToken(values, ctx.io, ctx.secrets);
          const result = verifySignature({ body, timestamp: values.timestamp, signature: values.signature, apiToken, toleranceSeconds });
          print(result.valid ? t('Signature is valid.') : t('Signature is NOT valid: {0}.', result.reason ?? ''), result);
          return result.valid ? EXIT.ok : EXIT.failed;
        },
      },
      args,
      ctx,
    ),
};
