import { ErrorCode, PASSWORD_MIN_LENGTH } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { ApiError } from '../api/fetchJson';
import type { Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';

/** Our words for the refusals administration meets; anything else falls back to the general ones. */
const ADMIN_ERRORS: Partial<Record<string, MessageKey>> = {
  [ErrorCode.lastAdmin]: 'admin.error.lastAdmin',
  [ErrorCode.usernameTaken]: 'admin.error.usernameTaken',
  [ErrorCode.weakPassword]: 'admin.passwordPolicy',
  [ErrorCode.invalidParent]: 'admin.error.invalidParent',
  [ErrorCode.forbidden]: 'admin.error.forbidden',
  [ErrorCode.userNotFound]: 'admin.error.userNotFound',
  [ErrorCode.membershipNotFound]: 'admin.error.membershipNotFound',
  [ErrorCode.sessionNotFound]: 'admin.error.sessionNotFound',
  [ErrorCode.orgNotFound]: 'admin.error.orgNotFound',
  [ErrorCode.badRequest]: 'admin.error.badRequest',
};

/** The error code of a failed request, or null. */
export function errorCodeOf(error: unknown): string | null {
  return error instanceof ApiError ? error.code : null;
}

/** What to tell an administrator about a refused change. */
export function adminErrorMessage(error: unknown, t: Translate): string {
  const failure = error instanceof Error ? error : new Error(String(error));
  const key = failure instanceof ApiError ? ADMIN_ERRORS[failure.code] : undefined;
  return key ? t(key, { min: PASSWORD_MIN_LENGTH }) : describeError(failure, t);
}
