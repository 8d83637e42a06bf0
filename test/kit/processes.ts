// Shell commands for the kit tests, as a user would type them, each bounded in time and killed with its
// whole process group (npm start -> sh -> node; go run -> the built binary).
import { spawn, type ChildProcess } from 'node:child_process';
import { httpRequest } from '../../src/core/send';

export interface Finished {
  code: number | null;
  output: string;
  ms: number;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    /* already gone */
  }
}

function spawnShell(command: string, cwd: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(command, { cwd, env, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { child, output: () => output };
}

/** Runs to the end, or is killed at `timeoutMs` (code null). */
export function runBounded(command: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Finished> {
  const started = Date.now();
  const { child, output } = spawnShell(command, cwd, env);
  return new Promise((done) => {
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output: output() + (code === null ? `\n[killed after ${timeoutMs} ms]` : ''), ms: Date.now() - started });
    });
  });
}

export interface Service {
  output(): string;
  stop(): Promise<void>;
}

/** Starts a long-running command and waits until `readyUrl` answers 2xx (or the command exits, or time is up). */
export async function startService(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  readyUrl: string,
  timeoutMs: number,
): Promise<Service & { readyMs: number }> {
  const started = Date.now();
  const { child, output } = spawnShell(command, cwd, env);
  const closed = new Promise<void>((done) => child.on('close', () => done()));
  const service: Service = {
    output,
    stop: async () => {
      killGroup(child);
      const forced = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await closed;
      clearTimeout(forced);
    },
  };
  for (;;) {
    const ready = await httpRequest({ url: readyUrl, method: 'GET', headers: {} }, { timeoutMs: 2000 }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { ...service, readyMs: Date.now() - started };
    if (child.exitCode !== null || Date.now() - started > timeoutMs) {
      await service.stop();
      throw new Error(`${command} did not answer ${readyUrl} within ${timeoutMs} ms (exit ${child.exitCode}). Its output:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
