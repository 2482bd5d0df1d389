import { ApiError } from '../api/fetchJson';
import { describeError } from '../api/describeError';
import type { Locale, Translate } from '../i18n/I18nProvider';
import { localizedMessage } from './localizedMessage';

/** Client errors whose server message says exactly what to fix (empty field, closed call, too many…). */
const TELLING_STATUSES: ReadonlySet<number> = new Set([400, 409, 413, 429]);

/** What to tell the user about a failed proposal request, in their language. */
export function proposalErrorText(error: unknown, t: Translate, locale: Locale): string {
  if (error instanceof ApiError && TELLING_STATUSES.has(error.status))
    return localizedMessage(error.message, locale);
  return describeError(error instanceof Error ? error : new Error(String(error)), t);
}
