// What a delivery run is made of, as plain data: the command's arguments, and the same settings read
// back from a finished run so it can be run again (after fixing the handler) with no questions asked.
import type { DeliveryOrder, DuplicateMode } from '../../core/delivery/arrange';
import type { DeliveryTimeline, RetryTimestamp } from '../../core/delivery/engine';
import type { DeliveryItem } from '../../core/delivery/prepare';

export interface DeliverEndpoint {
  url: string;
  name?: string;
  /** The account whose token signs. */
  account?: string;
  headers?: Record<string, string>;
}

/** The command's third argument (tasks, keybindings, other views, Run Again); what is absent is asked. */
export interface DeliverCommandArgs {
  /** Payloads from elsewhere (captured webhooks, a previous run) instead of files. */
  payloads?: DeliveryItem[];
  url?: string;
  endpoint?: DeliverEndpoint;
  policy?: string;
  /** "120", "1", "inf". */
  timeScale?: string;
  retryTimestamp?: RetryTimestamp;
  duplicate?: DuplicateMode;
  order?: DeliveryOrder;
  seed?: number;
  slowFirst?: boolean;
  /** Seconds between the events of a sequence (real time), e.g. "2" or "0.5". */
  interval?: string;
}

/** The same payloads, endpoint and settings (the shuffle seed included) as a run that happened. */
export function repeatArgs(timeline: DeliveryTimeline, payloads: DeliveryItem[], endpoint: DeliverEndpoint): DeliverCommandArgs {
  return {
    payloads,
    endpoint,
    policy: timeline.policy.name,
    timeScale: timeline.timeScale === Infinity ? 'inf' : String(timeline.timeScale),
    retryTimestamp: timeline.retryTimestamp,
    duplicate: timeline.duplicate,
    order: timeline.order,
    seed: timeline.seed,
    slowFirst: timeline.slowFirst,
    interval: timeline.intervalMs ? String(timeline.intervalMs / 1000) : undefined,
  };
}
