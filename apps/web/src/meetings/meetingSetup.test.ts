import { describe, expect, it } from 'vitest';
import { idleTimer } from '@yipan/domain';
import type { AgendaItem } from '@yipan/protocol';
import { agendaInputOf, localDateTime, meetingPatch } from './meetingSetup';

const item = (patch: Partial<AgendaItem>): AgendaItem => ({
  id: 'item-1',
  position: 0,
  kind: 'topic',
  planId: 'plan-1',
  topicId: 'topic-1',
  title: '执行难专题询问',
  orgName: '市人大常委会',
  readable: true,
  timer: idleTimer(600_000),
  ...patch,
});

describe('an agenda item read back for editing', () => {
  it('keeps its id so its timer, decisions and votes stay attached', () => {
    expect(agendaInputOf(item({}))).toEqual({
      kind: 'topic',
      id: 'item-1',
      planId: 'plan-1',
      topicId: 'topic-1',
    });
    expect(agendaInputOf(item({ kind: 'other', planId: null, topicId: null, title: '其他事项' }))).toEqual({
      kind: 'other',
      id: 'item-1',
      title: '其他事项',
    });
  });

  it('never sends the placeholder title of a plan the editor may not read', () => {
    expect(agendaInputOf(item({ kind: 'plan', topicId: null, title: '2021年计划' }))).toEqual({
      kind: 'plan',
      id: 'item-1',
      planId: 'plan-1',
      title: '2021年计划',
    });
    expect(
      agendaInputOf(item({ kind: 'plan', topicId: null, title: '（无权查看）', readable: false })),
    ).toEqual({ kind: 'plan', id: 'item-1', planId: 'plan-1' });
  });
});

describe('the change to a meeting’s title, kind and time', () => {
  const meeting = {
    kind: 'council_of_chairs' as const,
    title: '第6次主任会议',
    startsAt: new Date(2021, 5, 8, 9, 0, 30).toISOString(),
  };
  const untouched = { kind: meeting.kind, title: meeting.title, startsAt: '2021-06-08T09:00' };

  it('is nothing when the form is untouched (the field has no seconds)', () => {
    expect(localDateTime(new Date(meeting.startsAt))).toBe('2021-06-08T09:00');
    expect(meetingPatch(meeting, untouched)).toBeNull();
    expect(meetingPatch(meeting, { ...untouched, title: ' 第6次主任会议 ' })).toBeNull();
  });

  it('carries only what changed', () => {
    expect(meetingPatch(meeting, { ...untouched, title: '第7次主任会议' })).toEqual({
      title: '第7次主任会议',
    });
    expect(meetingPatch(meeting, { ...untouched, kind: 'symposium', startsAt: '2021-06-09T14:30' })).toEqual({
      kind: 'symposium',
      startsAt: new Date(2021, 5, 9, 14, 30).toISOString(),
    });
  });
});
