import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addTopic, createPlanDoc, topicsRoot } from './planDoc';
import {
  addLookBack,
  addRectificationItem,
  advanceRectificationItem,
  opinionText,
  readOpinion,
  removeRectificationItem,
  setOpinion,
  updateRectificationItem,
} from './planDocOpinion';
import type { Rating, RectificationDetail, RectificationState } from './rectification';
import { codeOf } from './testing/codeOf';
import { twoReplicas } from './testing/twoReplicas';

const by = { at: 1_000, by: '监察和司法委' };
const failing: Rating = { satisfied: 12, basicallySatisfied: 8, unsatisfied: 30 };
const passing: Rating = { satisfied: 30, basicallySatisfied: 12, unsatisfied: 8 };

function withItem() {
  const doc = createPlanDoc();
  const topicId = addTopic(doc, { title: '执行难' });
  const itemId = addRectificationItem(doc, topicId, {
    content: '加大失信被执行人联合惩戒力度',
    responsibleBody: '市中级人民法院',
    deadline: '2021-09-30',
  });
  const advance = (to: RectificationState, detail: Partial<RectificationDetail> = {}) =>
    advanceRectificationItem(doc, topicId, itemId, to, { ...by, ...detail });
  const item = () => readOpinion(doc, topicId)?.items[0];
  return { doc, topicId, itemId, advance, item };
}

describe('deliberation opinion', () => {
  it('has none until text or items are added, then reads back', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, { title: '营商环境' });
    expect(readOpinion(doc, id)).toBeNull();
    setOpinion(doc, id, { text: '一、…', createdAt: 42 });
    expect(readOpinion(doc, id)).toEqual({ text: '一、…', createdAt: 42, items: [] });
    opinionText(doc, id)?.insert(0, '审议意见：');
    setOpinion(doc, id, { text: '审议意见：一、…二、…' });
    expect(readOpinion(doc, id)).toMatchObject({ text: '审议意见：一、…二、…', createdAt: 42 });
    expect(readOpinion(doc, 'unknown')).toBeNull();
  });

  it('takes an item from drafting to closed, recording rating, look-backs and who closed it', () => {
    const { advance, item, doc, topicId, itemId } = withItem();
    expect(item()).toMatchObject({ state: 'drafting', responsibleBody: '市中级人民法院', rating: null });
    for (const to of ['chairs_approved', 'issued', 'handling', 'reported', 'deliberated'] as const)
      advance(to);
    advance('rated', { rating: passing });
    advance('tracking');
    addLookBack(doc, topicId, itemId, { at: 2_000, by: '常委会检查组', note: '已整改' });
    advance('closed', { by: '常委会检查组', at: 3_000, evidence: '现场销号记录' });
    expect(item()).toMatchObject({
      state: 'closed',
      rating: passing,
      lookBacks: [{ at: 2_000, by: '常委会检查组', note: '已整改' }],
      closedBy: '常委会检查组',
      closedAt: 3_000,
      evidence: '现场销号记录',
    });
    expect(item()?.history.map((event) => event.to)).toEqual([
      'chairs_approved',
      'issued',
      'handling',
      'reported',
      'deliberated',
      'rated',
      'tracking',
      'closed',
    ]);
  });

  it('sends an item under 60 % back to handling, and refuses illegal moves without changing it', () => {
    const { advance, item, doc, topicId, itemId } = withItem();
    expect(codeOf(() => advance('issued'))).toBe('illegal_transition');
    for (const to of ['chairs_approved', 'issued', 'handling', 'reported'] as const) advance(to);
    expect(codeOf(() => advance('rated'))).toBe('rating_required');
    advance('rated', { rating: failing });
    expect(codeOf(() => advance('tracking'))).toBe('rating_failed');
    expect(codeOf(() => addLookBack(doc, topicId, itemId, { at: 1, by: 'x', note: '' }))).toBe(
      'not_tracking',
    );
    advance('reopened', { note: '满意度不足60%' });
    advance('handling');
    expect(item()).toMatchObject({ state: 'handling', rating: failing });
    expect(item()?.history.at(-2)).toMatchObject({ from: 'rated', to: 'reopened', note: '满意度不足60%' });
    expect(codeOf(() => advanceRectificationItem(doc, topicId, 'nope', 'issued', by))).toBe('item_not_found');
  });

  it('edits an item and validates input', () => {
    const { doc, topicId, itemId, item } = withItem();
    updateRectificationItem(doc, topicId, itemId, { deadline: '2021-12-31', responsibleBody: '市公安局' });
    expect(item()).toMatchObject({ deadline: '2021-12-31', responsibleBody: '市公安局' });
    expect(() => addRectificationItem(doc, topicId, { content: ' ' })).toThrow();
    expect(() => updateRectificationItem(doc, topicId, itemId, { deadline: 'soon' })).toThrow();
    expect(codeOf(() => addRectificationItem(doc, 'nope', { content: 'x' }))).toBe('topic_not_found');
  });

  it('reads garbage written by a faulty client as defaults', () => {
    const { doc, topicId, item } = withItem();
    const opinion = topicsRoot(doc).get(topicId)?.get('opinion') as Y.Map<unknown>;
    const items = opinion.get('rectificationItems') as Y.Array<unknown>;
    const map = items.get(0) as Y.Map<unknown>;
    map.set('state', 'lost');
    map.set('rating', { satisfied: 'many' });
    map.set('closedBy', '某人');
    items.push(['junk']);
    opinion.set('createdAt', 'yesterday');
    expect(item()).toMatchObject({ state: 'drafting', rating: null, closedBy: '', lookBacks: [] });
    expect(readOpinion(doc, topicId)).toMatchObject({ createdAt: null, items: [{ state: 'drafting' }] });
    opinion.set('text', '写成了字符串');
    expect(readOpinion(doc, topicId)?.text).toBe('写成了字符串');
    setOpinion(doc, topicId, { text: '修复后' });
    expect(opinionText(doc, topicId)?.toString()).toBe('修复后');
  });
});

