import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addTopic,
  archiveTopic,
  createPlanDoc,
  createPlanUndoManager,
  getTopic,
  listTopics,
  moveTopic,
  orderBetween,
  planIdFromDocName,
  restoreTopic,
  topicNotes,
  topicsRoot,
  updateTopic,
} from './planDoc';
import { boardColumns, columnPatch, UNSCHEDULED } from './board';
import { codeOf } from './testing/codeOf';
import { twoReplicas } from './testing/twoReplicas';

const titles = (doc: Y.Doc, includeArchived = false) =>
  listTopics(doc, { includeArchived }).map((t) => t.title);

describe('plan document', () => {
  it('adds topics in order with defaults and notes', () => {
    const doc = createPlanDoc();
    const first = addTopic(doc, {
      title: '执行难',
      method: 'special_report',
      month: 6,
      notes: '听审案看执行',
    });
    addTopic(doc, { title: '优化营商环境' });
    expect(titles(doc)).toEqual(['执行难', '优化营商环境']);
    const topic = getTopic(doc, first);
    expect(topic).toMatchObject({ title: '执行难', month: 6, supervisedBody: 'gov', archived: false });
    expect(topicNotes(doc, first)?.toString()).toBe('听审案看执行');
  });

  it('refuses invalid input and changes nothing', () => {
    const doc = createPlanDoc();
    expect(() => addTopic(doc, { title: '   ' })).toThrow();
    expect(() => addTopic(doc, { title: 'x', month: 13 })).toThrow();
    const id = addTopic(doc, { title: '好的' });
    // @ts-expect-error an unknown method is rejected at runtime too
    expect(() => updateTopic(doc, id, { method: 'bribery' })).toThrow();
    expect(getTopic(doc, id)?.method).toBe('special_report');
    expect(listTopics(doc)).toHaveLength(1);
    expect(codeOf(() => updateTopic(doc, 'nope', { month: 4 }))).toBe('topic_not_found');
    expect(codeOf(() => archiveTopic(doc, 'nope'))).toBe('topic_not_found');
  });

  it('reads garbage written by a faulty client as defaults instead of crashing', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, { title: '议题', month: 3 });
    topicsRoot(doc).get(id)?.set('month', 'March');
    topicsRoot(doc).set('junk', 42 as never);
    expect(getTopic(doc, id)?.month).toBeNull();
    expect(titles(doc)).toEqual(['议题']);
  });

  it('places topics between neighbours', () => {
    const doc = createPlanDoc();
    const a = addTopic(doc, { title: 'A' });
    const c = addTopic(doc, { title: 'C' });
    addTopic(doc, { title: 'B' }, { afterId: a, beforeId: c });
    addTopic(doc, { title: '0' }, { afterId: null, beforeId: a });
    expect(titles(doc)).toEqual(['0', 'A', 'B', 'C']);
    moveTopic(doc, a, { afterId: c, beforeId: null });
    expect(titles(doc)).toEqual(['0', 'B', 'C', 'A']);
  });

  it('archives and restores without losing the topic', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, { title: '回头看' });
    archiveTopic(doc, id);
    expect(titles(doc)).toEqual([]);
    expect(titles(doc, true)).toEqual(['回头看']);
    restoreTopic(doc, id);
    expect(titles(doc)).toEqual(['回头看']);
  });

  it('parses plan document names', () => {
    expect(planIdFromDocName('plan:city-2021')).toBe('city-2021');
    expect(planIdFromDocName('plan:../etc')).toBeNull();
    expect(planIdFromDocName('other:x')).toBeNull();
    expect(planIdFromDocName(`plan:${'a'.repeat(65)}`)).toBeNull();
  });
});

