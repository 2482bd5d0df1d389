import { idleTimer } from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';
import { openVote } from './liveState';
import { meetingErrorText, meetingRefusalText } from './meetingError';
import { MeetingTimer } from './MeetingTimer';
import { TopicDetails } from './TopicDetails';
import { useMeeting } from './useMeeting';
import { VoteResult } from './VoteResult';
import './meetings.css';
import './projector.css';

/**
 * The projector view (大屏): large type, high contrast, nothing to edit, always on the facilitator's focus.
 * The title, the item under discussion with its key fields and timer, the hands queue and the vote.
 */
export function ProjectorPage({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const { request, live, now, itemTitle } = useMeeting(meetingId);
  const meeting = request.data?.meeting ?? null;
  const state = live.state;

  if (request.error || live.joinError)
    return (
      <div className="projector projector-message">
        {live.joinError
          ? meetingRefusalText(live.joinError, t)
          : request.error
            ? meetingErrorText(request.error, t)
            : ''}
      </div>
    );
  if (!meeting || !state) return <div className="projector projector-message">{t('app.loading')}</div>;

  const focusIndex = meeting.agenda.findIndex((item) => item.id === state.focus.itemId);
  const focused = meeting.agenda[focusIndex] ?? null;
  const timer = focused ? (state.timers[focused.id] ?? focused.timer ?? idleTimer(0)) : null;
  const current = openVote(state);
  const lastClosed = [...state.votes].reverse().find((vote) => vote.status === 'closed') ?? null;
  const vote = current ?? lastClosed;

  return (
    <div className="projector" data-testid="projector" data-focus={focused?.title ?? ''}>
      <header className="projector-head">
        <span className="projector-mark" aria-hidden="true">
          棋
        </span>
        <h1 className="projector-meeting">{meeting.title}</h1>
        {!live.connected ? <span className="projector-offline">{t('meetings.reconnecting')}</span> : null}
      </header>
      <main className="projector-body">
        <section className="projector-focus" aria-live="polite">
          {focused ? (
            <>
              <div className="projector-kicker">
                {t('meetings.projector.item', { n: focusIndex + 1, total: meeting.agenda.length })}
                {focused.orgName ? ` · ${focused.orgName}` : ''}
              </div>
              <h2 className="projector-title" data-testid="projector-title">
                {focused.title}
              </h2>
              {focused.readable && focused.kind === 'topic' && focused.planId && focused.topicId ? (
                <TopicDetails planId={focused.planId} topicId={focused.topicId} showNotes={false} />
              ) : null}
            </>
          ) : (
            <h2 className="projector-title projector-waiting">{t('meetings.focus.none')}</h2>
          )}
        </section>
        <aside className="projector-side">
          {timer && timer.durationMs > 0 ? (
            <div className="projector-card projector-timer-card">
              <div className="projector-card-label">{t('meetings.projector.timer')}</div>
              <MeetingTimer timer={timer} now={now} className="projector-timer" />
            </div>
          ) : null}
          {vote ? (
            <div className="projector-card" data-testid="projector-vote">
              <div className="projector-card-label">
                {vote.status === 'open' ? t('meetings.projector.voting') : t('meetings.projector.result')}
              </div>
              <div className="projector-vote-title">{vote.spec.title}</div>
              {vote.status === 'open' ? (
                <div className="projector-progress">
                  <span className="projector-progress-count">
                    {vote.ballotCount}
                    <small> / {vote.eligibleCount}</small>
                  </span>
                  <span>{t('meetings.projector.cast')}</span>
                </div>
              ) : (
                <VoteResult vote={vote} itemTitle={itemTitle} />
              )}
            </div>
          ) : null}
          <div className="projector-card">
            <div className="projector-card-label">
              {t('meetings.hands.heading')} · {state.hands.length}
            </div>
            {state.hands.length === 0 ? (
              <div className="projector-muted">{t('meetings.hands.none')}</div>
            ) : (
              <ol className="projector-hands">
                {state.hands.map((hand) => (
                  <li key={hand.userId}>{hand.displayName}</li>
                ))}
              </ol>
            )}
          </div>
        </aside>
      </main>
    </div>
  );
}
