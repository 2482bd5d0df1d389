import {
  APPROVING_BODY_LABELS,
  ApprovingBody,
  PLAN_STATUS_LABELS,
  type Label,
  type PlanStatus,
} from './glossary';
import { TOPIC_FIELDS, type Topic, type TopicField } from './planDoc';
import type { Opinion, RectificationItem } from './planDocOpinion';
import type { TopicStep } from './planDocSteps';
import { RECTIFICATION_STATE_LABELS, type Rating } from './rectification';
import { STEP_STATE_LABELS } from './steps';

/** The fields a history entry reports: a topic's editable fields and its notes (order and bookkeeping are left out). */
export type HistoryTopicField = TopicField | 'notes';

/** The kinds of change a history entry reports, shared with the wire contract. */
export const TOPIC_CHANGE_KINDS = [
  'created',
  'archived',
  'restored',
  'field',
  /** A step's state changed, or steps were added. */
  'step',
  /** The opinion text changed. */
  'opinion',
  /** A rectification item was added, moved to another state, rated or edited. */
  'item',
  /** The plan's lifecycle moved, or an adjustment was opened or closed (no topic). */
  'plan',
] as const;

/** One change of one topic between two states of a plan. */
export type TopicChange = {
  topicId: string;
  /** The topic's title after the change (before it, when the change is to the title itself: both are in from/to). */
  title: string;
  kind: (typeof TOPIC_CHANGE_KINDS)[number];
  field?: HistoryTopicField;
  from?: unknown;
  to?: unknown;
  /** For steps, opinions, items and the plan: the change as a sentence, e.g. 步骤「…」改为已完成. */
  detail?: Label;
};

const HISTORY_FIELDS: readonly HistoryTopicField[] = [...TOPIC_FIELDS, 'notes'];

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A changed field of one topic with its old and new value, typed by field. */
export type FieldChange<F extends HistoryTopicField = HistoryTopicField> = {
  [K in F]: { field: K; from: Topic[K]; to: Topic[K] };
}[F];

/** The fields among `fields` whose values differ between two states of one topic, in the order given. */
export function fieldChanges<F extends HistoryTopicField>(
  before: Topic,
  after: Topic,
  fields: readonly F[],
): FieldChange<F>[] {
  return fields
    .filter((field) => !sameValue(before[field], after[field]))
    .map((field) => ({ field, from: before[field], to: after[field] }));
}

/**
 * What changed between two lists of a plan's topics (archived ones included), in the order of
 * `after`: new topics, archiving and restoring, and each changed field with its old and new value.
 * A topic missing from `after` is ignored: topics are never hard-deleted. Moves that change only the
 * order key are not reported.
 */
export function topicChanges(before: readonly Topic[], after: readonly Topic[]): TopicChange[] {
  const previous = new Map(before.map((topic) => [topic.id, topic]));
  const changes: TopicChange[] = [];
  for (const topic of after) {
    const old = previous.get(topic.id);
    const base = { topicId: topic.id, title: topic.title };
    if (!old) {
      changes.push({ ...base, kind: 'created' });
      if (topic.archived) changes.push({ ...base, kind: 'archived' });
      continue;
    }
    if (old.archived !== topic.archived)
      changes.push({ ...base, kind: topic.archived ? 'archived' : 'restored' });
    for (const change of fieldChanges(old, topic, HISTORY_FIELDS))
      changes.push({ ...base, kind: 'field', ...change });
  }
  return changes;
}

/** A topic's follow-up work at one moment: its steps and its opinion. */
export type TopicWork = { steps: readonly TopicStep[]; opinion: Opinion | null };

/** The longest quoted text (an item's content, a reason) in a sentence; longer ones are cut. */
const QUOTE_MAX = 40;

function quote(text: string): string {
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text;
}

/** Percent of satisfied plus basically satisfied votes, rounded. */
const PERCENT = 100;

function ratingText(rating: Rating): Label {
  const total = rating.satisfied + rating.basicallySatisfied + rating.unsatisfied;
  const share =
    total > 0 ? Math.round(((rating.satisfied + rating.basicallySatisfied) * PERCENT) / total) : 0;
  return {
    zh: `满意 ${rating.satisfied}，基本满意 ${rating.basicallySatisfied}，不满意 ${rating.unsatisfied}（满意率 ${share}%）`,
    en: `satisfied ${rating.satisfied}, basically satisfied ${rating.basicallySatisfied}, unsatisfied ${rating.unsatisfied} (${share}% satisfied)`,
  };
}

function stepSentence(title: string, step: TopicStep, before: TopicStep | undefined): Label | null {
  if (before && before.state === step.state) return null;
  const name = {
    zh: `「${title}」的步骤「${step.title.zh}」`,
    en: `“${title}”: step “${step.title.en || step.title.zh}”`,
  };
  if (step.state === 'skipped')
    return {
      zh: `${name.zh}已跳过：${quote(step.skipReason)}`,
      en: `${name.en} skipped: ${quote(step.skipReason)}`,
    };
  const state = STEP_STATE_LABELS[step.state];
  return { zh: `${name.zh}改为${state.zh}`, en: `${name.en} marked ${state.en.toLowerCase()}` };
}

