import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTopic, createPlanDoc, getTopic, topicsRoot, updateTopic, upgradePlanDoc } from './planDoc';
import {
  applyStepTemplate,
  applyTopicTemplates,
  daysOverdue,
  readSteps,
  recomputeDueDates,
  setStepState,
  stepNotes,
  stepProgress,
  updateStep,
} from './planDocSteps';
import { StepTemplate } from './steps';
import { readOpinion } from './planDocOpinion';
import { DEFAULT_STEP_TEMPLATES } from './stepTemplates';
import { codeOf } from './testing/codeOf';
import { twoReplicas } from './testing/twoReplicas';

const SPECIAL_REPORT = DEFAULT_STEP_TEMPLATES.special_report;
const HEARING = 'special_report.hearing';
const TIMETABLE = 'special_report.report_timetable';

const stateOf = (doc: Y.Doc, topicId: string, stepId: string) =>
  readSteps(doc, topicId).find((step) => step.id === stepId)?.state;

/** A topic as written by the code before steps and opinions existed. */
function addLegacyTopic(doc: Y.Doc, id: string): void {
  const map = new Y.Map<unknown>();
  topicsRoot(doc).set(id, map);
  map.set('title', '老议题');
  map.set('order', 'a0');
  map.set('notes', new Y.Text());
}

describe('topic steps', () => {
  it('applies a template with due dates from the session date', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, { title: '执行难', method: 'special_report', month: 6 });
    expect(readSteps(doc, id)).toEqual([]);
    const added = applyStepTemplate(doc, id, SPECIAL_REPORT, '2021-06-25');
    expect(added).toHaveLength(7);
    const steps = readSteps(doc, id);
    expect(steps.map((step) => step.state)).toEqual(Array(7).fill('not_started'));
    expect(steps[0]).toMatchObject({
      id: 'special_report.choose_topic',
      title: { zh: '确定议题' },
      dueDate: null,
    });
    expect(steps.find((step) => step.id === TIMETABLE)?.deadlines.map((d) => d.date)).toEqual([
      '2021-06-05',
      '2021-06-15',
      '2021-06-18',
    ]);
    expect(steps.find((step) => step.id === HEARING)?.dueDate).toBe('2021-06-25');
  });

  it('keeps progress when the template is applied again, and reschedules when the session moves', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, { title: '营商环境' });
    applyStepTemplate(doc, id, SPECIAL_REPORT);
    expect(readSteps(doc, id).every((step) => step.dueDate === null)).toBe(true);
    setStepState(doc, id, HEARING, 'in_progress');
    expect(applyStepTemplate(doc, id, SPECIAL_REPORT, '2021-08-27')).toEqual([]);
    const hearing = readSteps(doc, id).find((step) => step.id === HEARING);
    expect(hearing).toMatchObject({ state: 'in_progress', dueDate: '2021-08-27' });
    applyStepTemplate(doc, id, DEFAULT_STEP_TEMPLATES.satisfaction_vote, '2021-08-27');
    expect(readSteps(doc, id)).toHaveLength(12);
  });

  it('needs a reason to skip a step, and dates a finished one', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, { title: '老旧小区改造' });
    applyStepTemplate(doc, id, SPECIAL_REPORT);
    expect(codeOf(() => setStepState(doc, id, 'special_report.pre_research', 'skipped'))).toBe(
      'skip_reason_required',
    );
    expect(
      codeOf(() => setStepState(doc, id, 'special_report.pre_research', 'skipped', { reason: ' ' })),
    ).toBe('skip_reason_required');
    setStepState(doc, id, 'special_report.pre_research', 'skipped', { reason: '上月已视察' });
    expect(readSteps(doc, id)[1]).toMatchObject({ state: 'skipped', skipReason: '上月已视察' });
    setStepState(doc, id, 'special_report.pre_research', 'in_progress');
    expect(readSteps(doc, id)[1]).toMatchObject({ state: 'in_progress', skipReason: '' });

    setStepState(doc, id, 'special_report.choose_topic', 'done', { now: Date.UTC(2021, 0, 4, 20) });
    expect(readSteps(doc, id)[0]).toMatchObject({ state: 'done', date: '2021-01-05' });
    setStepState(doc, id, 'special_report.choose_topic', 'done', { date: '2021-01-03' });
    expect(readSteps(doc, id)[0]?.date).toBe('2021-01-03');
  });

  it('edits owner, dates and notes, and refuses bad input or unknown ids', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, { title: '视察' });
    applyStepTemplate(doc, id, DEFAULT_STEP_TEMPLATES.visit);
    updateStep(doc, id, 'visit.visit', { owner: '农业与农村委', dueDate: '2021-07-15' });
    stepNotes(doc, id, 'visit.visit')?.insert(0, '三个乡镇');
    expect(readSteps(doc, id)[2]).toMatchObject({
      owner: '农业与农村委',
      dueDate: '2021-07-15',
      notes: '三个乡镇',
    });
    expect(() => updateStep(doc, id, 'visit.visit', { dueDate: '2021-02-30' })).toThrow();
    // @ts-expect-error an unknown state is rejected at runtime too
    expect(() => setStepState(doc, id, 'visit.visit', 'abandoned')).toThrow();
    expect(codeOf(() => setStepState(doc, id, 'visit.nope', 'done'))).toBe('step_not_found');
    expect(codeOf(() => applyStepTemplate(doc, 'nope', SPECIAL_REPORT))).toBe('topic_not_found');
    expect(stepNotes(doc, id, 'visit.nope')).toBeNull();
  });

  it('reads garbage written by a faulty client as defaults', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, { title: '议题' });
    applyStepTemplate(doc, id, DEFAULT_STEP_TEMPLATES.inquiry);
    const steps = topicsRoot(doc).get(id)?.get('steps') as Y.Array<unknown>;
    const first = steps.get(0) as Y.Map<unknown>;
    first.set('state', 'bogus');
    first.set('title', 7);
    first.set('dueDate', 'tomorrow');
    first.set('deadlines', 'soon');
    steps.push([42, new Y.Map()]);
    const read = readSteps(doc, id);
    expect(read).toHaveLength(3);
    expect(read[0]).toMatchObject({
      state: 'not_started',
      title: { zh: '（无标题）' },
      dueDate: null,
      deadlines: [],
    });
    topicsRoot(doc).get(id)?.set('steps', 'none');
    expect(readSteps(doc, id)).toEqual([]);
    expect(readSteps(doc, 'unknown')).toEqual([]);
  });

  it('reads and upgrades topics written before steps existed', () => {
    const doc = createPlanDoc();
    addLegacyTopic(doc, 'old');
    expect(getTopic(doc, 'old')?.title).toBe('老议题');
    expect(readSteps(doc, 'old')).toEqual([]);
    expect(readOpinion(doc, 'old')).toBeNull();
    let updates = 0;
    doc.on('update', () => (updates += 1));
    expect(upgradePlanDoc(doc)).toBe(1);
    expect(upgradePlanDoc(doc)).toBe(0);
    expect(updates).toBe(1);
    applyStepTemplate(doc, 'old', DEFAULT_STEP_TEMPLATES.research);
    expect(readSteps(doc, 'old')).toHaveLength(5);
  });
});

