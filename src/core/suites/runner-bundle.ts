// What the Test Explorer and `webhook-studio test` load on first use (dist/suite-runner.js, a second bundle:
// see esbuild.mjs): the suite loader and runner with the delivery engine they use. One copy in the VSIX
// for both. Pure; no vscode import. Classes do not cross a bundle boundary, so a suite error is
// recognised here, by this bundle's own class.
import { SuiteError, where } from './errors';

export { loadSuite } from './load';
export { runSuite, selectedTests } from './run';

/** A SuiteError's `file:line:column: message` and hint; undefined for any other error. */
export function describeSuiteError(error: unknown): { message: string; hint?: string } | undefined {
  if (!(error instanceof SuiteError)) return undefined;
  return { message: `${where(error.file, error.range)}: ${error.message}`, hint: error.hint };
}
