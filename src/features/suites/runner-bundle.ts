// What the Test Explorer loads on first use (dist/suite-runner.js, a second bundle: see esbuild.mjs):
// the suite loader and runner with the delivery engine they use. Pure; no vscode import.
export { loadSuite } from '../../core/suites/load';
export { runSuite } from '../../core/suites/run';
