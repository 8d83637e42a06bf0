// A step's expectations against one answer: status, latency, headers, body JSON paths, API calls.
import { t } from '../l10n';
import type { WebhookResponse } from '../send';
import { parseJsonPath, valueAtPath } from './json-path';
import { describeStatusSpec, statusMatches } from '../status';
import type { ApiCallExpectation, StepExpect, SuiteFailure } from './types';

export interface RecordedCall {
  method: string;
  path: string;
}

/** `POST /v1/messages` matches that method and any path starting with it (`/v1/messages?x=1`, `/v1/messages/5`). */
export function callMatches(spec: string, call: RecordedCall): boolean {
  const [method, path] = spec.split(' ');
  return call.method === method && (call.path === path || call.path.startsWith(`${path}?`) || call.path.startsWith(`${path}/`));
}

export function countCalls(spec: string, calls: readonly RecordedCall[]): number {
  return calls.filter((c) => callMatches(spec, c)).length;
}

export function checkApiCalls(expected: readonly ApiCallExpectation[], calls: readonly RecordedCall[]): SuiteFailure[] {
  return expected.flatMap((e) => {
    const count = countCalls(e.call, calls);
    if (count === e.count) return [];
    const made = calls.map((c) => `${c.method} ${c.path}`).join(', ') || t('none');
    return [
      {
        message: t('The handler made {0} {1} call(s), expected {2} (calls made: {3}).', count, e.call, e.count, made),
        expected: String(e.count),
        actual: String(count),
        range: e.range,
      },
    ];
  });
}

export function checkResponse(expect: StepExpect, response: WebhookResponse): SuiteFailure[] {
  const failures: SuiteFailure[] = [];
  if (!statusMatches(expect.status, response.status))
    failures.push({
      message: t('Status {0}, expected {1}.', response.status, describeStatusSpec(expect.status)),
      expected: describeStatusSpec(expect.status),
      actual: String(response.status),
      range: expect.range,
    });
  if (expect.latencyMs !== undefined && response.elapsedMs > expect.latencyMs)
    failures.push({
      message: t('Answered in {0} ms, expected at most {1} ms.', Math.round(response.elapsedMs), expect.latencyMs),
      expected: `<= ${expect.latencyMs}`,
      actual: String(Math.round(response.elapsedMs)),
      range: expect.range,
    });
  for (const [name, want] of Object.entries(expect.headers ?? {})) {
    const got = response.headers[name.toLowerCase()];
    if (got === undefined || !got.toLowerCase().includes(want.toLowerCase()))
      failures.push({
        message: t('Response header {0} is {1}, expected it to contain "{2}".', name, got === undefined ? t('absent') : `"${got}"`, want),
        expected: want,
        actual: got,
        range: expect.range,
      });
  }
  if (expect.body.length > 0) failures.push(...checkBody(expect, response.body));
  return failures;
}

function checkBody(expect: StepExpect, text: string): SuiteFailure[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [{ message: t('The answer is not JSON, so its body expectations cannot hold.'), actual: text.slice(0, 200), range: expect.body[0].range }];
  }
  return expect.body.flatMap((b): SuiteFailure[] => {
    const path = parseJsonPath(b.path) as (string | number)[];
    const { found, value } = valueAtPath(body, path);
    const shown = found ? JSON.stringify(value) : t('absent');
    if (b.exists !== undefined && found !== b.exists)
      return [{ message: t('{0} is {1}, expected it to {2}.', b.path, shown, b.exists ? t('exist') : t('be absent')), range: b.range }];
    if (b.equals !== undefined && (!found || JSON.stringify(value) !== JSON.stringify(b.equals)))
      return [
        { message: t('{0} is {1}, expected {2}.', b.path, shown, JSON.stringify(b.equals)), expected: JSON.stringify(b.equals), actual: shown, range: b.range },
      ];
    if (b.matches !== undefined && (!found || !new RegExp(b.matches).test(typeof value === 'string' ? value : JSON.stringify(value))))
      return [{ message: t('{0} is {1}, expected it to match /{2}/.', b.path, shown, b.matches), expected: b.matches, actual: shown, range: b.range }];
    return [];
  });
}
