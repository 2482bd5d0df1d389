import { App, Badge, Button, List, Tag, Typography } from 'antd';
import type { MeetingLiveState, MeetingMember } from '@yipan/protocol';
import { useMe } from '../identity/MeContext';
import { useI18n } from '../i18n/I18nProvider';
import { presenceByUser } from './liveState';
import { meetingRefusalText } from './meetingError';
import { MeetingRoleTag } from './meetingTags';
import type { MeetingLive } from './useMeetingLive';

type Props = {
  live: MeetingLive;
  state: MeetingLiveState;
  members: MeetingMember[];
  canFacilitate: boolean;
  isLive: boolean;
};

/** The raised hands in queue order; the facilitator clears one or all; anyone raises or lowers their own. */
export function HandsPanel({ live, state, canFacilitate, isLive }: Omit<Props, 'members'>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const raised = state.hands.some((hand) => hand.userId === me.user.id);
  const report = (ack: { ok: boolean; code?: string; message?: string }) => {
    if (!ack.ok)
      void message.error(meetingRefusalText({ code: ack.code ?? '', message: ack.message ?? '' }, t));
  };
  return (
    <section className="meeting-panel" aria-labelledby="meeting-hands-title" data-testid="hands-panel">
      <div className="meeting-panel-head">
        <h2 id="meeting-hands-title">
          {t('meetings.hands.heading')} <Badge count={state.hands.length} showZero color="#1f4e8c" />
        </h2>
        {isLive ? (
          <Button
            size="small"
            type={raised ? 'default' : 'primary'}
            ghost={!raised}
            onClick={() => void live.hand(!raised).then(report)}
            aria-pressed={raised}
            data-testid="hand-toggle"
          >
            {raised ? t('meetings.hands.lower') : t('meetings.hands.raise')}
          </Button>
        ) : null}
      </div>
      {state.hands.length === 0 ? (
        <Typography.Text type="secondary">{t('meetings.hands.none')}</Typography.Text>
      ) : (
        <ol className="meeting-hands" aria-live="polite">
          {state.hands.map((hand, index) => (
            <li key={hand.userId} data-testid="hand">
              <span className="meeting-hand-order">{index + 1}</span>
              <span className="meeting-hand-name">{hand.displayName}</span>
              {canFacilitate ? (
                <Button
                  size="small"
                  type="link"
                  onClick={() => void live.clearHands(hand.userId).then(report)}
                  aria-label={t('meetings.hands.clearOne', { name: hand.displayName })}
                >
                  {t('meetings.hands.done')}
                </Button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {canFacilitate && state.hands.length > 1 ? (
        <Button size="small" onClick={() => void live.clearHands().then(report)} data-testid="hands-clear">
          {t('meetings.hands.clearAll')}
        </Button>
      ) : null}
    </section>
  );
}

/** Who is in the meeting: names, organisations, role, online or not, following the presenter or not. */
export function PresencePanel({ state, members }: Pick<Props, 'state' | 'members'>) {
  const { t } = useI18n();
  const online = presenceByUser(state.online);
  const onlineCount = members.filter((member) => online.has(member.userId)).length;
  return (
    <section className="meeting-panel" aria-labelledby="meeting-people-title" data-testid="presence-panel">
      <div className="meeting-panel-head">
        <h2 id="meeting-people-title">{t('meetings.people.heading')}</h2>
        <Typography.Text type="secondary">
          {t('meetings.people.online', { online: onlineCount, total: members.length })}
        </Typography.Text>
      </div>
      <List
        size="small"
        className="meeting-people"
        dataSource={members}
        renderItem={(member) => {
          const presence = online.get(member.userId);
          return (
            <List.Item
              data-testid="presence-member"
              data-name={member.displayName}
              data-online={presence ? 'true' : 'false'}
              data-following={presence?.following ? 'true' : 'false'}
            >
              <span className="meeting-person">
                <span
                  className={`meeting-dot ${presence ? 'meeting-dot-on' : ''}`}
                  role="img"
                  aria-label={presence ? t('meetings.people.isOnline') : t('meetings.people.isOffline')}
                />
                <span className="meeting-person-name">{member.displayName}</span>
                <Typography.Text type="secondary" className="meeting-person-org">
                  {member.orgNames.join('、')}
                </Typography.Text>
              </span>
              <span className="meeting-person-tags">
                <MeetingRoleTag role={member.role} />
                {presence && !presence.following ? (
                  <Tag color="orange">{t('meetings.people.away')}</Tag>
                ) : null}
              </span>
            </List.Item>
          );
        }}
      />
    </section>
  );
}