describe('concurrent step edits converge', () => {
  it('concurrent state changes of one step settle on one state, never a skip without a reason', () => {
    const { a, b, sync } = twoReplicas();
    const id = addTopic(a, { title: '执行难' });
    applyStepTemplate(a, id, SPECIAL_REPORT);
    setStepState(a, id, HEARING, 'skipped', { reason: '改为书面审议' });
    sync();
    setStepState(a, id, HEARING, 'in_progress');
    setStepState(b, id, HEARING, 'skipped', { reason: '会期调整' });
    setStepState(a, id, TIMETABLE, 'done', { date: '2021-06-18' });
    setStepState(b, id, 'special_report.choose_topic', 'done', { date: '2021-01-10' });
    sync();
    expect(readSteps(a, id)).toEqual(readSteps(b, id));
    const hearing = readSteps(a, id).find((step) => step.id === HEARING)!;
    expect(['in_progress', 'skipped']).toContain(hearing.state);
    if (hearing.state === 'skipped') expect(hearing.skipReason).not.toBe('');
    expect(stateOf(a, id, TIMETABLE)).toBe('done');
    expect(stateOf(a, id, 'special_report.choose_topic')).toBe('done');
  });

  it('a template applied on both sides at once reads as one set of steps', () => {
    const { a, b, sync } = twoReplicas();
    const id = addTopic(a, { title: '乡村振兴促进法' });
    sync();
    applyStepTemplate(a, id, DEFAULT_STEP_TEMPLATES.law_inspection, '2021-09-24');
    applyStepTemplate(b, id, DEFAULT_STEP_TEMPLATES.law_inspection);
    sync();
    expect(readSteps(a, id)).toHaveLength(9);
    expect(readSteps(a, id)).toEqual(readSteps(b, id));
    setStepState(b, id, 'law_inspection.form_group', 'done', { date: '2021-08-01' });
    sync();
    expect(stateOf(a, id, 'law_inspection.form_group')).toBe('done');
  });

  it('concurrent typing in a step’s notes merges both edits', () => {
    const { a, b, sync } = twoReplicas();
    const id = addTopic(a, { title: '视察' });
    applyStepTemplate(a, id, DEFAULT_STEP_TEMPLATES.visit);
    sync();
    stepNotes(a, id, 'visit.visit')?.insert(0, '甲镇');
    stepNotes(b, id, 'visit.visit')?.insert(0, '乙镇');
    sync();
    const notes = readSteps(a, id)[2]?.notes;
    expect(notes).toBe(readSteps(b, id)[2]?.notes);
    expect(notes).toContain('甲镇');
    expect(notes).toContain('乙镇');
  });
});

