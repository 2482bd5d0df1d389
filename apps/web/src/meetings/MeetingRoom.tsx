import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Result, Space, Spin, Typography } from 'antd';
import AimOutlined from '@ant-design/icons/AimOutlined';
import DesktopOutlined from '@ant-design/icons/DesktopOutlined';
import EditOutlined from '@ant-design/icons/EditOutlined';
import FileTextOutlined from '@ant-design/icons/FileTextOutlined';
import TeamOutlined from '@ant-design/icons/TeamOutlined';
import { idleTimer } from '@yipan/domain';
import type { AgendaItem, MeetingLiveState, MeetingResponse } from '@yipan/protocol';
import { useI18n } from '../i18n/I18nProvider';
import { meetingPath, meetingsPath, navigate, planPath, planTopicPath } from '../routing/useRoute';
import { AppLink } from '../routing/AppLink';
import { AgendaPanel } from './AgendaPanel';
import { CreateMeetingDrawer } from './CreateMeetingDrawer';
import { DecisionsSection } from './DecisionsSection';
import { viewedItemId as viewed } from './following';
import { transitionMeeting } from './meetingApi';
import { meetingErrorText, meetingRefusalText } from './meetingError';
import { meetingTime } from './MeetingsPage';
import { MeetingKindTag, MeetingStatusTag } from './meetingTags';
import { MeetingTimer } from './MeetingTimer';
import { HandsPanel, PresencePanel } from './PeoplePanel';
import { TimerControls } from './TimerControls';
import { TopicDetails } from './TopicDetails';
import { useMeeting } from './useMeeting';
import type { MeetingLive } from './useMeetingLive';
import { VotePanel } from './VotePanel';
import './meetings.css';

type Meeting = MeetingResponse['meeting'];

/** The item on screen: what it discusses, live from its plan, with the facilitator's controls and its decisions. */
function ItemView(props: {
  item: AgendaItem;
  meeting: Meeting;
  response: MeetingResponse;
  state: MeetingLiveState;
  live: MeetingLive;
  now: number;
  reload: () => void;
}) {
  const { item, meeting, response, state, live, now, reload } = props;
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const isLive = meeting.status === 'live';
  const focused = state.focus.itemId === item.id;
  const timer = state.timers[item.id] ?? item.timer ?? idleTimer(0);
  const report = (ack: { ok: true } | { ok: false; code: string; message: string }) => {
    if (!ack.ok) void message.error(meetingRefusalText(ack, t));
  };
  return (
    <article
      className="meeting-item"
      data-testid="meeting-viewed"
      data-item-id={item.id}
      data-title={item.title}
      aria-labelledby="meeting-item-title"
    >
      <div className="meeting-item-head">
        <Typography.Title level={2} id="meeting-item-title" className="meeting-item-title">
          {item.title}
        </Typography.Title>
        {timer.durationMs > 0 ? (
          <MeetingTimer timer={timer} now={now} className="meeting-item-timer" />
        ) : null}
      </div>
      {item.orgName ? <Typography.Text type="secondary">{item.orgName}</Typography.Text> : null}
      {response.canFacilitate && isLive ? (
        <div className="meeting-controls" data-testid="facilitator-controls">
          <Space wrap>
            <Button
              type="primary"
              icon={<AimOutlined />}
              disabled={focused}
              onClick={() => void live.focus(item.id).then(report)}
              data-testid="meeting-focus-here"
            >
              {focused ? t('meetings.focus.isCurrent') : t('meetings.focus.set')}
            </Button>
            <Button
              icon={<TeamOutlined />}
              onClick={() => void live.summon().then(report)}
              data-testid="meeting-summon"
            >
              {t('meetings.focus.summon')}
            </Button>
          </Space>
          <TimerControls key={item.id} timer={timer} onAction={(action) => live.timer(item.id, action)} />
        </div>
      ) : null}
      {item.readable && item.kind === 'topic' && item.planId && item.topicId ? (
        <>
          <TopicDetails planId={item.planId} topicId={item.topicId} />
          <AppLink href={planTopicPath(item.planId, item.topicId)} testId="meeting-open-topic">
            {t('meetings.topic.openOnBoard')}
          </AppLink>
        </>
      ) : item.readable && item.kind === 'plan' && item.planId ? (
        <AppLink href={planPath(item.planId)}>{t('meetings.topic.openPlan')}</AppLink>
      ) : !item.readable ? (
        <Typography.Text type="secondary">{t('meetings.topic.unreadable')}</Typography.Text>
      ) : null}
      <DecisionsSection
        meetingId={meeting.id}
        orgId={meeting.orgId}
        itemId={item.id}
        decisions={meeting.decisions}
        members={meeting.members}
        canMinute={response.canMinute}
        canRecord={meeting.status !== 'scheduled'}
        locale={locale}
        onRecorded={reload}
      />
    </article>
  );
}

