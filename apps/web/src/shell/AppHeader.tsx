import { Button, Divider, Layout, Tag, Tooltip, Typography } from 'antd';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import SettingOutlined from '@ant-design/icons/SettingOutlined';
import TeamOutlined from '@ant-design/icons/TeamOutlined';
import { PLAN_STATUS_LABELS } from '@yipan/domain';
import type { Org, PlanResponse } from '@yipan/protocol';
import { usePlanAccess } from '../access/PlanAccessContext';
import { administersAny, useMe } from '../identity/MeContext';
import { userColor } from '../identity/userColor';
import { useI18n } from '../i18n/I18nProvider';
import { NotificationBell } from '../notifications/NotificationBell';
import { adminPath, meetingsPath, navigate, type Route } from '../routing/useRoute';
import { ConnectionIndicator } from './ConnectionIndicator';
import { LanguageSwitch } from './LanguageSwitch';
import { PresenceAvatars } from './PresenceAvatars';
import { planStatusColor } from './planStatusColor';
import { UndoRedoButtons } from './UndoRedoButtons';
import { UserMenu } from './UserMenu';

type Props = {
  plan: PlanResponse['plan'] | null;
  orgs: readonly Org[];
  page: Route['page'];
  /** Absent when there is no plan open. */
  onNewTopic?: () => void;
};

/** The top bar: product name, the open plan, connection, people, undo/redo, new topic, administration, user, language. */
export function AppHeader({ plan, orgs, page, onNewTopic }: Props) {
  const { t, label } = useI18n();
  const me = useMe();
  const { canWrite, readOnlyHint } = usePlanAccess();
  const isAdmin = administersAny(me);
  return (
    <Layout.Header className="app-header">
      <a
        className="brand"
        href="/"
        onClick={(event) => {
          event.preventDefault();
          navigate('/');
        }}
      >
        <span className="brand-mark" aria-hidden="true">
          棋
        </span>
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-subtitle">{t('app.subtitle')}</span>
      </a>
      {plan ? (
        <div className="plan-heading">
          <Divider orientation="vertical" />
          <Typography.Title level={1} className="plan-title" ellipsis={{ tooltip: plan.title }}>
            {plan.title}
          </Typography.Title>
          <Tag color={planStatusColor(plan.status)} className="plan-status">
            {label(PLAN_STATUS_LABELS[plan.status])}
          </Tag>
          {canWrite ? null : (
            <Tooltip title={readOnlyHint}>
              <Tag color="gold" data-testid="read-only-tag">
                {t('plan.readOnly')}
              </Tag>
            </Tooltip>
          )}
        </div>
      ) : page === 'admin' ? (
        <div className="plan-heading">
          <Divider orientation="vertical" />
          <Typography.Title level={1} className="plan-title">
            {t('admin.title')}
          </Typography.Title>
        </div>
      ) : page === 'meetings' || page === 'meeting' ? (
        <div className="plan-heading">
          <Divider orientation="vertical" />
          <Typography.Title level={1} className="plan-title">
            {t('meetings.title')}
          </Typography.Title>
        </div>
      ) : (
        <div className="plan-heading" />
      )}
      <div className="header-tools">
        <ConnectionIndicator />
        <PresenceAvatars user={{ name: me.user.displayName, color: userColor(me.user.id) }} />
        <UndoRedoButtons />
        {onNewTopic ? (
          <Tooltip title={canWrite ? null : readOnlyHint}>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={onNewTopic}
              disabled={!canWrite}
              data-testid="new-topic"
            >
              {t('board.newTopic')}
            </Button>
          </Tooltip>
        ) : null}
        {page !== 'meetings' ? (
          <Button
            icon={<TeamOutlined />}
            href={meetingsPath()}
            onClick={(event) => {
              event.preventDefault();
              navigate(meetingsPath());
            }}
            data-testid="meetings-link"
          >
            {t('meetings.link')}
          </Button>
        ) : null}
        {isAdmin && page !== 'admin' ? (
          <Button
            icon={<SettingOutlined />}
            href={adminPath()}
            onClick={(event) => {
              event.preventDefault();
              navigate(adminPath());
            }}
            data-testid="admin-link"
          >
            {t('admin.link')}
          </Button>
        ) : null}
        <NotificationBell />
        <UserMenu orgs={orgs} />
        <LanguageSwitch />
      </div>
    </Layout.Header>
  );
}
