import { z } from 'zod';
import type { Label } from './glossary';

/** Builds a zod enum plus its label table from one list, so the two never drift apart. */
export function labelledEnum<const T extends readonly [string, ...string[]]>(entries: {
  [K in keyof T]: [T[K], Label];
}) {
  const values = entries.map(([value]) => value) as unknown as T;
  const labels = Object.fromEntries(entries) as Record<T[number], Label>;
  return { schema: z.enum(values), values, labels };
}
