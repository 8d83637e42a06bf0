// What a suite run leaves behind for the Test Explorer, as plain data (no vscode import): per test its
// outcome and messages (also what the integration tests read), and what a failure's actions need.
import { toCurl } from '../../core/curl';
import { prettyJsonText } from '../../core/listen/reuse';
import type { StepArtifacts } from '../../core/suites/types';

/**
 * The TestMessage.contextValue of a message: which actions it allows. package.json's `when` clauses
 * match its words (`testMessage =~ /\\bhasRequest\\b/`).
 */
export function messageContext(artifacts: StepArtifacts | undefined, noToken: boolean): string {
  const words = ['webhookStudio.suiteMessage'];
  if (artifacts?.request || artifacts?.response) words.push('canSave');
  if (artifacts?.request) words.push('hasRequest');
  if (artifacts?.timeline) words.push('hasTimeline');
  if (noToken) words.push('noToken');
  return words.join(' ');
}

export function curlOfArtifacts(artifacts: StepArtifacts): string | undefined {
  const request = artifacts.request;
  if (!request) return undefined;
  return toCurl({ url: request.url, headers: request.headers, body: Buffer.from(request.body) });
}

/** The text Save Actual as Fixture writes: JSON pretty-printed with every literal kept, anything else as is. */
export function fixtureText(body: string): string {
  try {
    JSON.parse(body);
    return prettyJsonText(body);
  } catch {
    return body;
  }
}

/** `orders-step-1-2.response.json`: where the failing step's actual body goes. */
export function actualFileName(suiteName: string, testId: string, which: 'response' | 'request'): string {
  const stem = `${suiteName}-${testId}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-');
  return `${stem}.${which === 'request' ? 'request.chat2desk' : 'response'}.json`;
}

/** The starter suite's text: `fixtures` are paths relative to the suite file, in the order sent. */
export function starterSuite(name: string, url: string, account: string | undefined, fixtures: string[]): string {
  const steps = fixtures.length > 0 ? fixtures.map((fixture) => ({ fixture, expect: { status: '2xx' } })) : [{ event: 'inbox', expect: { status: '2xx' } }];
  const suite = {
    $schema: 'webhook-studio:/suite.schema.json',
    name,
    target: { url, ...(account ? { account } : {}), timeoutSeconds: 10 },
    scenarios: [{ name: fixtures.length > 0 ? 'The fixtures in name order' : 'A documented inbox event', steps }],
    checks: fixtures.length > 0 ? { fixture: fixtures[0] } : {},
  };
  return `${JSON.stringify(suite, null, 2)}\n`;
}
