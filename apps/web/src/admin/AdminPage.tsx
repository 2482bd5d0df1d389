import { Alert, Button, Result, Skeleton, Tabs } from 'antd';
import { AdminOrgsResponse } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { DisclosureTab } from './DisclosureTab';
import { useRequest } from '../api/useRequest';
import { administersAny, useMe } from '../identity/MeContext';
import { useT } from '../i18n/I18nProvider';
import { adminPath, navigate, type AdminTab } from '../routing/useRoute';
import { ADMIN_TABS } from '../routing/routes';
import { MembersTab } from './MembersTab';
import { OrgsTab } from './OrgsTab';
import { SecurityEventsTab } from './SecurityEventsTab';
import { SessionsTab } from './SessionsTab';
import { StepTemplatesTab } from './StepTemplatesTab';

const TAB_LABELS = {
  orgs: 'admin.tab.orgs',
  members: 'admin.tab.members',
  sessions: 'admin.tab.sessions',
  security: 'admin.tab.security',
  templates: 'templates.tab',
  disclosure: 'disclosure.tab',
} as const;

/**
 * `/admin`: organisations, members, sessions and security events of the organisations the user
 * administers (their own and those below; the server lists nothing above, so nothing above shows).
 */
export function AdminPage({ tab, orgId }: { tab: AdminTab; orgId: string | null }) {
  const t = useT();
  const me = useMe();
  const isAdmin = administersAny(me);
  const orgsRequest = useRequest(isAdmin ? '/api/admin/orgs' : null, AdminOrgsResponse);

  if (!isAdmin)
    return (
      <Result
        status="403"
        title={t('admin.notAdmin')}
        subTitle={t('admin.notAdminHint')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('admin.backToBoard')}
          </Button>
        }
      />
    );

  const orgs = orgsRequest.data?.orgs ?? null;
  const body = (key: AdminTab) => {
    if (orgsRequest.error)
      return (
        <Alert
          type="error"
          showIcon
          title={describeError(orgsRequest.error, t)}
          action={
            <Button size="small" onClick={orgsRequest.reload}>
              {t('error.retry')}
            </Button>
          }
        />
      );
    if (!orgs) return <Skeleton active paragraph={{ rows: 6 }} />;
    switch (key) {
      case 'orgs':
        return <OrgsTab orgs={orgs} onChanged={orgsRequest.reload} />;
      case 'members':
        return <MembersTab orgs={orgs} orgId={orgId} />;
      case 'sessions':
        return <SessionsTab />;
      case 'security':
        return <SecurityEventsTab orgs={orgs} />;
      case 'templates':
        return <StepTemplatesTab orgs={orgs} orgId={orgId} />;
      case 'disclosure':
        return <DisclosureTab orgs={orgs} orgId={orgId} />;
    }
  };

  return (
    <main className="admin-page" aria-label={t('admin.title')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(adminPath(key as AdminTab))}
        destroyOnHidden
        items={ADMIN_TABS.map((key) => ({ key, label: t(TAB_LABELS[key]), children: body(key) }))}
      />
    </main>
  );
}
