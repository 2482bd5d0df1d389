import { useRef, useState } from 'react';
import { App, Button, Input, Tooltip } from 'antd';
import { addTopic, TOPIC_DEFAULTS, type TopicFields } from '@yipan/domain';
import { usePlanAccess } from '../access/PlanAccessContext';
import type { PlanSession } from '../collab/PlanSession';
import { focusTopicCard } from '../board/focusTopicCard';
import { PlanLockNotice, usePlanLock } from '../lifecycle/PlanLifecycleContext';
import { useT } from '../i18n/I18nProvider';
import { commitFocusedField } from './commitFocusedField';
import { TopicDrawerFrame } from './TopicDrawerFrame';
import { TopicForm } from './TopicForm';
import { validateTitle } from './validateTopic';

type Props = {
  session: PlanSession;
  preset: Partial<TopicFields>;
  author: string;
  onClose: () => void;
};

/** The drawer for a new topic: fields are a local draft until Save adds the topic to the plan. */
export function CreateTopicDrawer({ session, preset, author, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  // Access may shrink while the draft is open: the draft stays (to copy from), saving does not.
  const access = usePlanAccess();
  // Adding a topic to a frozen plan is an adjustment: only its opener may, as for every plan field.
  const lock = usePlanLock();
  const canWrite = access.canWrite && lock.canEditPlanFields;
  const readOnlyHint = access.canWrite ? lock.lockReason : access.readOnlyHint;
  // A ref, not state: Save (or Enter in the title) must see edits committed in the same event.
  const draft = useRef<TopicFields & { notes: string }>({ ...TOPIC_DEFAULTS, ...preset, notes: '' });
  const [, rerender] = useState(0);
  const [triedSave, setTriedSave] = useState(false);

  const change = (patch: Partial<TopicFields & { notes: string }>) => {
    draft.current = { ...draft.current, ...patch };
    rerender((n) => n + 1);
  };
  const save = () => {
    commitFocusedField();
    if (!canWrite) return;
    setTriedSave(true);
    if (validateTitle(draft.current.title, t)) return;
    const id = addTopic(session.doc, draft.current, { author });
    void message.success(t('topic.created', { title: draft.current.title }));
    onClose();
    focusTopicCard(id);
  };

  return (
    <TopicDrawerFrame
      title={t('topic.newTitle')}
      readOnly={!access.canWrite}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('topic.cancel')}</Button>
          <Tooltip title={canWrite ? null : readOnlyHint}>
            <Button type="primary" onClick={save} disabled={!canWrite} data-testid="save">
              {t('topic.save')}
            </Button>
          </Tooltip>
        </>
      }
    >
      <PlanLockNotice />
      <TopicForm
        values={draft.current}
        onChange={change}
        disabled={false}
        autoFocusTitle
        forceValidation={triedSave}
        onTitleEnter={save}
        renderNotes={(id) => (
          <Input.TextArea
            id={id}
            rows={6}
            value={draft.current.notes}
            placeholder={t('field.notesPlaceholder')}
            onChange={(event) => change({ notes: event.target.value })}
            data-testid="topic-notes"
          />
        )}
      />
    </TopicDrawerFrame>
  );
}
