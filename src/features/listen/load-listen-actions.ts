// A received webhook's actions and Connect, required on first use so the activation bundle stays small (see esbuild.mjs).
import type * as ListenActions from './listen-actions-bundle';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const listenActions = (): typeof ListenActions => require('./listen-actions-bundle') as typeof ListenActions;
