import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Select, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import ReloadOutlined from '@ant-design/icons/ReloadOutlined';
import {
  AdminUsersResponse,
  DEFAULT_PAGE_LIMIT,
  SecurityEventKind,
  SecurityEventsResponse,
  type OrgDetail,
  type SecurityEvent,
} from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { fetchJson } from '../api/fetchJson';
import { useRequest } from '../api/useRequest';
import { absoluteTime, relativeTime } from '../history/relativeTime';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { describeEvent } from './describeEvent';

type Kind = SecurityEventKind;

/** Catalog keys of the event kinds. */
const KIND_LABELS: Record<Kind, MessageKey> = {
  sign_in_succeeded: 'admin.kind.sign_in_succeeded',
  sign_in_failed: 'admin.kind.sign_in_failed',
  sign_out: 'admin.kind.sign_out',
  session_revoked: 'admin.kind.session_revoked',
  membership_changed: 'admin.kind.membership_changed',
  user_created: 'admin.kind.user_created',
  org_created: 'admin.kind.org_created',
  org_changed: 'admin.kind.org_changed',
  access_denied: 'admin.kind.access_denied',
  plan_transition: 'admin.kind.plan_transition',
  plan_adjustment: 'admin.kind.plan_adjustment',
  proposal_intake: 'admin.kind.proposal_intake',
  alignment: 'admin.kind.alignment',
  meeting: 'admin.kind.meeting',
  disclosure_changed: 'admin.kind.disclosure_changed',
  plan_import: 'admin.kind.plan_import',
};

/** Kinds worth an administrator's second look. */
const WARNING_KINDS: ReadonlySet<Kind> = new Set(['sign_in_failed', 'access_denied']);

type Page = { events: SecurityEvent[]; more: boolean };

/** The security events of the organisations the user administers, newest first, filtered by kind, paged back. */
export function SecurityEventsTab({ orgs }: { orgs: OrgDetail[] }) {
  const { t, label, locale } = useI18n();
  const [kind, setKind] = useState<Kind | null>(null);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const users = useRequest('/api/admin/users', AdminUsersResponse);

  const load = useCallback(
    async (before: number | null, signal?: AbortSignal) => {
      const query = new URLSearchParams({ limit: String(DEFAULT_PAGE_LIMIT) });
      if (kind) query.set('kind', kind);
      if (before !== null) query.set('before', String(before));
      setBusy(true);
      try {
        const { events } = await fetchJson(
          `/api/admin/security-events?${query}`,
          SecurityEventsResponse,
          signal,
        );
        setError(null);
        setPage((current) => ({
          events: before === null ? events : [...(current?.events ?? []), ...events],
          more: events.length >= DEFAULT_PAGE_LIMIT,
        }));
      } catch (caught) {
        if (signal?.aborted) return;
        setError(caught instanceof Error ? caught : new Error(String(caught)));
      } finally {
        if (!signal?.aborted) setBusy(false);
      }
    },
    [kind],
  );

  useEffect(() => {
    const controller = new AbortController();
    setPage(null);
    void load(null, controller.signal);
    return () => controller.abort();
  }, [load]);

  const words = useMemo(() => {
    const orgNames = new Map(orgs.map((org) => [org.id, org.name]));
    const userNames = new Map((users.data?.users ?? []).map((user) => [user.id, user.displayName]));
    return {
      t,
      label,
      orgName: (id: string) => orgNames.get(id) ?? null,
      userName: (id: string) => userNames.get(id) ?? null,
    };
  }, [orgs, users.data, t, label]);
  const now = Date.now();

  const columns: TableColumnsType<SecurityEvent> = [
    {
      title: t('admin.events.time'),
      key: 'at',
      width: 190,
      render: (_v, event) => (
        <Tooltip title={relativeTime(event.at, now, locale, t)}>
          <time dateTime={event.at}>{absoluteTime(event.at, locale)}</time>
        </Tooltip>
      ),
    },
    {
      title: t('admin.events.actor'),
      key: 'actor',
      render: (_v, event) =>
        event.actor?.displayName ?? (
          <Typography.Text type="secondary">{t('admin.events.noActor')}</Typography.Text>
        ),
    },
    {
      title: t('admin.events.kind'),
      key: 'kind',
      render: (_v, event) => (
        <Typography.Text type={WARNING_KINDS.has(event.kind) ? 'warning' : undefined}>
          {t(KIND_LABELS[event.kind])}
        </Typography.Text>
      ),
    },
    { title: t('admin.events.ip'), key: 'ip', render: (_v, event) => event.ip ?? '—' },
    {
      title: t('admin.events.detail'),
      key: 'detail',
      render: (_v, event) => describeEvent(event, words) || '—',
    },
  ];

  return (
    <section aria-label={t('admin.tab.security')}>
      <div className="admin-toolbar">
        <label className="admin-field">
          <span>{t('admin.events.filter')}</span>
          <Select<Kind>
            allowClear
            value={kind ?? undefined}
            placeholder={t('admin.events.allKinds')}
            style={{ width: 200 }}
            aria-label={t('admin.events.filter')}
            options={SecurityEventKind.options.map((value) => ({ value, label: t(KIND_LABELS[value]) }))}
            onChange={(value) => setKind(value ?? null)}
            data-testid="event-kind-filter"
          />
        </label>
        <span className="toolbar-spacer" />
        <Button icon={<ReloadOutlined />} onClick={() => void load(null)} loading={busy && page !== null}>
          {t('history.refresh')}
        </Button>
      </div>
      {error ? <Alert type="error" showIcon title={describeError(error, t)} className="admin-alert" /> : null}
      <Table<SecurityEvent>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={page?.events ?? []}
        loading={page === null && busy}
        pagination={false}
        locale={{ emptyText: t('admin.events.empty') }}
        data-testid="admin-events"
      />
      {page?.more ? (
        <div className="admin-more">
          <Button onClick={() => void load(page.events.at(-1)?.id ?? null)} loading={busy}>
            {t('admin.events.more')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
