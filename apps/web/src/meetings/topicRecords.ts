import { APPROVAL_CHOICES, type ApprovalChoice, type MeetingKind } from '@yipan/domain';
import type { MeetingDecision, MeetingVote, TopicMeetingRecordsResponse } from '@yipan/protocol';

/*
 * A plan's meeting records as one topic's drawer shows them: per meeting, the decisions and closed votes
 * about the topic, and what each vote said about it. Pure, so the ranking rules are tested without a page.
 */

/** One entry of `GET /api/plans/:planId/meeting-records`. */
export type TopicMeetingRecord = TopicMeetingRecordsResponse['records'][number];

/** A closed vote about the topic, with the agenda item whose counts are the topic's. */
export type TopicVoteRecord = { vote: MeetingVote; itemId: string };

/** The records of one meeting about one topic. */
export type MeetingRecordGroup = {
  meetingId: string;
  meetingTitle: string;
  meetingKind: MeetingKind;
  meetingStartsAt: string;
  decisions: MeetingDecision[];
  votes: TopicVoteRecord[];
};

/** The topic's records grouped by meeting, meetings (by their first record) and entries in the order they happened. */
export function groupTopicRecords(
  records: readonly TopicMeetingRecord[],
  topicId: string,
): MeetingRecordGroup[] {
  const groups = new Map<string, MeetingRecordGroup>();
  const mine = records.filter((record) => record.topicId === topicId);
  for (const record of [...mine].sort((a, b) => a.at.localeCompare(b.at))) {
    let group = groups.get(record.meetingId);
    if (!group) {
      group = {
        meetingId: record.meetingId,
        meetingTitle: record.meetingTitle,
        meetingKind: record.meetingKind,
        meetingStartsAt: record.meetingStartsAt,
        decisions: [],
        votes: [],
      };
      groups.set(record.meetingId, group);
    }
    if (record.entry.type === 'decision') group.decisions.push(record.entry.decision);
    else group.votes.push({ vote: record.entry.vote, itemId: record.itemId });
  }
  return [...groups.values()];
}

/** What a closed vote said about the topic. */
export type TopicVoteOutcome =
  | {
      kind: 'approval';
      /** Every choice in its fixed order (赞成, 反对, 弃权) with its count. */
      counts: { choice: ApprovalChoice; count: number }[];
      /** Ballots counted: the bars' scale. */
      total: number;
    }
  | {
      kind: 'dots';
      /** The topic's dots. */
      dots: number;
      /** 1 for the most dots; candidates with as many dots share a rank (1, 1, 3). */
      rank: number;
      /** Whether another candidate has as many dots. */
      tied: boolean;
      /** How many candidates the dots were spread across. */
      candidates: number;
      /** The most dots any candidate got: the bar's scale. */
      most: number;
    };

/** A closed vote's outcome for the topic's agenda item; null while it has no result. */
export function topicVoteOutcome(vote: MeetingVote, itemId: string): TopicVoteOutcome | null {
  const result = vote.result;
  if (!result) return null;
  if (vote.spec.kind === 'approval') {
    const counts = APPROVAL_CHOICES.map((choice) => ({ choice, count: result[choice] ?? 0 }));
    return { kind: 'approval', counts, total: counts.reduce((sum, entry) => sum + entry.count, 0) };
  }
  const all = vote.spec.candidateItemIds.map((id) => result[id] ?? 0);
  const dots = result[itemId] ?? 0;
  const others = vote.spec.candidateItemIds.filter((id) => id !== itemId).map((id) => result[id] ?? 0);
  return {
    kind: 'dots',
    dots,
    rank: 1 + others.filter((count) => count > dots).length,
    tied: others.some((count) => count === dots),
    candidates: vote.spec.candidateItemIds.length,
    most: Math.max(0, ...all),
  };
}

/** A bar's length as a share of its scale, 0 to 1 (an empty scale draws no bar). */
export function barShare(count: number, scale: number): number {
  return scale > 0 ? Math.min(1, count / scale) : 0;
}
