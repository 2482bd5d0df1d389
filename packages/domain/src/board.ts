import { METHODS, MONTHS, type Method } from './glossary';
import type { Topic, TopicFields } from './planDoc';

/** The fields a board can be laid out by. Dropping a card in a column sets that field. */
export type BoardGrouping = 'month' | 'method';

/** Column key of topics scheduled by session only, or not yet scheduled. */
export const UNSCHEDULED = 'unscheduled';

/** One column of the board: its key (a month, `unscheduled` or a method) and its topics in board order. */
export type BoardColumn = { key: string; topics: Topic[] };

/** The column a topic belongs in under a grouping. */
export function columnKeyOf(topic: Topic, grouping: BoardGrouping): string {
  return grouping === 'month' ? (topic.month === null ? UNSCHEDULED : String(topic.month)) : topic.method;
}

/**
 * Lays topics out in columns. Month columns are always all twelve plus the unscheduled one, so there
 * is somewhere to drop; method columns show the methods in use, in glossary order.
 */
export function boardColumns(topics: readonly Topic[], grouping: BoardGrouping): BoardColumn[] {
  const keys =
    grouping === 'month'
      ? [UNSCHEDULED, ...MONTHS.map(String)]
      : METHODS.filter((method) => topics.some((topic) => topic.method === method));
  const columns = new Map<string, Topic[]>(keys.map((key) => [key, []]));
  for (const topic of topics) columns.get(columnKeyOf(topic, grouping))?.push(topic);
  return [...columns].map(([key, list]) => ({ key, topics: list }));
}

/** The field change that moving a topic into a column means. */
export function columnPatch(grouping: BoardGrouping, columnKey: string): Partial<TopicFields> {
  if (grouping === 'month') return { month: columnKey === UNSCHEDULED ? null : Number(columnKey) };
  return { method: columnKey as Method };
}
