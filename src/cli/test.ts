// webhook-studio test: runs suite files (*.webhooks.json) against their handlers with the one runner
// (src/core/suites), prints each test, optionally JUnit XML and JSON. Exit 0 all passed, 1 a test failed
// or errored, 2 usage or input error (a suite that does not load).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_TOKEN_ENV, EXIT, helpEntry, optionsSection, readToken, reportFailure, UsageError, type CliCommand, type CliIo } from './common';
import { describeError } from '../core/errors';
import { t } from '../core/l10n';
import { redactSecrets } from '../core/redact';
import { junitXml } from '../core/suites/junit';
import { leafTests, ResultCollector, type SuiteResult, type TestResult } from '../core/suites/results';
import { WebhookStudioError } from '../core/errors';
import { readPayloadFile } from '../core/payload-file';
import type * as Runner from '../runner-bundle';
import { where } from '../core/suites/errors';
import type { LoadedSuite } from '../core/suites/types';

// The runner is the extension's on-demand bundle (dist/suite-runner.js), shared rather than copied into cli.js.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runner = (): typeof Runner => require('../runner-bundle') as typeof Runner;

const testOptionsHelp = (): string =>
  optionsSection(
    t('Test options:'),
    [
      ['--junit FILE', t('also write JUnit XML (one testcase per step and per check)')],
      ['--json', t('print the results as JSON (errors too)')],
      ['--bail', t('stop at the first failed test (the rest are reported as skipped)')],
      ['--grep TEXT', t('run only tests whose name contains TEXT (case-insensitive)')],
      ['--chat2desk', t('deliver scenarios as Chat2Desk does (the scenario\'s "deliver" options)')],
      ['--token-env NAME', t('variable holding the API token that signs (default {0}; "api": "simulator" suites need none)', DEFAULT_TOKEN_ENV)],
      ['--token-stdin', t('read the API token from standard input')],
    ],
    [t('Exit codes for test: 0 every test passed; 1 a test failed or errored; 2 usage or a suite that does not load.')],
  );

const MARK: Record<TestResult['status'], string> = { passed: '✓', failed: '✗', errored: '!', skipped: '-' };

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      junit: { type: 'string' },
      json: { type: 'boolean' },
      bail: { type: 'boolean' },
      grep: { type: 'string' },
      chat2desk: { type: 'boolean' },
      'token-env': { type: 'string' },
      'token-stdin': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function loadAll(files: string[], schemasDir: string): LoadedSuite[] {
  return files.map((file) => {
    let text: string;
    try {
      text = readPayloadFile(file).toString('utf8');
    } catch (error) {
      if (error instanceof WebhookStudioError) throw new UsageError(describeError(error));
      throw new UsageError(t('Cannot read {0}: {1}', file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? t('no such file') : (error as Error).message));
    }
    return runner().loadSuite(file, text, { schemasDir });
  });
}

function grepped(suite: LoadedSuite, grep: string | undefined): ReadonlySet<string> | undefined {
  if (grep === undefined) return undefined;
  const needle = grep.toLowerCase();
  return new Set(
    leafTests(suite)
      .filter((l) => l.name.toLowerCase().includes(needle))
      .map((l) => l.item.id),
  );
}

function humanLines(result: SuiteResult): string[] {
  const lines = [`${result.name} (${result.path})`];
  for (const test of result.tests) {
    lines.push(`  ${MARK[test.status]} ${test.name}${test.status === 'passed' || test.status === 'failed' ? ` (${Math.round(test.durationMs)} ms)` : ''}`);
    const at = `${result.path}:${test.line ?? 1}:${test.column ?? 1}`;
    for (const f of test.failures) lines.push(`      ${f.range ? where(result.path, f.range) : at}: ${f.message}`);
    if (test.error) lines.push(`      ${at}: ${describeError(test.error)}`);
    if (test.status === 'skipped' && test.reason) lines.push(`      ${test.reason}`);
  }
  const failed = result.tests.some((x) => x.status === 'failed' || x.status === 'errored');
  if (failed && result.output.trim())
    lines.push(
      `  ${t('Handler output:')}`,
      ...result.output
        .trimEnd()
        .split('\n')
        .slice(-40)
        .map((l) => `    ${l}`),
    );
  return lines;
}

export async function runTest(args: string[], io: CliIo, secrets: string[] = []): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  let files: string[];
  const json = args.includes('--json');
  const usage = (message: string, hint?: string) => {
    reportFailure(io, json, new Error(message), { code: 'usage', hint });
    return EXIT.usage;
  };
  try {
    ({ values, positionals: files } = parse(args));
  } catch (error) {
    return usage((error as Error).message, t('Run "webhook-studio test --help" for usage.'));
  }
  if (values.help) {
    io.stdout(`${t('Usage:')}\n${helpEntry(testCommand.usage, testCommand.summary())}${testOptionsHelp()}`);
    return EXIT.ok;
  }
  let suites: LoadedSuite[];
  try {
    if (files.length === 0) throw new UsageError(t('test takes one or more suite files (*.webhooks.json)'));
    suites = loadAll(files, io.schemasDir);
  } catch (error) {
    const suiteError = runner().describeSuiteError(error);
    if (suiteError) return usage(suiteError.message, suiteError.hint);
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
  const hasToken = Boolean(values['token-stdin'] || io.env[values['token-env'] ?? DEFAULT_TOKEN_ENV]?.trim());
  let token: Promise<string | undefined> | undefined;
  const tokenFor = () => (token ??= hasToken ? readToken(values, io, secrets) : Promise.resolve(undefined));
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const results: SuiteResult[] = [];
  try {
    for (const suite of suites) {
      const only = grepped(suite, values.grep);
      const collector = new ResultCollector(suite, runner().selectedTests(suite, only));
      const summary = await runner().runSuite(suite, {
        mode: values.chat2desk ? 'chat2desk' : 'run',
        only,
        tokenFor,
        env: io.env,
        schemasDir: io.schemasDir,
        signal: controller.signal,
        onEvent: (event) => {
          collector.onEvent(event);
          if (values.bail && (event.type === 'failed' || event.type === 'errored')) controller.abort();
        },
      });
      const result = collector.result(summary);
      results.push(result);
      if (!json) io.stdout(`${humanLines(result).join('\n')}\n`);
    }
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
  const totals = { passed: 0, failed: 0, errored: 0, skipped: 0 };
  for (const r of results) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += r.summary[key];
  if (values.junit) writeFileSync(values.junit, redactSecrets(junitXml(results), secrets));
  if (json) io.stdout(`${JSON.stringify({ suites: results, summary: totals }, null, 2)}\n`);
  else io.stdout(`\n${t('{0} passed, {1} failed, {2} errored, {3} skipped', totals.passed, totals.failed, totals.errored, totals.skipped)}\n`);
  return totals.failed + totals.errored > 0 ? EXIT.failed : EXIT.ok;
}

export const testCommand: CliCommand = {
  name: 'test',
  usage: 'test <suite.webhooks.json...> [--junit FILE] [--json] [--bail] [--grep TEXT] [--chat2desk]',
  summary: () => t('run test suites against your handler (test --help)'),
  run: (args, { io, secrets }) => runTest(args, io, secrets),
};
