import { describe, expect, it } from 'vitest';
import { addMonths, addWorkingDays, chinaDateOf } from './dates';
import { METHODS } from './glossary';
import { dueDates, isOverdue, StepTemplate, StepTemplates } from './steps';
import { DEFAULT_STEP_TEMPLATES, stepTemplateFor, templatesForTopic } from './stepTemplates';

/** A Friday session of the standing committee. */
const SESSION = '2021-06-25';

const titles = (method: keyof typeof DEFAULT_STEP_TEMPLATES) =>
  DEFAULT_STEP_TEMPLATES[method].steps.map((step) => step.title.zh);

describe('default step templates', () => {
  it('gives the four house methods their steps from DOMAIN.md', () => {
    expect(DEFAULT_STEP_TEMPLATES.special_report.name.zh).toBe('七环相扣法');
    expect(titles('special_report')).toHaveLength(7);
    expect(titles('special_report')[3]).toBe('报告送审');
    expect(DEFAULT_STEP_TEMPLATES.law_inspection.name.zh).toBe('九步递进法');
    expect(titles('law_inspection')).toHaveLength(9);
    expect(titles('law_inspection')[5]).toBe('实地检查');
    expect(DEFAULT_STEP_TEMPLATES.visit.name.zh).toBe('六个结合法');
    expect(titles('visit')).toHaveLength(6);
    expect(DEFAULT_STEP_TEMPLATES.special_inquiry.name.zh).toBe('五阶推进法');
    expect(titles('special_inquiry')).toHaveLength(5);
  });

  it('has a valid template for every method, with Chinese and English titles', () => {
    for (const method of METHODS) {
      const template = DEFAULT_STEP_TEMPLATES[method];
      expect(template.method).toBe(method);
      expect(StepTemplate.safeParse(template).success).toBe(true);
      for (const step of template.steps) expect(step.title.zh && step.title.en).toBeTruthy();
    }
    expect(StepTemplates.safeParse(Object.values(DEFAULT_STEP_TEMPLATES)).success).toBe(true);
  });

  it('round-trips through JSON, as an organisation stores its own templates', () => {
    const stored: unknown = JSON.parse(JSON.stringify(DEFAULT_STEP_TEMPLATES.visit));
    expect(StepTemplate.parse(stored)).toEqual(DEFAULT_STEP_TEMPLATES.visit);
    const minimal = StepTemplate.parse({
      key: 'visit_short',
      method: 'visit',
      name: { zh: '简易视察', en: '' },
      steps: [{ key: 'visit', title: { zh: '视察', en: '' } }],
    });
    expect(minimal.steps[0]?.deadlines).toEqual([]);
    expect(stepTemplateFor('visit', [minimal])).toBe(minimal);
    expect(stepTemplateFor('research', [minimal])).toBe(DEFAULT_STEP_TEMPLATES.research);
  });

  it('rejects malformed templates', () => {
    const base = DEFAULT_STEP_TEMPLATES.visit;
    const first = base.steps[0]!;
    const bad = [
      { ...base, steps: [] },
      { ...base, steps: [first, first] },
      { ...base, key: 'Visit Plan' },
      { ...base, method: 'bribery' },
      { ...base, steps: [{ ...first, title: { zh: '', en: 'x' } }] },
      {
        ...base,
        steps: [
          { ...first, deadlines: [{ key: 'd', title: first.title, offset: { amount: 13, unit: 'months' } }] },
        ],
      },
      {
        ...base,
        steps: [
          { ...first, deadlines: [{ key: 'd', title: first.title, offset: { amount: 1.5, unit: 'days' } }] },
        ],
      },
    ];
    for (const template of bad) expect(StepTemplate.safeParse(template).success).toBe(false);
    expect(StepTemplates.safeParse([base, base]).success).toBe(false);
  });

  it('lists the templates of a topic’s main and add-on methods once each', () => {
    const keys = templatesForTopic({
      method: 'special_report',
      addonMethods: ['special_inquiry', 'special_report', 'satisfaction_vote'],
    }).map((template) => template.key);
    expect(keys).toEqual(['special_report', 'special_inquiry', 'satisfaction_vote']);
  });
});

describe('due dates', () => {
  it('puts the special report’s timetable around the session', () => {
    const dates = dueDates(DEFAULT_STEP_TEMPLATES.special_report, SESSION);
    expect(dates[0]).toEqual({ key: 'choose_topic', dueDate: null, deadlines: [] });
    const timetable = dates[3]!;
    expect(timetable.deadlines.map((d) => [d.key, d.date])).toEqual([
      ['draft_to_committee', '2021-06-05'],
      ['revised_to_sc', '2021-06-15'],
      ['to_members', '2021-06-18'],
    ]);
    expect(timetable.dueDate).toBe('2021-06-18');
    expect(dates[4]?.dueDate).toBe(SESSION);
    expect(dates[5]?.deadlines.map((d) => d.date)).toEqual(['2021-06-30', '2021-07-02']);
    expect(dates[6]?.dueDate).toBe('2021-09-25');
  });

  it('counts an inspection’s opinion deadline in working days', () => {
    const dates = dueDates(DEFAULT_STEP_TEMPLATES.law_inspection, SESSION);
    expect(dates[6]?.dueDate).toBe('2021-06-05');
    // Friday + 5 working days: Mon 28 … Fri 2 July.
    expect(dates[7]?.deadlines.map((d) => d.date)).toEqual([SESSION, '2021-07-02']);
    expect(dates[7]?.dueDate).toBe('2021-07-02');
  });

  it('gives final accounts to the committee 30 days before', () => {
    expect(dueDates(DEFAULT_STEP_TEMPLATES.final_accounts, SESSION)[0]?.dueDate).toBe('2021-05-26');
  });

  it('does date arithmetic on calendar days', () => {
    expect(addMonths('2021-11-30', 3)).toBe('2022-02-28');
    expect(addMonths('2019-11-30', 3)).toBe('2020-02-29');
    expect(addMonths('2021-01-31', -2)).toBe('2020-11-30');
    expect(addWorkingDays('2021-06-28', -1)).toBe('2021-06-25');
    expect(addWorkingDays('2021-06-26', 0)).toBe('2021-06-26');
    // 16:30 UTC is half past midnight in Beijing.
    expect(chinaDateOf(Date.UTC(2021, 5, 24, 16, 30))).toBe('2021-06-25');
  });

  it('calls a step overdue only when it is open and its due date has passed', () => {
    const due = '2021-06-18';
    expect(isOverdue({ state: 'in_progress', dueDate: due }, '2021-06-19')).toBe(true);
    expect(isOverdue({ state: 'not_started', dueDate: due }, due)).toBe(false);
    expect(isOverdue({ state: 'done', dueDate: due }, '2021-07-01')).toBe(false);
    expect(isOverdue({ state: 'skipped', dueDate: due }, '2021-07-01')).toBe(false);
    expect(isOverdue({ state: 'not_started', dueDate: null }, '2021-07-01')).toBe(false);
  });
});
