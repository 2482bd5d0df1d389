import { describe, expect, it } from 'vitest';
import { publicProposePath } from '@yipan/protocol';
import { parseRoute } from '../routing/routes';

describe('the public proposal page route', () => {
  it('is reached from the link the office shares', () => {
    expect(parseRoute(publicProposePath('city-2022'))).toEqual({ page: 'propose', planId: 'city-2022' });
    expect(parseRoute('/public/plans/city-2022/propose/')).toEqual({ page: 'propose', planId: 'city-2022' });
  });

  it('ignores ids the server would refuse', () => {
    expect(parseRoute('/public/plans/..%2F/propose').page).toBe('home');
  });
});
