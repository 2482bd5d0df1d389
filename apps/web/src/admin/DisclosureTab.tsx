import { useId, useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Select, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import ExportOutlined from '@ant-design/icons/ExportOutlined';
import {
  DISCLOSURE_FIELD_LABELS,
  DISCLOSURE_FIELDS,
  type DisclosureField,
  type DisclosureSettings,
} from '@yipan/domain';
import { DisclosureSettingsResponse, type OrgDetail } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { sendJson } from '../api/fetchJson';
import { useRequest } from '../api/useRequest';
import { useMe } from '../identity/MeContext';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { adminPath, navigate } from '../routing/useRoute';
import './DisclosureTab.css';

/** Why each field is (or is not) public by default, shown under its switch. */
const FIELD_HINTS: Record<DisclosureField, MessageKey> = {
  method: 'disclosure.hint.method',
  schedule: 'disclosure.hint.schedule',
  supervisedBody: 'disclosure.hint.supervisedBody',
  leadCommittee: 'disclosure.hint.leadCommittee',
  reportingUnit: 'disclosure.hint.reportingUnit',
  leaderInCharge: 'disclosure.hint.leaderInCharge',
  progress: 'disclosure.hint.progress',
  opinionHandled: 'disclosure.hint.opinionHandled',
  rating: 'disclosure.hint.rating',
};

type Props = { orgs: OrgDetail[]; orgId: string | null };

/**
 * 公开设置: which topic fields of an organisation's published plans the public site shows. The title is
 * always public; notes, opinions' text, draft items and staff names never are. Its own administrators choose.
 */
export function DisclosureTab({ orgs, orgId }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const orgSelectId = useId();
  // What an organisation publishes is its own call: its admins choose, not those above.
  const own = useMemo(
    () =>
      orgs.filter((org) =>
        me.memberships.some((membership) => membership.orgId === org.id && membership.role === 'admin'),
      ),
    [orgs, me],
  );
  const selected = own.find((org) => org.id === orgId) ?? own[0] ?? null;
  const url = selected ? `/api/orgs/${encodeURIComponent(selected.id)}/disclosure` : null;
  const request = useRequest(url, DisclosureSettingsResponse);

  if (!selected) return <Empty description={t('disclosure.noOrgs')} />;
  return (
    <div className="disclosure-tab" data-testid="admin-disclosure">
      <Typography.Paragraph type="secondary">{t('disclosure.hint')}</Typography.Paragraph>
      <Space wrap className="disclosure-pickers">
        <label htmlFor={orgSelectId}>{t('disclosure.org')}</label>
        <Select
          id={orgSelectId}
          value={selected.id}
          className="disclosure-org"
          options={own.map((org) => ({ value: org.id, label: org.name }))}
          onChange={(id: string) => navigate(adminPath('disclosure', id))}
        />
        <Typography.Link
          href={`/public/orgs/${encodeURIComponent(selected.id)}`}
          target="_blank"
          rel="noopener"
        >
          <ExportOutlined /> {t('disclosure.viewPublic')}
        </Typography.Link>
      </Space>
      {request.error ? (
        <Alert
          type="error"
          showIcon
          title={describeError(request.error, t)}
          action={
            <Button size="small" onClick={request.reload}>
              {t('error.retry')}
            </Button>
          }
        />
      ) : request.data ? (
        <DisclosureForm
          key={`${selected.id}:${JSON.stringify(request.data.settings)}`}
          answer={request.data}
          orgName={selected.name}
          onSaved={request.reload}
        />
      ) : (
        <Skeleton active paragraph={{ rows: 6 }} />
      )}
    </div>
  );
}

type FormProps = { answer: DisclosureSettingsResponse; orgName: string; onSaved: () => void };

/** The switches of one organisation; saving sends every switch, as the server's schema requires. */
function DisclosureForm({ answer, orgName, onSaved }: FormProps) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<DisclosureSettings>(answer.settings);
  const [busy, setBusy] = useState(false);
  const changed = DISCLOSURE_FIELDS.some((field) => draft[field] !== answer.settings[field]);

  const save = async () => {
    setBusy(true);
    try {
      await sendJson(
        'PUT',
        `/api/orgs/${encodeURIComponent(answer.orgId)}/disclosure`,
        draft,
        DisclosureSettingsResponse,
      );
      void message.success(t('disclosure.saved', { name: orgName }));
      onSaved();
    } catch (error) {
      void message.error(error instanceof Error ? describeError(error, t) : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label={t('disclosure.fieldsLabel', { name: orgName })} className="disclosure-form">
      <Space className="disclosure-heading">
        <Typography.Text strong>{t('disclosure.fields')}</Typography.Text>
        <Tag color={answer.custom ? 'blue' : 'default'}>
          {answer.custom ? t('disclosure.custom') : t('disclosure.default')}
        </Tag>
      </Space>
      <Typography.Paragraph type="secondary">{t('disclosure.alwaysAndNever')}</Typography.Paragraph>
      <ul className="disclosure-fields">
        {DISCLOSURE_FIELDS.map((field) => {
          const name = label(DISCLOSURE_FIELD_LABELS[field]);
          return (
            <li key={field} data-testid={`disclosure-${field}`}>
              <Switch
                checked={draft[field]}
                disabled={!answer.editable}
                aria-label={name}
                onChange={(checked) => setDraft({ ...draft, [field]: checked })}
              />
              <div>
                <div>{name}</div>
                <Typography.Text type="secondary">{t(FIELD_HINTS[field])}</Typography.Text>
              </div>
            </li>
          );
        })}
      </ul>
      <Space>
        <Button
          type="primary"
          onClick={() => void save()}
          loading={busy}
          disabled={!changed || !answer.editable}
        >
          {t('disclosure.save')}
        </Button>
        <Button onClick={() => setDraft(answer.settings)} disabled={!changed || busy}>
          {t('disclosure.revert')}
        </Button>
      </Space>
    </section>
  );
}
