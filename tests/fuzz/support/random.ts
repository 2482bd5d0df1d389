/**
 * The fuzzing suite's randomness: one seeded generator per run, so a failure is replayed exactly by
 * running again with the seed it printed (`FUZZ_SEED=<seed>`). `FUZZ_INPUTS` sets how many inputs each
 * channel tries (CI runs the short default; a long run sets it to hundreds of thousands).
 */

/** The base count when FUZZ_INPUTS is not set: the CI pass (each channel takes its share of it; ~11,000 inputs in all). */
const DEFAULT_INPUTS = 4_000;

/** CI's seed when FUZZ_SEED is unset: a merge gate must not turn red on a new seed's finding; local runs explore. */
const CI_SEED = 20_261_127;

/** The run's seed: FUZZ_SEED, else CI's fixed one under CI=true, else one drawn now (printed, so the run can be repeated). */
export function fuzzSeed(): number {
  const fromEnv = Number(process.env.FUZZ_SEED);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv >>> 0;
  if (process.env.CI === 'true') return CI_SEED;
  return (Math.random() * 0xffffffff) >>> 0 || 1;
}

/** How many inputs a channel tries: FUZZ_INPUTS times `share` (channels differ in cost), at least 1. */
export function fuzzInputs(share = 1): number {
  const fromEnv = Number(process.env.FUZZ_INPUTS);
  const base = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_INPUTS;
  return Math.max(1, Math.round(base * share));
}

/** A small, fast, seedable generator (mulberry32): the same seed gives the same inputs on every machine. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.int(256);
    return out;
  }

  /** A length skewed towards small values, sometimes up to `max`. */
  length(max: number): number {
    return this.chance(0.8) ? this.int(Math.min(64, max) + 1) : this.int(max + 1);
  }
}

/** Texts that break naive handling: markup, injections, unicode edge cases, control characters. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; SELECT pg_sleep(0)--',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil\u202c',
  'مرحبا \u200f עברית',
  '\u200b\u200c\u200d\ufeff',
  '\u0007\u001b[31m\r\n\t',
  '../../../../etc/passwd',
  '%E0%A4%A',
  '%00',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  '一盘棋'.repeat(50),
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'NaN',
  '-1',
  '1e309',
  'null',
  'true',
];

/** A hostile or random string; `huge` allows strings up to a megabyte. */
export function hostileString(random: Random, huge = false): string {
  const roll = random.int(10);
  if (roll < 5) return random.pick(HOSTILE_STRINGS);
  if (roll < 8) {
    let text = '';
    const length = random.length(200);
    for (let i = 0; i < length; i++) text += String.fromCharCode(random.int(0x10000));
    return text;
  }
  if (huge && roll === 9) return random.pick(HOSTILE_STRINGS).padEnd(random.int(1_048_576), 'x');
  return random.pick(HOSTILE_STRINGS).repeat(random.int(2_000));
}

/** A JSON value of a random shape: wrong types, deep nesting, hostile strings, prototype keys. */
export function hostileJson(random: Random, depth = 0, huge = false): unknown {
  const roll = random.int(depth > 4 ? 6 : 10);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, Number.MAX_SAFE_INTEGER]);
    case 3:
    case 4:
    case 5:
      return hostileString(random, huge);
    case 6:
    case 7: {
      const list: unknown[] = [];
      for (let i = random.int(5); i > 0; i--) list.push(hostileJson(random, depth + 1, huge));
      return list;
    }
    default: {
      const object: Record<string, unknown> = {};
      for (let i = random.int(6); i > 0; i--) {
        const key = random.chance(0.3)
          ? random.pick(['__proto__', 'constructor', 'id', 'title'])
          : hostileString(random);
        object[key] = hostileJson(random, depth + 1, huge);
      }
      return object;
    }
  }
}

/** Flips a few bits, cuts, duplicates or splices a byte string: the classic mutations of a valid input. */
export function mutateBytes(
  random: Random,
  input: Uint8Array,
  donors: readonly Uint8Array[] = [],
): Uint8Array {
  let out: Uint8Array = Uint8Array.from(input);
  const rounds = 1 + random.int(3);
  for (let round = 0; round < rounds; round++) {
    switch (random.int(7)) {
      case 0:
      case 1: {
        // Bit flips
        for (let i = 1 + random.int(4); i > 0 && out.length > 0; i--) {
          const index = random.int(out.length);
          out[index] = (out[index] ?? 0) ^ (1 << random.int(8));
        }
        break;
      }
      case 2: {
        // Byte set to a boundary value
        if (out.length > 0) out[random.int(out.length)] = random.pick([0, 1, 0x7f, 0x80, 0xff]);
        break;
      }
      case 3:
        out = out.slice(0, random.int(out.length + 1));
        break;
      case 4: {
        // Duplicate a slice in place
        const start = random.int(out.length + 1);
        const end = start + random.int(out.length - start + 1);
        out = concat(out.slice(0, end), out.slice(start, end), out.slice(end));
        break;
      }
      case 5: {
        // Splice in a piece of another valid input
        const donor = donors.length > 0 ? random.pick(donors) : random.bytes(16);
        const from = random.int(donor.length + 1);
        const piece = donor.slice(from, from + random.int(donor.length - from + 1));
        const at = random.int(out.length + 1);
        out = concat(out.slice(0, at), piece, out.slice(at + random.int(out.length - at + 1)));
        break;
      }
      default: {
        // Insert random bytes
        const at = random.int(out.length + 1);
        out = concat(out.slice(0, at), random.bytes(1 + random.int(8)), out.slice(at));
      }
    }
  }
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Lines of a text that look like a leaked stack trace or server file path. Error messages must never
 * carry them (STYLE: no internals to clients).
 */
export function leakedInternals(text: string): string[] {
  const leaks: string[] = [];
  for (const pattern of [
    /\bat [\w$.<>]+ \(.*:\d+:\d+\)/,
    /\bat (?:file:\/\/)?\/[\w./-]+:\d+:\d+/,
    /\/(?:work|home|usr|app|node_modules)\/[\w.-]+\/[\w./-]*\.(?:ts|js|mjs|cjs)\b/,
    /node:internal/,
    /\b(?:TypeError|RangeError|ReferenceError|SyntaxError): /,
  ]) {
    const match = pattern.exec(text);
    if (match) leaks.push(match[0]);
  }
  return leaks;
}

/** Counts of what a channel tried, printed at the end of each suite for the run's record. */
export class FuzzTally {
  private readonly counts = new Map<string, number>();

  add(kind: string, count = 1): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + count);
  }

  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  report(channel: string, seed: number, startedAt: number): string {
    const kinds = [...this.counts].map(([kind, count]) => `${kind}=${count}`).join(' ');
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    return `[fuzz] ${channel} seed=${seed} inputs=${this.total} (${kinds}) in ${seconds} s — replay with FUZZ_SEED=${seed}`;
  }
}
