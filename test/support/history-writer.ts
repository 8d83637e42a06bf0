// A second process writing captures into a shared history folder (the listen history tests run two):
//   node --import tsx history-writer.ts <dir> <barrier-dir> <name> <count> <processes>
// It opens the history, waits until every process has opened it (so they all start from the same
// folder state, as two VS Code windows do), then adds `count` captures and flushes.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureHistory } from '../../src/core/listen/history';
import { aCapture } from './captures';

async function main(): Promise<void> {
  const [dir, barrier, name, count, processes] = process.argv.slice(2);
  const history = await CaptureHistory.open(dir, { maxCaptures: 1000 });
  writeFileSync(join(barrier, name), '');
  const deadline = Date.now() + 20_000;
  while (existsSync(barrier) && readdirSync(barrier).length < Number(processes)) {
    if (Date.now() > deadline) throw new Error('the other writers never opened the history');
    await new Promise((r) => setTimeout(r, 10));
  }
  for (let n = 1; n <= Number(count); n++) history.add(aCapture({ id: history.newId(), body: `{"writer":"${name}","n":${n}}` }));
  await history.flush();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
