import { useMemo, useState } from 'react';
import { Alert, Button, Empty, List, Spin, Typography } from 'antd';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { MeetingsResponse, type MeetingSummary } from '@yipan/protocol';
import { useRequest } from '../api/useRequest';
import { useMe } from '../identity/MeContext';
import { useI18n } from '../i18n/I18nProvider';
import { meetingPath, navigate } from '../routing/useRoute';
import { CreateMeetingDrawer } from './CreateMeetingDrawer';
import { meetingPaths } from './meetingApi';
import { meetingErrorText } from './meetingError';
import { MeetingKindTag, MeetingRoleTag, MeetingStatusTag } from './meetingTags';
import './meetings.css';

/** Roles that organise meetings of their organisation (the server's `organise_meetings`). */
const ORGANISER_ROLES: ReadonlySet<string> = new Set(['admin', 'editor']);

/** When a meeting starts, in the interface language. */
export function meetingTime(startsAt: string, locale: string): string {
  return new Date(startsAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

function MeetingRow({ meeting }: { meeting: MeetingSummary }) {
  const { t, locale } = useI18n();
  const path = meetingPath(meeting.id);
  return (
    <List.Item
      data-testid="meeting-row"
      data-title={meeting.title}
      actions={[
        <a
          key="open"
          href={path}
          onClick={(event) => {
            event.preventDefault();
            navigate(path);
          }}
        >
          {meeting.status === 'live' ? t('meetings.join') : t('meetings.open')}
        </a>,
      ]}
    >
      <List.Item.Meta
        title={
          <span className="meeting-row-title">
            <MeetingKindTag kind={meeting.kind} />
            <a
              href={path}
              onClick={(event) => {
                event.preventDefault();
                navigate(path);
              }}
            >
              {meeting.title}
            </a>
            <MeetingStatusTag status={meeting.status} />
          </span>
        }
        description={
          <span className="meeting-row-meta">
            {meetingTime(meeting.startsAt, locale)} · {meeting.orgName}
            {meeting.myRole ? <MeetingRoleTag role={meeting.myRole} /> : null}
          </span>
        }
      />
    </List.Item>
  );
}

/** The caller's meetings, live first, then upcoming, then ended; organisers schedule new ones here. */
export function MeetingsPage() {
  const { t } = useI18n();
  const me = useMe();
  const request = useRequest(meetingPaths.list(), MeetingsResponse);
  const [creating, setCreating] = useState(false);
  const organiserOrgIds = useMemo(
    () => me.memberships.filter((m) => ORGANISER_ROLES.has(m.role)).map((m) => m.orgId),
    [me.memberships],
  );
  const groups = useMemo(() => {
    const meetings = request.data?.meetings ?? [];
    return (['live', 'scheduled', 'ended'] as const).map((status) => ({
      status,
      meetings: meetings.filter((meeting) => meeting.status === status),
    }));
  }, [request.data]);

  return (
    <div className="meetings-page">
      <div className="meetings-head">
        <Typography.Title level={2}>{t('meetings.title')}</Typography.Title>
        {organiserOrgIds.length > 0 ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="meeting-new"
          >
            {t('meetings.new')}
          </Button>
        ) : null}
      </div>
      {request.error ? (
        <Alert type="error" showIcon title={meetingErrorText(request.error, t)} />
      ) : request.loading ? (
        <Spin className="page-spin" description={t('app.loading')} />
      ) : (request.data?.meetings.length ?? 0) === 0 ? (
        <Empty description={t('meetings.none')} />
      ) : (
        groups
          .filter((group) => group.meetings.length > 0)
          .map((group) => (
            <section
              key={group.status}
              className="meetings-group"
              aria-label={t(`meetings.group.${group.status}`)}
            >
              <Typography.Title level={3}>{t(`meetings.group.${group.status}`)}</Typography.Title>
              <List
                bordered
                dataSource={group.meetings}
                renderItem={(meeting) => <MeetingRow meeting={meeting} />}
              />
            </section>
          ))
      )}
      {creating ? (
        <CreateMeetingDrawer
          orgIds={organiserOrgIds}
          onClose={() => setCreating(false)}
          onCreated={(meetingId) => navigate(meetingPath(meetingId))}
        />
      ) : null}
    </div>
  );
}
