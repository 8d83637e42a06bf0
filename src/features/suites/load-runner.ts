// The suite runner, required on first use so the activation bundle stays small (see esbuild.mjs).
import type * as Runner from '../../runner-bundle';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const suiteRunner = (): typeof Runner => require('../../runner-bundle') as typeof Runner;
