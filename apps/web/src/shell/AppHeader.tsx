import { Button, Divider, Layout, Tag, Tooltip, Typography } from 'antd';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { PLAN_STATUS_LABELS } from '@yipan/domain';
import type { PlanResponse } from '@yipan/protocol';
import type { LocalUser } from '../identity/localUser';
import { useI18n } from '../i18n/I18nProvider';
import { navigate } from '../routing/useRoute';
import { ConnectionIndicator } from './ConnectionIndicator';
import { LanguageSwitch } from './LanguageSwitch';
import { PresenceAvatars } from './PresenceAvatars';
import { planStatusColor } from './planStatusColor';
import { UndoRedoButtons } from './UndoRedoButtons';

type Props = {
  plan: PlanResponse['plan'] | null;
  user: LocalUser;
  onRename: (name: string) => void;
  /** Absent when there is no plan open or the user may not write it. */
  onNewTopic?: () => void;
};

/** The top bar: product name, the open plan, connection, people, undo/redo, new topic, language. */
export function AppHeader({ plan, user, onRename, onNewTopic }: Props) {
  const { t, label } = useI18n();
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
          {plan.permissions.write ? null : (
            <Tooltip title={t('plan.readOnlyHint')}>
              <Tag>{t('plan.readOnly')}</Tag>
            </Tooltip>
          )}
        </div>
      ) : (
        <div className="plan-heading" />
      )}
      <div className="header-tools">
        <ConnectionIndicator />
        <PresenceAvatars user={user} onRename={onRename} />
        <UndoRedoButtons />
        {onNewTopic ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={onNewTopic} data-testid="new-topic">
            {t('board.newTopic')}
          </Button>
        ) : null}
        <LanguageSwitch />
      </div>
    </Layout.Header>
  );
}
