import { describe, expect, it } from 'vitest';
import type { Label } from '@yipan/domain';
import { ApiError } from '../api/fetchJson';
import { formatMessage, type MessageParams } from '../i18n/formatMessage';
import { zhCN, type MessageKey } from '../i18n/zh-CN';
import { upstreamErrorText } from './upstreamError';

const t = (key: MessageKey, params?: MessageParams) => formatMessage(zhCN[key], params);
const label = (entry: Label) => entry.zh;

describe('upstreamErrorText', () => {
  it('tells the editor of a frozen plan to open an adjustment first', () => {
    const refusal = new ApiError(409, 'adjustment_required', 'adjustment required');
    expect(upstreamErrorText(refusal, t, label)).toContain('须先发起计划调整');
  });

  it('names a parent topic that is gone in our words', () => {
    const gone = new ApiError(404, 'parent_topic_not_found', '上级议题不存在 / Parent topic not found');
    expect(upstreamErrorText(gone, t, label)).toBe(zhCN['upstream.error.parentTopicNotFound']);
  });

  it('falls back to the general wording for anything else', () => {
    expect(upstreamErrorText(new ApiError(403, 'forbidden', 'no'), t, label)).toBe(zhCN['error.forbidden']);
  });
});