describe('concurrent edits converge', () => {
  it('concurrent inserts at the same spot keep both topics', () => {
    const { a, b, sync } = twoReplicas();
    const first = addTopic(a, { title: 'first' });
    const last = addTopic(a, { title: 'last' });
    sync();
    addTopic(a, { title: 'from A' }, { afterId: first, beforeId: last });
    addTopic(b, { title: 'from B' }, { afterId: first, beforeId: last });
    sync();
    expect(titles(a)).toEqual(titles(b));
    expect(titles(a)).toHaveLength(4);
    expect(titles(a)[0]).toBe('first');
    expect(titles(a)[3]).toBe('last');
  });

  it('concurrent moves of the same topic never duplicate or lose it', () => {
    const { a, b, sync } = twoReplicas();
    const ids = ['1', '2', '3', '4'].map((title) => addTopic(a, { title }));
    sync();
    moveTopic(a, ids[0]!, { afterId: ids[3]!, beforeId: null }, { month: 5 });
    moveTopic(b, ids[0]!, { afterId: ids[1]!, beforeId: ids[2]! }, { month: 9 });
    sync();
    expect(titles(a)).toEqual(titles(b));
    expect([...titles(a)].sort()).toEqual(['1', '2', '3', '4']);
    expect(getTopic(a, ids[0]!)?.month).toBe(getTopic(b, ids[0]!)?.month);
  });

  it('concurrent edits of the same field settle on one value; different fields both survive', () => {
    const { a, b, sync } = twoReplicas();
    const id = addTopic(a, { title: '执行难' });
    sync();
    updateTopic(a, id, { leadCommittee: '监察和司法委', month: 6 });
    updateTopic(b, id, { leadCommittee: '财经委', reportingUnit: '市中级人民法院' });
    sync();
    const ta = getTopic(a, id);
    expect(ta).toEqual(getTopic(b, id));
    expect(['监察和司法委', '财经委']).toContain(ta?.leadCommittee);
    expect(ta?.month).toBe(6);
    expect(ta?.reportingUnit).toBe('市中级人民法院');
  });

  it('concurrent typing in notes merges both edits', () => {
    const { a, b, sync } = twoReplicas();
    const id = addTopic(a, { title: '营商环境', notes: '重点：' });
    sync();
    topicNotes(a, id)?.insert(3, '审批');
    topicNotes(b, id)?.insert(3, '融资');
    sync();
    const notes = topicNotes(a, id)?.toString();
    expect(notes).toBe(topicNotes(b, id)?.toString());
    expect(notes).toContain('审批');
    expect(notes).toContain('融资');
  });

  it('archive on one side and edit on the other: the edit is kept on the archived topic', () => {
    const { a, b, sync } = twoReplicas();
    const id = addTopic(a, { title: '老旧小区改造' });
    sync();
    archiveTopic(a, id);
    updateTopic(b, id, { month: 6 });
    sync();
    expect(getTopic(a, id)).toEqual(getTopic(b, id));
    expect(getTopic(a, id)).toMatchObject({ archived: true, month: 6 });
    restoreTopic(b, id);
    sync();
    expect(titles(a)).toEqual(['老旧小区改造']);
  });
});

describe('undo', () => {
  it('undoes local changes only', () => {
    const { a, b, sync } = twoReplicas();
    const undo = createPlanUndoManager(a);
    const id = addTopic(a, { title: '本地' });
    undo.stopCapturing();
    sync();
    addTopic(b, { title: '远端' });
    sync();
    updateTopic(a, id, { month: 4 });
    undo.stopCapturing();
    undo.undo();
    expect(getTopic(a, id)?.month).toBeNull();
    undo.undo();
    expect(titles(a)).toEqual(['远端']);
    undo.redo();
    expect([...titles(a)].sort()).toEqual(['本地', '远端']);
  });
});

describe('board columns', () => {
  it('groups by month with an unscheduled column and by method', () => {
    const doc = createPlanDoc();
    addTopic(doc, { title: '六月', month: 6 });
    addTopic(doc, { title: '未定', method: 'law_inspection' });
    const byMonth = boardColumns(listTopics(doc), 'month');
    expect(byMonth).toHaveLength(13);
    expect(byMonth.find((c) => c.key === '6')?.topics.map((t) => t.title)).toEqual(['六月']);
    expect(byMonth.find((c) => c.key === UNSCHEDULED)?.topics.map((t) => t.title)).toEqual(['未定']);
    const byMethod = boardColumns(listTopics(doc), 'method');
    expect(byMethod.map((c) => c.key)).toEqual(['special_report', 'law_inspection']);
    expect(columnPatch('month', UNSCHEDULED)).toEqual({ month: null });
    expect(columnPatch('method', 'visit')).toEqual({ method: 'visit' });
  });
});

describe('order keys written by a broken or hostile client', () => {
  it('still adds a topic after one whose order is not a valid key (found by fuzzing)', () => {
    const doc = createPlanDoc();
    const first = addTopic(doc, { title: '甲' });
    topicsRoot(doc).get(first)?.set('order', 'a0\u00ff');
    const second = addTopic(doc, { title: '乙' });
    expect(listTopics(doc).map((topic) => topic.id)).toContain(second);
    expect(orderBetween('not a key', null)).toBe(orderBetween(null, null));
  });
});
