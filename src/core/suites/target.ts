// What a run talks to: the token, the simulator standing in as the account ("api": "simulator"), the
// handler process and its ready check. `close` stops all of it, whatever happened.
import { randomBytes } from 'node:crypto';
import { t } from '../l10n';
import { secretsOfToken } from '../redact';
import { SuiteError } from './errors';
import { countCalls, type RecordedCall } from './expect';
import { startHandler, waitUntilAnswering, type HandlerProcess } from './handler-process';
import { readProbe } from './probe';
import { substituteEnv } from './render';
import type { SendContext } from './send-step';
import type { ApiCallExpectation, ApiStandIn, LoadedSuite, SuiteRunOptions } from './types';

export interface OpenTarget {
  sendContext: SendContext;
  readProbe(): Promise<number>;
  apiCalls(): readonly RecordedCall[];
  /** The calls made since `from`, once they match the expectations or a second has passed (then 100 ms quiet). */
  settledApiCalls(from: number, expected: readonly ApiCallExpectation[]): Promise<RecordedCall[]>;
  sleep(ms: number): Promise<void>;
  /** The handler's output, for the report. */
  handlerOutput(): string | undefined;
  close(): Promise<void>;
}

const WAIT_FOR_TARGET_SECONDS = 20;

export async function openTarget(suite: LoadedSuite, options: SuiteRunOptions, secrets: string[], output: (text: string) => void): Promise<OpenTarget> {
  const { target } = suite;
  let token = await options.tokenFor(target.account);
  let simulator: ApiStandIn | undefined;
  let handler: HandlerProcess | undefined;
  const extra: Record<string, string> = { ...(target.start?.env ?? {}) };
  const close = async () => {
    await handler?.stop();
    await simulator?.stop();
  };
  try {
    if (suite.api === 'simulator') {
      // The simulator stands in as the account: without a token of yours it makes one up, and signs with it.
      token ??= randomBytes(16).toString('hex');
      if (!options.apiStandIn) throw new Error('"api": "simulator" needs the runner given an API stand-in (see src/runner-bundle.ts)');
      simulator = options.apiStandIn({ token, schemasDir: options.schemasDir });
      extra.CHAT2DESK_API_URL = await simulator.start();
      extra.CHAT2DESK_API_TOKEN = token;
    }
    secrets.push(...secretsOfToken(token));
    const expand = (text: string) => substituteEnv(text, options.env, extra);
    const url = expand(target.url);
    if (target.start) {
      const start = { ...target.start, command: expand(target.start.command), env: extra };
      handler = startHandler(start, options.env, output);
      const signal = options.signal;
      signal?.addEventListener('abort', () => void handler?.stop(), { once: true });
      const ready = target.ready
        ? { url: expand(target.ready.url), timeoutSeconds: target.ready.timeoutSeconds, any2xx: true, range: target.ready.range }
        : undefined;
      await waitUntilAnswering(ready?.url ?? url, {
        timeoutSeconds: ready?.timeoutSeconds ?? WAIT_FOR_TARGET_SECONDS,
        any2xx: ready !== undefined,
        handler,
        signal,
        range: ready?.range ?? target.start.range,
        file: suite.path,
      });
    }
    const calls = () => simulator?.requests ?? [];
    const sendContext: SendContext = {
      url,
      timeoutMs: target.timeoutSeconds * 1000,
      token,
      secrets,
      signal: options.signal,
      render: { vars: { ...(extra.CHAT2DESK_API_URL ? { api_url: extra.CHAT2DESK_API_URL } : {}), ...suite.vars }, seq: { next: 1 }, file: suite.path },
    };
    return {
      sendContext,
      readProbe: async () => {
        if (!suite.probe)
          throw new SuiteError('suite-no-probe', t('An idempotent scenario needs a "probe" in the suite.'), undefined, suite.tests.range, suite.path);
        return readProbe(suite.probe, { file: suite.path, env: { ...options.env, ...extra }, expand, calls, signal: options.signal });
      },
      apiCalls: calls,
      settledApiCalls: async (from, expected) => {
        const deadline = performance.now() + 1000;
        const since = () => calls().slice(from);
        while (performance.now() < deadline && !expected.every((e) => countCalls(e.call, since()) >= e.count)) await sleep(20, options.signal);
        await sleep(100, options.signal);
        return since();
      },
      sleep: (ms) => sleep(ms, options.signal),
      handlerOutput: () => handler?.output(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A wait that ends early (without error) when the run is cancelled. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
