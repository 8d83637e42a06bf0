// The Test Explorer's contract suites: every `*.webhooks.json` in the workspace (watched) becomes a test
// item with a child per scenario, step and check, each with its range in the file, so a failure points
// at its line. A suite that does not load is an item with its error. Running is in suite-run.ts.
import * as vscode from 'vscode';
import type { LoadedSuite, SourceRange, SuiteTestItem } from '../../core/suites/types';
import { suiteRunner } from './load-runner';

export const SUITE_GLOB = '**/*.webhooks.json';

/** One suite file as the Test Explorer knows it. */
export interface SuiteEntry {
  uri: vscode.Uri;
  root: vscode.TestItem;
  /** Loaded, or undefined when the file has an error (shown on `root`). */
  suite?: LoadedSuite;
  /** Runner test id (`suite`, `0`, `0/1`, `check:…`) → its item. */
  items: Map<string, vscode.TestItem>;
}

export const toRange = (r: SourceRange) => new vscode.Range(r.startLine, r.startColumn, r.endLine, r.endColumn);

export class SuiteCatalogue implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('webhookStudio.suites', vscode.l10n.t('Webhook Contract Suites'));
  private readonly entries = new Map<string, SuiteEntry>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with a suite file's URI whenever its items are rebuilt or removed. */
  readonly onDidChange = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher(SUITE_GLOB);
  private discovered: Promise<void> | undefined;

  constructor(private readonly schemasDir: string) {
    this.controller.resolveHandler = (item) => (item ? Promise.resolve() : this.discover());
    this.controller.refreshHandler = () => this.discover(true);
    this.watcher.onDidCreate((uri) => void this.load(uri));
    this.watcher.onDidChange((uri) => void this.load(uri));
    this.watcher.onDidDelete((uri) => this.remove(uri));
  }

  /** Finds every suite file once (again with `force`). */
  discover(force = false): Promise<void> {
    if (!this.discovered || force) {
      this.discovered = (async () => {
        const uris = await vscode.workspace.findFiles(SUITE_GLOB, '**/node_modules/**');
        const found = new Set(uris.map(String));
        for (const key of [...this.entries.keys()]) if (!found.has(key)) this.remove(this.entries.get(key)!.uri);
        await Promise.all(uris.map((uri) => this.load(uri)));
      })();
    }
    return this.discovered;
  }

  all(): SuiteEntry[] {
    return [...this.entries.values()];
  }

  get(uri: vscode.Uri): SuiteEntry | undefined {
    return this.entries.get(uri.toString());
  }

  /** The entry that holds an item (a suite root or any of its children). */
  entryOf(item: vscode.TestItem): SuiteEntry | undefined {
    return this.all().find((entry) => [...entry.items.values()].includes(item));
  }

  /** Reads and loads a suite file (again): its items are rebuilt, its fixtures read afresh. */
  async load(uri: vscode.Uri): Promise<SuiteEntry | undefined> {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.remove(uri);
      return undefined;
    }
    const root = this.controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri, false), uri);
    const entry: SuiteEntry = { uri, root, items: new Map([['suite', root]]) };
    try {
      entry.suite = suiteRunner().loadSuite(uri.fsPath, text, { schemasDir: this.schemasDir });
      root.label = entry.suite.name;
      root.description = vscode.workspace.asRelativePath(uri, false);
      root.range = entry.suite.tests.range && toRange(entry.suite.tests.range);
      root.children.replace(entry.suite.tests.children.map((child) => this.itemOf(entry, child)));
    } catch (error) {
      // SuiteError by shape (the runner is a second bundle): message, hint, range.
      const e = error as { message?: string; hint?: string; range?: SourceRange };
      const message = `${e.message ?? String(error)}${e.hint ? `\n\n${e.hint}` : ''}`;
      root.error = new vscode.MarkdownString().appendText(message);
      root.range = e.range && toRange(e.range);
    }
    this.entries.set(uri.toString(), entry);
    this.controller.items.add(root);
    this.changed.fire(uri);
    return entry;
  }

  private itemOf(entry: SuiteEntry, test: SuiteTestItem): vscode.TestItem {
    const item = this.controller.createTestItem(`${entry.uri.toString()}#${test.id}`, test.label, entry.uri);
    item.range = test.range && toRange(test.range);
    item.children.replace(test.children.map((child) => this.itemOf(entry, child)));
    entry.items.set(test.id, item);
    return item;
  }

  /** The runner's id of an item. */
  testIdOf(entry: SuiteEntry, item: vscode.TestItem): string | undefined {
    for (const [id, candidate] of entry.items) if (candidate === item) return id;
    return undefined;
  }

  private remove(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
    this.controller.items.delete(uri.toString());
    this.changed.fire(uri);
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
    this.controller.dispose();
  }
}
