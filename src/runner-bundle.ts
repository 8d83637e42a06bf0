// What the Test Explorer and `webhook-studio test` load on first use (dist/suite-runner.js, a second bundle:
// see esbuild.mjs): the suite loader and runner with the delivery engine they use, and the simulator that
// stands in as the account for `"api": "simulator"` suites. One copy in the VSIX for both. An entry, like
// extension.ts and cli.ts: it puts core's runner and the simulator together (core imports neither layer
// above it). Pure; no vscode import. Classes do not cross a bundle boundary, so a suite error is
// recognised here, by this bundle's own class.
import { runSuite as runWith } from './core/suites/run';
import { SuiteError, where } from './core/suites/errors';
import type { LoadedSuite, SuiteRunOptions } from './core/suites/types';
import { Chat2DeskSimulator } from './simulator/server';

export { loadSuite } from './core/suites/load';
export { selectedTests } from './core/suites/run';

/** The one runner, with the simulator as the API stand-in unless the caller brings its own. */
export const runSuite = (suite: LoadedSuite, options: SuiteRunOptions) =>
  runWith(suite, { apiStandIn: (standIn) => new Chat2DeskSimulator(standIn), ...options });

/** A SuiteError's `file:line:column: message` and hint; undefined for any other error. */
export function describeSuiteError(error: unknown): { message: string; hint?: string } | undefined {
  if (!(error instanceof SuiteError)) return undefined;
  return { message: `${where(error.file, error.range)}: ${error.message}`, hint: error.hint };
}
