import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import {
  Adjustment,
  ADJUSTMENT_REASON_MAX,
  APPROVING_BODY_LABELS,
  ApprovingBody,
  chinaDateOf,
  SHORT_TEXT_MAX,
} from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';
import { lifecycleErrorText } from './lifecycleError';

type Fields = { reason: string; decidedBy: ApprovingBody; meeting?: string; decidedOn: string };

type Props = {
  title: string;
  okText: string;
  /** Pre-selected deciding body: the council of chairs, or a township's presidium. */
  defaultDecider: ApprovingBody;
  /** Shown above the fields, e.g. which version is restored. */
  intro?: string;
  onSubmit: (adjustment: Adjustment) => Promise<unknown>;
  onClose: () => void;
};

/**
 * The record of an adjustment (计划调整): reason, deciding body, meeting and date, as DOMAIN.md asks
 * every adjustment to keep. Used to open one and to restore a version (which is one). Checked with the
 * domain's schema before it is sent; the server checks again.
 */
export function AdjustmentForm({ title, okText, defaultDecider, intro, onSubmit, onClose }: Props) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const finish = async (values: Fields) => {
    const parsed = Adjustment.safeParse({ ...values, meeting: values.meeting?.trim() || undefined });
    if (!parsed.success) {
      setError(t('lifecycle.adjustment.invalid'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onSubmit(parsed.data);
      onClose();
    } catch (caught) {
      const text = lifecycleErrorText(caught instanceof Error ? caught : new Error(String(caught)), t, label);
      setError(text);
      void message.error(text);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('topic.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
    >
      {intro ? <p>{intro}</p> : null}
      <Form<Fields>
        form={form}
        layout="vertical"
        initialValues={{ decidedBy: defaultDecider, decidedOn: chinaDateOf(Date.now()) }}
        onFinish={(values) => void finish(values)}
      >
        <Form.Item
          name="reason"
          label={t('lifecycle.adjustment.reason')}
          rules={[{ required: true, whitespace: true, message: t('lifecycle.adjustment.reasonRequired') }]}
        >
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={ADJUSTMENT_REASON_MAX}
            placeholder={t('lifecycle.adjustment.reasonPlaceholder')}
            data-testid="adjustment-reason"
          />
        </Form.Item>
        <Form.Item name="decidedBy" label={t('lifecycle.adjustment.decidedBy')} rules={[{ required: true }]}>
          <Select<ApprovingBody>
            options={ApprovingBody.options.map((body) => ({
              value: body,
              label: label(APPROVING_BODY_LABELS[body]),
            }))}
          />
        </Form.Item>
        <Form.Item name="meeting" label={t('lifecycle.adjustment.meeting')}>
          <Input maxLength={SHORT_TEXT_MAX} placeholder={t('lifecycle.adjustment.meetingPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="decidedOn"
          label={t('lifecycle.adjustment.decidedOn')}
          rules={[{ required: true, message: t('lifecycle.adjustment.decidedOnRequired') }]}
        >
          <Input type="date" />
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
