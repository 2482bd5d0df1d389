import { useState } from 'react';
import { App, Button, Popconfirm, Progress, Tag, Typography } from 'antd';
import { VOTING_ROLES, type MeetingRole } from '@yipan/domain';
import type { AgendaItem, MeetingLiveState, MeetingVote } from '@yipan/protocol';
import { useI18n } from '../i18n/I18nProvider';
import { BallotForm } from './BallotForm';
import { openVote } from './liveState';
import { meetingRefusalText } from './meetingError';
import { OpenVoteModal } from './OpenVoteModal';
import type { MeetingLive } from './useMeetingLive';
import { VoteResult } from './VoteResult';

type Props = {
  live: MeetingLive;
  state: MeetingLiveState;
  agenda: AgendaItem[];
  myRole: MeetingRole | null;
  canFacilitate: boolean;
  isLive: boolean;
  itemTitle: (itemId: string) => string;
};

/** How a vote is shown while open: its count only, never what the ballots say. */
function OpenVoteProgress({ vote }: { vote: MeetingVote }) {
  const { t } = useI18n();
  return (
    <div data-testid="vote-progress" data-cast={vote.ballotCount} data-eligible={vote.eligibleCount}>
      <Progress
        percent={vote.eligibleCount ? Math.round((vote.ballotCount / vote.eligibleCount) * 100) : 0}
        format={() => `${vote.ballotCount}/${vote.eligibleCount}`}
        aria-label={t('meetings.vote.turnout', { cast: vote.ballotCount, eligible: vote.eligibleCount })}
      />
      <Typography.Text type="secondary">{t('meetings.vote.hidden')}</Typography.Text>
    </div>
  );
}

/** The current vote (ballot or progress, closing) and the results of the closed ones, newest first. */
export function VotePanel({ live, state, agenda, myRole, canFacilitate, isLive, itemTitle }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [opening, setOpening] = useState(false);
  const current = openVote(state);
  const closed = state.votes.filter((vote) => vote.status === 'closed').reverse();
  const focusItem = agenda.find((item) => item.id === state.focus.itemId) ?? null;
  const voter = myRole !== null && VOTING_ROLES.has(myRole);
  const mine = current ? state.myBallots[current.id] : undefined;

  const close = async (voteId: string) => {
    const ack = await live.closeVote(voteId);
    if (!ack.ok) void message.error(meetingRefusalText(ack, t));
  };

  return (
    <section className="meeting-panel" aria-labelledby="meeting-votes-title" data-testid="vote-panel">
      <div className="meeting-panel-head">
        <h2 id="meeting-votes-title">{t('meetings.vote.heading')}</h2>
        {canFacilitate && isLive && !current ? (
          <Button size="small" type="primary" onClick={() => setOpening(true)} data-testid="vote-open">
            {t('meetings.vote.open')}
          </Button>
        ) : null}
      </div>
      {current ? (
        <div className="meeting-vote-current" data-testid="vote-current" data-vote-id={current.id}>
          <Typography.Text strong>{current.spec.title}</Typography.Text>{' '}
          {current.spec.anonymous ? (
            <Tag>{t('meetings.vote.anonymous')}</Tag>
          ) : (
            <Tag>{t('meetings.vote.namedTag')}</Tag>
          )}
          <OpenVoteProgress vote={current} />
          {voter ? (
            mine ? (
              <Typography.Paragraph className="meeting-voted" data-testid="ballot-cast">
                {t('meetings.ballot.cast')}
              </Typography.Paragraph>
            ) : (
              <BallotForm
                vote={current}
                itemTitle={itemTitle}
                cast={(ballot) => live.ballot(current.id, ballot)}
              />
            )
          ) : (
            <Typography.Paragraph type="secondary">{t('meetings.ballot.notAVoter')}</Typography.Paragraph>
          )}
          {canFacilitate ? (
            <Popconfirm
              title={t('meetings.vote.closeConfirm', {
                cast: current.ballotCount,
                eligible: current.eligibleCount,
              })}
              okText={t('meetings.vote.close')}
              cancelText={t('topic.cancel')}
              onConfirm={() => void close(current.id)}
            >
              <Button danger data-testid="vote-close">
                {t('meetings.vote.close')}
              </Button>
            </Popconfirm>
          ) : null}
        </div>
      ) : closed.length === 0 ? (
        <Typography.Text type="secondary">{t('meetings.vote.none')}</Typography.Text>
      ) : null}
      {closed.map((vote) => (
        <div key={vote.id} className="meeting-vote-closed" data-testid="vote-closed" data-vote-id={vote.id}>
          <Typography.Text strong>{vote.spec.title}</Typography.Text>
          <VoteResult vote={vote} itemTitle={itemTitle} />
        </div>
      ))}
      {opening ? (
        <OpenVoteModal
          agenda={agenda}
          focusItem={focusItem}
          onOpen={live.openVote}
          onClose={() => setOpening(false)}
        />
      ) : null}
    </section>
  );
}
