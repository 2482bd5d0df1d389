import { z } from 'zod';
import { IsoDate } from './dates';
import { Method, PlanStatus } from './glossary';
import { labelledEnum } from './labelledEnum';
import { Expectation, LinkageMode, type TopicExpectations, type TopicLink } from './links';
import { TopicStatus } from './topicStatus';
import { lazySchema } from './lazySchema';

/*
 * The alignment matrix (全市一盘棋): the parent plan's topics as rows, the child organisations as columns,
 * each cell saying how that child answered that topic. Pure: the server feeds it projected rows, tests feed
 * it literals, and the same input always gives the same matrix.
 */

const cellStates = labelledEnum([
  ['not_expected', { zh: '未要求', en: 'Not expected' }],
  ['not_applicable', { zh: '不适用', en: 'Not applicable' }],
  ['not_answered', { zh: '未答复', en: 'Not answered' }],
  ['declined', { zh: '不采纳', en: 'Declined' }],
  ['planned', { zh: '已列入计划', en: 'Planned' }],
  ['in_progress', { zh: '推进中', en: 'In progress' }],
  ['done', { zh: '已完成', en: 'Done' }],
  ['closed', { zh: '整改已销号', en: 'Items closed' }],
] as const);
/** How one child organisation stands on one parent topic, from no answer to every rectification item closed. */
export const CellState = cellStates.schema;
export type CellState = z.infer<typeof CellState>;
export const CELL_STATES = cellStates.values;
export const CELL_STATE_LABELS = cellStates.labels;

/** The states in which the child has the topic in its plan. */
const LINKED_STATES: ReadonlySet<CellState> = new Set(['planned', 'in_progress', 'done', 'closed']);

/** Whether a cell's child has the topic in its plan (planned or further). */
export function isLinkedState(state: CellState): boolean {
  return LINKED_STATES.has(state);
}

/** A parent topic as the matrix needs it. */
export type AlignmentParentTopic = {
  topicId: string;
  title: string;
  method: Method;
  month: number | null;
  session: number | null;
  sessionDate: IsoDate | null;
  joint: boolean;
  expectations: TopicExpectations;
};

/** A child organisation (a column) and the plan of the same year it answers with, if it has one. */
export type AlignmentChild = {
  orgId: string;
  name: string;
  planId: string | null;
  planStatus: PlanStatus | null;
  /** When a member of the child first opened the parent plan after publication (已阅), epoch ms. */
  readAt: number | null;
};

/** Counts of a topic's steps and rectification items. */
export type ProgressCounts = {
  stepsTotal: number;
  /** Done or skipped. */
  stepsFinished: number;
  /** Anything but not started. */
  stepsStarted: number;
  itemsTotal: number;
  itemsClosed: number;
  /** Items with a satisfaction rating. */
  itemsRated: number;
};

/** A topic of a child plan, with its links and progress. */
export type AlignmentChildTopic = ProgressCounts & {
  planId: string;
  topicId: string;
  orgId: string;
  title: string;
  method: Method;
  month: number | null;
  sessionDate: IsoDate | null;
  archived: boolean;
  links: readonly TopicLink[];
};

/** A child's decline of a parent topic. */
export type AlignmentDecline = { orgId: string; parentTopicId: string; reason: string };

export type AlignmentInput = {
  parentPlanId: string;
  parentTopics: readonly AlignmentParentTopic[];
  children: readonly AlignmentChild[];
  childTopics: readonly AlignmentChildTopic[];
  declines: readonly AlignmentDecline[];
};

const Count = lazySchema(() => z.number().int().nonnegative());

/** A child topic linked to the row's topic, as a cell shows it. */
export const CellTopic = lazySchema(() =>
  z.object({
    planId: z.string(),
    topicId: z.string(),
    title: z.string(),
    month: z.number().int().nullable(),
    sessionDate: IsoDate.nullable(),
    mode: LinkageMode,
    status: TopicStatus,
    stepsTotal: Count,
    stepsFinished: Count,
    itemsTotal: Count,
    itemsClosed: Count,
  }),
);
export type CellTopic = z.infer<typeof CellTopic>;

export const AlignmentCell = lazySchema(() =>
  z.object({
    orgId: z.string(),
    state: CellState,
    expectation: Expectation.nullable(),
    declineReason: z.string().nullable(),
    /** The child topics linked to the row's topic, most advanced first. */
    topics: z.array(CellTopic),
    /** A linked topic scheduled after the parent's "needed by" date. */
    conflict: z.boolean(),
  }),
);
export type AlignmentCell = z.infer<typeof AlignmentCell>;

