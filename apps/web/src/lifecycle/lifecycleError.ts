import { TRANSITION_ERROR_LABELS, type Label, type TransitionErrorCode } from '@yipan/domain';
import { LifecycleErrorCode } from '@yipan/protocol';
import { ApiError } from '../api/fetchJson';
import { describeError } from '../api/describeError';
import type { Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';

/** Our own words for the lifecycle refusals the server names with a stable code. */
const LIFECYCLE_ERROR_KEYS: Record<string, MessageKey> = {
  [LifecycleErrorCode.adjustmentRequired]: 'lifecycle.error.adjustmentRequired',
  [LifecycleErrorCode.adjustmentOpen]: 'lifecycle.error.adjustmentOpen',
  [LifecycleErrorCode.adjustmentClosed]: 'lifecycle.error.adjustmentClosed',
  [LifecycleErrorCode.planNotFrozen]: 'lifecycle.error.planNotFrozen',
  [LifecycleErrorCode.versionNotFound]: 'lifecycle.error.versionNotFound',
};

function isTransitionCode(code: string): code is TransitionErrorCode {
  return Object.hasOwn(TRANSITION_ERROR_LABELS, code);
}

/** What to tell the user about a failed lifecycle request: the refusal's reason when the server gave a known code. */
export function lifecycleErrorText(error: Error, t: Translate, label: (label: Label) => string): string {
  if (error instanceof ApiError) {
    if (isTransitionCode(error.code)) return label(TRANSITION_ERROR_LABELS[error.code]);
    const key = LIFECYCLE_ERROR_KEYS[error.code];
    if (key) return t(key);
  }
  return describeError(error, t);
}
