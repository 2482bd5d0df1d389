import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/dialects';
import type { SignedIn } from '../support/signIn';
import { registeredRoutes } from '../support/registeredRoutes';
import { useTestServer } from '../support/useTestServer';
import {
  FuzzTally,
  fuzzInputs,
  fuzzSeed,
  hostileJson,
  hostileString,
  leakedInternals,
  Random,
} from './support/random';

/** Real ids, so a hostile request sometimes gets past the id checks to the body and query checks. */
const KNOWN_IDS: Record<string, string[]> = {
  planId: ['county-1-2021', 'city-2021', 'county-4-2021'],
  orgId: ['county-1', 'city', 'county-4'],
  topicId: ['county-1-2021-enforcement'],
  userId: ['user-city-editor'],
};

/** What a hostile client puts in a path parameter: a real id, a hostile string, or a broken escape. */
function paramValue(random: Random, name: string): string {
  const known = KNOWN_IDS[name];
  const roll = random.int(10);
  if (known && roll < 4) return encodeURIComponent(random.pick(known));
  if (roll < 6) return random.pick(['%E0%A4%A', '%', '%00', '%ZZ', '..%2F..%2F', '%C0%AF', '%ED%A0%80']);
  const text = hostileString(random).slice(0, 5_000);
  try {
    return encodeURIComponent(text) || 'x';
  } catch {
    // A lone surrogate cannot be percent-encoded as UTF-8: send its escape as a client could.
    return '%ED%A0%80';
  }
}

function queryString(random: Random): string {
  if (random.chance(0.4)) return '';
  const params: string[] = [];
  for (let i = 1 + random.int(4); i > 0; i--) {
    const key = random.pick([
      'year',
      'sheet',
      'status',
      'format',
      'q',
      'limit',
      'since',
      'mode',
      'page',
      hostileString(random).slice(0, 20),
    ]);
    const value = random.chance(0.2)
      ? random.pick(['%E0%A4%A', '%', 'a&b=c'])
      : encodeURIComponent(stringOf(hostileString(random)));
    params.push(`${encodeURIComponent(stringOf(key))}=${value}`);
    if (random.chance(0.1)) params.push(`${encodeURIComponent(stringOf(key))}[]=1`);
  }
  return `?${params.join('&')}`;
}

/** A string that survives percent-encoding (lone surrogates replaced). */
function stringOf(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function body(random: Random): string | undefined {
  switch (random.int(5)) {
    case 0:
      return undefined;
    case 1:
      return random.pick(['{', 'null', '[]', '"x"', '{"a":', '\u0000', 'not json at all']);
    default:
      return JSON.stringify(hostileJson(random, 0, random.chance(0.02)));
  }
}

/**
 * Paths whose answers change by themselves (clocks, counters, sessions, and generated workbooks and
 * documents, which carry their creation time): left out of the before/after snapshot. The JSON routes
 * those files are made from stay in it.
 */
const VOLATILE =
  /health|security-events|metrics|sync-token|notifications|audit|sessions|\/me\b|export|feed|atom|\.xlsx$|\.docx$/;

describeEachDialect('fuzzing the REST API', (dialect) => {
  const { running } = useTestServer(dialect);

  it('never answers 500 nor leaks internals, and leaves the honest user’s data unchanged', async () => {
    const seed = fuzzSeed();
    const random = new Random(seed);
    const inputs = fuzzInputs(0.8);
    const tally = new FuzzTally();
    const startedAt = performance.now();
    const { server, baseUrl } = running();
    const routes = registeredRoutes(server.app);
    expect(routes.length).toBeGreaterThan(50);

    // The honest user reads everything it can see, before and after: nothing may have changed.
    const honest = await running().signIn('city.admin');
    const readable = routes.filter((route) => route.method === 'GET' && !VOLATILE.test(route.path));
    const snapshot = async () => {
      const seen: Record<string, string> = {};
      for (const route of readable) {
        const paths = fillAll(route.path);
        for (const path of paths) {
          const response = await honest.fetch(path);
          // A read receipt (已阅) is a write every reader of a published plan may make, the township
          // editor among the callers below included: its time is not the honest user's data.
          const text = (await response.text()).replace(/"readAt":(null|\d+)/g, '"readAt":"…"');
          seen[path] = `${response.status} ${text}`;
        }
      }
      return seen;
    };
    const before = await snapshot();
    // What changes between two reads without anybody writing is not data: leave it out.
    const again = await snapshot();
    for (const key of Object.keys(before)) if (before[key] !== again[key]) delete before[key];

    // Hostile callers: nobody, a viewer, and a signed-in editor of another organisation.
    const callers: Array<SignedIn | null> = [
      null,
      await running().signIn('city.viewer'),
      await running().signIn('township.editor'),
    ];
    const failures: string[] = [];
    let next = 0;
    const work = async () => {
      while (next < inputs) {
        const index = next++;
        const route = random.pick(routes);
        const path =
          route.path.replace(/:(\w+)/g, (_match, name: string) => paramValue(random, name)) +
          queryString(random);
        const caller = random.pick(callers);
        const requestBody = route.method === 'GET' || route.method === 'HEAD' ? undefined : body(random);
        const init: RequestInit = {
          method: route.method,
          ...(requestBody !== undefined && { body: requestBody }),
        };
        const response = caller
          ? await caller.fetch(path, init)
          : await fetch(`${baseUrl}${path}`, {
              ...init,
              headers: { 'content-type': 'application/json', origin: baseUrl },
            });
        const text = await response.text();
        tally.add(`${caller ? 'signed-in' : 'anonymous'}-${route.method}`);
        if (response.status >= 500)
          failures.push(
            `#${index} ${route.method} ${path.slice(0, 200)} → ${response.status} ${text.slice(0, 200)}`,
          );
        const leaks = leakedInternals(text);
        if (leaks.length > 0)
          failures.push(`#${index} ${route.method} ${path.slice(0, 200)} leaks ${leaks.join(', ')}`);
      }
    };
    await Promise.all(Array.from({ length: 4 }, work));

    console.log(`${tally.report(`rest [${dialect}]`, seed, startedAt)} routes=${routes.length}`);
    expect(failures).toEqual([]);
    const after = await snapshot();
    const changed = Object.keys(before).filter((key) => before[key] !== after[key]);
    expect(changed).toEqual([]);
  });
});

/** Every path a GET route takes with the known ids (one per combination of its parameters' first ids). */
function fillAll(path: string): string[] {
  const names = [...path.matchAll(/:(\w+)/g)].map((match) => match[1] ?? '');
  if (names.some((name) => !KNOWN_IDS[name])) return [];
  const paths: string[] = [];
  const ids = names.map((name) => KNOWN_IDS[name] ?? []);
  const longest = Math.max(1, ...ids.map((list) => list.length));
  for (let i = 0; i < longest; i++) {
    let filled = path;
    for (const [n, name] of names.entries())
      filled = filled.replace(`:${name}`, ids[n]?.[i % (ids[n]?.length ?? 1)] ?? '');
    paths.push(filled);
  }
  return paths;
}
