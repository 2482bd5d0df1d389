import { useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { officialPlanTitle, type OrgLevel } from '@yipan/domain';
import { CreatePlanResponse, PLAN_TITLE_MAX, PLAN_YEAR_MAX, PLAN_YEAR_MIN } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { sendJson } from '../api/fetchJson';
import { invalidateRequests } from '../api/useRequest';
import { useI18n } from '../i18n/I18nProvider';
import { navigate, planPath } from '../routing/useRoute';

type Props = {
  org: { id: string; name: string; level: OrgLevel };
  /** The year offered first: the year after the newest plan, or the coming year. */
  defaultYear: number;
  onClose: () => void;
};

type Values = { year: number | null; title: string };

/**
 * Opens an organisation's plan of a new year (empty, collecting proposals); the board opens on it so the
 * office can fill it by hand or import its table. The title defaults to the official one of that year.
 */
export function CreatePlanModal({ org, defaultYear, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const year = Form.useWatch('year', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const defaultTitle = officialPlanTitle(org, year ?? defaultYear);

  const submit = async ({ year: chosen, title }: Values) => {
    if (chosen === null) return;
    setSaving(true);
    setError(null);
    try {
      const { plan } = await sendJson(
        'POST',
        `/api/orgs/${encodeURIComponent(org.id)}/plans`,
        { year: chosen, ...(title.trim() ? { title: title.trim() } : {}) },
        CreatePlanResponse,
      );
      invalidateRequests();
      onClose();
      navigate(planPath(plan.id));
    } catch (failure) {
      setError(describeError(failure instanceof Error ? failure : new Error(String(failure)), t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('createPlan.title', { org: org.name })}
      okText={t('createPlan.submit')}
      cancelText={t('createPlan.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="create-plan-modal"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ year: defaultYear, title: '' }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="year"
          label={t('createPlan.year')}
          rules={[{ required: true, message: t('createPlan.yearRequired') }]}
        >
          <InputNumber min={PLAN_YEAR_MIN} max={PLAN_YEAR_MAX} precision={0} data-testid="create-plan-year" />
        </Form.Item>
        <Form.Item name="title" label={t('createPlan.planTitle')} extra={t('createPlan.titleHint')}>
          <Input maxLength={PLAN_TITLE_MAX} placeholder={defaultTitle} data-testid="create-plan-title" />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
    </Modal>
  );
}
