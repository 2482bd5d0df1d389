import { useId, useMemo } from 'react';
import { Tag, Typography } from 'antd';
import { APPROVAL_CHOICE_LABELS } from '@yipan/domain';
import { TopicMeetingRecordsResponse } from '@yipan/protocol';
import { useRequest } from '../api/useRequest';
import { useI18n } from '../i18n/I18nProvider';
import { meetingPath, navigate } from '../routing/useRoute';
import { meetingPaths } from './meetingApi';
import { DecisionKindTag, MeetingKindTag } from './meetingTags';
import { barShare, groupTopicRecords, topicVoteOutcome, type TopicVoteRecord } from './topicRecords';
import './topicRecords.css';

type Props = { planId: string; topicId: string };

/** One count with its bar: the count is written out, the bar only shows its share (hidden from screen readers). */
function RecordBar(props: { label: string; count: string; share: number; option: string }) {
  return (
    <li
      className={`topic-record-bar vote-option-${props.option}`}
      data-testid="record-bar"
      data-option={props.option}
    >
      <span className="topic-record-bar-label">{props.label}</span>
      <span className="topic-record-bar-track" aria-hidden="true">
        <span className="topic-record-bar-fill" style={{ width: `${Math.round(props.share * 100)}%` }} />
      </span>
      <span className="topic-record-bar-count">{props.count}</span>
    </li>
  );
}

/** A closed vote about the topic: approve/against/abstain counts, or the topic's dots and rank. */
function VoteRecord({ record }: { record: TopicVoteRecord }) {
  const { t, label } = useI18n();
  const { vote } = record;
  const outcome = topicVoteOutcome(vote, record.itemId);
  if (!outcome) return null;
  const heading =
    outcome.kind === 'approval'
      ? t('meetings.records.approval', { title: vote.spec.title })
      : t('meetings.records.dots', { title: vote.spec.title });
  return (
    <div
      className="topic-record-vote"
      data-testid="record-vote"
      data-kind={outcome.kind}
      data-dots={outcome.kind === 'dots' ? outcome.dots : undefined}
      data-rank={outcome.kind === 'dots' ? outcome.rank : undefined}
    >
      <div className="topic-record-line">
        <span>{heading}</span>
        {vote.spec.anonymous ? <Tag>{t('meetings.vote.anonymous')}</Tag> : null}
      </div>
      <ol className="topic-record-bars" aria-label={t('meetings.vote.resultOf', { title: vote.spec.title })}>
        {outcome.kind === 'approval' ? (
          outcome.counts.map((entry) => (
            <RecordBar
              key={entry.choice}
              option={entry.choice}
              label={label(APPROVAL_CHOICE_LABELS[entry.choice])}
              count={t('meetings.vote.votesCount', { count: entry.count })}
              share={barShare(entry.count, outcome.total)}
            />
          ))
        ) : (
          <RecordBar
            option="dots"
            label={
              t('meetings.records.rank', { rank: outcome.rank, candidates: outcome.candidates }) +
              (outcome.tied ? t('meetings.records.tied') : '')
            }
            count={t('meetings.vote.dotsCount', { count: outcome.dots })}
            share={barShare(outcome.dots, outcome.most)}
          />
        )}
      </ol>
      <Typography.Text type="secondary" className="topic-record-foot">
        {t('meetings.vote.turnout', { cast: vote.ballotCount, eligible: vote.eligibleCount })}
      </Typography.Text>
    </div>
  );
}

/**
 * The topic drawer's "会议记录" section: per meeting that discussed the topic, the decisions recorded on it
 * and the closed votes about it (results as recorded, never who voted what in an anonymous vote). Read
 * once when the drawer opens; hidden when no meeting has recorded anything about the topic.
 */
export function TopicMeetingRecords({ planId, topicId }: Props) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const request = useRequest(meetingPaths.records(planId), TopicMeetingRecordsResponse);
  const groups = useMemo(
    () => groupTopicRecords(request.data?.records ?? [], topicId),
    [request.data, topicId],
  );
  if (groups.length === 0) return null;
  return (
    <section className="topic-records" aria-labelledby={headingId} data-testid="meeting-records">
      <Typography.Title level={4} id={headingId} className="topic-records-heading">
        {t('meetings.records.heading')}
      </Typography.Title>
      <ol className="topic-records-list">
        {groups.map((group) => {
          const path = meetingPath(group.meetingId);
          return (
            <li key={group.meetingId} className="topic-record" data-testid="meeting-record">
              <div className="topic-record-line">
                <MeetingKindTag kind={group.meetingKind} />
                <a
                  href={path}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(path);
                  }}
                >
                  {group.meetingTitle}
                </a>
                <Typography.Text type="secondary">
                  {new Date(group.meetingStartsAt).toLocaleDateString(locale, { dateStyle: 'medium' })}
                </Typography.Text>
              </div>
              {group.decisions.map((decision) => (
                <div
                  key={decision.id}
                  className="topic-record-line"
                  data-testid="record-decision"
                  data-kind={decision.kind}
                >
                  <DecisionKindTag kind={decision.kind} />
                  {decision.assignee ? <Typography.Text strong>{decision.assignee}</Typography.Text> : null}
                  {decision.note ? <span>{decision.note}</span> : null}
                </div>
              ))}
              {group.votes.map((record) => (
                <VoteRecord key={record.vote.id} record={record} />
              ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
