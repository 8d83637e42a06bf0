// Runs the real CLI in-process with captured output, and checks on every run that the token it was
// given never reaches that output.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli';
import { SCHEMAS_DIR } from './paths';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliCapturing(args: string[], token: string, options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: options.env ?? { CHAT2DESK_API_TOKEN: token },
    readStdin: async () => options.stdin ?? '',
    schemasDir: SCHEMAS_DIR,
  });
  assert.ok(!stdout.includes(token) && !stderr.includes(token), `the token is never printed:\n${stdout}\n${stderr}`);
  return { code, stdout, stderr };
}

/** A CLI suite's input files in a scratch folder: `file` writes one and returns its path; `remove` deletes them all. */
export function scratchFiles(prefix: string): { dir: string; file(name: string, content: string | Buffer): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