/** The meeting room for every member: agenda, the item under discussion, people, hands and votes, live. */
export function MeetingRoom({ meetingId }: { meetingId: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { request, live, now, itemTitle } = useMeeting(meetingId);
  const [editing, setEditing] = useState(false);
  const response = request.data;
  const meeting = response?.meeting ?? null;
  const state = live.state;

  if (request.error && !meeting)
    return (
      <Result
        status="warning"
        title={t('meetings.loadFailed')}
        subTitle={meetingErrorText(request.error, t)}
      />
    );
  if (live.joinError)
    return (
      <Result
        status="warning"
        title={t('meetings.loadFailed')}
        subTitle={meetingRefusalText(live.joinError, t)}
      />
    );
  if (!meeting || !response || !state) return <Spin className="page-spin" description={t('app.loading')} />;

  const status = meeting.status;
  const isLive = status === 'live';
  const focusItemId = state.focus.itemId;
  const shownId = viewed(live.follow, focusItemId);
  const shown = meeting.agenda.find((item) => item.id === shownId) ?? null;
  const away = !live.follow.following;

  const transition = async (to: 'live' | 'ended') => {
    try {
      await transitionMeeting(meeting.id, to);
      request.reload();
    } catch (caught) {
      void message.error(meetingErrorText(caught instanceof Error ? caught : new Error(String(caught)), t));
    }
  };

  return (
    <div className="meeting-room" data-testid="meeting-room" data-status={status}>
      <header className="meeting-room-head">
        <div className="meeting-room-title">
          <AppLink href={meetingsPath()}>{t('meetings.title')}</AppLink>
          <span aria-hidden="true"> / </span>
          <MeetingKindTag kind={meeting.kind} />
          <Typography.Title level={1} className="meeting-title">
            {meeting.title}
          </Typography.Title>
          <MeetingStatusTag status={status} />
          <Typography.Text type="secondary">
            {meetingTime(meeting.startsAt, locale)} · {meeting.orgName}
          </Typography.Text>
        </div>
        <Space wrap>
          <Button
            icon={<DesktopOutlined />}
            href={meetingPath(meeting.id, 'projector')}
            target="_blank"
            data-testid="meeting-projector-link"
          >
            {t('meetings.projector')}
          </Button>
          <Button
            icon={<FileTextOutlined />}
            href={meetingPath(meeting.id, 'minutes')}
            onClick={(event) => {
              event.preventDefault();
              navigate(meetingPath(meeting.id, 'minutes'));
            }}
            data-testid="meeting-minutes-link"
          >
            {t('meetings.minutes')}
          </Button>
          {response.canOrganise && status !== 'ended' ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="meeting-edit">
              {t('meetings.edit')}
            </Button>
          ) : null}
          {response.canOrganise && status === 'scheduled' ? (
            <Button type="primary" onClick={() => void transition('live')} data-testid="meeting-start">
              {t('meetings.start')}
            </Button>
          ) : null}
          {response.canOrganise && isLive ? (
            <Popconfirm
              title={t('meetings.endConfirm')}
              okText={t('meetings.end')}
              cancelText={t('topic.cancel')}
              onConfirm={() => void transition('ended')}
            >
              <Button danger data-testid="meeting-end">
                {t('meetings.end')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      </header>
      {!live.connected ? (
        <Alert
          type="warning"
          showIcon
          banner
          title={t('meetings.reconnecting')}
          data-testid="meeting-reconnecting"
        />
      ) : null}
      {status === 'scheduled' ? <Alert type="info" showIcon banner title={t('meetings.notStarted')} /> : null}
      {status === 'ended' ? <Alert type="info" showIcon banner title={t('meetings.ended')} /> : null}
      {away ? (
        <Alert
          type="info"
          showIcon
          banner
          className="meeting-away"
          data-testid="meeting-away-banner"
          title={t('meetings.focus.away')}
          action={
            <Button size="small" type="primary" onClick={live.returnToPresenter} data-testid="meeting-return">
              {t('meetings.focus.return')}
            </Button>
          }
        />
      ) : null}
      <div className="meeting-room-body">
        <AgendaPanel
          agenda={meeting.agenda}
          focusItemId={focusItemId}
          viewedItemId={shownId}
          timers={state.timers}
          now={now}
          onSelect={live.selectItem}
        />
        <main className="meeting-center">
          {shown ? (
            <ItemView
              key={shown.id}
              item={shown}
              meeting={meeting}
              response={response}
              state={state}
              live={live}
              now={now}
              reload={request.reload}
            />
          ) : (
            <div className="meeting-empty" data-testid="meeting-no-focus">
              <Typography.Title level={3}>{t('meetings.focus.none')}</Typography.Title>
              <Typography.Text type="secondary">{t('meetings.focus.noneHint')}</Typography.Text>
            </div>
          )}
        </main>
        <aside className="meeting-side">
          <VotePanel
            live={live}
            state={state}
            agenda={meeting.agenda}
            myRole={meeting.myRole}
            canFacilitate={response.canFacilitate}
            isLive={isLive}
            itemTitle={itemTitle}
          />
          <HandsPanel live={live} state={state} canFacilitate={response.canFacilitate} isLive={isLive} />
          <PresencePanel state={state} members={meeting.members} />
        </aside>
      </div>
      {editing && status !== 'ended' ? (
        <CreateMeetingDrawer
          meeting={meeting}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            request.reload();
          }}
        />
      ) : null}
    </div>
  );
}
