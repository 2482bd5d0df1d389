import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazySchema } from './lazySchema';

describe('lazySchema', () => {
  it('builds the schema on first use, once', () => {
    let builds = 0;
    const Point = lazySchema(() => {
      builds += 1;
      return z.object({ x: z.number(), y: z.number() });
    });
    expect(builds).toBe(0);
    expect(Point.parse({ x: 1, y: 2 })).toEqual({ x: 1, y: 2 });
    expect(Point.safeParse({ x: 'a' }).success).toBe(false);
    expect(builds).toBe(1);
  });

  it('stands for the schema when composed, inspected and checked', () => {
    const Id = lazySchema(() => z.string().min(1));
    const Item = lazySchema(() => z.object({ id: Id, tags: z.array(Id).optional() }));
    const Named = lazySchema(() => Item.extend({ name: z.string() }));
    expect(Item).toBeInstanceOf(z.ZodObject);
    expect(Object.keys(Item.shape)).toEqual(['id', 'tags']);
    expect(Named.parse({ id: 'a', name: 'n' })).toEqual({ id: 'a', name: 'n' });
    expect(() => Named.parse({ id: '', name: 'n' })).toThrow(z.ZodError);
    expect(z.array(Item).parse([{ id: 'b', tags: ['c'] }])).toEqual([{ id: 'b', tags: ['c'] }]);
    expect(['a', 'b'].map((value) => Id.parse(value))).toEqual(['a', 'b']);
  });
});
