// The suite runner's public API (SUITE-FORMAT.md): load a *.webhooks.json file, run it.
export { SuiteError, where } from './errors';
export { loadSuite, type LoadSuiteOptions } from './load';
export { runSuite, selectedTests } from './run';
export { CHECKS, type CheckDefinition } from './checks';
export * from './types';