/** How far a row, a column or the whole matrix is covered. */
export const Coverage = lazySchema(() =>
  z.object({
    /** Cells that expect an answer (required or recommended). */
    expected: Count,
    /** Expected cells the child has in its plan. */
    linkedExpected: Count,
    /** All cells the child has in its plan, expected or not. */
    linked: Count,
    declined: Count,
    notAnswered: Count,
  }),
);
export type Coverage = z.infer<typeof Coverage>;

/** Progress of one parent topic across all its children. */
export const Rollup = lazySchema(() =>
  z.object({
    stepsTotal: Count,
    stepsFinished: Count,
    itemsTotal: Count,
    itemsClosed: Count,
    itemsRated: Count,
    conflicts: Count,
  }),
);
export type Rollup = z.infer<typeof Rollup>;

export const AlignmentRow = lazySchema(() =>
  z.object({
    topicId: z.string(),
    title: z.string(),
    method: Method,
    month: z.number().int().nullable(),
    session: z.number().int().nullable(),
    sessionDate: IsoDate.nullable(),
    joint: z.boolean(),
    cells: z.array(AlignmentCell),
    coverage: Coverage,
    rollup: Rollup,
  }),
);
export type AlignmentRow = z.infer<typeof AlignmentRow>;

/** A child's topic that answers none of the parent plan's topics: legitimate, flagged as unlinked. */
export const LocalTopic = lazySchema(() =>
  z.object({
    planId: z.string(),
    topicId: z.string(),
    title: z.string(),
    method: Method,
    month: z.number().int().nullable(),
  }),
);
export type LocalTopic = z.infer<typeof LocalTopic>;

export const AlignmentColumn = lazySchema(() =>
  z.object({
    orgId: z.string(),
    name: z.string(),
    planId: z.string().nullable(),
    planStatus: PlanStatus.nullable(),
    readAt: z.number().nullable(),
    coverage: Coverage,
    localTopics: z.array(LocalTopic),
  }),
);
export type AlignmentColumn = z.infer<typeof AlignmentColumn>;

export const AlignmentMatrix = lazySchema(() =>
  z.object({
    rows: z.array(AlignmentRow),
    columns: z.array(AlignmentColumn),
    coverage: Coverage,
  }),
);
export type AlignmentMatrix = z.infer<typeof AlignmentMatrix>;

const emptyCoverage = (): Coverage => ({
  expected: 0,
  linkedExpected: 0,
  linked: 0,
  declined: 0,
  notAnswered: 0,
});

function addToCoverage(coverage: Coverage, cell: AlignmentCell): void {
  const expected = cell.expectation !== null && cell.expectation.level !== 'not_applicable';
  const linked = isLinkedState(cell.state);
  if (expected) coverage.expected += 1;
  if (linked) coverage.linked += 1;
  if (expected && linked) coverage.linkedExpected += 1;
  if (cell.state === 'declined') coverage.declined += 1;
  if (cell.state === 'not_answered') coverage.notAnswered += 1;
}

function statusOf(topic: ProgressCounts): 'not_started' | 'in_progress' | 'done' {
  if (topic.stepsTotal > 0 && topic.stepsFinished === topic.stepsTotal) return 'done';
  return topic.stepsStarted > 0 ? 'in_progress' : 'not_started';
}

/** The state a linked topic gives its cell: closed once every item is closed, else from its steps. */
function linkedState(topic: ProgressCounts): CellState {
  if (topic.itemsTotal > 0 && topic.itemsClosed === topic.itemsTotal) return 'closed';
  const status = statusOf(topic);
  return status === 'not_started' ? 'planned' : status;
}

const STATE_RANK = new Map(CELL_STATES.map((state, index) => [state, index]));

/** Whether a child topic is scheduled after the date its parent needs it by. */
function isLate(
  topic: Pick<AlignmentChildTopic, 'month' | 'sessionDate'>,
  neededBy: IsoDate | null,
): boolean {
  if (neededBy === null) return false;
  if (topic.sessionDate !== null) return topic.sessionDate > neededBy;
  // A month alone is late only when the whole month is after the date's month.
  return topic.month !== null && topic.month > Number(neededBy.slice(5, 7));
}

