import { describe, expect, it } from 'vitest';
import { localizedMessage } from './localizedMessage';

describe('localizedMessage', () => {
  const message = '请填写：议题名称 / Please fill in: topic';

  it('shows the half in the reader’s language', () => {
    expect(localizedMessage(message, 'zh-CN')).toBe('请填写：议题名称');
    expect(localizedMessage(message, 'en')).toBe('Please fill in: topic');
  });

  it('shows a one-language message whole', () => {
    expect(localizedMessage('HTTP 502', 'en')).toBe('HTTP 502');
    expect(localizedMessage(' / only English', 'zh-CN')).toBe(' / only English');
  });
});
