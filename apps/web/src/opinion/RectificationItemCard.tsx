import { useState } from 'react';
import { App, Button, Card, Descriptions, Popconfirm, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import type * as Y from 'yjs';
import {
  addLookBack,
  advanceRectificationItem,
  isRectificationOverdue,
  nextRectificationStates,
  RECTIFICATION_STATE_LABELS,
  removeRectificationItem,
  updateRectificationItem,
  type IsoDate,
  type LookBack,
  type RectificationItem,
  type RectificationState,
} from '@yipan/domain';
import { usePlanAccess } from '../access/PlanAccessContext';
import { useI18n } from '../i18n/I18nProvider';
import { ItemFormModal } from './ItemFormModal';
import { LookBackModal } from './LookBackModal';
import { RatingSummary } from './RatingSummary';
import { dayOf, isRatingCurrent, STATE_COLOR } from './rectificationDisplay';
import { describeRectificationError } from './rectificationError';
import { TransitionModal, type TransitionInput } from './TransitionModal';

type Props = {
  doc: Y.Doc;
  topicId: string;
  item: RectificationItem;
  /** 1-based place in the opinion, as the text numbers its items. */
  number: number;
  /** Display name of the signed-in person, recorded as who made each change. */
  recorder: string;
  today: IsoDate;
};

type Dialog = { kind: 'edit' } | { kind: 'lookBack' } | { kind: 'move'; to: RectificationState } | null;

/**
 * One rectification item: what it asks, of whom, by when; its state with the moves allowed next; its rating,
 * look-backs, on-site closing and the timeline of every change. Every write goes into the shared document.
 */
export function RectificationItemCard({ doc, topicId, item, number, recorder, today }: Props) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const { canWrite, readOnlyHint } = usePlanAccess();
  const [dialog, setDialog] = useState<Dialog>(null);
  const overdue = isRectificationOverdue(item, today);
  const next = nextRectificationStates(item);
  const stateLabel = (state: RectificationState) => label(RECTIFICATION_STATE_LABELS[state]);

  /** Runs a document write; a refusal (someone else moved the item first) is shown, not thrown. */
  const write = (run: () => void): boolean => {
    try {
      run();
      return true;
    } catch (error) {
      void message.error(describeRectificationError(error, t));
      return false;
    }
  };
  const move = (to: RectificationState, input: TransitionInput) => {
    const done = write(() =>
      advanceRectificationItem(doc, topicId, item.id, to, { at: Date.now(), by: recorder, ...input }),
    );
    if (done) setDialog(null);
  };

  const titleId = `item-${item.id}-title`;
  return (
    <Card
      size="small"
      className={overdue ? 'rectification-item is-overdue' : 'rectification-item'}
      data-testid="rectification-item"
      data-content={item.content}
      data-state={item.state}
      role="group"
      aria-labelledby={titleId}
      title={
        <Space size={4} wrap>
          <span id={titleId}>{t('opinion.item.number', { number })}</span>
          <Tag color={STATE_COLOR[item.state]} data-testid="item-state">
            {stateLabel(item.state)}
          </Tag>
          {overdue ? (
            <Tag color="red" data-testid="item-overdue">
              {t('opinion.item.overdue')}
            </Tag>
          ) : null}
        </Space>
      }
      extra={
        canWrite ? (
          <Space size={4}>
            <Button
              size="small"
              type="link"
              onClick={() => setDialog({ kind: 'edit' })}
              data-testid="item-edit"
            >
              {t('opinion.item.edit')}
            </Button>
            {item.state === 'drafting' ? (
              <Popconfirm
                title={t('opinion.item.removeConfirm')}
                okText={t('opinion.item.remove')}
                cancelText={t('topic.cancel')}
                onConfirm={() => write(() => removeRectificationItem(doc, topicId, item.id))}
              >
                <Button size="small" type="link" danger data-testid="item-remove">
                  {t('opinion.item.remove')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        ) : null
      }
    >
      <Typography.Paragraph className="item-content">{item.content}</Typography.Paragraph>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('opinion.item.responsibleBody')}>
          {item.responsibleBody || t('opinion.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('opinion.item.deadline')}>
          <span data-testid="item-deadline-text">{item.deadline ?? t('opinion.none')}</span>
        </Descriptions.Item>
      </Descriptions>

      {item.rating ? (
        <div className="item-rating">
          <Typography.Text type="secondary">
            {t(isRatingCurrent(item.state) ? 'opinion.rating.current' : 'opinion.rating.previous')}
          </Typography.Text>
          <RatingSummary rating={item.rating} testId="item-rating" />
        </div>
      ) : null}

      {item.lookBacks.length > 0 ? (
        <div className="item-look-backs" data-testid="item-look-backs">
          <Typography.Text strong>{t('opinion.lookBack.title')}</Typography.Text>
          <ul>
            {item.lookBacks.map((lookBack, index) => (
              <li key={`${lookBack.at}-${index}`}>
                {t('opinion.lookBack.entry', {
                  day: dayOf(lookBack.at),
                  by: lookBack.by,
                  note: lookBack.note,
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {item.state === 'closed' ? (
        <Descriptions size="small" column={1} className="item-closing" data-testid="item-closing">
          <Descriptions.Item label={t('opinion.closing.closedBy')}>{item.closedBy}</Descriptions.Item>
          <Descriptions.Item label={t('opinion.closing.closedAt')}>
            {item.closedAt === null ? t('opinion.none') : dayOf(item.closedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('opinion.closing.evidence')}>
            {item.evidence || t('opinion.none')}
          </Descriptions.Item>
        </Descriptions>
      ) : null}

      {next.length > 0 || item.state === 'tracking' ? (
        <Space wrap size={[8, 8]} className="item-actions">
          {next.map((to) => (
            <Tooltip key={to} title={canWrite ? null : readOnlyHint}>
              <Button
                size="small"
                type={to === 'reopened' ? 'default' : 'primary'}
                danger={to === 'reopened'}
                disabled={!canWrite}
                onClick={() => setDialog({ kind: 'move', to })}
                data-testid={`move-${to}`}
              >
                {to === 'closed'
                  ? t('opinion.closing.action')
                  : t('opinion.transition.to', { to: stateLabel(to) })}
              </Button>
            </Tooltip>
          ))}
          {item.state === 'tracking' ? (
            <Button
              size="small"
              disabled={!canWrite}
              onClick={() => setDialog({ kind: 'lookBack' })}
              data-testid="add-look-back"
            >
              {t('opinion.lookBack.add')}
            </Button>
          ) : null}
        </Space>
      ) : null}

      {item.history.length > 0 ? (
        <details className="item-history">
          <summary>{t('opinion.history.title', { count: item.history.length })}</summary>
          <Timeline
            className="item-timeline"
            items={item.history.map((event, index) => ({
              key: `${event.at}-${index}`,
              color: event.to === 'reopened' ? 'red' : event.to === 'closed' ? 'green' : 'blue',
              title: `${dayOf(event.at)} · ${event.by}`,
              content: (
                <>
                  <div>
                    {stateLabel(event.from)} → {stateLabel(event.to)}
                  </div>
                  {event.rating ? <RatingSummary rating={event.rating} /> : null}
                  {event.closedBy ? <div>{t('opinion.history.closedBy', { by: event.closedBy })}</div> : null}
                  {event.evidence ? (
                    <div>{t('opinion.history.evidence', { evidence: event.evidence })}</div>
                  ) : null}
                  {event.note ? <Typography.Text type="secondary">{event.note}</Typography.Text> : null}
                </>
              ),
            }))}
          />
        </details>
      ) : null}

      {dialog?.kind === 'edit' ? (
        <ItemFormModal
          initial={{
            content: item.content,
            responsibleBody: item.responsibleBody,
            deadline: item.deadline ?? '',
          }}
          onClose={() => setDialog(null)}
          onSave={(values) => {
            if (write(() => updateRectificationItem(doc, topicId, item.id, values))) setDialog(null);
          }}
        />
      ) : null}
      {dialog?.kind === 'lookBack' ? (
        <LookBackModal
          recorder={recorder}
          onClose={() => setDialog(null)}
          onSave={(lookBack: LookBack) => {
            if (write(() => addLookBack(doc, topicId, item.id, lookBack))) setDialog(null);
          }}
        />
      ) : null}
      {dialog?.kind === 'move' ? (
        <TransitionModal
          from={item.state}
          to={dialog.to}
          recorder={recorder}
          onClose={() => setDialog(null)}
          onConfirm={(input) => move(dialog.to, input)}
        />
      ) : null}
    </Card>
  );
}
