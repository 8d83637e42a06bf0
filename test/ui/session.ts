// What the UI suites share: the VSIX packaged once per run, and the folder that keeps each step's
// screenshot. The screenshots are deleted when every UI test passed and kept (the path is printed)
// when one failed.
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageVsix } from '../harness/vsix';

let vsix: string | undefined;
export function packagedVsix(): string {
  vsix ??= packageVsix();
  return vsix;
}

export const screenshotsRoot = process.env.WEBHOOK_STUDIO_UI_SCREENSHOTS ?? join(tmpdir(), `webhook-studio-ui-${Date.now()}`);
let failed = false;

export function screenshotsFor(suite: string): string {
  const dir = join(screenshotsRoot, suite.replace(/[^\w-]+/g, '-'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const mochaHooks = {
  afterEach(this: Mocha.Context) {
    if (this.currentTest?.state === 'failed') failed = true;
  },
  afterAll() {
    if (failed) console.error(`\n[ui] screenshots of every step are kept in ${screenshotsRoot}`);
    else rmSync(screenshotsRoot, { recursive: true, force: true });
  },
};
