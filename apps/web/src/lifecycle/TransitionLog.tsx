import { Timeline, Typography } from 'antd';
import { PLAN_STATUS_LABELS } from '@yipan/domain';
import type { TransitionRecord } from '@yipan/protocol';
import { absoluteTime } from '../history/relativeTime';
import { useI18n } from '../i18n/I18nProvider';

/** The transition log, oldest first: who moved the plan from where to where, when, and why. */
export function TransitionLog({ log }: { log: readonly TransitionRecord[] }) {
  const { t, label, locale } = useI18n();
  if (log.length === 0) return <Typography.Text type="secondary">{t('lifecycle.log.empty')}</Typography.Text>;
  return (
    <Timeline
      className="lifecycle-log"
      data-testid="transition-log"
      items={log.map((record) => ({
        key: record.id,
        content: (
          <div data-testid="transition-record">
            <Typography.Text strong>
              {label(PLAN_STATUS_LABELS[record.from])} → {label(PLAN_STATUS_LABELS[record.to])}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {t('lifecycle.log.byAt', {
                  name: record.actor.displayName,
                  at: absoluteTime(record.at, locale),
                })}
              </Typography.Text>
            </div>
            {record.note ? <div className="lifecycle-log-note">{record.note}</div> : null}
          </div>
        ),
      }))}
    />
  );
}
