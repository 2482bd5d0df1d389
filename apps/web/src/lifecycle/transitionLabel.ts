import { PLAN_STATUS_LABELS, type Label } from '@yipan/domain';
import type { TransitionOption } from '@yipan/protocol';
import type { Translate } from '../i18n/I18nProvider';

/** The words on a transition's button: "推进至「审议通过」", "退回至「汇总遴选」". */
export function transitionLabel(
  option: Pick<TransitionOption, 'kind' | 'to'>,
  t: Translate,
  label: (label: Label) => string,
): string {
  const status = label(PLAN_STATUS_LABELS[option.to]);
  return option.kind === 'advance'
    ? t('lifecycle.transition.advance', { status })
    : t('lifecycle.transition.return', { status });
}
