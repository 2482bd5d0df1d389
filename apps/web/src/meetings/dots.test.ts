import { describe, expect, it } from 'vitest';
import { addDot, dotsRemaining, dotsUsed, removeDot } from './dots';

describe('placing dots', () => {
  it('places dots until none is left', () => {
    let allocation = addDot({}, 'a', 2);
    allocation = addDot(allocation, 'a', 2);
    expect(allocation).toEqual({ a: 2 });
    expect(dotsRemaining(allocation, 2)).toBe(0);
    expect(addDot(allocation, 'b', 2)).toBe(allocation);
  });

  it('takes dots back without going below none', () => {
    const allocation = removeDot({ a: 1, b: 2 }, 'a');
    expect(allocation).toEqual({ b: 2 });
    expect(removeDot(allocation, 'a')).toBe(allocation);
    expect(dotsUsed(removeDot(allocation, 'b'))).toBe(1);
  });
});
