// What a run gives the code that runs its tests (run.ts for steps, checks.ts, rehearse.ts): the suite, the
// open target and how to report. Apart from run.ts so those modules need not import the runner itself.
import type { OpenTarget } from './target';
import type { SendContext } from './send-step';
import type { LoadedSuite, SuiteFailure, SuiteRunEvent, SuiteRunOptions } from './types';

export interface RunContext {
  suite: LoadedSuite;
  options: SuiteRunOptions;
  target: OpenTarget;
  send: SendContext;
  report: (event: SuiteRunEvent) => void;
  /** Runs one test: started, then passed / failed / errored from what `body` returns or throws. */
  test: (id: string, body: () => Promise<TestOutcome>) => Promise<boolean>;
  /** Reports a selected test as not run, saying why. */
  skip: (id: string, reason: string) => void;
}

export interface TestOutcome {
  failures: SuiteFailure[];
  artifacts?: Extract<SuiteRunEvent, { type: 'failed' }>['artifacts'];
}
