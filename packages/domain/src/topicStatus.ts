import type * as Y from 'yjs';
import { labelledEnum } from './labelledEnum';
import type { Topic } from './planDoc';
import { readSteps } from './planDocSteps';
import type { StepState } from './steps';

const statuses = labelledEnum([
  ['not_started', { zh: '未开始', en: 'Not started' }],
  ['in_progress', { zh: '进行中', en: 'In progress' }],
  ['done', { zh: '已完成', en: 'Done' }],
  ['archived', { zh: '已归档', en: 'Archived' }],
] as const);

/**
 * Where a topic stands, derived from its steps (never stored: it cannot disagree with them). Archived
 * topics have their own status so a board can hide them unless asked for.
 */
export const TopicStatus = statuses.schema;
export type TopicStatus = (typeof statuses.values)[number];
/** The statuses in the order a board shows them. */
export const TOPIC_STATUSES = statuses.values;
/** How each topic status is named in the UI. */
export const TOPIC_STATUS_LABELS = statuses.labels;

/** A step that needs no more work: done, or skipped with a reason. */
function isFinished(state: StepState): boolean {
  return state === 'done' || state === 'skipped';
}

/**
 * The status of a topic from its steps: 未开始 while no step has started (or it has none), 已完成 once
 * every step is done or skipped, 进行中 in between; 已归档 whatever its steps when archived.
 */
export function topicStatus(steps: readonly { state: StepState }[], archived = false): TopicStatus {
  if (archived) return 'archived';
  if (steps.every((step) => step.state === 'not_started')) return 'not_started';
  return steps.every((step) => isFinished(step.state)) ? 'done' : 'in_progress';
}

/** The status of each topic of a plan document, by topic id. */
export function topicStatuses(
  doc: Y.Doc,
  topics: readonly Pick<Topic, 'id' | 'archived'>[],
): Map<string, TopicStatus> {
  return new Map(topics.map((topic) => [topic.id, topicStatus(readSteps(doc, topic.id), topic.archived)]));
}
