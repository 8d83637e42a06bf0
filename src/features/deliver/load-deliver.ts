// Deliver's commands, required on first use so the activation bundle stays small (see esbuild.mjs).
import type * as Controller from './deliver-bundle';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const deliverCommands = (): typeof Controller => require('./deliver-bundle') as typeof Controller;
