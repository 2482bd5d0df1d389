import type { ReactNode } from 'react';
import { Form, Modal, Select, type FormInstance } from 'antd';
import { Role, ROLE_LABELS } from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';

type Props<Fields> = {
  form: FormInstance<Fields>;
  title: string;
  okText: string;
  saving: boolean;
  initialValues: Partial<Fields>;
  onClose: () => void;
  onFinish: (values: Fields) => void;
  onValuesChange?: (changed: Partial<Fields>) => void;
  width?: number;
  children: ReactNode;
};

/** An administration dialog around one vertical form: OK submits it, Cancel closes, saving shows on OK. */
export function FormModal<Fields>({
  form,
  title,
  okText,
  saving,
  initialValues,
  onClose,
  onFinish,
  onValuesChange,
  width,
  children,
}: Props<Fields>) {
  const { t } = useI18n();
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
      width={width}
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        onValuesChange={onValuesChange}
      >
        {children}
      </Form>
    </Modal>
  );
}

/** The roles as select options, in the interface language. */
export function useRoleOptions(): { value: Role; label: string }[] {
  const { label } = useI18n();
  return Role.options.map((role) => ({ value: role, label: label(ROLE_LABELS[role]) }));
}

/** The required role field of a membership being made. */
export function RoleField() {
  const { t } = useI18n();
  return (
    <Form.Item name="role" label={t('admin.member.role')} rules={[{ required: true }]}>
      <Select<Role> options={useRoleOptions()} />
    </Form.Item>
  );
}
