import { useState } from 'react';
import { App, Descriptions, Form, Input, Modal } from 'antd';
import { DECIDER_LABELS, PLAN_STATUS_LABELS, type PlanStatus } from '@yipan/domain';
import type { TransitionOption } from '@yipan/protocol';
import { useI18n } from '../i18n/I18nProvider';
import { transitionPlan } from './lifecycleApi';
import { lifecycleErrorText } from './lifecycleError';
import { transitionLabel } from './transitionLabel';

/** Longest note on a transition (the protocol's limit). */
const NOTE_MAX = 2_000;

type Props = {
  planId: string;
  from: PlanStatus;
  option: TransitionOption;
  onClose: () => void;
};

/**
 * Confirms a lifecycle move: from where to where, who decides it, and the note recorded with it
 * (required for sending back and adjusting). The server decides; a refusal is shown in the dialog.
 */
export function TransitionModal({ planId, from, option, onClose }: Props) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const missingNote = option.requiresNote && note.trim() === '';

  const confirm = async () => {
    if (missingNote) {
      setError(t('lifecycle.transition.noteRequired'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const result = await transitionPlan(planId, { to: option.to, note: note.trim() });
      void message.success(t('lifecycle.transition.done', { status: label(PLAN_STATUS_LABELS[option.to]) }));
      if (result.version)
        void message.info(t('lifecycle.transition.versionSaved', { name: result.version.name }));
      onClose();
    } catch (caught) {
      setError(lifecycleErrorText(caught instanceof Error ? caught : new Error(String(caught)), t, label));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={transitionLabel(option, t, label)}
      okText={t('lifecycle.transition.confirm')}
      cancelText={t('topic.cancel')}
      onOk={() => void confirm()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'move',
            label: t('lifecycle.transition.move'),
            children: `${label(PLAN_STATUS_LABELS[from])} → ${label(PLAN_STATUS_LABELS[option.to])}`,
          },
          {
            key: 'decider',
            label: t('lifecycle.transition.decidedBy'),
            children: label(DECIDER_LABELS[option.decidedBy]),
          },
        ]}
      />
      {option.to === 'approved' ? <p>{t('lifecycle.transition.freezes')}</p> : null}
      <Form layout="vertical">
        <Form.Item
          label={t(
            option.requiresNote ? 'lifecycle.transition.noteRequiredLabel' : 'lifecycle.transition.note',
          )}
          required={option.requiresNote}
          htmlFor="transition-note"
          validateStatus={error && missingNote ? 'error' : undefined}
        >
          <Input.TextArea
            id="transition-note"
            autoFocus
            rows={3}
            value={note}
            maxLength={NOTE_MAX}
            onChange={(event) => setNote(event.target.value)}
            placeholder={t('lifecycle.transition.notePlaceholder')}
            data-testid="transition-note"
          />
        </Form.Item>
      </Form>
      {error ? (
        <p role="alert" className="lifecycle-form-error">
          {error}
        </p>
      ) : null}
    </Modal>
  );
}
