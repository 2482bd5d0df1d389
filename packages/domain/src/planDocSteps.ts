import * as Y from 'yjs';
import { z } from 'zod';
import { chinaDateOf, IsoDate } from './dates';
import { DomainError } from './errors';
import { Label } from './glossary';
import { getTopic, SHORT_TEXT_MAX, topicsRoot } from './planDoc';
import {
  ensureTopicParts,
  findById,
  readOr,
  requireTopic,
  setIfChanged,
  stepsOf,
  textOf,
  uniqueMaps,
} from './planDocParts';
import {
  DatedDeadline,
  datedDeadlines,
  dueDates,
  isOverdue,
  StepDeadline,
  StepState,
  StepTemplate,
  templateStepKey,
} from './steps';
import { DEFAULT_STEP_TEMPLATES, templatesForTopic } from './stepTemplates';
import { lazySchema } from './lazySchema';

/**
 * A topic's steps in the plan document: a Y.Array of Y.Maps, one per step, each field last-writer-wins
 * and the notes a Y.Text. Template steps have stable ids, so a template applied twice (even concurrently
 * on two peers) reads as one set of steps.
 */

/** Key of the deadline offsets a step keeps from its template, to re-date it when the session moves. */
const OFFSETS = 'offsets';
const StepOffsets = lazySchema(() => z.array(StepDeadline));
/** Milliseconds in a day, to count the days a step is late. */
const MS_PER_DAY = 86_400_000;
/** Longest reason for skipping a step. */
export const SKIP_REASON_MAX = 2_000;
const UNTITLED: Label = { zh: '（无标题）', en: '(untitled)' };

/** One step of a topic as read from the document. `skipReason` is '' unless the step is skipped. */
export type TopicStep = {
  id: string;
  /** `<template>.<step>` of the template step it came from. */
  templateKey: string;
  title: Label;
  state: StepState;
  /** When the step took place or was completed. */
  date: IsoDate | null;
  owner: string;
  notes: string;
  skipReason: string;
  dueDate: IsoDate | null;
  deadlines: DatedDeadline[];
};

/** The fields of a step a user may edit directly (state has its own rules: `setStepState`). */
export const StepPatch = lazySchema(() =>
  z
    .object({
      title: Label,
      owner: z.string().trim().max(SHORT_TEXT_MAX),
      date: IsoDate.nullable(),
      dueDate: IsoDate.nullable(),
    })
    .partial(),
);
export type StepPatch = z.infer<typeof StepPatch>;

function readStep(map: Y.Map<unknown>): TopicStep {
  const state = readOr(StepState, map.get('state'), 'not_started');
  return {
    id: String(map.get('id')),
    templateKey: readOr(z.string(), map.get('templateKey'), ''),
    title: readOr(Label, map.get('title'), UNTITLED),
    state,
    date: readOr(IsoDate.nullable(), map.get('date'), null),
    owner: readOr(z.string(), map.get('owner'), ''),
    notes: textOf(map.get('notes')),
    skipReason: state === 'skipped' ? readOr(z.string(), map.get('skipReason'), '') : '',
    dueDate: readOr(IsoDate.nullable(), map.get('dueDate'), null),
    deadlines: readOr(z.array(DatedDeadline), map.get('deadlines'), []),
  };
}

/** A topic's steps in order; [] for a topic without steps or an unknown topic. */
export function readSteps(doc: Y.Doc, topicId: string): TopicStep[] {
  const topic = topicsRoot(doc).get(topicId);
  if (!(topic instanceof Y.Map)) return [];
  return uniqueMaps(stepsOf(topic)).map(readStep);
}

function requireStep(doc: Y.Doc, topicId: string, stepId: string): Y.Map<unknown> {
  const step = findById(stepsOf(requireTopic(topicsRoot(doc), topicId)), stepId);
  if (!step) throw new DomainError('step_not_found', `step ${stepId} not found`);
  return step;
}

/**
 * Adds a template's steps to a topic and returns the ids it added. Steps already there keep their progress;
 * with a session date, every template step's due date is (re)computed, so re-applying after the session
 * moves reschedules the deadlines. Throws a ZodError on an invalid template or date.
 */
export function applyStepTemplate(
  doc: Y.Doc,
  topicId: string,
  template: StepTemplate,
  sessionDate?: IsoDate | null,
  options: { origin?: unknown } = {},
): string[] {
  const valid = StepTemplate.parse(template);
  const session = sessionDate ? IsoDate.parse(sessionDate) : null;
  const dates = session ? dueDates(valid, session) : null;
  const topic = requireTopic(topicsRoot(doc), topicId);
  const added: string[] = [];
  doc.transact(() => {
    ensureTopicParts(topic);
    const steps = stepsOf(topic);
    valid.steps.forEach((step, index) => {
      const id = templateStepKey(valid, step);
      const due = dates?.[index];
      const existing = findById(steps, id);
      if (existing) {
        setIfChanged(existing, OFFSETS, step.deadlines);
        if (due) setIfChanged(existing, 'dueDate', due.dueDate);
        if (due) setIfChanged(existing, 'deadlines', due.deadlines);
        return;
      }
      const map = new Y.Map<unknown>();
      steps?.push([map]);
      map.set('id', id);
      map.set('templateKey', id);
      map.set('title', step.title);
      map.set('state', 'not_started');
      map.set('date', null);
      map.set('owner', '');
      map.set('notes', new Y.Text());
      map.set('dueDate', due?.dueDate ?? null);
      map.set('deadlines', due?.deadlines ?? []);
      map.set(OFFSETS, step.deadlines);
      added.push(id);
    });
  }, options.origin);
  return added;
}

