import { useId, useMemo, useState } from 'react';
import { App, Button, Empty, Tooltip, Typography } from 'antd';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { addRectificationItem, opinionText } from '@yipan/domain';
import { usePlanAccess } from '../access/PlanAccessContext';
import type { PlanSession } from '../collab/PlanSession';
import { useMe } from '../identity/MeContext';
import { useT } from '../i18n/I18nProvider';
import { ItemFormModal } from './ItemFormModal';
import { CollaborativeTextarea } from '../collab/CollaborativeTextarea';
import { RectificationItemCard } from './RectificationItemCard';
import { todayInChina } from './rectificationDisplay';
import { describeRectificationError } from './rectificationError';
import { useOpinion } from './useOpinion';
import './opinion.css';

/** Rows shown for the opinion: it is usually a few numbered paragraphs. */
const OPINION_ROWS = 8;

type Props = { session: PlanSession; topicId: string };

/**
 * The topic's deliberation opinion (审议意见) in its drawer: the text, drafted together, and its rectification
 * items with their follow-up. This is execution data, so it stays editable after the plan is approved.
 */
export function OpinionSection({ session, topicId }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const { canWrite, readOnlyHint } = usePlanAccess();
  const recorder = useMe().user.displayName;
  const opinion = useOpinion(session.doc, topicId);
  const text = useMemo(() => opinionText(session.doc, topicId), [session, topicId]);
  const [adding, setAdding] = useState(false);
  const textId = useId();
  const headingId = useId();
  const today = todayInChina();
  const items = opinion?.items ?? [];

  return (
    <section className="opinion-section" aria-labelledby={headingId} data-testid="opinion-section">
      <Typography.Title level={4} id={headingId} className="opinion-heading">
        {t('opinion.title')}
      </Typography.Title>
      {text ? (
        <>
          <label htmlFor={textId} className="opinion-label">
            {t('opinion.text')}
          </label>
          <CollaborativeTextarea
            id={textId}
            text={text}
            placeholder={t('opinion.textPlaceholder')}
            disabled={!canWrite}
            rows={OPINION_ROWS}
            className="notes-editor opinion-text"
            testId="opinion-text"
          />
        </>
      ) : null}
      <div className="opinion-items-header">
        <Typography.Title level={5} className="opinion-subheading">
          {t('opinion.items', { count: items.length })}
        </Typography.Title>
        <Tooltip title={canWrite ? null : readOnlyHint}>
          <Button
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            disabled={!canWrite}
            data-testid="add-item"
          >
            {t('opinion.item.add')}
          </Button>
        </Tooltip>
      </div>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opinion.noItems')} />
      ) : (
        <div className="opinion-items">
          {items.map((item, index) => (
            <RectificationItemCard
              key={item.id}
              doc={session.doc}
              topicId={topicId}
              item={item}
              number={index + 1}
              recorder={recorder}
              today={today}
            />
          ))}
        </div>
      )}
      {adding ? (
        <ItemFormModal
          initial={null}
          onClose={() => setAdding(false)}
          onSave={(values) => {
            try {
              addRectificationItem(session.doc, topicId, values);
              setAdding(false);
            } catch (error) {
              void message.error(describeRectificationError(error, t));
            }
          }}
        />
      ) : null}
    </section>
  );
}