/** Builds the matrix. Archived child topics count neither as answers nor as local topics. */
export function computeAlignment(input: AlignmentInput): AlignmentMatrix {
  const { parentPlanId } = input;
  /** Child topics linked to each parent topic, by `orgId/parentTopicId`. */
  const linkedBy = new Map<string, { topic: AlignmentChildTopic; mode: z.infer<typeof LinkageMode> }[]>();
  const local = new Map<string, LocalTopic[]>();
  for (const topic of input.childTopics) {
    if (topic.archived) continue;
    const links = topic.links.filter(
      (link): link is Extract<TopicLink, { kind: 'topic' }> =>
        link.kind === 'topic' && link.parentPlanId === parentPlanId,
    );
    if (links.length === 0) {
      const list = local.get(topic.orgId) ?? [];
      list.push({
        planId: topic.planId,
        topicId: topic.topicId,
        title: topic.title,
        method: topic.method,
        month: topic.month,
      });
      local.set(topic.orgId, list);
      continue;
    }
    for (const link of links) {
      const key = `${topic.orgId}/${link.parentTopicId}`;
      const list = linkedBy.get(key) ?? [];
      list.push({ topic, mode: link.mode });
      linkedBy.set(key, list);
    }
  }
  const declined = new Map(
    input.declines.map((decline) => [`${decline.orgId}/${decline.parentTopicId}`, decline]),
  );
  const columnCoverage = new Map(input.children.map((child) => [child.orgId, emptyCoverage()]));
  const total = emptyCoverage();

  const rows = input.parentTopics.map((parent): AlignmentRow => {
    const coverage = emptyCoverage();
    const rollup: Rollup = {
      stepsTotal: 0,
      stepsFinished: 0,
      itemsTotal: 0,
      itemsClosed: 0,
      itemsRated: 0,
      conflicts: 0,
    };
    const cells = input.children.map((child): AlignmentCell => {
      const expectation = parent.joint ? (parent.expectations[child.orgId] ?? null) : null;
      const key = `${child.orgId}/${parent.topicId}`;
      const linked = (linkedBy.get(key) ?? [])
        .map(({ topic, mode }) => ({
          state: linkedState(topic),
          topic: {
            planId: topic.planId,
            topicId: topic.topicId,
            title: topic.title,
            month: topic.month,
            sessionDate: topic.sessionDate,
            mode,
            status: statusOf(topic),
            stepsTotal: topic.stepsTotal,
            stepsFinished: topic.stepsFinished,
            itemsTotal: topic.itemsTotal,
            itemsClosed: topic.itemsClosed,
          } satisfies CellTopic,
        }))
        .sort((a, b) => (STATE_RANK.get(b.state) ?? 0) - (STATE_RANK.get(a.state) ?? 0));
      const topics = linked.map((entry) => entry.topic);
      const decline = declined.get(key) ?? null;
      let state: CellState;
      if (linked[0]) state = linked[0].state;
      else if (decline) state = 'declined';
      else if (expectation === null) state = 'not_expected';
      else state = expectation.level === 'not_applicable' ? 'not_applicable' : 'not_answered';
      const neededBy = expectation?.neededBy ?? null;
      const conflict = topics.some((topic) => isLate(topic, neededBy));
      for (const { topic } of linkedBy.get(key) ?? []) {
        rollup.stepsTotal += topic.stepsTotal;
        rollup.stepsFinished += topic.stepsFinished;
        rollup.itemsTotal += topic.itemsTotal;
        rollup.itemsClosed += topic.itemsClosed;
        rollup.itemsRated += topic.itemsRated;
      }
      if (conflict) rollup.conflicts += 1;
      const cell: AlignmentCell = {
        orgId: child.orgId,
        state,
        expectation,
        declineReason: topics.length === 0 && decline ? decline.reason : null,
        topics,
        conflict,
      };
      addToCoverage(coverage, cell);
      const column = columnCoverage.get(child.orgId);
      if (column) addToCoverage(column, cell);
      addToCoverage(total, cell);
      return cell;
    });
    return {
      topicId: parent.topicId,
      title: parent.title,
      method: parent.method,
      month: parent.month,
      session: parent.session,
      sessionDate: parent.sessionDate,
      joint: parent.joint,
      cells,
      coverage,
      rollup,
    };
  });

  const columns = input.children.map((child): AlignmentColumn => ({
    orgId: child.orgId,
    name: child.name,
    planId: child.planId,
    planStatus: child.planStatus,
    readAt: child.readAt,
    coverage: columnCoverage.get(child.orgId) ?? emptyCoverage(),
    localTopics: local.get(child.orgId) ?? [],
  }));
  return { rows, columns, coverage: total };
}
