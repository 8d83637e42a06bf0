import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Capture } from '../../../../src/core/listen/capture';
import { CaptureHistory } from '../../../../src/core/listen/history';
import { capturePage } from '../../../../src/features/listen/capture-html';
import { webviewPage } from '../../../../src/features/webview-page';
import { present, sessionNodes } from '../../../../src/features/listen/received-model';
import { aCapture } from '../../../support/captures';
import { REPO_ROOT } from '../../../support/paths';

/** The capture panel's whole page, as the panel shows it. */
const renderCaptureHtml = (capture: Capture, nonce: string, cspSource: string) => webviewPage(capturePage(capture), nonce, cspSource);

describe('listen: history shared by windows and processes, and files that do not read', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'webhook-studio-history-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('two histories open on one folder (two windows without a folder) never overwrite each other', async () => {
    const first = await CaptureHistory.open(dir);
    const second = await CaptureHistory.open(dir);
    for (let n = 1; n <= 5; n++) {
      first.add(aCapture({ id: first.newId(), body: `{"window":1,"n":${n}}` }));
      second.add(aCapture({ id: second.newId(), body: `{"window":2,"n":${n}}` }));
    }
    await Promise.all([first.flush(), second.flush()]);
    const bodies = (await CaptureHistory.open(dir)).list().map((c) => c.body);
    assert.equal(bodies.length, 10, `all ten survive: ${bodies.join(' ')}`);
    assert.equal(new Set(bodies).size, 10);
    assert.equal(readdirSync(dir).length, 10);
  });

  it('two processes writing into one folder at the same time: every capture survives', async function () {
    this.timeout(60_000);
    const barrier = mkdtempSync(join(tmpdir(), 'webhook-studio-barrier-'));
    try {
      const writer = (name: string) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/support/history-writer.ts'), dir, barrier, name, '20', '2'], {
            stdio: ['ignore', 'ignore', 'inherit'],
          });
          child.on('exit', resolve);
        });
      assert.deepEqual(await Promise.all([writer('a'), writer('b')]), [0, 0]);
    } finally {
      rmSync(barrier, { recursive: true, force: true });
    }
    const bodies = (await CaptureHistory.open(dir, { maxCaptures: 1000 })).list().map((c) => JSON.parse(c.body) as { writer: string; n: number });
    assert.equal(bodies.length, 40);
    assert.deepEqual(
      ['a', 'b'].map((w) => bodies.filter((b) => b.writer === w).length),
      [20, 20],
    );
  });

  it('a file with missing fields or that does not parse is kept aside as .corrupt; the rest is shown', async () => {
    const history = await CaptureHistory.open(dir);
    history.add(aCapture({ id: history.newId() }));
    await history.flush();
    const { signature: _dropped, ...withoutSignature } = aCapture({ id: '0000000050' });
    writeFileSync(join(dir, '0000000050.json'), JSON.stringify(withoutSignature));
    writeFileSync(join(dir, '0000000051.json'), '{ torn write');
    writeFileSync(join(dir, '0000000052.json'), JSON.stringify({ ...aCapture({ id: '0000000052' }), payload: { schema: 'valid' } }));

    const reloaded = await CaptureHistory.open(dir);
    assert.equal(reloaded.list().length, 1);
    assert.deepEqual(reloaded.unreadable, ['0000000050.json', '0000000051.json', '0000000052.json']);
    // Kept, not deleted: the bytes are still there under the new name.
    assert.equal(readFileSync(join(dir, '0000000051.json.corrupt'), 'utf8'), '{ torn write');
    assert.deepEqual(
      readdirSync(dir)
        .filter((f) => f.endsWith('.corrupt'))
        .sort(),
      ['0000000050.json.corrupt', '0000000051.json.corrupt', '0000000052.json.corrupt'],
    );
    // What was loaded can be shown: tree item, tooltip and panel.
    for (const node of sessionNodes(reloaded.list(), undefined)) {
      present(node);
      if (node.type !== 'session') continue;
      for (const capture of node.captures) {
        assert.match(renderCaptureHtml(capture, 'n', 'c'), /Signature: valid/);
        assert.equal(present({ type: 'capture', capture }).label, 'inbox');
      }
    }
    // A second corrupt file of the same name does not replace the one kept aside.
    writeFileSync(join(dir, '0000000051.json'), '{ torn again');
    await CaptureHistory.open(dir);
    assert.equal(readFileSync(join(dir, '0000000051.json.corrupt'), 'utf8'), '{ torn write');
    assert.equal(readFileSync(join(dir, '0000000051.json.corrupt-2'), 'utf8'), '{ torn again');
  });

  it('a temporary file another process is writing now is left alone; one left by a crash long ago is removed', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '0000000001-aaaaaaaa.json.0badf00d.tmp'), '{"in progress"');
    writeFileSync(join(dir, '0000000002.json.tmp'), '{ interrupted');
    const old = new Date(Date.now() - 2 * 3600 * 1000);
    utimesSync(join(dir, '0000000002.json.tmp'), old, old);
    await CaptureHistory.open(dir);
    assert.deepEqual(readdirSync(dir), ['0000000001-aaaaaaaa.json.0badf00d.tmp']);
  });
});
