/**
 * A schema built on first use rather than at import. Building every zod schema of the API when a module
 * loads costs the web app tens of milliseconds before its first screen, though that screen reads only a
 * few of them. The proxy stands for the schema in every way callers use one (parse, compose, inspect,
 * `instanceof`); its methods run on the built schema. Unused ones are also dropped from the bundle.
 */
/* #__NO_SIDE_EFFECTS__ */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  // Methods are bound to the built schema once each, so `this` inside zod is never the proxy.
  const bound = new WeakMap<(...args: never[]) => unknown, unknown>();
  return new Proxy({} as T, {
    get(_target, key) {
      const target = schema();
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      let method = bound.get(value as (...args: never[]) => unknown);
      if (method === undefined) {
        method = (value as (...args: unknown[]) => unknown).bind(target);
        bound.set(value as (...args: never[]) => unknown, method);
      }
      return method;
    },
    set: (_target, key, value) => Reflect.set(schema(), key, value),
    has: (_target, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor(_target, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      // The proxy's own (empty) target cannot report a property as non-configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
