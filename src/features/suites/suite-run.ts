// Running suites from the Test Explorer: the runner's events become TestRun states and messages
// (a failure with expected and actual is a diff, located at its line), the cancellation token aborts
// the run mid-scenario, and a continuous run re-runs when a suite or a fixture beside it changes.
import * as vscode from 'vscode';
import type { StepArtifacts, SuiteFailure, SuiteRunEvent, SuiteRunMode } from '../../core/suites/types';
import type { Accounts } from '../accounts';
import { COMMANDS } from '../ids';
import { suiteRunner } from './load-runner';
import { messageContext } from './suite-results';
import { toRange, type SuiteCatalogue, type SuiteEntry } from './suite-test-controller';

/** One test's outcome in a run: what the Test Explorer was told (the integration tests read it). */
export interface SuiteTestResult {
  /** The runner's test id (`0/1`, `check:wrong-signature`). */
  id: string;
  state: 'passed' | 'failed' | 'errored' | 'skipped';
  messages: vscode.TestMessage[];
  durationMs?: number;
}

/** What a failure's actions need: the artifacts of the last failing run of each test item. */
export interface FailureRecord {
  entry: SuiteEntry;
  testId: string;
  artifacts: StepArtifacts;
}

export class SuiteRunner {
  readonly failures = new Map<string, FailureRecord>();
  /** The last results per suite file (URI string), for the integration tests and the API. */
  readonly results = new Map<string, SuiteTestResult[]>();

