// Runs the real CLI in-process with captured output, and checks on every run that the token it was
// given never reaches that output.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli';
import { REPO_ROOT, SCHEMAS_DIR } from './paths';

export interface CliRun {
  /** null: ended by a signal it did not handle. */
  code: number | null;
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

export interface CliProcess {
  /** The address it printed ("Listening on http://127.0.0.1:N"), or '' if it exited first. */
  url: string;
  output(): { stdout: string; stderr: string };
  /** Sends the signal (Ctrl-C by default) and resolves with how it ended. */
  stop(signal?: NodeJS.Signals): Promise<CliRun>;
}

/**
 * The real CLI in its own process, as a terminal runs it, for commands that run until Ctrl-C (listen).
 * Resolves once it prints its address (or exits). Like runCliCapturing, it checks that neither the token
 * nor any of `secrets` ever reaches its output.
 */
export async function startCliProcess(args: string[], token: string, options: { env?: NodeJS.ProcessEnv; secrets?: string[] } = {}): Promise<CliProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli.ts'), ...args], {
    env: { ...process.env, CHAT2DESK_API_TOKEN: token, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 30_000;
  while (!/Listening on http/.test(stderr) && !gone && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const url = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1] ?? '';
  return {
    url,
    output: () => ({ stdout, stderr }),
    async stop(signal = 'SIGINT') {
      if (!gone) child.kill(signal);
      const code = await exited;
      for (const secret of [token, ...(options.secrets ?? [])])
        assert.ok(!stdout.includes(secret) && !stderr.includes(secret), `a secret is never printed:\n${stdout}\n${stderr}`);
      return { code, stdout, stderr };
    },
  };
}