function itemSentences(
  title: string,
  item: RectificationItem,
  before: RectificationItem | undefined,
): Label[] {
  const name = {
    zh: `「${title}」的整改事项「${quote(item.content)}」`,
    en: `“${title}”: item “${quote(item.content)}”`,
  };
  if (!before)
    return [
      {
        zh: `「${title}」新增整改事项「${quote(item.content)}」`,
        en: `“${title}”: new item “${quote(item.content)}”`,
      },
    ];
  const sentences: Label[] = [];
  if (before.state !== item.state) {
    const from = RECTIFICATION_STATE_LABELS[before.state];
    const to = RECTIFICATION_STATE_LABELS[item.state];
    const note = item.history.at(-1)?.note;
    sentences.push({
      zh: `${name.zh}状态 ${from.zh} → ${to.zh}${note ? `：${quote(note)}` : ''}`,
      en: `${name.en} ${from.en} → ${to.en}${note ? `: ${quote(note)}` : ''}`,
    });
  }
  if (item.rating && JSON.stringify(item.rating) !== JSON.stringify(before.rating)) {
    const result = ratingText(item.rating);
    sentences.push({ zh: `${name.zh}测评结果：${result.zh}`, en: `${name.en} rated: ${result.en}` });
  }
  if (before.content !== item.content)
    sentences.push({ zh: `${name.zh}内容已修改`, en: `${name.en} reworded` });
  if (before.responsibleBody !== item.responsibleBody)
    sentences.push({
      zh: `${name.zh}责任单位改为 ${item.responsibleBody || '（空）'}`,
      en: `${name.en} responsible body set to ${item.responsibleBody || '(none)'}`,
    });
  if (before.deadline !== item.deadline)
    sentences.push({
      zh: `${name.zh}办理期限改为 ${item.deadline ?? '（无）'}`,
      en: `${name.en} deadline set to ${item.deadline ?? '(none)'}`,
    });
  return sentences;
}

/**
 * What changed in one topic's steps and opinion between two moments, as sentences: step states (done,
 * skipped with its reason…), steps added, the opinion text, items added, item states, ratings and edits.
 * Due dates recomputed by a template and notes are left out: they are bookkeeping, not decisions.
 */
export function workChanges(
  topic: Pick<Topic, 'id' | 'title'>,
  before: TopicWork | undefined,
  after: TopicWork,
): TopicChange[] {
  const base = { topicId: topic.id, title: topic.title };
  // Sentences quote a long title shortened; the change itself carries it whole.
  const title = quote(topic.title);
  const change = (kind: 'step' | 'opinion' | 'item', detail: Label): TopicChange => ({
    ...base,
    kind,
    detail,
  });
  const changes: TopicChange[] = [];
  const oldSteps = new Map((before?.steps ?? []).map((step) => [step.id, step]));
  const added = after.steps.filter((step) => !oldSteps.has(step.id));
  if (added.length > 0)
    changes.push(
      change('step', {
        zh: `「${title}」新增 ${added.length} 个步骤`,
        en: `“${title}”: ${added.length} step${added.length === 1 ? '' : 's'} added`,
      }),
    );
  for (const step of after.steps) {
    const old = oldSteps.get(step.id);
    // New steps are counted above; only one that arrives already started is named on its own.
    if (!old && step.state === 'not_started') continue;
    const sentence = stepSentence(title, step, old);
    if (sentence) changes.push(change('step', sentence));
  }
  const oldText = before?.opinion?.text ?? '';
  if (after.opinion && after.opinion.text !== oldText)
    changes.push(
      change('opinion', {
        zh: oldText ? `「${title}」的审议意见已修改` : `「${title}」的审议意见已填写`,
        en: oldText ? `“${title}”: opinion revised` : `“${title}”: opinion written`,
      }),
    );
  const oldItems = new Map((before?.opinion?.items ?? []).map((item) => [item.id, item]));
  for (const item of after.opinion?.items ?? [])
    for (const sentence of itemSentences(title, item, oldItems.get(item.id)))
      changes.push(change('item', sentence));
  return changes;
}

/** A lifecycle transition as a history sentence: 计划状态 执行 → 计划调整：理由. */
export function transitionDetail(from: PlanStatus, to: PlanStatus, note: string): Label {
  const a = PLAN_STATUS_LABELS[from];
  const b = PLAN_STATUS_LABELS[to];
  return {
    zh: `计划状态 ${a.zh} → ${b.zh}${note ? `：${quote(note)}` : ''}`,
    en: `plan status ${a.en} → ${b.en}${note ? `: ${quote(note)}` : ''}`,
  };
}

/** An adjustment as a history sentence: who decided it, where, when and why, or that it was closed. */
export function adjustmentDetail(
  adjustment: { reason: string; decidedBy: string; meeting: string; decidedOn: string },
  event: 'opened' | 'closed',
): Label {
  const body = ApprovingBody.safeParse(adjustment.decidedBy);
  const decider = body.success
    ? APPROVING_BODY_LABELS[body.data]
    : { zh: adjustment.decidedBy, en: adjustment.decidedBy };
  const where = [adjustment.meeting, adjustment.decidedOn].filter(Boolean).join('，');
  const reason = quote(adjustment.reason);
  if (event === 'closed') return { zh: `计划调整完成：${reason}`, en: `adjustment closed: ${reason}` };
  return {
    zh: `开始计划调整（${decider.zh}决定${where ? `，${where}` : ''}）：${reason}`,
    en: `adjustment opened (decided by ${decider.en}${where ? `, ${where}` : ''}): ${reason}`,
  };
}