  constructor(
    private readonly catalogue: SuiteCatalogue,
    private readonly accounts: Accounts,
    private readonly schemasDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The run profiles' handler. */
  async handle(request: vscode.TestRunRequest, token: vscode.CancellationToken, mode: SuiteRunMode): Promise<void> {
    if (request.continuous) return this.watch(request, token, mode);
    await this.runOnce(request, token, mode);
  }

  /** Runs what the request includes (every suite when it includes nothing); returns the results per suite. */
  async runOnce(request: vscode.TestRunRequest, token: vscode.CancellationToken, mode: SuiteRunMode): Promise<Map<string, SuiteTestResult[]>> {
    await this.catalogue.discover();
    const run = this.catalogue.controller.createTestRun(request);
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    const out = new Map<string, SuiteTestResult[]>();
    try {
      for (const [uri, only] of this.selection(request)) {
        if (token.isCancellationRequested) break;
        // Loaded afresh: the suite and its fixtures as they are now, not as they were discovered.
        const entry = await this.catalogue.load(uri);
        if (entry) out.set(uri.toString(), await this.runEntry(run, entry, only, mode, abort.signal));
      }
    } finally {
      cancelled.dispose();
      run.end();
    }
    return out;
  }

  /** Suite file → the runner ids to run (undefined: all of it). */
  private selection(request: vscode.TestRunRequest): Map<vscode.Uri, Set<string> | undefined> {
    const picked = new Map<string, { uri: vscode.Uri; only: Set<string> | undefined }>();
    const included = request.include ?? this.catalogue.all().map((entry) => entry.root);
    for (const item of included) {
      const entry = this.catalogue.entryOf(item);
      if (!entry) continue;
      const id = this.catalogue.testIdOf(entry, item)!;
      const current = picked.get(entry.uri.toString()) ?? { uri: entry.uri, only: new Set<string>() };
      if (id === 'suite') current.only = undefined;
      else current.only?.add(id);
      picked.set(entry.uri.toString(), current);
    }
    return new Map([...picked.values()].map(({ uri, only }) => [uri, only]));
  }

  private async runEntry(run: vscode.TestRun, entry: SuiteEntry, only: Set<string> | undefined, mode: SuiteRunMode, signal: AbortSignal) {
    const results: SuiteTestResult[] = [];
    if (!entry.suite) {
      run.errored(entry.root, new vscode.TestMessage(entry.root.error instanceof vscode.MarkdownString ? entry.root.error.value : String(entry.root.error)));
      return results;
    }
    let noToken: string | undefined;
    const tokenFor = async (name: string | undefined) => {
      const account = name ? this.accounts.find(name) : this.accounts.list()[0];
      const token = account && (await this.accounts.getToken(account));
      if (!token) noToken = account?.name ?? name;
      return token;
    };
    this.log.info(`Suite ${entry.suite.name} (${entry.uri.fsPath}): ${mode === 'chat2desk' ? 'run as Chat2Desk' : 'run'}`);
    const summary = await suiteRunner().runSuite(entry.suite, {
      only,
      mode,
      tokenFor,
      env: process.env,
      schemasDir: this.schemasDir,
      signal,
      onEvent: (event) => this.report(run, entry, event, results, noToken),
    });
    this.log.info(`Suite ${entry.suite.name}: ${summary.passed} passed, ${summary.failed} failed, ${summary.errored} errored, ${summary.skipped} skipped`);
    if (noToken !== undefined)
      void vscode.window
        .showErrorMessage(vscode.l10n.t('No Chat2Desk API token is set for "{0}": it is needed to sign the webhooks.', noToken), vscode.l10n.t('Set API Token'))
        .then((choice) => choice && vscode.commands.executeCommand(COMMANDS.setApiToken, { account: noToken }));
    this.results.set(entry.uri.toString(), results);
    return results;
  }

  private report(run: vscode.TestRun, entry: SuiteEntry, event: SuiteRunEvent, results: SuiteTestResult[], noToken: string | undefined): void {
    if (event.type === 'output') {
      // The Test Results terminal wants CRLF.
      run.appendOutput(event.text.replace(/\r?\n/g, '\r\n'));
      return;
    }
    const item = entry.items.get(event.id) ?? entry.root;
    switch (event.type) {
      case 'started':
        return run.started(item);
      case 'passed':
        results.push({ id: event.id, state: 'passed', messages: [], durationMs: event.durationMs });
        return run.passed(item, event.durationMs);
      case 'skipped':
        results.push({ id: event.id, state: 'skipped', messages: [] });
        return run.skipped(item);
      case 'failed': {
        if (event.artifacts) this.failures.set(item.id, { entry, testId: event.id, artifacts: event.artifacts });
        else this.failures.delete(item.id);
        const context = messageContext(event.artifacts, noToken !== undefined);
        const messages = event.failures.map((failure) => this.message(entry, item, failure, context));
        results.push({ id: event.id, state: 'failed', messages, durationMs: event.durationMs });
        return run.failed(item, messages, event.durationMs);
      }
      case 'errored': {
        const failure = { message: `${event.error.message}${event.error.hint ? `\n${event.error.hint}` : ''}`, range: event.range };
        const message = this.message(entry, item, failure, messageContext(undefined, noToken !== undefined));
        results.push({ id: event.id, state: 'errored', messages: [message] });
        return run.errored(item, message);
      }
    }
  }

  /** A diff when the runner says what was expected and what came: VS Code shows both side by side. */
  private message(entry: SuiteEntry, item: vscode.TestItem, failure: SuiteFailure, context: string): vscode.TestMessage {
    const message =
      failure.expected !== undefined && failure.actual !== undefined
        ? vscode.TestMessage.diff(failure.message, failure.expected, failure.actual)
        : new vscode.TestMessage(failure.message);
    const range = failure.range ? toRange(failure.range) : item.range;
    if (range) message.location = new vscode.Location(entry.uri, range);
    message.contextValue = context;
    return message;
  }

  /** Continuous run: re-runs the request whenever a suite or a JSON file in a suite's folder changes, until cancelled. */
  private watch(request: vscode.TestRunRequest, token: vscode.CancellationToken, mode: SuiteRunMode): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
    let timer: NodeJS.Timeout | undefined;
    let running = Promise.resolve();
    const changed = (uri: vscode.Uri) => {
      const dirs = (request.include ?? this.catalogue.all().map((e) => e.root))
        .map((item) => this.catalogue.entryOf(item))
        .map((entry) => entry && vscode.Uri.joinPath(entry.uri, '..').fsPath);
      if (!dirs.some((dir) => dir && uri.fsPath.startsWith(dir))) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(async () => {
          if (!token.isCancellationRequested) await this.runOnce(new vscode.TestRunRequest(request.include, request.exclude, request.profile), token, mode);
        });
      }, 300);
    };
    const subscriptions = [watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)];
    return new Promise((resolve) =>
      token.onCancellationRequested(() => {
        clearTimeout(timer);
        subscriptions.forEach((s) => s.dispose());
        resolve();
      }),
    );
  }
}
