import { DomainError } from '@yipan/domain';
import type { MessageKey } from '../i18n/zh-CN';
import type { Translate } from '../i18n/I18nProvider';

/** The refusals of the rectification state machine and item editing a person can run into, in their words. */
const KNOWN: Record<string, MessageKey> = {
  illegal_transition: 'opinion.error.illegalTransition',
  same_state: 'opinion.error.illegalTransition',
  rating_required: 'opinion.error.ratingRequired',
  rating_failed: 'opinion.error.ratingFailed',
  rating_passed: 'opinion.error.ratingPassed',
  note_required: 'opinion.error.noteRequired',
  invalid_detail: 'opinion.error.invalid',
  item_not_found: 'opinion.error.itemNotFound',
  not_tracking: 'opinion.error.notTracking',
  item_not_drafting: 'opinion.error.notDrafting',
};

/**
 * What to tell the user when a document write was refused. Another person may have moved the item a moment
 * earlier, so a refusal is normal, not a crash.
 */
export function describeRectificationError(error: unknown, t: Translate): string {
  if (error instanceof DomainError) {
    const key = KNOWN[error.code];
    if (key) return t(key);
  }
  return t('opinion.error.invalid');
}
