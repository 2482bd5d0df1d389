import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTopic, createPlanDoc, getTopic, topicsRoot, upgradePlanDoc } from './planDoc';
import { applyStepTemplate, readSteps, setStepState, stepNotes, updateStep } from './planDocSteps';
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
