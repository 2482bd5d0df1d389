import { ErrorCode } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { ApiError } from '../api/fetchJson';
import type { Translate } from '../i18n/I18nProvider';

/** Seconds in a minute: waits of a minute or more are said in minutes. */
const MINUTE_S = 60;

/** A wait as people say it: "45 秒", "5 分钟" (rounded up: never promise less than the server asks). */
export function formatWait(seconds: number, t: Translate): string {
  const whole = Math.max(1, Math.ceil(seconds));
  return whole < MINUTE_S
    ? t('time.seconds', { count: whole })
    : t('time.minutes', { count: Math.ceil(whole / MINUTE_S) });
}

/** What the sign-in form says about a refused sign-in; `waitSeconds` is what is left of a lockout. */
export function loginErrorMessage(error: Error, t: Translate, waitSeconds: number | null): string {
  if (error instanceof ApiError) {
    if (error.code === ErrorCode.invalidCredentials) return t('login.invalid');
    if (error.code === ErrorCode.tooManyAttempts)
      return waitSeconds !== null && waitSeconds > 0
        ? t('login.tooMany', { wait: formatWait(waitSeconds, t) })
        : t('login.tooManyOver');
  }
  return describeError(error, t);
}
