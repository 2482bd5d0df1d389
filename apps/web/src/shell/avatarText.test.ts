import { describe, expect, it } from 'vitest';
import { avatarText } from './avatarText';

describe('avatar text', () => {
  it('shows a Chinese given name or Latin initials', () => {
    expect(avatarText('市人大研究室 李强')).toBe('李强');
    expect(avatarText('测试乙（人大办）')).toBe('试乙');
    expect(avatarText('Wang Min')).toBe('WM');
    expect(avatarText('  ')).toBe('?');
  });
});
