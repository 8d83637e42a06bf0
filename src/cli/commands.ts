// The CLI's commands, one file each under src/cli/ (model: stripe-cli's thin commands): this table is
// what the dispatcher (src/cli.ts) and --help read. A new command: its file, exporting its row, and
// the row here.
import { t } from '../core/l10n';
import { helpEntry, type CliCommand } from './common';
import { deliverCommand } from './deliver';
import { listenCommand } from './listen';
import { scaffoldCommand } from './scaffold';
import { sendCommand } from './send';
import { signCommand } from './sign';
import { signingOptionsHelp } from './signing-command';
import { testCommand } from './test';
import { typesCommand } from './types';
import { validateCommand } from './validate';
import { verifyCommand } from './verify';

export const CLI_COMMANDS: readonly CliCommand[] = [
  sendCommand,
  signCommand,
  verifyCommand,
  validateCommand,
  deliverCommand,
  listenCommand,
  typesCommand,
  testCommand,
  scaffoldCommand,
];

export const findCommand = (name: string | undefined): CliCommand | undefined => CLI_COMMANDS.find((c) => c.name === name);

/** The top-level --help: every command's entry; the options send, sign and verify share, then each command's own; what holds for all. */
export function cliHelp(): string {
  const entries = CLI_COMMANDS.map((c) => `${helpEntry(c.usage, c.summary())}${c.more?.() ?? ''}`).join('');
  const sections = [signingOptionsHelp(), ...CLI_COMMANDS.flatMap((c) => (c.options ? [c.options()] : []))].join('\n');
  return `${t('webhook-studio: sign, send, verify and validate Chat2Desk / IQChannels webhook payloads')}

${t('Usage:')}
${entries}
${sections}
${t('Payload files must be UTF-8. The token is never accepted as an argument (it would end up in shell\nhistory and process lists), and is never printed.')}
${t('Exit codes: 0 ok; 1 a check failed; 2 usage or input error (the same in every subcommand):')}
  ${t('1: a schema mismatch, a non-2xx answer, an unreachable handler, a failed test')}
  ${t('2: a bad option, a missing token, an unreadable file (missing, not a file, over 25 MB), invalid JSON')}
`;
}
