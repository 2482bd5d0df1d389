import { useCallback } from 'react';
import {
  Method,
  METHOD_LABELS,
  SupervisedBody,
  SUPERVISED_BODY_LABELS,
  TOPIC_STATUS_LABELS,
  TopicStatus,
  type ViewField,
} from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { EMPTY_KEY } from './viewGrouping';

/** The catalog key of a field's name (月份, 会次…). */
export const fieldKey = (field: ViewField) => `view.field.${field}` as MessageKey;

/** How a column or lane key of a field is named: 6月, 第3次会议, 执法检查, 未指定… in the interface language. */
export function useFieldLabel(): (field: ViewField, key: string) => string {
  const { t, label } = useI18n();
  return useCallback(
    (field: ViewField, key: string) => {
      switch (field) {
        case 'month':
          return key === EMPTY_KEY ? t('board.unscheduled') : t(`month.${key}` as MessageKey);
        case 'session':
          return key === EMPTY_KEY ? t('board.unscheduled') : t('card.session', { session: key });
        case 'leadCommittee':
          return key === EMPTY_KEY ? t('view.unassigned') : key;
        case 'method': {
          const method = Method.safeParse(key);
          return method.success ? label(METHOD_LABELS[method.data]) : key;
        }
        case 'supervisedBody': {
          const body = SupervisedBody.safeParse(key);
          return body.success ? label(SUPERVISED_BODY_LABELS[body.data]) : key;
        }
        case 'status': {
          const status = TopicStatus.safeParse(key);
          return status.success ? label(TOPIC_STATUS_LABELS[status.data]) : key;
        }
      }
    },
    [t, label],
  );
}