/**
 * Sets a step's state. Skipping needs a reason (`skip_reason_required`). Marking a step done records its
 * date: the one given, else the one it has, else today in China.
 */
export function setStepState(
  doc: Y.Doc,
  topicId: string,
  stepId: string,
  state: StepState,
  detail: { reason?: string; date?: IsoDate | null; now?: number } = {},
  origin?: unknown,
): void {
  const valid = StepState.parse(state);
  const reason = z
    .string()
    .trim()
    .max(SKIP_REASON_MAX)
    .parse(detail.reason ?? '');
  const date = detail.date === undefined ? undefined : IsoDate.nullable().parse(detail.date);
  if (valid === 'skipped' && !reason)
    throw new DomainError('skip_reason_required', 'a skipped step needs a reason');
  const step = requireStep(doc, topicId, stepId);
  doc.transact(() => {
    step.set('state', valid);
    // The reason is never cleared, only hidden when not skipped: a concurrent un-skip cannot leave a skip without one.
    if (valid === 'skipped') step.set('skipReason', reason);
    if (date !== undefined) step.set('date', date);
    else if (valid === 'done' && !readOr(IsoDate.nullable(), step.get('date'), null))
      step.set('date', chinaDateOf(detail.now ?? Date.now()));
  }, origin);
}

/** Changes a step's title, owner, date or due date. Throws a ZodError on invalid values. */
export function updateStep(
  doc: Y.Doc,
  topicId: string,
  stepId: string,
  patch: StepPatch,
  origin?: unknown,
): void {
  const valid = StepPatch.parse(patch);
  const step = requireStep(doc, topicId, stepId);
  doc.transact(() => {
    for (const [key, value] of Object.entries(valid)) if (value !== undefined) setIfChanged(step, key, value);
  }, origin);
}

/** The collaborative notes of a step, for binding to an editor; null when there is no such step. */
export function stepNotes(doc: Y.Doc, topicId: string, stepId: string): Y.Text | null {
  const topic = topicsRoot(doc).get(topicId);
  const notes = topic instanceof Y.Map ? findById(stepsOf(topic), stepId)?.get('notes') : undefined;
  return notes instanceof Y.Text ? notes : null;
}

/**
 * Adds the steps of a topic's method and add-on methods (the organisation's own templates first, else the
 * defaults), dated from the topic's session date; returns the ids it added.
 */
export function applyTopicTemplates(
  doc: Y.Doc,
  topicId: string,
  custom: readonly StepTemplate[] = [],
  options: { origin?: unknown } = {},
): string[] {
  const topic = getTopic(doc, topicId);
  if (!topic) throw new DomainError('topic_not_found', `topic ${topicId} not found`);
  const added: string[] = [];
  doc.transact(() => {
    for (const template of templatesForTopic(topic, custom))
      added.push(...applyStepTemplate(doc, topicId, template, topic.sessionDate, options));
  }, options.origin);
  return added;
}

/** The template a step came from: the organisation's own with that key first, else the default one. */
function templateOfStep(templateKey: string, custom: readonly StepTemplate[]): StepTemplate | undefined {
  const key = templateKey.slice(0, templateKey.indexOf('.'));
  return (
    custom.find((template) => template.key === key) ??
    Object.values(DEFAULT_STEP_TEMPLATES).find((template) => template.key === key)
  );
}

/** The deadline offsets of a step: those it was created with, else (steps written before offsets were kept) its template's. */
function offsetsOf(step: Y.Map<unknown>, custom: readonly StepTemplate[]): StepDeadline[] | null {
  const stored = StepOffsets.safeParse(step.get(OFFSETS));
  if (stored.success) return stored.data;
  const templateKey = readOr(z.string(), step.get('templateKey'), '');
  const template = templateOfStep(templateKey, custom);
  return template?.steps.find((entry) => templateStepKey(template, entry) === templateKey)?.deadlines ?? null;
}

/**
 * Re-dates every template step of a topic from its current session date, after the date moved: each step
 * keeps the deadline offsets of the template it came from, so the organisation editing its template later
 * does not move deadlines already set. Without a session date the derived due dates are cleared.
 * Progress, owners and notes stay.
 */
export function recomputeDueDates(
  doc: Y.Doc,
  topicId: string,
  custom: readonly StepTemplate[] = [],
  origin?: unknown,
): void {
  const topic = requireTopic(topicsRoot(doc), topicId);
  const sessionDate = getTopic(doc, topicId)?.sessionDate ?? null;
  doc.transact(() => {
    for (const step of uniqueMaps(stepsOf(topic))) {
      const offsets = offsetsOf(step, custom);
      if (!offsets) continue;
      const due = sessionDate ? datedDeadlines(offsets, sessionDate) : { dueDate: null, deadlines: [] };
      setIfChanged(step, 'dueDate', due.dueDate);
      setIfChanged(step, 'deadlines', due.deadlines);
    }
  }, origin);
}

/** How far a topic's steps are: finished (done or skipped) of all, and how many are overdue today. */
export type StepProgress = { finished: number; total: number; overdue: number };

/** The progress a board card shows ("3/9", and an overdue marker). */
export function stepProgress(steps: readonly TopicStep[], today: IsoDate): StepProgress {
  return {
    finished: steps.filter((step) => step.state === 'done' || step.state === 'skipped').length,
    total: steps.length,
    overdue: steps.filter((step) => isOverdue(step, today)).length,
  };
}

/** Whole days a step is late by today (0 when it is not overdue), for "逾期N天". */
export function daysOverdue(step: Pick<TopicStep, 'state' | 'dueDate'>, today: IsoDate): number {
  if (!isOverdue(step, today) || step.dueDate === null) return 0;
  return Math.round(
    (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${step.dueDate}T00:00:00Z`)) / MS_PER_DAY,
  );
}
