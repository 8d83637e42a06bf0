// A failed test's message actions and New Suite, required on first use (dist/suite-actions.js, a second
// bundle with `vscode` external: see esbuild.mjs), so activation does not carry them.
export { MessageActions } from './message-actions';
export { newSuite } from './new-suite';
