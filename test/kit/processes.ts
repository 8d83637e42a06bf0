// Shell commands for the kit tests (install, type-check), as a user would type them, each bounded in time and
// killed with its whole process group (npm -> sh -> node; go vet -> its tools). The suite runner starts the handlers.
import { spawn, type ChildProcess } from 'node:child_process';

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
