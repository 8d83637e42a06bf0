// The side-effect probe: a number read before and after a run (HTTP GET + JSON path, a shell command's
// stdout, or the count of simulator calls). Idempotency compares the deltas.
import { exec } from 'node:child_process';
import { t } from '../l10n';
import { httpRequest } from '../send';
import { SuiteError } from './errors';
import { countCalls, type RecordedCall } from './expect';
import { parseJsonPath, valueAtPath } from './json-path';
import type { Probe } from './types';

const PROBE_TIMEOUT_MS = 10_000;

export async function readProbe(
  probe: Probe,
  ctx: { file: string; env: NodeJS.ProcessEnv; expand: (s: string) => string; calls: () => readonly RecordedCall[]; signal?: AbortSignal },
): Promise<number> {
  const fail = (message: string) => new SuiteError('suite-probe-failed', t('The probe failed: {0}', message), undefined, probe.range, ctx.file);
  let raw: unknown;
  if (probe.kind === 'apiCalls') return countCalls(probe.call, ctx.calls());
  if (probe.kind === 'http') {
    const url = ctx.expand(probe.url);
    let response;
    try {
      response = await httpRequest({ url, method: 'GET', headers: { Accept: 'application/json' } }, { timeoutMs: PROBE_TIMEOUT_MS, signal: ctx.signal });
    } catch (error) {
      throw fail((error as Error).message);
    }
    if (!response.ok) throw fail(t('GET {0} answered {1}.', url, response.status));
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      throw fail(t('GET {0} did not answer JSON.', url));
    }
    const found = valueAtPath(body, parseJsonPath(probe.path) as (string | number)[]);
    if (!found.found) throw fail(t('{0} is not in the answer of GET {1}.', probe.path, url));
    raw = found.value;
  } else {
    raw = await new Promise<string>((resolve, reject) => {
      exec(ctx.expand(probe.command), { cwd: probe.cwd, env: ctx.env, timeout: PROBE_TIMEOUT_MS, signal: ctx.signal }, (error, stdout, stderr) =>
        error ? reject(fail(`${error.message.trim()} ${stderr.trim()}`.trim())) : resolve(stdout.trim()),
      );
    });
  }
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(value)) throw fail(t('it read {0}, not a number.', JSON.stringify(raw)));
  return value;
}
