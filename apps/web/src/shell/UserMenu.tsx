import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import type { MenuProps } from 'antd';
import DownOutlined from '@ant-design/icons/DownOutlined';
import LogoutOutlined from '@ant-design/icons/LogoutOutlined';
import { ROLE_LABELS } from '@yipan/domain';
import type { Org } from '@yipan/protocol';
import { signOut } from '../auth/authStore';
import { describeError } from '../api/describeError';
import { useMe } from '../identity/MeContext';
import { userColor } from '../identity/userColor';
import { useI18n } from '../i18n/I18nProvider';
import { InitialsBadge } from './InitialsBadge';

/** The signed-in person in the header: display name and organisation(s), with sign-out in its menu. */
export function UserMenu({ orgs }: { orgs: readonly Org[] }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const orgName = (orgId: string) => orgs.find((org) => org.id === orgId)?.name ?? orgId;
  const memberships = me.memberships.map((membership) =>
    t('user.membership', { org: orgName(membership.orgId), role: label(ROLE_LABELS[membership.role]) }),
  );
  const orgLine = [...new Set(me.memberships.map((membership) => orgName(membership.orgId)))].join(
    t('list.separator'),
  );

  const items: MenuProps['items'] = [
    {
      type: 'group',
      key: 'memberships',
      label: t('user.memberships'),
      children: memberships.map((text, index) => ({
        key: `membership-${index}`,
        label: text,
        disabled: true,
        className: 'user-membership',
      })),
    },
    { type: 'divider' },
    {
      key: 'sign-out',
      icon: <LogoutOutlined />,
      label: t('user.signOut'),
      'data-testid': 'sign-out',
      onClick: () => {
        signOut().catch((error: unknown) => {
          // Signed out here all the same; the server ends the session when it next sees it.
          void message.warning(describeError(error instanceof Error ? error : new Error(String(error)), t));
        });
      },
    },
  ];

  return (
    <Dropdown menu={{ items }} trigger={['click']} open={open} onOpenChange={setOpen}>
      <Button
        type="text"
        className="user-menu"
        data-testid="user-menu"
        aria-label={t('user.menuLabel', { name: me.user.displayName })}
      >
        <InitialsBadge name={me.user.displayName} color={userColor(me.user.id)} />
        <span className="user-text">
          <span className="user-name" data-testid="user-name">
            {me.user.displayName}
          </span>
          {orgLine ? <span className="user-orgs">{orgLine}</span> : null}
        </span>
        <DownOutlined className="user-caret" />
      </Button>
    </Dropdown>
  );
}
