import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { formatMessage } from '../i18n/formatMessage';
import { zhCN, type MessageKey } from '../i18n/zh-CN';
import { relativeTime } from './relativeTime';

const NOW = Date.parse('2021-06-15T10:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const zh = (key: MessageKey) => formatMessage(zhCN[key]);
const english = (key: MessageKey) => formatMessage(en[key]);

describe('relativeTime', () => {
  it('says "just now" for the last few seconds, in both languages', () => {
    expect(relativeTime(ago(10_000), NOW, 'zh-CN', zh)).toBe('刚刚');
    expect(relativeTime(ago(10_000), NOW, 'en', english)).toBe('just now');
  });

  it('counts minutes, hours and days in Chinese', () => {
    expect(relativeTime(ago(3 * 60_000), NOW, 'zh-CN', zh)).toBe('3分钟前');
    expect(relativeTime(ago(50_000), NOW, 'zh-CN', zh)).toBe('1分钟前');
    expect(relativeTime(ago(2 * 3_600_000), NOW, 'zh-CN', zh)).toBe('2小时前');
    expect(relativeTime(ago(24 * 3_600_000), NOW, 'zh-CN', zh)).toBe('昨天');
    expect(relativeTime(ago(3 * 24 * 3_600_000), NOW, 'zh-CN', zh)).toBe('3天前');
    expect(relativeTime(ago(400 * 24 * 3_600_000), NOW, 'zh-CN', zh)).toBe('去年');
  });

  it('counts in English too, and handles a time slightly in the future (clock skew)', () => {
    expect(relativeTime(ago(3 * 60_000), NOW, 'en', english)).toBe('3 minutes ago');
    expect(relativeTime(ago(5 * 3_600_000), NOW, 'en', english)).toBe('5 hours ago');
    expect(relativeTime(ago(-2 * 60_000), NOW, 'en', english)).toBe('in 2 minutes');
  });
});
