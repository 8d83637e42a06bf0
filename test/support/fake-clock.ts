// A clock for the delivery engine that passes time only when the engine sleeps: hours of schedule
// run instantly and every wait is recorded exactly. wallNow() follows the same fake time.
import { CancelledError } from '../../src/core/errors';
import type { Clock } from '../../src/core/delivery/clock';

export class FakeClock implements Clock {
  time = 0;
  readonly sleeps: number[] = [];
  constructor(readonly wallBase = Date.now()) {}

  now(): number {
    return this.time;
  }

  wallNow(): number {
    return this.wallBase + this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new CancelledError();
    this.sleeps.push(ms);
    this.time += ms;
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new CancelledError();
  }
}
