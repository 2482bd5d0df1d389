import { describe, expect, it } from 'vitest';
import type { TopicChange } from '@yipan/protocol';
import {
  CHANGE_LINES_MAX,
  changeSentence,
  draftMinutes,
  entryNumber,
  type MinutesInput,
} from './draftMinutes';

/** 2021-06-15 09:00 in China (01:00 UTC). */
const NINE_AM = new Date('2021-06-15T01:00:00Z');
const minutes = (n: number) => new Date(NINE_AM.getTime() + n * 60_000);

function sessionInput(overrides: Partial<MinutesInput> = {}): MinutesInput {
  return {
    title: '市人大常委会第三十次主任会议',
    kind: 'council_of_chairs',
    orgName: '示范市人大常委会',
    startsAt: NINE_AM,
    startedAt: minutes(5),
    endedAt: minutes(150),
    members: [
      { displayName: '王主任', orgNames: ['示范市人大常委会'], role: 'facilitator' },
      { displayName: '李副主任', orgNames: ['示范市人大常委会'], role: 'participant' },
      { displayName: '赵主任', orgNames: ['示范县人大常委会'], role: 'participant' },
      { displayName: '钱局长', orgNames: [], role: 'observer' },
      { displayName: '孙秘书', orgNames: ['示范市人大常委会'], role: 'secretary' },
    ],
    agenda: [
      { id: 'item-enforce', title: '执行难', orgName: '示范市人大常委会' },
      { id: 'item-business', title: '优化营商环境', orgName: null },
      { id: 'item-other', title: '其他事项', orgName: null },
    ],
    decisions: [
      { itemId: 'item-business', kind: 'assigned', assignee: '财经委', note: '会后两周内提出方案' },
      { itemId: 'item-enforce', kind: 'accepted', assignee: null, note: '' },
    ],
    votes: [
      {
        spec: { kind: 'approval', title: '表决执行难议题', itemId: 'item-enforce', anonymous: false },
        ballotCount: 3,
        eligibleCount: 3,
        result: { approve: 2, against: 0, abstain: 1 },
      },
      {
        spec: {
          kind: 'dots',
          title: '征集议题排序',
          candidateItemIds: ['item-enforce', 'item-business'],
          dotsPerParticipant: 3,
          anonymous: true,
        },
        ballotCount: 3,
        eligibleCount: 3,
        result: { 'item-enforce': 2, 'item-business': 7 },
      },
    ],
    planChanges: [
      {
        planTitle: '示范市人大常委会2021年度监督工作计划',
        entries: [
          {
            at: minutes(30),
            author: '孙秘书',
            changes: [
              {
                topicId: 't1',
                title: '执行难',
                kind: 'field',
                field: 'method',
                from: 'special_report',
                to: 'special_inquiry',
              },
              { topicId: 't1', title: '执行难', kind: 'field', field: 'month', from: 6, to: 7 },
            ],
          },
        ],
      },
    ],
    ...overrides,
  };
}

