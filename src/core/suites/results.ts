// A run's results per test, collected from the runner's events: what the CLI prints, its --json and its
// JUnit file are all made from this one record.
import type { LoadedSuite, SourceRange, SuiteFailure, SuiteRunEvent, SuiteRunSummary, SuiteTestItem } from './types';

export type TestStatus = 'passed' | 'failed' | 'errored' | 'skipped';

export interface TestResult {
  id: string;
  kind: SuiteTestItem['kind'];
  /** `scenario › step`, unique in its suite (the id is appended when two labels are the same). */
  name: string;
  status: TestStatus;
  durationMs: number;
  /** 1-based, as editors print them. */
  line?: number;
  column?: number;
  failures: SuiteFailure[];
  error?: { code: string; message: string; hint?: string };
  reason?: string;
}

export interface SuiteResult {
  path: string;
  name: string;
  tests: TestResult[];
  summary: SuiteRunSummary;
  /** The handler's output (start command), when there was one. */
  output: string;
}

/** Leaves with their full names, in file order. */
export function leafTests(suite: LoadedSuite): { item: SuiteTestItem; name: string }[] {
  const out: { item: SuiteTestItem; name: string }[] = [];
  const walk = (item: SuiteTestItem, prefix: string[]) => {
    const names = item.kind === 'suite' ? prefix : [...prefix, item.label];
    if (item.children.length === 0 && item.kind !== 'suite' && item.kind !== 'scenario') out.push({ item, name: names.join(' › ') });
    item.children.forEach((c) => walk(c, names));
  };
  walk(suite.tests, []);
  const counts = new Map<string, number>();
  for (const { name } of out) counts.set(name, (counts.get(name) ?? 0) + 1);
  return out.map((l) => ((counts.get(l.name) ?? 0) > 1 ? { ...l, name: `${l.name} [${l.item.id}]` } : l));
}

export class ResultCollector {
  private readonly byId = new Map<string, TestResult>();
  private output = '';

  /** `selected`: the tests the run includes (what `runSuite` reports on); others are left out of the results. */
  constructor(
    private readonly suite: LoadedSuite,
    selected?: ReadonlySet<string>,
  ) {
    for (const { item, name } of leafTests(suite)) {
      if (selected && !selected.has(item.id)) continue;
      const position = item.range && { line: item.range.startLine + 1, column: item.range.startColumn + 1 };
      this.byId.set(item.id, { id: item.id, kind: item.kind, name, status: 'skipped', durationMs: 0, failures: [], ...position });
    }
  }

  onEvent(event: SuiteRunEvent): void {
    if (event.type === 'output') {
      this.output = (this.output + event.text).slice(-64 * 1024);
      return;
    }
    const test = this.byId.get(event.id);
    if (!test || event.type === 'started') return;
    test.status = event.type;
    if (event.type === 'passed' || event.type === 'failed') test.durationMs = event.durationMs;
    if (event.type === 'failed') test.failures = event.failures;
    if (event.type === 'errored') {
      test.error = event.error;
      this.at(test, event.range);
    }
    if (event.type === 'skipped') test.reason = event.reason;
  }

  private at(test: TestResult, range: SourceRange | undefined): void {
    if (range) Object.assign(test, { line: range.startLine + 1, column: range.startColumn + 1 });
  }

  result(summary: SuiteRunSummary): SuiteResult {
    return { path: this.suite.path, name: this.suite.name, tests: [...this.byId.values()], summary, output: this.output };
  }
}