describe('due dates follow the session date', () => {
  const REPORT = 'law_inspection.inspection_report';
  const DELIBERATION = 'law_inspection.deliberation';

  it('generates a topic’s steps for its method and add-ons, dated from its session date', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, {
      title: '《乡村振兴促进法》实施情况',
      method: 'law_inspection',
      addonMethods: ['special_inquiry'],
      sessionDate: '2021-09-24',
    });
    expect(applyTopicTemplates(doc, id)).toHaveLength(9 + 5);
    const report = readSteps(doc, id).find((step) => step.id === REPORT);
    // The inspection report reaches the office 20 days before the session.
    expect(report).toMatchObject({ dueDate: '2021-09-04' });
    expect(report?.deadlines[0]).toMatchObject({ key: 'report_to_office', date: '2021-09-04' });
    expect(applyTopicTemplates(doc, id)).toEqual([]);
  });

  it('recomputes due dates when the session moves, keeping progress, and clears them without a date', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, { title: '执法检查', method: 'law_inspection', sessionDate: '2021-09-24' });
    applyTopicTemplates(doc, id);
    setStepState(doc, id, REPORT, 'in_progress');
    updateTopic(doc, id, { sessionDate: '2021-10-29' });
    recomputeDueDates(doc, id);
    const moved = readSteps(doc, id).find((step) => step.id === REPORT);
    expect(moved).toMatchObject({ state: 'in_progress', dueDate: '2021-10-09' });
    // Opinions go out within 5 working days of the session (a Friday): the next Friday.
    expect(readSteps(doc, id).find((step) => step.id === DELIBERATION)?.dueDate).toBe('2021-11-05');
    updateTopic(doc, id, { sessionDate: null });
    recomputeDueDates(doc, id);
    expect(readSteps(doc, id).every((step) => step.dueDate === null && step.deadlines.length === 0)).toBe(
      true,
    );
    updateTopic(doc, id, { sessionDate: '2021-09-24' });
    recomputeDueDates(doc, id);
    expect(readSteps(doc, id).find((step) => step.id === REPORT)?.dueDate).toBe('2021-09-04');
  });

  it('uses the organisation’s own template when it has one', () => {
    const doc = createPlanDoc();
    const own = StepTemplate.parse({
      key: 'visit',
      method: 'visit',
      name: { zh: '本地视察', en: 'Local visit' },
      steps: [
        {
          key: 'visit_report',
          title: { zh: '视察报告', en: 'Report' },
          deadlines: [{ key: 'due', title: { zh: '报告', en: 'Due' }, offset: { amount: -3, unit: 'days' } }],
        },
      ],
    });
    const id = addTopic(doc, { title: '视察', method: 'visit', sessionDate: '2021-07-20' });
    expect(applyTopicTemplates(doc, id, [own])).toEqual(['visit.visit_report']);
    expect(readSteps(doc, id)[0]?.dueDate).toBe('2021-07-17');
    updateTopic(doc, id, { sessionDate: '2021-07-30' });
    // The step keeps the offsets it was created with, even once the organisation's template changes.
    recomputeDueDates(doc, id);
    expect(readSteps(doc, id)[0]?.dueDate).toBe('2021-07-27');
  });

  it('counts progress and overdue steps as a board card shows them', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, { title: '执法检查', method: 'law_inspection', sessionDate: '2021-09-24' });
    applyTopicTemplates(doc, id);
    setStepState(doc, id, 'law_inspection.list_in_plan', 'done', { date: '2021-01-10' });
    setStepState(doc, id, 'law_inspection.self_check', 'skipped', { reason: '联动检查代替' });
    const steps = readSteps(doc, id);
    expect(stepProgress(steps, '2021-09-01')).toEqual({ finished: 2, total: 9, overdue: 0 });
    // Two days after the report's deadline, only the report is late.
    expect(stepProgress(steps, '2021-09-06')).toEqual({ finished: 2, total: 9, overdue: 1 });
    const report = steps.find((step) => step.id === REPORT)!;
    expect(daysOverdue(report, '2021-09-06')).toBe(2);
    setStepState(doc, id, REPORT, 'done', { date: '2021-09-05' });
    expect(stepProgress(readSteps(doc, id), '2021-09-06')).toEqual({ finished: 3, total: 9, overdue: 0 });
  });

  it('two peers advancing different steps of an inspection both see every step done', () => {
    const { a, b, sync } = twoReplicas();
    const id = addTopic(a, { title: '安全生产法', method: 'law_inspection', sessionDate: '2021-11-26' });
    applyTopicTemplates(a, id);
    sync();
    const ids = readSteps(a, id).map((step) => step.id);
    ids.forEach((stepId, index) =>
      setStepState(index % 2 ? a : b, id, stepId, 'done', { date: '2021-11-01' }),
    );
    sync();
    expect(readSteps(a, id)).toEqual(readSteps(b, id));
    expect(stepProgress(readSteps(b, id), '2021-12-31')).toEqual({ finished: 9, total: 9, overdue: 0 });
  });
});
