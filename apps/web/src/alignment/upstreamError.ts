import type { Label } from '@yipan/domain';
import { AlignmentErrorCode, LifecycleErrorCode } from '@yipan/protocol';
import { ApiError } from '../api/fetchJson';
import type { Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { lifecycleErrorText } from '../lifecycle/lifecycleError';

/** Our own words for the refusals of answers, links and joint topics the server names with a stable code. */
const UPSTREAM_ERROR_KEYS: Record<string, MessageKey> = {
  [LifecycleErrorCode.adjustmentRequired]: 'upstream.error.adjustmentRequired',
  [AlignmentErrorCode.notAnAncestorPlan]: 'upstream.error.notAnAncestorPlan',
  [AlignmentErrorCode.parentTopicNotFound]: 'upstream.error.parentTopicNotFound',
  [AlignmentErrorCode.notAChildOrg]: 'upstream.error.notAChildOrg',
  [AlignmentErrorCode.modeNotAllowed]: 'upstream.error.modeNotAllowed',
};

/**
 * What to tell the user about a refused answer, link or joint change: a frozen plan needs an adjustment
 * first (计划调整), a parent topic is gone…; anything else as the lifecycle and requests say it.
 */
export function upstreamErrorText(error: unknown, t: Translate, label: (label: Label) => string): string {
  const failure = error instanceof Error ? error : new Error(String(error));
  if (failure instanceof ApiError) {
    const key = UPSTREAM_ERROR_KEYS[failure.code];
    if (key) return t(key);
  }
  return lifecycleErrorText(failure, t, label);
}
