import { describe, expect, it } from 'vitest';
import {
  addTopic,
  applyStepTemplate,
  createPlanDoc,
  listTopics,
  readSteps,
  setStepState,
  setTopicJoint,
  stepTemplateFor,
  updateTopic,
} from '@yipan/domain';
import { readCardFacts, reuseUnchanged, reuseUnchangedFacts } from './topicsStore';

describe('topics store: unchanged topics keep their object', () => {
  it('hands back the previous object of every topic an edit did not touch, and a new one for the edited', () => {
    const doc = createPlanDoc();
    const first = addTopic(doc, { title: '义务教育', method: 'special_report', month: 3 });
    const second = addTopic(doc, {
      title: '乡村振兴',
      method: 'law_inspection',
      month: 5,
      addonMethods: ['visit'],
    });
    const before = listTopics(doc);
    updateTopic(doc, first, { title: '义务教育优质均衡发展' });
    const after = reuseUnchanged(before, listTopics(doc));
    const byId = (list: typeof after, id: string) => list.find((topic) => topic.id === id);
    expect(byId(after, second)).toBe(byId(before, second));
    expect(byId(after, first)).not.toBe(byId(before, first));
    expect(byId(after, first)?.title).toBe('义务教育优质均衡发展');
  });

  it('sees a change inside the add-on methods and a topic that is new', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, {
      title: '食品安全',
      method: 'law_inspection',
      month: 6,
      addonMethods: ['visit'],
    });
    const before = listTopics(doc);
    updateTopic(doc, id, { addonMethods: ['research'] });
    const added = addTopic(doc, { title: '养老服务', method: 'visit', month: 7 });
    const after = reuseUnchanged(before, listTopics(doc));
    expect(after.find((topic) => topic.id === id)?.addonMethods).toEqual(['research']);
    expect(after.find((topic) => topic.id === id)).not.toBe(before[0]);
    expect(after.map((topic) => topic.id)).toContain(added);
  });
});

describe('card facts: the joint tag and the steps of every card, read once per frame', () => {
  it('keeps the facts of untouched topics and renews those whose steps or joint flag changed', () => {
    const doc = createPlanDoc();
    const stepped = addTopic(doc, { title: '执行难', method: 'special_inquiry', month: 6 });
    const jointed = addTopic(doc, { title: '河长制', method: 'law_inspection', month: 8 });
    const quiet = addTopic(doc, { title: '养老服务', method: 'visit', month: 9 });
    applyStepTemplate(doc, stepped, stepTemplateFor('special_inquiry'));
    const before = readCardFacts(doc);
    expect(before.get(jointed)?.joint).toBe(false);

    const firstStep = readSteps(doc, stepped)[0];
    if (!firstStep) throw new Error('the template added no steps');
    setStepState(doc, stepped, firstStep.id, 'done', { date: '2021-06-01' });
    setTopicJoint(doc, jointed, { joint: true, expectations: {} });
    const after = reuseUnchangedFacts(before, readCardFacts(doc));

    expect(after.get(quiet)).toBe(before.get(quiet));
    expect(after.get(stepped)).not.toBe(before.get(stepped));
    expect(after.get(stepped)?.steps[0]?.state).toBe('done');
    expect(after.get(jointed)?.joint).toBe(true);
  });
});