describe('the acceptance path of an opinion', () => {
  it('two items issued, handled, rated; one reopened after an unsatisfactory rating, then both closed on site', () => {
    const doc = createPlanDoc();
    const topicId = addTopic(doc, { title: '执行难' });
    setOpinion(doc, topicId, { text: '一、加大执行力度。二、规范案款管理。', createdAt: 10 });
    const first = addRectificationItem(doc, topicId, {
      content: '加大执行力度',
      responsibleBody: '市中级人民法院',
    });
    const second = addRectificationItem(doc, topicId, {
      content: '规范案款管理',
      responsibleBody: '市中级人民法院',
      deadline: '2021-10-31',
    });
    const move = (itemId: string, to: RectificationState, detail: Partial<RectificationDetail> = {}) =>
      advanceRectificationItem(doc, topicId, itemId, to, { ...by, ...detail });
    for (const itemId of [first, second])
      for (const to of ['chairs_approved', 'issued', 'handling', 'reported'] as const) move(itemId, to);
    move(first, 'rated', { rating: failing });
    move(second, 'rated', { rating: passing });
    expect(codeOf(() => move(first, 'tracking'))).toBe('rating_failed');
    move(first, 'reopened', { note: '满意度不足60%，重新办理' });
    for (const to of ['handling', 'reported'] as const) move(first, to);
    move(first, 'rated', { rating: passing, at: 2_000 });
    for (const itemId of [first, second]) move(itemId, 'tracking');
    addLookBack(doc, topicId, first, { at: 3_000, by: '代表小组', note: '执行到位率明显提高' });
    move(first, 'closed', {
      at: 4_000,
      by: '人大办 张三',
      closedBy: '常委会检查组',
      evidence: '现场查看台账',
    });
    move(second, 'closed', { at: 4_000, evidence: '案款系统抽查' });

    const items = readOpinion(doc, topicId)?.items ?? [];
    expect(items.map((item) => item.state)).toEqual(['closed', 'closed']);
    expect(items[0]).toMatchObject({
      rating: passing,
      closedBy: '常委会检查组',
      closedAt: 4_000,
      evidence: '现场查看台账',
      lookBacks: [{ by: '代表小组', note: '执行到位率明显提高' }],
    });
    expect(items[1]).toMatchObject({ closedBy: '监察和司法委', evidence: '案款系统抽查' });
    // The timeline keeps both ratings and who closed it on site.
    const history = items[0]?.history ?? [];
    expect(history.filter((event) => event.to === 'rated').map((event) => event.rating)).toEqual([
      failing,
      passing,
    ]);
    expect(history.at(-1)).toMatchObject({ to: 'closed', by: '人大办 张三', closedBy: '常委会检查组' });
    expect(history.map((event) => event.to)).toEqual([
      'chairs_approved',
      'issued',
      'handling',
      'reported',
      'rated',
      'reopened',
      'handling',
      'reported',
      'rated',
      'tracking',
      'closed',
    ]);
  });

  it('deletes only items still in drafting', () => {
    const { doc, topicId, itemId, advance } = withItem();
    const spare = addRectificationItem(doc, topicId, { content: '多余的一条' });
    removeRectificationItem(doc, topicId, spare);
    expect(readOpinion(doc, topicId)?.items.map((item) => item.id)).toEqual([itemId]);
    advance('chairs_approved');
    expect(codeOf(() => removeRectificationItem(doc, topicId, itemId))).toBe('item_not_drafting');
    expect(codeOf(() => removeRectificationItem(doc, topicId, 'nope'))).toBe('item_not_found');
  });
});

describe('concurrent opinion edits converge', () => {
  it('items added on both sides at once both survive', () => {
    const { a, b, sync } = twoReplicas();
    const id = addTopic(a, { title: '学位建设' });
    sync();
    addRectificationItem(a, id, { content: '新建学校按期投用' });
    addRectificationItem(b, id, { content: '调整学区划分' });
    addRectificationItem(b, id, { content: '公开学位信息' });
    sync();
    const contents = readOpinion(a, id)?.items.map((item) => item.content);
    expect(contents).toEqual(readOpinion(b, id)?.items.map((item) => item.content));
    expect([...(contents ?? [])].sort()).toEqual(['公开学位信息', '新建学校按期投用', '调整学区划分'].sort());
  });

  it('concurrent advances of one item settle on one state; both look-backs are kept', () => {
    const { a, b, sync } = twoReplicas();
    const id = addTopic(a, { title: '执行难' });
    const item = addRectificationItem(a, id, { content: '执行案款及时发放' });
    for (const to of ['chairs_approved', 'issued', 'handling', 'reported'] as const)
      advanceRectificationItem(a, id, item, to, by);
    advanceRectificationItem(a, id, item, 'rated', { ...by, rating: passing });
    advanceRectificationItem(a, id, item, 'tracking', by);
    sync();
    addLookBack(a, id, item, { at: 5, by: '代表甲', note: '案款已发放' });
    addLookBack(b, id, item, { at: 6, by: '代表乙', note: '仍有积压' });
    advanceRectificationItem(a, id, item, 'closed', by);
    advanceRectificationItem(b, id, item, 'reopened', { ...by, note: '仍有积压' });
    sync();
    expect(readOpinion(a, id)).toEqual(readOpinion(b, id));
    const read = readOpinion(a, id)?.items[0];
    expect(['closed', 'reopened']).toContain(read?.state);
    expect(read?.lookBacks).toHaveLength(2);
  });
});
