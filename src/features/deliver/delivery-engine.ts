// The delivery engine and its summaries, required on first use: kept off the activation path.
import type * as Engine from '../../core/delivery/engine-bundle';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const deliveryEngine = (): typeof Engine => require('../../core/delivery/engine-bundle') as typeof Engine;
