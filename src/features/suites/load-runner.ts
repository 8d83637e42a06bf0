// The suite runner and the message actions, required on first use so the activation bundle stays small (see esbuild.mjs).
import type * as Actions from './actions-bundle';
import type * as Runner from '../../core/suites/runner-bundle';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const suiteRunner = (): typeof Runner => require('../../core/suites/runner-bundle') as typeof Runner;
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const suiteActions = (): typeof Actions => require('./actions-bundle') as typeof Actions;
