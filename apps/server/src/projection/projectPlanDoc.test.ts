import { describe, expect, it } from 'vitest';
import {
  adoptParentTopic,
  addRectificationItem,
  addTopic,
  advanceRectificationItem,
  applyStepTemplate,
  archiveTopic,
  createPlanDoc,
  moveTopic,
  readLinks,
  readSteps,
  setDecline,
  setLinks,
  setStepState,
  setTopicJoint,
  stepTemplateFor,
} from '@yipan/domain';
import { projectPlanDoc } from './projectPlanDoc';

const PLAN = { planId: 'county-9-2021', orgId: 'county-9' };
const AT = Date.UTC(2021, 5, 1);

describe('projectPlanDoc', () => {
  it('gives no rows for an empty plan', () => {
    expect(projectPlanDoc(createPlanDoc(), PLAN)).toEqual({
      topics: [],
      steps: [],
      items: [],
      links: [],
      expectations: [],
      declines: [],
    });
  });

  it('projects topics in board order, archived ones flagged, with the plan and organisation on every row', () => {
    const doc = createPlanDoc();
    const first = addTopic(doc, {
      title: '执行难',
      method: 'special_report',
      month: 6,
      leadCommittee: '监察和司法委',
    });
    const second = addTopic(doc, { title: '营商环境', supervisedBody: 'gov', session: 3 });
    moveTopic(doc, second, { beforeId: first });
    archiveTopic(doc, first);
    const { topics } = projectPlanDoc(doc, PLAN);
    expect(topics.map((topic) => [topic.title, topic.position, topic.archived])).toEqual([
      ['营商环境', 0, false],
      ['执行难', 1, true],
    ]);
    expect(topics[1]).toMatchObject({
      ...PLAN,
      topicId: first,
      method: 'special_report',
      month: 6,
      session: null,
      leadCommittee: '监察和司法委',
    });
    expect(topics[0]?.fields).toMatchObject({ title: '营商环境', session: 3, id: second });
  });

  it('projects each step with its state and date, and each opinion item with its state and rating', () => {
    const doc = createPlanDoc();
    const topicId = addTopic(doc, { title: '执行难', method: 'special_inquiry' });
    applyStepTemplate(doc, topicId, stepTemplateFor('special_inquiry'));
    const [firstStep, secondStep] = readSteps(doc, topicId);
    setStepState(doc, topicId, firstStep!.id, 'done', { date: '2021-03-02' });
    setStepState(doc, topicId, secondStep!.id, 'skipped', { reason: '已在上年完成' });
    const itemId = addRectificationItem(doc, topicId, {
      content: '加快执行案款发放',
      responsibleBody: '县法院',
      deadline: '2021-09-30',
    });
    const by = { by: '王敏' };
    for (const to of ['chairs_approved', 'issued', 'handling', 'reported'] as const)
      advanceRectificationItem(doc, topicId, itemId, to, { ...by, at: AT });
    const rating = { satisfied: 30, basicallySatisfied: 10, unsatisfied: 2 };
    advanceRectificationItem(doc, topicId, itemId, 'rated', { ...by, at: AT, rating });
    advanceRectificationItem(doc, topicId, itemId, 'tracking', { ...by, at: AT });
    advanceRectificationItem(doc, topicId, itemId, 'closed', { ...by, at: AT + 1 });

    const { steps, items } = projectPlanDoc(doc, PLAN);
    expect(steps).toHaveLength(readSteps(doc, topicId).length);
    expect(steps[0]).toMatchObject({
      ...{ planId: PLAN.planId },
      topicId,
      position: 0,
      state: 'done',
      date: '2021-03-02',
    });
    expect(steps[1]).toMatchObject({ position: 1, state: 'skipped', title: secondStep!.title.zh });
    expect(steps.slice(2).every((step) => step.state === 'not_started')).toBe(true);
    expect(items).toEqual([
      {
        ...PLAN,
        topicId,
        itemId,
        position: 0,
        content: '加快执行案款发放',
        responsibleBody: '县法院',
        deadline: '2021-09-30',
        state: 'closed',
        rating,
        closedAt: new Date(AT + 1),
        closedBy: '王敏',
      },
    ]);
  });

  it('projects links with what they last saw of the parent, a joint topic’s expectations and the declines', () => {
    const doc = createPlanDoc();
    const parent = {
      title: '执行难',
      method: 'special_report' as const,
      month: 6,
      session: null,
      sessionDate: null,
    };
    const adopted = adoptParentTopic(
      doc,
      {
        parentPlanId: 'city-2021',
        parentTopicId: 'enforcement',
        parent: { ...parent, addonMethods: [], supervisedBody: 'court', leadCommittee: '监察和司法委' },
        mode: 'joint',
        contributes: true,
      },
      { author: 'u' },
    );
    const external = { title: '省人大“执行难”专项监督', year: 2021, source: '省人大常委会' };
    setLinks(doc, adopted, [
      ...readLinks(doc, adopted),
      { kind: 'external', external, mode: 'delegated', contributes: false, primary: false },
    ]);
    const own = addTopic(doc, { title: '农村人居环境整治' });
    setTopicJoint(doc, own, {
      joint: true,
      expectations: { 'township-9': { level: 'required', neededBy: '2021-07-31' } },
    });
    setDecline(doc, 'city-2021', 'business', { reason: '本县已于去年开展', declinedBy: 'u', declinedAt: AT });
    const rows = projectPlanDoc(doc, PLAN);
    expect(rows.topics.map((topic) => [topic.title, topic.joint])).toEqual([
      ['执行难', false],
      ['农村人居环境整治', true],
    ]);
    expect(rows.links).toEqual([
      {
        ...PLAN,
        topicId: adopted,
        position: 0,
        parentPlanId: 'city-2021',
        parentTopicId: 'enforcement',
        mode: 'joint',
        contributes: true,
        primary: true,
        external: null,
        seen: parent,
      },
      {
        ...PLAN,
        topicId: adopted,
        position: 1,
        parentPlanId: null,
        parentTopicId: null,
        mode: 'delegated',
        contributes: false,
        primary: false,
        external,
        seen: null,
      },
    ]);
    expect(rows.expectations).toEqual([
      {
        planId: PLAN.planId,
        topicId: own,
        childOrgId: 'township-9',
        level: 'required',
        neededBy: '2021-07-31',
      },
    ]);
    expect(rows.declines).toEqual([
      {
        ...PLAN,
        parentPlanId: 'city-2021',
        parentTopicId: 'business',
        reason: '本县已于去年开展',
        declinedBy: 'u',
        declinedAt: new Date(AT),
      },
    ]);
  });

  it('is a function of the document state: the same state gives the same rows', () => {
    const doc = createPlanDoc();
    const topicId = addTopic(doc, { title: '执行难' });
    addRectificationItem(doc, topicId, { content: '事项一' });
    expect(projectPlanDoc(doc, PLAN)).toEqual(projectPlanDoc(doc, PLAN));
  });
});
