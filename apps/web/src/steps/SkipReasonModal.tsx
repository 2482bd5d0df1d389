import { useId, useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { SKIP_REASON_MAX } from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';

type Props = { stepTitle: string; onCancel: () => void; onSkip: (reason: string) => void };

/** Asks why a step is skipped: a skipped step always says why, for whoever reviews the year. */
export function SkipReasonModal({ stepTitle, onCancel, onSkip }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const missing = reason.trim() === '';
  const submit = () => {
    setTried(true);
    if (!missing) onSkip(reason.trim());
  };
  return (
    <Modal
      open
      title={t('steps.skipTitle', { title: stepTitle })}
      okText={t('steps.skip')}
      cancelText={t('steps.cancel')}
      onOk={submit}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'skip-confirm' }}
    >
      <Form layout="vertical" onFinish={submit}>
        <Form.Item
          label={t('steps.skipReason')}
          htmlFor={id}
          required
          validateStatus={tried && missing ? 'error' : undefined}
          help={tried && missing ? t('steps.skipReasonRequired') : undefined}
        >
          <Input.TextArea
            id={id}
            autoFocus
            rows={3}
            maxLength={SKIP_REASON_MAX}
            value={reason}
            placeholder={t('steps.skipReasonPlaceholder')}
            onChange={(event) => setReason(event.target.value)}
            data-testid="skip-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
