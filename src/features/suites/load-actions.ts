// A failed test's message actions and New Suite, required on first use so the activation bundle stays
// small (see esbuild.mjs). Apart from load-runner.ts: the actions use the runner, not the other way round.
import type * as Actions from './actions-bundle';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const suiteActions = (): typeof Actions => require('./actions-bundle') as typeof Actions;
