import { useState } from 'react';
import { Alert, App, Form, Modal, Select } from 'antd';
import {
  DEFAULT_PROPOSAL_SOURCE,
  SUBMITTER_KIND_LABELS,
  TOPIC_SOURCE_LABELS,
  TOPIC_SOURCES,
  type SubmitterKind,
  type TopicSource,
} from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';
import { submitProposal } from './proposalApi';
import { proposalErrorText } from './proposalError';
import { ProposalFormFields, type ProposalFormValues } from './ProposalFormFields';

type Values = ProposalFormValues & { submitterKind: SubmitterKind; source: TopicSource };

type Props = {
  planId: string;
  /** The office may record any kind (a committee's, a deputy's, a letter from the public); a deputy proposes as a deputy. */
  kinds: readonly SubmitterKind[];
  onClose: () => void;
};

/** A deputy's or a committee's proposal from inside the app, with its submitter kind and source type. */
export function SubmitProposalModal({ planId, kinds, onClose }: Props) {
  const { t, label, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const firstKind = kinds[0] ?? 'deputy';
  const kind = Form.useWatch('submitterKind', form) ?? firstKind;

  const send = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSending(true);
    setFailure(null);
    try {
      await submitProposal(planId, { ...values, contact: values.contact ?? '' });
      void message.success(t('solicitation.modal.sent'));
      onClose();
    } catch (error) {
      setFailure(proposalErrorText(error, t, locale));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      title={t('solicitation.modal.title')}
      okText={t('solicitation.submit')}
      cancelText={t('solicitation.cancel')}
      confirmLoading={sending}
      onOk={() => void send()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      {failure ? (
        <Alert className="propose-alert" type="error" showIcon role="alert" title={failure} />
      ) : null}
      <Form<Values>
        form={form}
        name="submit-proposal"
        layout="vertical"
        initialValues={{ submitterKind: firstKind, source: DEFAULT_PROPOSAL_SOURCE[firstKind] }}
        onValuesChange={(changed: Partial<Values>) => {
          // A new kind brings its usual source; a public proposal can only be public solicitation.
          if (changed.submitterKind)
            form.setFieldValue('source', DEFAULT_PROPOSAL_SOURCE[changed.submitterKind]);
        }}
      >
        <Form.Item name="submitterKind" label={t('solicitation.modal.submitterKind')}>
          <Select
            disabled={kinds.length < 2}
            options={kinds.map((value) => ({ value, label: label(SUBMITTER_KIND_LABELS[value]) }))}
          />
        </Form.Item>
        <Form.Item name="source" label={t('solicitation.modal.source')}>
          <Select
            disabled={kind === 'public'}
            options={TOPIC_SOURCES.map((value) => ({ value, label: label(TOPIC_SOURCE_LABELS[value]) }))}
          />
        </Form.Item>
        <ProposalFormFields />
      </Form>
    </Modal>
  );
}
