import { describe, expect, it } from 'vitest';
import { adjustmentDetail, topicChanges, transitionDetail, workChanges, type TopicWork } from './history';
import { addTopic, createPlanDoc } from './planDoc';
import {
  addRectificationItem,
  advanceRectificationItem,
  readOpinion,
  setOpinion,
  updateRectificationItem,
} from './planDocOpinion';
import { applyStepTemplate, readSteps, setStepState } from './planDocSteps';
import { stepTemplateFor } from './stepTemplates';
import { topic } from './testing/topic';

describe('topicChanges', () => {
  it('reports nothing when nothing changed, and ignores pure moves', () => {
    expect(topicChanges([topic('a')], [topic('a')])).toEqual([]);
    expect(topicChanges([topic('a')], [topic('a', { order: 'a1' })])).toEqual([]);
  });

  it('reports new topics, archiving and restoring', () => {
    expect(topicChanges([], [topic('a')])).toEqual([{ topicId: 'a', title: '议题 a', kind: 'created' }]);
    expect(topicChanges([topic('a')], [topic('a', { archived: true })])).toEqual([
      { topicId: 'a', title: '议题 a', kind: 'archived' },
    ]);
    expect(topicChanges([topic('a', { archived: true })], [topic('a')])).toEqual([
      { topicId: 'a', title: '议题 a', kind: 'restored' },
    ]);
  });

  it('reports each changed field with its old and new value, in the order of the topics after', () => {
    const before = [topic('a'), topic('b', { month: 6 })];
    const after = [
      topic('b', { month: 7, addonMethods: ['visit'] }),
      topic('a', { title: '新标题', notes: '备注' }),
    ];
    expect(topicChanges(before, after)).toEqual([
      { topicId: 'b', title: '议题 b', kind: 'field', field: 'addonMethods', from: [], to: ['visit'] },
      { topicId: 'b', title: '议题 b', kind: 'field', field: 'month', from: 6, to: 7 },
      { topicId: 'a', title: '新标题', kind: 'field', field: 'title', from: '议题 a', to: '新标题' },
      { topicId: 'a', title: '新标题', kind: 'field', field: 'notes', from: '', to: '备注' },
    ]);
  });

  it('ignores topics that disappeared (topics are never hard-deleted)', () => {
    expect(topicChanges([topic('a')], [])).toEqual([]);
  });
});

describe('workChanges', () => {
  const doc = () => createPlanDoc();
  const topicRef = { id: 't1', title: '执行难' };

  it('reports steps added, done and skipped with the reason', () => {
    const plan = doc();
    const id = addTopic(plan, { title: '执行难', method: 'special_inquiry' });
    applyStepTemplate(plan, id, stepTemplateFor('special_inquiry'));
    const before = { steps: readSteps(plan, id), opinion: null };
    const [first, second] = before.steps;
    setStepState(plan, id, first!.id, 'done');
    setStepState(plan, id, second!.id, 'skipped', { reason: '上年已开展' });
    const after = { steps: readSteps(plan, id), opinion: null };
    expect(workChanges(topicRef, undefined, before).map((change) => change.detail?.zh)).toEqual([
      `「执行难」新增 ${before.steps.length} 个步骤`,
    ]);
    const changes = workChanges(topicRef, before, after);
    expect(changes.map((change) => [change.kind, change.topicId, change.detail?.zh])).toEqual([
      ['step', 't1', `「执行难」的步骤「${first!.title.zh}」改为已完成`],
      ['step', 't1', `「执行难」的步骤「${second!.title.zh}」已跳过：上年已开展`],
    ]);
  });

  it('reports items added, their state changes, ratings and new deadlines, and the opinion text', () => {
    const plan = doc();
    const id = addTopic(plan, { title: '执行难' });
    const work = () => ({ steps: [], opinion: readOpinion(plan, id) });
    const empty = work();
    setOpinion(plan, id, { text: '一、加强执行' });
    const itemId = addRectificationItem(plan, id, { content: '加快执行案款发放' });
    const added = work();
    const by = { by: '王敏', at: 1 };
    for (const to of ['chairs_approved', 'issued'] as const)
      advanceRectificationItem(plan, id, itemId, to, by);
    const issued = work();
    advanceRectificationItem(plan, id, itemId, 'handling', by);
    advanceRectificationItem(plan, id, itemId, 'reported', by);
    updateRectificationItem(plan, id, itemId, { deadline: '2021-09-30' });
    const reported = work();
    advanceRectificationItem(plan, id, itemId, 'rated', {
      ...by,
      rating: { satisfied: 8, basicallySatisfied: 1, unsatisfied: 1 },
    });
    const zhOf = (a: TopicWork, b: TopicWork) =>
      workChanges(topicRef, a, b).map((change) => change.detail?.zh);
    expect(zhOf(empty, added)).toEqual([
      '「执行难」的审议意见已填写',
      '「执行难」新增整改事项「加快执行案款发放」',
    ]);
    expect(zhOf(issued, reported)).toEqual([
      '「执行难」的整改事项「加快执行案款发放」状态 已交办 → 已报告',
      '「执行难」的整改事项「加快执行案款发放」办理期限改为 2021-09-30',
    ]);
    expect(zhOf(reported, work())).toEqual([
      '「执行难」的整改事项「加快执行案款发放」状态 已报告 → 已测评',
      '「执行难」的整改事项「加快执行案款发放」测评结果：满意 8，基本满意 1，不满意 1（满意率 90%）',
    ]);
    expect(workChanges(topicRef, reported, reported)).toEqual([]);
  });
});

describe('lifecycle sentences', () => {
  it('words transitions and adjustments', () => {
    expect(transitionDetail('executing', 'year_review', '全年工作完成').zh).toBe(
      '计划状态 执行中 → 年终总结：全年工作完成',
    );
    const adjustment = {
      reason: '增加议题',
      decidedBy: 'council_of_chairs',
      meeting: '第十二次主任会议',
      decidedOn: '2021-07-01',
    };
    expect(adjustmentDetail(adjustment, 'opened').zh).toBe(
      '开始计划调整（主任会议决定，第十二次主任会议，2021-07-01）：增加议题',
    );
    expect(adjustmentDetail(adjustment, 'closed').zh).toBe('计划调整完成：增加议题');
  });
});
