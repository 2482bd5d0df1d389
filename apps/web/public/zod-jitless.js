/*
 * Runs before the app: tells zod (v4) never to compile parsers with `new Function`. Its first parse
 * otherwise probes for eval, which the server's CSP (`script-src 'self'`) refuses and reports as a
 * violation. zod reads this shared config object when it loads (`globalThis.__zod_globalConfig`).
 */
(globalThis.__zod_globalConfig = globalThis.__zod_globalConfig || {}).jitless = true;
