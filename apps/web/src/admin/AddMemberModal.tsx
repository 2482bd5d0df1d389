import { useState } from 'react';
import { App, Form, Select } from 'antd';
import { ROLE_LABELS, type Role } from '@yipan/domain';
import { AdminUsersResponse, MemberResponse, type Member, type OrgDetail } from '@yipan/protocol';
import { sendJson } from '../api/fetchJson';
import { useRequest } from '../api/useRequest';
import { useI18n } from '../i18n/I18nProvider';
import { adminErrorMessage } from './adminError';
import { FormModal, RoleField } from './FormModal';

type Fields = { userId: string; role: Role };

/** Adds an existing account (one of the organisations the user administers) to an organisation with a role. */
export function AddMemberModal({
  org,
  members,
  onClose,
  onSaved,
}: {
  org: OrgDetail;
  members: readonly Member[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [saving, setSaving] = useState(false);
  const users = useRequest('/api/admin/users', AdminUsersResponse);
  const memberIds = new Set(members.map((member) => member.user.id));
  const candidates = (users.data?.users ?? []).filter((user) => !memberIds.has(user.id));

  const save = async ({ userId, role }: Fields) => {
    setSaving(true);
    try {
      const { member } = await sendJson(
        'PUT',
        `/api/admin/orgs/${encodeURIComponent(org.id)}/members/${encodeURIComponent(userId)}`,
        { role },
        MemberResponse,
      );
      void message.success(
        t('admin.member.added', {
          name: member.user.displayName,
          org: org.name,
          role: label(ROLE_LABELS[role]),
        }),
      );
      onSaved();
    } catch (error) {
      void message.error(adminErrorMessage(error, t));
      setSaving(false);
    }
  };

  return (
    <FormModal<Fields>
      form={form}
      title={t('admin.member.addTitle', { org: org.name })}
      okText={t('admin.member.add')}
      saving={saving}
      initialValues={{ role: 'editor' }}
      onClose={onClose}
      onFinish={(values) => void save(values)}
    >
      <Form.Item
        name="userId"
        label={t('admin.member.user')}
        rules={[{ required: true, message: t('admin.member.userRequired') }]}
        extra={t('admin.member.userHint')}
      >
        <Select<string>
          autoFocus
          showSearch={{ optionFilterProp: 'label' }}
          loading={users.loading}
          placeholder={t('admin.member.userPlaceholder')}
          notFoundContent={users.loading ? null : t('admin.member.noCandidates')}
          options={candidates.map((user) => ({
            value: user.id,
            label: t('admin.member.userOption', { name: user.displayName, username: user.username }),
          }))}
        />
      </Form.Item>
      <RoleField />
    </FormModal>
  );
}
