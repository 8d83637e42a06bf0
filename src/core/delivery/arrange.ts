// Fault modes that shape a run before it starts: delivery order and duplicate copies.

export type DeliveryOrder = 'as-given' | 'reverse' | 'shuffle';
export type DuplicateMode = 'sequential' | 'concurrent';
export const DELIVERY_ORDERS: readonly DeliveryOrder[] = ['as-given', 'reverse', 'shuffle'];

/** mulberry32: a small seeded PRNG, so a shuffled run can be repeated from its printed seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function newSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** The indexes of `count` events in delivery order (Fisher-Yates for shuffle). */
export function deliveryOrder(count: number, order: DeliveryOrder, seed = 0): number[] {
  const indexes = Array.from({ length: count }, (_, i) => i);
  if (order === 'reverse') return indexes.reverse();
  if (order === 'shuffle') {
    const random = seededRandom(seed);
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indexes[i], indexes[j]] = [indexes[j], indexes[i]];
    }
  }
  return indexes;
}
