import { useState } from 'react';
import { App, Form, Input } from 'antd';
import type { Role } from '@yipan/domain';
import {
  ErrorCode,
  isStrongPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  UserCreateResponse,
  type OrgDetail,
} from '@yipan/protocol';
import { sendJson } from '../api/fetchJson';
import { useI18n } from '../i18n/I18nProvider';
import { adminErrorMessage, errorCodeOf } from './adminError';
import { FormModal, RoleField } from './FormModal';

/** Usernames as the server accepts them (protocol `Username`): lower-case letters, digits, `.`, `_`, `-`. */
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
/** Longest display name (protocol `DisplayName`). */
const DISPLAY_NAME_MAX = 100;

type Fields = { username: string; displayName: string; password: string; role: Role };

/** Creates an account with its first membership in the selected organisation; shows the password policy. */
export function CreateUserModal({
  org,
  onClose,
  onSaved,
}: {
  org: OrgDetail;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [saving, setSaving] = useState(false);
  const policy = t('admin.passwordPolicy', { min: PASSWORD_MIN_LENGTH });

  const save = async (values: Fields) => {
    setSaving(true);
    try {
      const { user } = await sendJson(
        'POST',
        '/api/admin/users',
        {
          username: values.username.trim().toLowerCase(),
          displayName: values.displayName.trim(),
          password: values.password,
          membership: { orgId: org.id, role: values.role },
        },
        UserCreateResponse,
      );
      void message.success(t('admin.user.created', { name: user.displayName, org: org.name }));
      onSaved();
    } catch (error) {
      setSaving(false);
      const code = errorCodeOf(error);
      // Refusals about one field are shown at that field; the rest as a message.
      if (code === ErrorCode.usernameTaken)
        form.setFields([{ name: 'username', errors: [t('admin.error.usernameTaken')] }]);
      else if (code === ErrorCode.weakPassword)
        form.setFields([{ name: 'password', errors: [t('admin.user.passwordWeak')] }]);
      else void message.error(adminErrorMessage(error, t));
    }
  };

  return (
    <FormModal<Fields>
      form={form}
      title={t('admin.user.createTitle', { org: org.name })}
      okText={t('admin.user.create')}
      saving={saving}
      initialValues={{ role: 'editor' }}
      onClose={onClose}
      onFinish={(values) => void save(values)}
    >
      <Form.Item
        name="username"
        label={t('admin.user.username')}
        extra={t('admin.user.usernameHint')}
        rules={[
          { required: true, message: t('admin.user.usernameRequired') },
          {
            validator: (_rule, value: string | undefined) =>
              !value || USERNAME_PATTERN.test(value.trim().toLowerCase())
                ? Promise.resolve()
                : Promise.reject(new Error(t('admin.user.usernameInvalid'))),
          },
        ]}
      >
        <Input autoFocus autoComplete="off" spellCheck={false} placeholder="county.staff" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('admin.user.displayName')}
        rules={[{ required: true, whitespace: true, message: t('admin.user.displayNameRequired') }]}
      >
        <Input maxLength={DISPLAY_NAME_MAX} placeholder={t('admin.user.displayNamePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('admin.user.password')}
        extra={policy}
        rules={[
          { required: true, message: t('admin.user.passwordRequired') },
          {
            // The policy itself is the field's help text just below; the error only points at it.
            validator: (_rule, value: string | undefined) =>
              !value || isStrongPassword(value)
                ? Promise.resolve()
                : Promise.reject(new Error(t('admin.user.passwordWeak'))),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} />
      </Form.Item>
      <RoleField />
    </FormModal>
  );
}
