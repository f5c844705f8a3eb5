/** Caching of values that are built once and never modified (contexts, sorted lists) in the pure core. */

/** Where values are cached: a Map, or a WeakMap keyed by model objects. */
interface Cache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value cached under `key`; `make` builds it the first time. */
export function cached<K, V>(cache: Cache<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}
