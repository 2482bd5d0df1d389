import { SHORT_TEXT_MAX, TITLE_MAX } from '@yipan/domain';
import type { Translate } from '../i18n/I18nProvider';

/** The message for an invalid title, or null when it may be saved. */
export function validateTitle(value: string, t: Translate): string | null {
  const title = value.trim();
  if (!title) return t('validation.titleRequired');
  if (title.length > TITLE_MAX) return t('validation.titleTooLong', { max: TITLE_MAX });
  return null;
}

/** The message for a too-long short text field, or null. */
export function validateShortText(value: string, t: Translate): string | null {
  return value.trim().length > SHORT_TEXT_MAX ? t('validation.textTooLong', { max: SHORT_TEXT_MAX }) : null;
}
