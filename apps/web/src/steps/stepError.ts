import { DomainError } from '@yipan/domain';
import type { Translate } from '../i18n/I18nProvider';

/** What to tell the user when a step edit was refused (a colleague may have just changed the topic). */
export function describeStepError(error: unknown, t: Translate): string {
  if (error instanceof DomainError) {
    if (error.code === 'skip_reason_required') return t('steps.skipReasonRequired');
    if (error.code === 'step_not_found' || error.code === 'topic_not_found') return t('steps.error.gone');
  }
  return t('steps.error.invalid');
}
