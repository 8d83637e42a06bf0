// Runtime shapes (settings, API answers, the generated catalogues) with zod/mini, built on first use:
// `shape((z) => z.object({ … }))` defines one at module level, yet zod is loaded (from a second bundle
// in the extension, dist/zod-engine.js) only when a shape first parses something, never at activation.
// Types come straight from zod: `z.infer<typeof someShape>` with `import type * as z from 'zod/mini'`.
export type ZodEngine = typeof import('./zod-engine');

let engine: ZodEngine | undefined;

function zod(): ZodEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (engine ??= require('./zod-engine') as ZodEngine);
}

/** A zod shape built on first use (a property read or a parse); until then it costs nothing. */
export function shape<T extends object>(build: (z: ZodEngine) => T): T {
  return onFirstUse(() => build(zod()));
}

/** An object created on its first use: reads, `in`, keys and descriptors go to the created object. */
export function onFirstUse<T extends object>(create: () => T): T {
  let target: T | undefined;
  const real = () => (target ??= create());
  return new Proxy({} as T, {
    get: (_stub, key) => Reflect.get(real(), key),
    has: (_stub, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_stub, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      // The stub target has no such property: a proxy may report it only as configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
