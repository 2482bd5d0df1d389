import { Skeleton, Typography } from 'antd';
import type { Topic } from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { fieldValueText, type Words } from '../topic/fieldText';
import { useAgendaTopic } from './useAgendaTopic';

/** The fields a room discusses, in the order a plan's table lists them. */
const FIELDS = ['method', 'schedule', 'leadCommittee', 'reportingUnit', 'leaderInCharge'] as const;
type Field = (typeof FIELDS)[number];

const FIELD_LABELS: Record<Field, MessageKey> = {
  method: 'field.method',
  schedule: 'meetings.topic.schedule',
  leadCommittee: 'field.leadCommittee',
  reportingUnit: 'field.reportingUnit',
  leaderInCharge: 'field.leaderInCharge',
};

/** A field's value as the room reads it; '' when the plan leaves it empty. */
function fieldText(topic: Topic, field: Field, words: Words): string {
  switch (field) {
    case 'method':
      return [topic.method, ...topic.addonMethods]
        .map((method) => fieldValueText('method', method, words))
        .join(' + ');
    case 'schedule':
      return [
        topic.month === null ? '' : fieldValueText('month', topic.month, words),
        topic.session === null ? '' : fieldValueText('session', topic.session, words),
      ]
        .filter(Boolean)
        .join(' · ');
    default:
      return topic[field];
  }
}

/**
 * A topic's details read live from its plan's document: method, month or session, lead committee, reporting
 * unit, leader in charge and its content. `large` is the projector's type size.
 */
export function TopicDetails({
  planId,
  topicId,
  showTitle = false,
  showNotes = true,
}: {
  planId: string;
  topicId: string;
  showTitle?: boolean;
  showNotes?: boolean;
}) {
  const { t, label } = useI18n();
  const { topic, connection } = useAgendaTopic(planId, topicId);
  if (!topic)
    return connection.everSynced ? (
      <Typography.Text type="secondary">{t('meetings.topic.gone')}</Typography.Text>
    ) : (
      <Skeleton active paragraph={{ rows: 3 }} />
    );
  const words = { t, label };
  return (
    <div className="meeting-topic" data-testid="meeting-topic" data-title={topic.title}>
      {showTitle ? <div className="meeting-topic-title">{topic.title}</div> : null}
      <dl className="meeting-topic-fields">
        {FIELDS.map((field) => {
          const text = fieldText(topic, field, words);
          return text ? (
            <div key={field} className="meeting-topic-field">
              <dt>{t(FIELD_LABELS[field])}</dt>
              <dd>{text}</dd>
            </div>
          ) : null;
        })}
      </dl>
      {showNotes && topic.notes.trim() ? (
        <div className="meeting-topic-notes">
          <div className="meeting-topic-notes-label">{t('field.notes')}</div>
          <p>{topic.notes}</p>
        </div>
      ) : null}
    </div>
  );
}
