import { useCallback } from 'react';
import { Method, METHOD_LABELS, UNSCHEDULED, type BoardGrouping } from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';

/** The heading of a column key under a grouping: 3月 / 未排期, or the method's label. */
export function useColumnTitle(grouping: BoardGrouping): (columnKey: string) => string {
  const { t, label } = useI18n();
  return useCallback(
    (columnKey: string) => {
      if (grouping === 'month') {
        return columnKey === UNSCHEDULED ? t('board.unscheduled') : t(`month.${columnKey}` as MessageKey);
      }
      const method = Method.safeParse(columnKey);
      return method.success ? label(METHOD_LABELS[method.data]) : columnKey;
    },
    [grouping, t, label],
  );
}
