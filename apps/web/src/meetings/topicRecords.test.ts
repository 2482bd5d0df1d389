import { describe, expect, it } from 'vitest';
import type { MeetingDecision, MeetingVote } from '@yipan/protocol';
import { barShare, groupTopicRecords, topicVoteOutcome, type TopicMeetingRecord } from './topicRecords';

const dotVote: MeetingVote = {
  id: 'v-dots',
  spec: {
    kind: 'dots',
    title: '议题排序',
    candidateItemIds: ['a', 'b', 'c', 'd'],
    dotsPerParticipant: 2,
    anonymous: true,
  },
  status: 'closed',
  ballotCount: 3,
  eligibleCount: 3,
  openedAt: '2021-06-08T01:10:00.000Z',
  closedAt: '2021-06-08T01:20:00.000Z',
  result: { a: 3, b: 1, c: 3, d: 0 },
  ballots: null,
};

const approvalVote: MeetingVote = {
  ...dotVote,
  id: 'v-approval',
  spec: { kind: 'approval', title: '关于列入计划的表决', itemId: 'a', anonymous: false },
  result: { approve: 5, against: 1, abstain: 2 },
};

const decision: MeetingDecision = {
  id: 'd1',
  itemId: 'a',
  kind: 'assigned',
  assignee: '财经委',
  note: '',
  recordedBy: 'u',
  recordedAt: '2021-06-08T01:30:00.000Z',
};

const head = {
  meetingTitle: '第6次主任会议',
  meetingKind: 'council_of_chairs' as const,
  meetingStartsAt: '2021-06-08T01:00:00.000Z',
};

describe('a topic vote outcome', () => {
  it('ranks the topic among the dot-vote candidates, ties sharing a rank', () => {
    expect(topicVoteOutcome(dotVote, 'a')).toEqual({
      kind: 'dots',
      dots: 3,
      rank: 1,
      tied: true,
      candidates: 4,
      most: 3,
    });
    expect(topicVoteOutcome(dotVote, 'b')).toMatchObject({ dots: 1, rank: 3, tied: false });
    expect(topicVoteOutcome(dotVote, 'd')).toMatchObject({ dots: 0, rank: 4 });
  });

  it('gives every approval choice in order with the ballots counted', () => {
    expect(topicVoteOutcome(approvalVote, 'a')).toEqual({
      kind: 'approval',
      counts: [
        { choice: 'approve', count: 5 },
        { choice: 'against', count: 1 },
        { choice: 'abstain', count: 2 },
      ],
      total: 8,
    });
  });

  it('has nothing to say while a vote has no result', () => {
    expect(topicVoteOutcome({ ...dotVote, status: 'open', result: null }, 'a')).toBeNull();
  });

  it('draws bars within their scale', () => {
    expect(barShare(3, 4)).toBe(0.75);
    expect(barShare(0, 0)).toBe(0);
  });
});

describe('grouping records by meeting', () => {
  it('keeps only the topic, groups by meeting in time order and keeps the vote item', () => {
    const records: TopicMeetingRecord[] = [
      {
        ...head,
        topicId: 't1',
        itemId: 'a',
        meetingId: 'm2',
        meetingTitle: '第7次主任会议',
        meetingStartsAt: '2021-07-01T01:00:00.000Z',
        at: '2021-07-01T01:00:00.000Z',
        entry: { type: 'decision', decision: { ...decision, id: 'd2', kind: 'accepted', assignee: null } },
      },
      {
        ...head,
        topicId: 't1',
        itemId: 'a',
        meetingId: 'm1',
        at: decision.recordedAt,
        entry: { type: 'decision', decision },
      },
      {
        ...head,
        topicId: 't1',
        itemId: 'a',
        meetingId: 'm1',
        at: '2021-06-08T01:20:00.000Z',
        entry: { type: 'vote', vote: dotVote },
      },
      {
        ...head,
        topicId: 't2',
        itemId: 'b',
        meetingId: 'm1',
        at: '2021-06-08T01:20:00.000Z',
        entry: { type: 'vote', vote: dotVote },
      },
    ];
    const groups = groupTopicRecords(records, 't1');
    expect(groups.map((group) => group.meetingId)).toEqual(['m1', 'm2']);
    expect(groups[0]).toMatchObject({
      meetingStartsAt: '2021-06-08T01:00:00.000Z',
      decisions: [decision],
      votes: [{ vote: dotVote, itemId: 'a' }],
    });
    expect(groups[1]?.meetingTitle).toBe('第7次主任会议');
    expect(groupTopicRecords(records, 'elsewhere')).toEqual([]);
  });
});
