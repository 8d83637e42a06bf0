// The handler a suite starts: spawned through the shell in its own process group (so stopping it stops
// whatever it spawned: `npm start` -> node), its output kept for the report, and waited for, bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import { t } from '../l10n';
import { httpRequest } from '../send';
import { SuiteError } from './errors';
import type { SourceRange } from './types';

const OUTPUT_KEPT = 64 * 1024;
const STOP_GRACE_MS = 2000;

export interface HandlerProcess {
  /** The last 64 KB of stdout and stderr. */
  output(): string;
  /** Set once the process has exited: its code or signal. */
  exited(): string | undefined;
  stop(): Promise<void>;
}

export function startHandler(
  start: { command: string; cwd: string; env: Record<string, string>; range?: SourceRange },
  env: NodeJS.ProcessEnv,
  onOutput: (text: string) => void,
): HandlerProcess {
  let kept = '';
  let exit: string | undefined;
  const child: ChildProcess = spawn(start.command, {
    shell: true,
    cwd: start.cwd,
    env: { ...env, ...start.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    });
    child.once('error', (error) => {
      exit = error.message;
      resolve();
    });
  });
  const take = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    kept = (kept + text).slice(-OUTPUT_KEPT);
    onOutput(text);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  return {
    output: () => kept,
    exited: () => exit,
    stop: async () => {
      if (exit !== undefined) return;
      signalGroup('SIGTERM');
      const timer = new Promise<'late'>((r) => setTimeout(() => r('late'), STOP_GRACE_MS).unref());
      if ((await Promise.race([exitedPromise.then(() => 'gone' as const), timer])) === 'late') {
        signalGroup('SIGKILL');
        await Promise.race([exitedPromise, new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref())]);
      }
    },
  };
}

/**
 * Until the URL answers: 2xx for a ready check, any HTTP answer when waiting for the target itself.
 * Fails early when the handler exits, and after `timeoutSeconds` with what it printed.
 */
export async function waitUntilAnswering(
  url: string,
  options: { timeoutSeconds: number; any2xx: boolean; handler?: HandlerProcess; signal?: AbortSignal; range?: SourceRange; file: string },
): Promise<void> {
  const deadline = performance.now() + options.timeoutSeconds * 1000;
  let last = '';
  const tail = () => (options.handler ? t(' Its output ends with:\n{0}', options.handler.output().slice(-2000)) : '');
  while (performance.now() < deadline) {
    if (options.signal?.aborted) throw new SuiteError('cancelled', t('Cancelled.'));
    const exit = options.handler?.exited();
    if (exit !== undefined)
      throw new SuiteError(
        'suite-start-exited',
        t("The handler's start command exited ({0}) before it answered.", exit) + tail(),
        undefined,
        options.range,
        options.file,
      );
    try {
      const response = await httpRequest({ url, method: 'GET', headers: {} }, { timeoutMs: 1000, signal: options.signal });
      if (!options.any2xx || response.ok) return;
      last = t('status {0}', response.status);
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new SuiteError(
    'suite-not-ready',
    t('{0} did not answer {1} within {2} s (last: {3}).', url, options.any2xx ? '2xx' : t('at all'), options.timeoutSeconds, last) + tail(),
    t('Check the start command and the port, or raise "ready.timeoutSeconds".'),
    options.range,
    options.file,
  );
}
