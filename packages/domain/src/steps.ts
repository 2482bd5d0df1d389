import { z } from 'zod';
import { addDays, addMonths, addWorkingDays, IsoDate } from './dates';
import { Label, Method } from './glossary';
import { labelledEnum } from './labelledEnum';
import { lazySchema } from './lazySchema';

/**
 * Method step templates: the progress checklist of a topic. Templates are data an organisation may
 * edit and store as JSON, so they are defined by a schema; the defaults are in `stepTemplates.ts`.
 */

/** Longest key of a template, step or deadline: a snake_case word or three. */
const KEY_MAX = 40;
/** Deadlines lie within a year of the session (a handling report is due months after it, not years). */
const OFFSET_DAYS_MAX = 366;
const OFFSET_MONTHS_MAX = 12;
/** More would no longer be a checklist; the longest house method has nine steps. */
const STEPS_PER_TEMPLATE_MAX = 30;
/** A step's deadlines are a few milestones (the special report's timetable has three). */
const DEADLINES_PER_STEP_MAX = 10;
/** An organisation may keep a few variants of a method's template (e.g. a short and a full visit). */
const TEMPLATES_PER_METHOD_MAX = 4;

/** Key of a template, step or deadline: lower-case snake_case, stable across edits of its titles. */
export const TemplateKey = lazySchema(() =>
  z.string().regex(new RegExp(`^[a-z][a-z0-9_]{0,${KEY_MAX - 1}}$`)),
);

/** Where a deadline falls relative to the session that hears the topic: days, working days or months. */
export const DueOffset = lazySchema(() =>
  z
    .object({
      amount: z.number().int().min(-OFFSET_DAYS_MAX).max(OFFSET_DAYS_MAX),
      unit: z.enum(['days', 'working_days', 'months']),
    })
    .refine((offset) => offset.unit !== 'months' || Math.abs(offset.amount) <= OFFSET_MONTHS_MAX, {
      message: `at most ${OFFSET_MONTHS_MAX} months`,
    }),
);
export type DueOffset = z.infer<typeof DueOffset>;

/** One milestone of a step (e.g. the revised report due 10 days before the session). */
export const StepDeadline = lazySchema(() => z.object({ key: TemplateKey, title: Label, offset: DueOffset }));
export type StepDeadline = z.infer<typeof StepDeadline>;

/** One step of a template, with the deadlines it carries (none for most). */
export const TemplateStep = lazySchema(() =>
  z.object({
    key: TemplateKey,
    title: Label,
    deadlines: z.array(StepDeadline).max(DEADLINES_PER_STEP_MAX).default([]),
  }),
);
export type TemplateStep = z.infer<typeof TemplateStep>;

function duplicateOf(keys: readonly string[]): string | undefined {
  return keys.find((key, index) => keys.indexOf(key) !== index);
}

/** A method's step template; step keys are unique, and deadline keys unique within a step. */
export const StepTemplate = lazySchema(() =>
  z
    .object({
      key: TemplateKey,
      method: Method,
      name: Label,
      steps: z.array(TemplateStep).min(1).max(STEPS_PER_TEMPLATE_MAX),
    })
    .superRefine((template, context) => {
      const stepKey = duplicateOf(template.steps.map((step) => step.key));
      if (stepKey)
        context.addIssue({ code: 'custom', message: `duplicate step ${stepKey}`, path: ['steps'] });
      template.steps.forEach((step, index) => {
        const deadlineKey = duplicateOf(step.deadlines.map((deadline) => deadline.key));
        if (deadlineKey)
          context.addIssue({
            code: 'custom',
            message: `duplicate deadline ${deadlineKey}`,
            path: ['steps', index, 'deadlines'],
          });
      });
    }),
);
export type StepTemplate = z.infer<typeof StepTemplate>;
export type StepTemplateInput = z.input<typeof StepTemplate>;

/** An organisation's own templates as stored (JSON); template keys are unique. */
export const StepTemplates = lazySchema(() =>
  z
    .array(StepTemplate)
    .max(Method.options.length * TEMPLATES_PER_METHOD_MAX)
    .refine((templates) => !duplicateOf(templates.map((t) => t.key)), { message: 'duplicate template key' }),
);
export type StepTemplates = z.infer<typeof StepTemplates>;

const stepStates = labelledEnum([
  ['not_started', { zh: '未开始', en: 'Not started' }],
  ['in_progress', { zh: '进行中', en: 'In progress' }],
  ['done', { zh: '已完成', en: 'Done' }],
  ['skipped', { zh: '已跳过', en: 'Skipped' }],
] as const);
/** Progress of one step; `skipped` always comes with a reason. */
export const StepState = stepStates.schema;
export type StepState = z.infer<typeof StepState>;
/** How each step state is named in the UI. */
export const STEP_STATE_LABELS = stepStates.labels;

/** The id of a step applied from a template: stable, so applying the same template twice adds nothing. */
export function templateStepKey(
  template: Pick<StepTemplate, 'key'>,
  step: Pick<TemplateStep, 'key'>,
): string {
  return `${template.key}.${step.key}`;
}

/** The date of a deadline relative to a session date. */
function shiftDate(sessionDate: IsoDate, offset: DueOffset): IsoDate {
  if (offset.unit === 'months') return addMonths(sessionDate, offset.amount);
  if (offset.unit === 'working_days') return addWorkingDays(sessionDate, offset.amount);
  return addDays(sessionDate, offset.amount);
}

/** A deadline with its date worked out, as stored on a topic's step. */
export const DatedDeadline = lazySchema(() =>
  z.object({ key: z.string().max(KEY_MAX), title: Label, date: IsoDate }),
);
export type DatedDeadline = z.infer<typeof DatedDeadline>;
/** A step's dated deadlines; its due date is the last of them, or null for a step without deadlines. */
export type StepDueDates = { key: string; dueDate: IsoDate | null; deadlines: DatedDeadline[] };

/** A step's deadlines dated from a session on `sessionDate`, and its due date: the last of them (null without any). */
export function datedDeadlines(
  deadlines: readonly StepDeadline[],
  sessionDate: IsoDate,
): Omit<StepDueDates, 'key'> {
  const dated = deadlines.map((deadline) => ({
    key: deadline.key,
    title: deadline.title,
    date: shiftDate(sessionDate, deadline.offset),
  }));
  const dueDate = dated.reduce<IsoDate | null>(
    (last, { date }) => (last === null || date > last ? date : last),
    null,
  );
  return { dueDate, deadlines: dated };
}

/** The due dates of every step of a template for a topic heard at a session on `sessionDate`. */
export function dueDates(template: StepTemplate, sessionDate: IsoDate): StepDueDates[] {
  return template.steps.map((step) => ({ key: step.key, ...datedDeadlines(step.deadlines, sessionDate) }));
}

/** Whether a step is late: it has a due date before today and is neither done nor skipped. */
export function isOverdue(step: { state: StepState; dueDate: IsoDate | null }, today: IsoDate): boolean {
  return step.state !== 'done' && step.state !== 'skipped' && step.dueDate !== null && step.dueDate < today;
}
