// Time as the delivery engine sees it, injectable so tests run hours of schedule in no time.
import { setTimeout as delay } from 'node:timers/promises';
import { CancelledError } from '../errors';

export interface Clock {
  /** Monotonic milliseconds (any origin). */
  now(): number;
  /** Milliseconds since the Unix epoch: what X-Timestamp is made of. */
  wallNow(): number;
  /** Waits `ms`; rejects with CancelledError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  async sleep(ms, signal) {
    try {
      await delay(ms, undefined, { signal });
    } catch (error) {
      if (signal?.aborted) throw new CancelledError();
      throw error;
    }
  },
};
