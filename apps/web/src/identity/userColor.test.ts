import { describe, expect, it } from 'vitest';
import { PRESENCE_COLORS, userColor } from './userColor';

describe('userColor', () => {
  it('gives a person the same palette colour every time', () => {
    expect(userColor('user-city-admin')).toBe(userColor('user-city-admin'));
    expect(PRESENCE_COLORS).toContain(userColor('user-county-editor'));
    expect(PRESENCE_COLORS).toContain(userColor(''));
  });

  it('spreads the demo accounts over several colours', () => {
    const ids = ['admin', 'editor', 'viewer', 'deputy'].map((role) => `user-city-${role}`);
    expect(new Set(ids.map(userColor)).size).toBeGreaterThan(1);
  });
});
