import { describe, expect, it } from 'vitest';
import { addTopic, archiveTopic, createPlanDoc, listTopics } from './planDoc';
import { applyStepTemplate, readSteps, setStepState } from './planDocSteps';
import { DEFAULT_STEP_TEMPLATES } from './stepTemplates';
import { topicStatus, topicStatuses } from './topicStatus';

describe('topic status', () => {
  it('is not started without steps or while no step has started', () => {
    expect(topicStatus([])).toBe('not_started');
    expect(topicStatus([{ state: 'not_started' }, { state: 'not_started' }])).toBe('not_started');
  });

  it('is in progress once a step has started or is done but others remain', () => {
    expect(topicStatus([{ state: 'in_progress' }, { state: 'not_started' }])).toBe('in_progress');
    expect(topicStatus([{ state: 'done' }, { state: 'not_started' }])).toBe('in_progress');
    expect(topicStatus([{ state: 'skipped' }, { state: 'not_started' }])).toBe('in_progress');
  });

  it('is done when every step is done or skipped', () => {
    expect(topicStatus([{ state: 'done' }, { state: 'skipped' }])).toBe('done');
  });

  it('is archived for an archived topic whatever its steps', () => {
    expect(topicStatus([{ state: 'done' }], true)).toBe('archived');
  });

  it('reads the steps of every topic of a plan document', () => {
    const doc = createPlanDoc();
    const fresh = addTopic(doc, { title: '优化营商环境' });
    const started = addTopic(doc, { title: '执行难', method: 'special_report' });
    const gone = addTopic(doc, { title: '老旧小区改造' });
    applyStepTemplate(doc, started, DEFAULT_STEP_TEMPLATES.special_report);
    const first = readSteps(doc, started)[0];
    if (!first) throw new Error('template added no steps');
    setStepState(doc, started, first.id, 'done');
    archiveTopic(doc, gone);
    const statuses = topicStatuses(doc, listTopics(doc, { includeArchived: true }));
    expect(Object.fromEntries(statuses)).toEqual({
      [fresh]: 'not_started',
      [started]: 'in_progress',
      [gone]: 'archived',
    });
  });
});
