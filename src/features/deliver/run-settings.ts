// What a delivery run is made of, as plain data: the command's arguments, the settings a run was asked
// for, and those settings written back as arguments, so a run can go again with no questions asked
// (Run Again after fixing the handler, or the run resumed once the API token is set).
import type { DeliveryOrder, DuplicateMode } from '../../core/delivery/arrange';
import type { DeliveryTimeline, RetryTimestamp } from '../../core/delivery/engine';
import type { DeliveryPolicy } from '../../core/delivery/policy';
import type { DeliveryItem } from '../../core/delivery/prepare';

export interface DeliverEndpoint {
  url: string;
  name?: string;
  /** The account whose token signs. */
  account?: string;
  headers?: Record<string, string>;
}

/** A payload from elsewhere (a capture, a previous run); `file` keys the endpoint memory when it came from one. */
export interface DeliverPayload extends DeliveryItem {
  file?: string;
}

/** The command's third argument (tasks, keybindings, other views, Run Again); what is absent is asked. */
export interface DeliverCommandArgs {
  /** Payloads from elsewhere (captured webhooks, a previous run) instead of files. */
  payloads?: DeliverPayload[];
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
  /** The schema question was answered already (a run resumed after Set API Token). */
  schemaAccepted?: boolean;
}

export interface Faults {
  duplicate?: DuplicateMode;
  order?: DeliveryOrder;
  retryTimestamp: RetryTimestamp;
  slowFirst?: boolean;
  /** Real ms between the events of a sequence. */
  intervalMs?: number;
}

/** What a run is asked for beside its payloads and endpoint (a finished timeline records the same). */
export interface RunSettings extends Faults {
  policy: DeliveryPolicy;
  timeScale: number;
  seed?: number;
}

/** Arguments that run these payloads to this endpoint with these settings again, nothing asked. */
export function argsOf(settings: RunSettings, payloads: DeliverPayload[], endpoint: DeliverEndpoint): DeliverCommandArgs {
  return {
    payloads,
    endpoint,
    policy: settings.policy.name,
    timeScale: settings.timeScale === Infinity ? 'inf' : String(settings.timeScale),
    retryTimestamp: settings.retryTimestamp,
    duplicate: settings.duplicate,
    order: settings.order,
    seed: settings.seed,
    slowFirst: settings.slowFirst,
    interval: settings.intervalMs ? String(settings.intervalMs / 1000) : undefined,
  };
}

/** The same payloads, endpoint and settings (the shuffle seed included) as a run that happened. */
export function repeatArgs(timeline: DeliveryTimeline, payloads: DeliverPayload[], endpoint: DeliverEndpoint): DeliverCommandArgs {
  return argsOf(timeline, payloads, endpoint);
}
