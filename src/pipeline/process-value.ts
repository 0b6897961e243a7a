/**
 * A value shared in the build's process under a global name. The integrations and the
 * pages' bundle each load their own copy of the modules that hold such values (Astro
 * bundles the page code apart), so a module-level variable would be two variables.
 */
export interface ProcessValue<T> {
  get(): T | undefined;
  set(value: T | undefined): void;
  /** The value, made by `make` the first time it is asked for. */
  once(make: () => T): T;
}

export function processValue<T>(name: string): ProcessValue<T> {
  const key = Symbol.for(name);
  const g = globalThis as { [k: symbol]: T | undefined };
  return {
    get: () => g[key],
    set: (value) => { g[key] = value; },
    once: (make) => (g[key] ??= make()),
  };
}
