// What the handler kit's commands do, required on first use so the activation bundle stays small (see esbuild.mjs).
import type * as KitCommands from './kit-commands-bundle';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const kitCommands = (): typeof KitCommands => require('./kit-commands-bundle') as typeof KitCommands;
