// Issue 18 item 6: the CLI's commands are one table (src/cli/commands.ts) that the dispatcher and --help
// both read, so a command cannot be dispatched without being documented, or documented without running.
import * as assert from 'node:assert/strict';
import { EXIT } from '../../../src/cli';
import { CLI_COMMANDS } from '../../../src/cli/commands';
import { runCliCapturing, scratchFiles } from '../../support/cli';

const TOKEN = 'cli-commands-test-token-5b1c';
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCliCapturing(args, TOKEN, { env });

describe('CLI: one table of commands for the dispatcher and --help', () => {
  const files = scratchFiles('webhook-studio-commands-');
  after(() => files.remove());

  it('--help has every command of the table, in its order, each with its one-line summary', async () => {
    const { code, stdout } = await cli(['--help']);
    assert.equal(code, EXIT.ok);
    let from = 0;
    for (const command of CLI_COMMANDS) {
      const at = stdout.indexOf(`webhook-studio ${command.usage}`, from);
      assert.ok(at >= from, `${command.name}: its usage is listed after the previous command's`);
      assert.ok(stdout.indexOf(command.summary(), at) > at, `${command.name}: its summary follows its usage`);
      from = at;
    }
  });

  it('every command of the table answers its own --help with exit 0 and its usage', async () => {
    for (const command of CLI_COMMANDS) {
      const { code, stdout } = await cli([command.name, '--help']);
      assert.equal(code, EXIT.ok, command.name);
      assert.ok(stdout.includes(`webhook-studio ${command.usage.split(' ')[0]}`), `${command.name} --help:\n${stdout}`);
    }
  });

  it('in Russian, every help page describes every option in Russian, wrapped to the layout', async () => {
    const option = /^ {2}(-\S.*?)(?: {2,}(\S.*))?$/;
    for (const args of [['--help'], ...CLI_COMMANDS.map((command) => [command.name, '--help'])]) {
      const { code, stdout } = await cli(args, { LANG: 'ru_RU.UTF-8' });
      assert.equal(code, EXIT.ok, args.join(' '));
      const lines = stdout.split('\n');
      let options = 0;
      lines.forEach((line, i) => {
        const match = option.exec(line);
        if (!match) return;
        options++;
        // The description is beside the flag, or on the next line when the flag is long.
        const description = match[2] ?? lines[i + 1]?.trim() ?? '';
        assert.match(description, /[А-Яа-яЁё]/, `${args.join(' ')}: ${match[1]} is described in English: ${description}`);
        for (const shown of [line, lines[i + 1] ?? '']) assert.ok(shown.length <= 112, `${args.join(' ')}: wider than the layout: ${shown}`);
      });
      // scaffold lists its frameworks instead.
      if (args[0] !== 'scaffold') assert.ok(options > 0, `${args.join(' ')} lists its options`);
    }
  });

  it('an unknown command names every command of the table', async () => {
    const { code, stderr } = await cli(['frobnicate']);
    assert.equal(code, EXIT.usage);
    assert.match(stderr, new RegExp(`Commands: ${CLI_COMMANDS.map((c) => c.name).join(', ')}\\.`));
  });

  it('options may come before the name of a command that takes the shared options', async () => {
    const inbox = files.file('inbox.chat2desk.json', '{ "hook_type": "inbox", "message_id": "not a number" }');
    const after = await cli(['validate', inbox, '--json']);
    const before = await cli(['--json', 'validate', inbox]);
    assert.equal(after.code, EXIT.failed);
    assert.deepEqual(before, after);
    assert.equal((JSON.parse(before.stdout) as { file: string }[])[0].file, inbox);
  });
});
