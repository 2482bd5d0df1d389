import { describe, expect, it } from 'vitest';
import { followUpBucket } from './followUpRoutes';

const TODAY = '2021-06-15';

describe('followUpBucket', () => {
  it('puts an item in the first bucket that fits', () => {
    expect(followUpBucket({ state: 'handling', deadline: '2021-06-14' }, TODAY)).toBe('overdue');
    expect(followUpBucket({ state: 'reported', deadline: '2021-05-31' }, TODAY)).toBe('overdue');
    expect(followUpBucket({ state: 'issued', deadline: TODAY }, TODAY)).toBe('dueThisMonth');
    expect(followUpBucket({ state: 'issued', deadline: '2021-06-30' }, TODAY)).toBe('dueThisMonth');
    expect(followUpBucket({ state: 'reported', deadline: '2021-07-01' }, TODAY)).toBe('awaitingRating');
    expect(followUpBucket({ state: 'deliberated', deadline: null }, TODAY)).toBe('awaitingRating');
    expect(followUpBucket({ state: 'closed', deadline: '2021-01-01' }, TODAY)).toBe('closed');
  });

  it('leaves out items with nothing to chase yet', () => {
    expect(followUpBucket({ state: 'drafting', deadline: null }, TODAY)).toBeNull();
    expect(followUpBucket({ state: 'handling', deadline: '2021-07-01' }, TODAY)).toBeNull();
  });
});
