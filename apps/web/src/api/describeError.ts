import type { Translate } from '../i18n/I18nProvider';
import { ApiError, INVALID_RESPONSE, NETWORK_ERROR } from './fetchJson';

/** What to tell the user about a failed request: our own words for the cases we know, else the server's message. */
export function describeError(error: Error, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.request', { message: error.message });
  if (error.code === INVALID_RESPONSE) return t('error.invalidResponse');
  if (error.code === NETWORK_ERROR) return t('error.network');
  if (error.status === 404) return t('error.notFound');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 401) return t('error.unauthenticated');
  return t('error.request', { message: error.message });
}