describe('draftMinutes', () => {
  it('has every section, in order, with the meeting’s facts', () => {
    const text = draftMinutes(sessionInput());
    const headings = ['一、议程', '二、决定事项', '三、表决结果', '四、会议期间计划变更'];
    const positions = headings.map((heading) => text.indexOf(`\n${heading}\n`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    expect(text.startsWith('市人大常委会第三十次主任会议纪要\n')).toBe(true);
    expect(text).toContain('会议类型：主任会议');
    // Held from its actual start to its end, in China time.
    expect(text).toContain('时间：2021年6月15日 09:05—11:30');
    expect(text).toContain('组织：示范市人大常委会');
    expect(text).toContain('主持人：王主任（示范市人大常委会）');
    expect(text).toContain('出席：李副主任（示范市人大常委会）、赵主任（示范县人大常委会）（共2人）');
    expect(text).toContain('列席：钱局长');
    expect(text).toContain('记录：孙秘书（示范市人大常委会）');
    expect(text).toContain('（一）执行难（示范市人大常委会）\n（二）优化营商环境\n（三）其他事项');
  });

  it('lists decisions in agenda order with their kind, assignee and note', () => {
    const text = draftMinutes(sessionInput());
    expect(text).toContain(
      '（一）执行难：列入计划。\n（二）优化营商环境：交办：财经委。会后两周内提出方案。',
    );
  });

  it('states approval counts with their labels and a named vote as 记名', () => {
    const text = draftMinutes(sessionInput());
    expect(text).toContain(
      '（一）表决执行难议题（表决事项：执行难；记名表决；应投3人，实投3人）：赞成2票，反对0票，弃权1票。',
    );
  });

  it('ranks a dot vote by dots and states an anonymous one as 无记名', () => {
    const text = draftMinutes(sessionInput());
    expect(text).toContain(
      '（二）征集议题排序（圈点投票，每人3点；无记名投票；应投3人，实投3人），得点由多到少：\n  1. 优化营商环境：7点\n  2. 执行难：2点',
    );
  });

  it('words plan changes like the board’s history, with the time of day', () => {
    const text = draftMinutes(sessionInput());
    expect(text).toContain('（一）示范市人大常委会2021年度监督工作计划');
    expect(text).toContain('  1. 09:30 孙秘书 将「执行难」的监督方式改为 专题询问');
    expect(text).toContain('  2. 09:30 孙秘书 将「执行难」的安排月份改为 7月');
  });

  it('caps a long list of changes and says how many more there were', () => {
    const changes: TopicChange[] = Array.from({ length: CHANGE_LINES_MAX + 7 }, (_, index) => ({
      topicId: `t${index}`,
      title: `议题${index}`,
      kind: 'created',
    }));
    const text = draftMinutes(
      sessionInput({
        planChanges: [{ planTitle: '县计划', entries: [{ at: minutes(10), author: '张三', changes }] }],
      }),
    );
    expect(text).toContain(`  ${CHANGE_LINES_MAX}. 09:10 张三 新建了议题「议题${CHANGE_LINES_MAX - 1}」`);
    expect(text).not.toContain(`议题${CHANGE_LINES_MAX}」`);
    expect(text).toContain('  另有7项变更，详见计划的历史记录。');
  });

  it('says so when a section is empty', () => {
    const text = draftMinutes(
      sessionInput({ agenda: [], decisions: [], votes: [], planChanges: [], endedAt: null, startedAt: null }),
    );
    expect(text).toContain('一、议程\n无。');
    expect(text).toContain('二、决定事项\n无。');
    expect(text).toContain('三、表决结果\n无。');
    expect(text).toContain('四、会议期间计划变更\n会议期间计划未作变更。');
    // Not started: the scheduled time, with no end.
    expect(text).toContain('时间：2021年6月15日 09:00\n');
  });
});

describe('changeSentence', () => {
  it('names renames, cleared fields, notes and server-worded changes', () => {
    const base = { topicId: 't', title: '执行难' };
    expect(
      changeSentence({ ...base, kind: 'field', field: 'title', from: '执行难', to: '执行难问题' }, '甲'),
    ).toBe('甲 将议题「执行难」改名为「执行难问题」');
    expect(
      changeSentence({ ...base, kind: 'field', field: 'leadCommittee', from: '财经委', to: '' }, '甲'),
    ).toBe('甲 清空了「执行难」的牵头委室');
    expect(changeSentence({ ...base, kind: 'field', field: 'notes', from: 'a', to: 'b' }, '甲')).toBe(
      '甲 修改了「执行难」的重点内容与备注',
    );
    expect(changeSentence({ ...base, kind: 'field', field: 'month', from: 6, to: null }, '甲')).toBe(
      '甲 将「执行难」的安排月份改为 未排期',
    );
    expect(
      changeSentence({ ...base, kind: 'step', detail: { zh: '「执行难」新增 2 个步骤', en: 'x' } }, '甲'),
    ).toBe('甲：「执行难」新增 2 个步骤');
  });

  it('numbers entries the way published plans do', () => {
    expect([1, 10, 11, 20, 25].map(entryNumber)).toEqual([
      '（一）',
      '（十）',
      '（十一）',
      '（二十）',
      '（二十五）',
    ]);
  });
});
