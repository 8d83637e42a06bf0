// A scenario's "deliver" options: how "Run as Chat2Desk" and the idempotency rehearsal deliver its steps
// through the Deliver engine (the same options as `webhook-studio deliver`).
import type { Node } from 'jsonc-parser';
import { DELIVERY_ORDERS, type DeliveryOrder } from '../delivery/arrange';
import { parsePolicy, parseTimeScale, PolicyError } from '../delivery/policy';
import { t } from '../l10n';
import type { SuiteSource } from './source';
import type { DeliverOptions } from './types';

const KEYS = ['policy', 'timeScale', 'duplicate', 'order', 'seed', 'slowFirst', 'retryTimestamp'];

/**
 * Defaults: back to back (`timeScale` inf) under Chat2Desk's policy. An idempotent scenario's rehearsal
 * also delivers every event twice at once and counts every first answer as too slow (so each is resent).
 */
export function parseDeliverOptions(src: SuiteSource, node: Node | undefined, idempotent: boolean): DeliverOptions {
  const options: DeliverOptions = {
    policy: 'chat2desk',
    timeScale: Infinity,
    duplicate: idempotent ? 'concurrent' : undefined,
    order: 'as-given',
    slowFirst: idempotent,
    retryTimestamp: 'fresh',
  };
  if (!node) return options;
  src.onlyKeys(node, KEYS, '"deliver"');
  const where = '"deliver"';
  const fail = (key: string, message: string) => src.error(src.member(node, key), 'suite-deliver', message);
  const policy = src.string(node, 'policy', where);
  if (policy !== undefined) {
    try {
      parsePolicy(policy);
    } catch (error) {
      if (error instanceof PolicyError) throw fail('policy', error.message);
      throw error;
    }
    options.policy = policy;
  }
  const scale = src.member(node, 'timeScale');
  if (scale) {
    try {
      options.timeScale = parseTimeScale(String(scale.value));
    } catch (error) {
      if (error instanceof PolicyError) throw fail('timeScale', error.message);
      throw error;
    }
  }
  const duplicate = src.member(node, 'duplicate');
  if (duplicate) {
    if (![false, 'sequential', 'concurrent'].includes(duplicate.value)) throw fail('duplicate', t('"duplicate" is "sequential", "concurrent" or false.'));
    options.duplicate = duplicate.value === false ? undefined : duplicate.value;
  }
  const order = src.string(node, 'order', where);
  if (order !== undefined) {
    if (!DELIVERY_ORDERS.includes(order as DeliveryOrder)) throw fail('order', t('"order" is one of {0}.', DELIVERY_ORDERS.join(', ')));
    options.order = order as DeliveryOrder;
  }
  options.seed = src.number(node, 'seed', where, 0);
  options.slowFirst = src.boolean(node, 'slowFirst', where) ?? options.slowFirst;
  const retry = src.string(node, 'retryTimestamp', where);
  if (retry !== undefined) {
    if (retry !== 'fresh' && retry !== 'original') throw fail('retryTimestamp', t('"retryTimestamp" is "fresh" or "original".'));
    options.retryTimestamp = retry;
  }
  return options;
}
