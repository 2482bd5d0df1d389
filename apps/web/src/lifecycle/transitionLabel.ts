import { PLAN_STATUS_LABELS, TRANSITION_KIND_LABELS, type Label } from '@yipan/domain';
import type { TransitionOption } from '@yipan/protocol';
import type { Translate } from '../i18n/I18nProvider';

/**
 * The words on a transition's button: "推进至「审议通过」", "退回至「汇总遴选」"; the adjustment loop
 * uses its own names ("调整计划", "恢复执行").
 */
export function transitionLabel(
  option: Pick<TransitionOption, 'kind' | 'to'>,
  t: Translate,
  label: (label: Label) => string,
): string {
  const status = label(PLAN_STATUS_LABELS[option.to]);
  if (option.kind === 'advance') return t('lifecycle.transition.advance', { status });
  if (option.kind === 'return') return t('lifecycle.transition.return', { status });
  return label(TRANSITION_KIND_LABELS[option.kind]);
}
