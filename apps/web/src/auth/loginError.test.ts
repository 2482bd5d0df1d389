import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@yipan/protocol';
import { ApiError, NETWORK_ERROR } from '../api/fetchJson';
import { en } from '../i18n/en';
import { formatMessage, type MessageParams } from '../i18n/formatMessage';
import { zhCN, type MessageKey } from '../i18n/zh-CN';
import { formatWait, loginErrorMessage } from './loginError';

const zh = (key: MessageKey, params?: MessageParams) => formatMessage(zhCN[key], params);
const english = (key: MessageKey, params?: MessageParams) => formatMessage(en[key], params);

describe('sign-in error messages', () => {
  it('say a wrong password plainly, without telling which part was wrong', () => {
    const error = new ApiError(401, ErrorCode.invalidCredentials, 'x');
    expect(loginErrorMessage(error, zh, null)).toBe('用户名或密码不正确，请重新输入。');
  });

  it('show how long to wait after too many attempts, rounded up', () => {
    const error = new ApiError(429, ErrorCode.tooManyAttempts, 'x', 300);
    expect(loginErrorMessage(error, zh, 300)).toBe('登录失败次数过多，为保护账号安全，请 5 分钟后再试。');
    expect(loginErrorMessage(error, zh, 61)).toContain('2 分钟');
    expect(loginErrorMessage(error, zh, 30)).toContain('30 秒');
    expect(loginErrorMessage(error, english, 30)).toContain('30 s');
    expect(loginErrorMessage(error, zh, 0)).toBe('现在可以再次尝试登录。');
  });

  it('tell a network failure apart from a refusal', () => {
    expect(loginErrorMessage(new ApiError(0, NETWORK_ERROR, 'x'), zh, null)).toBe(zhCN['error.network']);
  });

  it('format waits in both languages', () => {
    expect(formatWait(1, zh)).toBe('1 秒');
    expect(formatWait(59.2, zh)).toBe('1 分钟');
    expect(formatWait(120, english)).toBe('2 min');
    expect(formatWait(1, english)).toBe('1 s');
  });
});
