import type { YipanServer } from '@yipan/server';

/** One route of the running app: its method and its path with `:params`, mount paths included. */
export type RegisteredRoute = { method: string; path: string };

/** The parts of an Express 5 router layer this walk reads. */
type RouterLayer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
  /** The mount path of a sub-router (`app.use('/api', api)`); `/` when mounted without one. */
  rawPath?: unknown;
};

/**
 * Every route the running Express app has registered, read from its router rather than listed by hand,
 * so the tests that walk them (access coverage, REST fuzzing) cannot forget a new one. Relies on
 * Express 5's router internals; the callers fail loudly when the walk finds too few routes.
 */
export function registeredRoutes(app: YipanServer['app']): RegisteredRoute[] {
  const walk = (stack: readonly RouterLayer[], prefix: string): RegisteredRoute[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const path = `${prefix}${layer.route.path}`.replace(/(.)\/$/, '$1');
        return Object.keys(layer.route.methods).map((method) => ({ method: method.toUpperCase(), path }));
      }
      if (!layer.handle?.stack) return [];
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      return walk(layer.handle.stack, `${prefix}${mount}`);
    });
  return walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack, '');
}
