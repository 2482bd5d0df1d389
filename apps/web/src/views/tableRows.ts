import {
  METHODS,
  SUPERVISED_BODIES,
  TOPIC_STATUSES,
  type TableSort,
  type TableSortKey,
  type Topic,
  type TopicStatus,
} from '@yipan/domain';

/** One row of the table view: the topic, its number in the plan (序号) and its derived status. */
export type TableRow = { topic: Topic; index: number; status: TopicStatus };

/** Chinese collation (pinyin) for names, so 财经委 sorts near 城建环资委 as a reader expects. */
const collator = new Intl.Collator('zh-CN');

/** Compares two possibly-missing numbers; a missing one sorts after every present one. */
function compareMaybe(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/** Compares texts; an empty one (未指定) sorts after every named one. */
function compareText(a: string, b: string): number {
  if (!a || !b) return Number(!a) - Number(!b);
  return collator.compare(a, b);
}

/** Position in a fixed list (glossary order). */
const rank = (list: readonly string[], value: string) => list.indexOf(value);

/** How the table compares two rows on one column; the schedule is by month, then by session. */
function compareBy(key: TableSortKey, a: TableRow, b: TableRow, committees: readonly string[]): number {
  switch (key) {
    case 'order':
      return a.index - b.index;
    case 'title':
      return collator.compare(a.topic.title, b.topic.title);
    case 'method':
      return rank(METHODS, a.topic.method) - rank(METHODS, b.topic.method);
    case 'schedule':
      return compareMaybe(a.topic.month, b.topic.month) || compareMaybe(a.topic.session, b.topic.session);
    case 'leadCommittee': {
      // The organisation's own order of committees first, as its plan tables list them.
      const ra = rank(committees, a.topic.leadCommittee);
      const rb = rank(committees, b.topic.leadCommittee);
      if (ra >= 0 || rb >= 0) return compareMaybe(ra < 0 ? null : ra, rb < 0 ? null : rb);
      return compareText(a.topic.leadCommittee, b.topic.leadCommittee);
    }
    case 'reportingUnit':
      return compareText(a.topic.reportingUnit, b.topic.reportingUnit);
    case 'supervisedBody':
      return (
        rank(SUPERVISED_BODIES, a.topic.supervisedBody) - rank(SUPERVISED_BODIES, b.topic.supervisedBody)
      );
    case 'status':
      return rank(TOPIC_STATUSES, a.status) - rank(TOPIC_STATUSES, b.status);
  }
}

/** Whether a row has no value in a column (no month: a session alone is not a place in the year; no committee; no unit). */
function isMissing(key: TableSortKey, row: TableRow): boolean {
  if (key === 'schedule') return row.topic.month === null;
  if (key === 'leadCommittee') return !row.topic.leadCommittee;
  if (key === 'reportingUnit') return !row.topic.reportingUnit;
  return false;
}

/**
 * The rows in the order of a sort (plan order without one). Rows without a value stay last either way,
 * ties keep plan order, and a descending sort reverses the values, not the ties.
 */
export function sortRows(
  rows: readonly TableRow[],
  sort: TableSort,
  committees: readonly string[] = [],
): TableRow[] {
  if (!sort) return [...rows].sort((a, b) => a.index - b.index);
  const { key, direction } = sort;
  const sign = direction === 'ascend' ? 1 : -1;
  return [...rows].sort(
    (a, b) =>
      Number(isMissing(key, a)) - Number(isMissing(key, b)) ||
      sign * compareBy(key, a, b, committees) ||
      a.index - b.index,
  );
}

/** The table's rows for topics in plan order: numbered from 1 as the plan's 序号. */
export function tableRows(
  topics: readonly Topic[],
  numberOf: (topicId: string) => number,
  statusOf: (topicId: string) => TopicStatus,
): TableRow[] {
  return topics.map((topic) => ({ topic, index: numberOf(topic.id), status: statusOf(topic.id) }));
}
