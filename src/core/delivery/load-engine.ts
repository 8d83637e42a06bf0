// The delivery engine and its summaries, required on first use: the extension keeps them off its
// activation path, and the extension and the CLI share one copy (dist/delivery-engine.js, see esbuild.mjs).
import type * as Engine from './engine-bundle';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const deliveryEngine = (): typeof Engine => require('./engine-bundle') as typeof Engine;
