import { useId, useMemo, useState } from 'react';
import { App, Input, Select, Tag, Typography } from 'antd';
import type * as Y from 'yjs';
import {
  daysOverdue,
  SHORT_TEXT_MAX,
  STEP_STATE_LABELS,
  StepState,
  setStepState,
  stepNotes,
  updateStep,
  type IsoDate,
  type TopicStep,
} from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';
import { useDraftText } from '../topic/useDraftText';
import { SkipReasonModal } from './SkipReasonModal';
import { CollaborativeTextarea } from '../collab/CollaborativeTextarea';
import { describeStepError } from './stepError';

type Props = {
  doc: Y.Doc;
  topicId: string;
  step: TopicStep;
  number: number;
  today: IsoDate;
  disabled: boolean;
};

/** Colours of the state tag, so progress reads at a glance. */
const STATE_COLORS: Record<StepState, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
  skipped: 'warning',
};

/** One step of a topic: its state, date, owner, deadlines and notes, each edited live in the plan document. */
export function StepItem({ doc, topicId, step, number, today, disabled }: Props) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const ids = { state: useId(), date: useId(), owner: useId(), notes: useId() };
  const [skipping, setSkipping] = useState(false);
  const notes = useMemo(() => stepNotes(doc, topicId, step.id), [doc, topicId, step.id]);
  const late = daysOverdue(step, today);
  const title = label(step.title);

  const write = (action: () => void) => {
    if (disabled) return;
    try {
      action();
    } catch (error) {
      void message.error(describeStepError(error, t));
    }
  };
  const owner = useDraftText({
    value: step.owner,
    onCommit: (text) => write(() => updateStep(doc, topicId, step.id, { owner: text })),
  });
  const changeState = (state: StepState) => {
    if (state === 'skipped') setSkipping(true);
    else write(() => setStepState(doc, topicId, step.id, state));
  };

  return (
    <li
      className={late > 0 ? 'step-item is-overdue' : 'step-item'}
      data-testid="step-item"
      data-step-id={step.id}
      data-state={step.state}
      aria-label={t('steps.itemLabel', { number, title, state: label(STEP_STATE_LABELS[step.state]) })}
    >
      <div className="step-head">
        <Typography.Text strong className="step-title">
          {number}. {title}
        </Typography.Text>
        <Tag color={STATE_COLORS[step.state]}>{label(STEP_STATE_LABELS[step.state])}</Tag>
        {late > 0 ? (
          <Tag color="red" data-testid="step-overdue">
            {t('steps.overdue', { days: late })}
          </Tag>
        ) : null}
      </div>
      {step.dueDate ? (
        <div className="step-deadlines" data-testid="step-due">
          {t('steps.due', { date: step.dueDate })}
          {step.deadlines.length > 1 ? (
            <ul>
              {step.deadlines.map((deadline) => (
                <li key={deadline.key}>
                  {label(deadline.title)}：{deadline.date}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {step.state === 'skipped' && step.skipReason ? (
        <div className="step-skip-reason" data-testid="step-skip-reason">
          {t('steps.skippedBecause', { reason: step.skipReason })}
        </div>
      ) : null}
      <div className="step-fields">
        <div className="step-field">
          <label htmlFor={ids.state}>{t('steps.state')}</label>
          <Select<StepState>
            id={ids.state}
            value={step.state}
            disabled={disabled}
            onChange={changeState}
            options={StepState.options.map((value) => ({ value, label: label(STEP_STATE_LABELS[value]) }))}
            aria-label={t('steps.stateOf', { title })}
            data-testid="step-state"
            className="step-state"
          />
        </div>
        <div className="step-field">
          <label htmlFor={ids.date}>{t('steps.date')}</label>
          <Input
            id={ids.date}
            type="date"
            value={step.date ?? ''}
            disabled={disabled}
            onChange={(event) =>
              write(() => updateStep(doc, topicId, step.id, { date: event.target.value || null }))
            }
            data-testid="step-date"
          />
        </div>
        <div className="step-field step-owner">
          <label htmlFor={ids.owner}>{t('steps.owner')}</label>
          <Input
            id={ids.owner}
            value={owner.value}
            maxLength={SHORT_TEXT_MAX}
            placeholder={t('steps.ownerPlaceholder')}
            disabled={disabled}
            onChange={(event) => owner.onChange(event.target.value)}
            onBlur={owner.onBlur}
            onPressEnter={owner.onPressEnter}
            data-testid="step-owner"
          />
        </div>
      </div>
      {notes ? (
        <div className="step-field">
          <label htmlFor={ids.notes}>{t('steps.notes')}</label>
          <CollaborativeTextarea
            id={ids.notes}
            text={notes}
            placeholder={t('steps.notesPlaceholder')}
            disabled={disabled}
            rows={2}
            className="step-notes"
            testId="step-notes"
          />
        </div>
      ) : null}
      {skipping ? (
        <SkipReasonModal
          stepTitle={title}
          onCancel={() => setSkipping(false)}
          onSkip={(reason) => {
            setSkipping(false);
            write(() => setStepState(doc, topicId, step.id, 'skipped', { reason }));
          }}
        />
      ) : null}
    </li>
  );
}
