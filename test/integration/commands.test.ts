// What every command shares (features/commands.ts), in the real host: the values VS Code passes a
// command sorted into node, Uri, multi-selection and automation arguments; failures logged and shown.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { commandInput, reportingFailures } from '../../src/features/commands';

type Item = { type: 'webhook'; id: number };
const isItem = (value: unknown): value is Item => typeof value === 'object' && value !== null && (value as Item).type === 'webhook';

/** A real log channel whose error lines are also kept, to read what was logged. */
function recordingLog(): { log: vscode.LogOutputChannel; errors: string[]; dispose(): void } {
  const channel = vscode.window.createOutputChannel('Webhook Studio test', { log: true });
  const errors: string[] = [];
  const log = new Proxy(channel, {
    get: (target, key) =>
      key === 'error'
        ? (message: string) => {
            errors.push(message);
            target.error(message);
          }
        : Reflect.get(target, key),
  });
  return { log, errors, dispose: () => channel.dispose() };
}

describe('Command arguments and failures (features/commands.ts)', () => {
  const a = vscode.Uri.file('/tmp/a.json');
  const b = vscode.Uri.file('/tmp/b.json');

  it('an Explorer multi-selection: the clicked Uri, and every selected Uri (other values dropped)', () => {
    const input = commandInput<{ url?: string }>([a, [a, 'not a uri', b]]);
    assert.equal(input.uri, a);
    assert.deepEqual(input.uris, [a, b]);
    assert.deepEqual(input.args, {});
    assert.equal(input.node, undefined);
  });

  it('a view node is the node, never arguments; automation arguments merge, later ones winning', () => {
    const item: Item = { type: 'webhook', id: 7 };
    const input = commandInput<{ id?: number; event?: string; skipConfirmation?: boolean }, Item>(
      [item, { event: 'inbox', skipConfirmation: false }, { skipConfirmation: true }],
      isItem,
    );
    assert.equal(input.node, item);
    assert.deepEqual(input.args, { event: 'inbox', skipConfirmation: true });
    const other = commandInput<{ id?: number }, Item>([{ type: 'account', id: 3 }], isItem);
    assert.equal(other.node, undefined);
    assert.deepEqual(other.args, {}, "another view's node is not taken for arguments");
  });

  it('nothing (the palette): no node, no Uri, empty arguments', () => {
    assert.deepEqual(commandInput([undefined, null]), { node: undefined, uri: undefined, uris: [], args: {} });
  });

  it('a failing handler resolves to undefined with the failure logged; a working one passes its value through', async () => {
    const { log, errors, dispose } = recordingLog();
    try {
      const failing = reportingFailures(log, async (what: string) => {
        throw new Error(`no ${what}`);
      });
      assert.equal(await failing('luck'), undefined);
      assert.deepEqual(errors, ['no luck']);
      const withContext = reportingFailures(
        log,
        async () => Promise.reject(new Error('refused')),
        () => ({ logAs: 'Connect failed' }),
      );
      assert.equal(await withContext(), undefined);
      assert.equal(errors[1], 'Connect failed: refused');
      assert.equal(await reportingFailures(log, async (n: number) => n * 2)(21), 42);
      assert.equal(errors.length, 2);
    } finally {
      dispose();
    }
  });
});
