import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import ReloadOutlined from '@ant-design/icons/ReloadOutlined';
import StopOutlined from '@ant-design/icons/StopOutlined';
import { SessionsResponse, type SessionSummary } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { sendJson } from '../api/fetchJson';
import { useRequest } from '../api/useRequest';
import { absoluteTime, relativeTime } from '../history/relativeTime';
import { useI18n } from '../i18n/I18nProvider';
import { adminErrorMessage } from './adminError';
import { describeUserAgent } from './describeUserAgent';

/** The live sessions of the members of the organisations the user administers; each can be ended. */
export function SessionsTab() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, fetching, reload } = useRequest('/api/admin/sessions', SessionsResponse);
  const [revoking, setRevoking] = useState<string | null>(null);
  const now = Date.now();

  const revoke = async (session: SessionSummary) => {
    setRevoking(session.id);
    try {
      await sendJson('DELETE', `/api/admin/sessions/${encodeURIComponent(session.id)}`);
      void message.success(t('admin.session.revoked', { name: session.user.displayName }));
      reload();
    } catch (caught) {
      void message.error(adminErrorMessage(caught, t));
    } finally {
      setRevoking(null);
    }
  };

  const time = (at: string) => (
    <Tooltip title={absoluteTime(at, locale)}>
      <time dateTime={at}>{relativeTime(at, now, locale, t)}</time>
    </Tooltip>
  );

  const columns: TableColumnsType<SessionSummary> = [
    {
      title: t('admin.session.user'),
      key: 'user',
      render: (_value, session) => (
        <Space size={6} wrap>
          <span>{session.user.displayName}</span>
          <Typography.Text type="secondary">{session.user.username}</Typography.Text>
          {session.current ? <Tag color="blue">{t('admin.session.current')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('admin.session.signedIn'), key: 'created', render: (_v, session) => time(session.createdAt) },
    {
      title: t('admin.session.lastSeen'),
      key: 'lastSeen',
      render: (_v, session) => time(session.lastSeenAt),
    },
    {
      title: t('admin.session.expires'),
      key: 'expires',
      render: (_v, session) => absoluteTime(session.expiresAt, locale),
    },
    { title: t('admin.session.ip'), key: 'ip', render: (_v, session) => session.ip ?? '—' },
    {
      title: t('admin.session.device'),
      key: 'device',
      render: (_v, session) => (
        <Tooltip title={session.userAgent}>
          <span>{describeUserAgent(session.userAgent) ?? t('admin.session.unknownDevice')}</span>
        </Tooltip>
      ),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      width: 120,
      render: (_v, session) => (
        <Popconfirm
          title={t('admin.session.revokeTitle')}
          description={
            session.current
              ? t('admin.session.revokeOwn')
              : t('admin.session.revokeConfirm', { name: session.user.displayName })
          }
          okText={t('admin.session.revoke')}
          okButtonProps={{ danger: true }}
          cancelText={t('topic.cancel')}
          onConfirm={() => void revoke(session)}
        >
          <Button
            size="small"
            danger
            icon={<StopOutlined />}
            loading={revoking === session.id}
            aria-label={t('admin.session.revokeLabel', { name: session.user.displayName })}
          >
            {t('admin.session.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <section aria-label={t('admin.tab.sessions')}>
      <div className="admin-toolbar">
        <Typography.Text type="secondary">{t('admin.session.hint')}</Typography.Text>
        <span className="toolbar-spacer" />
        <Button icon={<ReloadOutlined />} onClick={reload} loading={fetching && !loading}>
          {t('history.refresh')}
        </Button>
      </div>
      {error ? (
        <Alert type="error" showIcon title={describeError(error, t)} />
      ) : (
        <Table<SessionSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.sessions ?? []}
          loading={loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('admin.session.empty') }}
          data-testid="admin-sessions"
        />
      )}
    </section>
  );
}
