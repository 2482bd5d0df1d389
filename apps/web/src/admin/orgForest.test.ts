import { describe, expect, it } from 'vitest';
import type { Org } from '@yipan/protocol';
import { orgForest } from './orgForest';

const org = (id: string, parentId: string | null, level: Org['level'] = 'county'): Org => ({
  id,
  name: id,
  level,
  parentId,
});

describe('orgForest', () => {
  it('roots the tree at the organisations whose parent is not managed', () => {
    const forest = orgForest([org('county-1', 'city'), org('township-1', 'county-1', 'township')]);
    expect(forest.map((node) => node.id)).toEqual(['county-1']);
    expect(forest[0]?.children?.map((node) => node.id)).toEqual(['township-1']);
    expect(forest[0]?.children?.[0]?.children).toBeUndefined();
  });

  it('keeps several roots side by side', () => {
    expect(orgForest([org('a', 'x'), org('b', 'y')]).map((node) => node.id)).toEqual(['a', 'b']);
  });
});
