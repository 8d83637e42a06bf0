import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', '..', 'src');
const READER = 'src/features/configuration.ts';

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('settings are read in one place', () => {
  it(`only ${READER} calls getConfiguration`, () => {
    const files = tsFiles(SRC);
    assert.ok(files.length > 50, `found ${files.length} .ts files under src/`);
    const callers = files
      .filter((file) => /\bgetConfiguration\s*\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(join(SRC, '..'), file).split('\\').join('/'));
    assert.deepEqual(
      callers.filter((file) => file !== READER),
      [],
      `read settings through ${READER} (a typed reader per setting group) instead`,
    );
    assert.deepEqual(callers, [READER], 'the reader itself reads them');
  });
});
