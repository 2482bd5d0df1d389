import { useEffect, useMemo, type ReactNode } from 'react';
import { App, Button, Empty, Tooltip } from 'antd';
import InboxOutlined from '@ant-design/icons/InboxOutlined';
import { archiveTopic, recomputeDueDates, topicNotes, updateTopic, type TopicFields } from '@yipan/domain';
import { usePlanAccess } from '../access/PlanAccessContext';
import { useStore } from '../collab/createStore';
import type { PlanSession } from '../collab/PlanSession';
import { focusTopicCard } from '../board/focusTopicCard';
import { PlanLockNotice, usePlanLock } from '../lifecycle/PlanLifecycleContext';
import { useT } from '../i18n/I18nProvider';
import { commitFocusedField } from './commitFocusedField';
import { CollaborativeTextarea } from '../collab/CollaborativeTextarea';
import { TopicDrawerFrame } from './TopicDrawerFrame';
import { TopicForm } from './TopicForm';
import { TopicUpstreamBanner } from '../alignment/TopicUpstreamBanner';

type Props = {
  session: PlanSession;
  topicId: string;
  onClose: () => void;
  /** Sections shown below the topic's fields (the opinion and its follow-up…). */
  sections?: ReactNode;
};

/** The drawer of an existing topic: every change is written to the shared document as it is made. */
export function EditTopicDrawer({ session, topicId, onClose, sections }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const { canWrite, readOnlyHint } = usePlanAccess();
  // A frozen plan's fields change only within the user's own adjustment; notes and sections stay editable.
  const lock = usePlanLock();
  const canEditFields = canWrite && lock.canEditPlanFields;
  const fieldsHint = canWrite ? lock.lockReason : readOnlyHint;
  const topics = useStore(session.topics);
  const topic = useMemo(
    () => topics.find((candidate) => candidate.id === topicId) ?? null,
    [topics, topicId],
  );
  const notes = useMemo(() => (topic ? topicNotes(session.doc, topicId) : null), [session, topicId, topic]);

  // Others see a coloured outline on the card while it is open here.
  useEffect(() => {
    session.setEditing(topicId);
    return () => session.setEditing(null);
  }, [session, topicId]);

  const close = () => {
    onClose();
    focusTopicCard(topicId);
  };
  const change = (patch: Partial<TopicFields>) => {
    if (!canEditFields) return;
    session.doc.transact(() => {
      updateTopic(session.doc, topicId, patch);
      // The steps' deadlines are counted from the session date: they move with it.
      if (patch.sessionDate !== undefined) recomputeDueDates(session.doc, topicId);
    });
  };
  const archive = () => {
    if (!canEditFields) return;
    archiveTopic(session.doc, topicId);
    void message.success(t('archive.archived', { title: topic?.title ?? '' }));
    onClose();
  };
  const done = () => {
    commitFocusedField();
    close();
  };

  return (
    <TopicDrawerFrame
      title={t('topic.editTitle')}
      readOnly={!canWrite}
      onClose={close}
      footer={
        <>
          {topic && !topic.archived ? (
            <Tooltip title={canEditFields ? null : fieldsHint}>
              <Button
                icon={<InboxOutlined />}
                onClick={archive}
                className="drawer-archive"
                disabled={!canEditFields}
              >
                {t('topic.archive')}
              </Button>
            </Tooltip>
          ) : null}
          <Button type="primary" onClick={done} data-testid="save">
            {t('topic.done')}
          </Button>
        </>
      }
    >
      {topic ? (
        <>
          <PlanLockNotice />
          <TopicUpstreamBanner planId={session.planId} topicId={topicId} />
          <TopicForm
            values={topic}
            onChange={change}
            disabled={!canEditFields}
            renderNotes={(id) =>
              notes ? (
                <CollaborativeTextarea
                  id={id}
                  text={notes}
                  placeholder={t('field.notesPlaceholder')}
                  disabled={!canWrite}
                  rows={6}
                  className="notes-editor"
                  testId="topic-notes"
                />
              ) : null
            }
          />
          {sections}
        </>
      ) : (
        <Empty description={t('topic.notFound')} />
      )}
    </TopicDrawerFrame>
  );
}
