import { METHOD_LABELS, SUPERVISED_BODY_LABELS, TOPIC_SOURCE_LABELS } from './glossary';
import type { Topic } from './planDoc';

/**
 * A plan as the table offices keep it (监督工作计划表): the columns of the Excel export, which the
 * import reads back (DOMAIN.md, "What real plans look like"). The export writes exactly these headers
 * in this order; the import also accepts the other names offices use for them (planTableImport.ts).
 */
export const PLAN_TABLE_COLUMNS = [
  { key: 'serial', header: '序号' },
  { key: 'title', header: '议题' },
  { key: 'keyContent', header: '重点内容' },
  { key: 'method', header: '监督方式' },
  { key: 'schedule', header: '时间安排' },
  { key: 'sessionDate', header: '会议日期' },
  { key: 'supervisedBody', header: '监督对象' },
  { key: 'leadCommittee', header: '牵头委室' },
  { key: 'assistCommittees', header: '协办委室' },
  { key: 'reportingUnit', header: '承办/报告单位' },
  { key: 'leaderInCharge', header: '分管领导' },
  { key: 'participants', header: '参加人员' },
  { key: 'sources', header: '议题来源' },
] as const;

/** The key of one plan table column. */
export type PlanTableColumn = (typeof PLAN_TABLE_COLUMNS)[number]['key'];

/** Separator of several values in one cell (add-on methods, committees, sources), as offices write lists. */
export const LIST_SEPARATOR = '、';

/** 第N次常委会会议: how a plan names a standing committee session. */
export function sessionText(session: number): string {
  return `第${session}次常委会会议`;
}

/**
 * 时间安排 as a plan writes it: "6月", "第3次常委会会议", both as "6月（第3次常委会会议）", or '' when
 * the topic is not scheduled yet. The import reads every one of these forms back.
 */
export function scheduleText(topic: Pick<Topic, 'month' | 'session'>): string {
  if (topic.month !== null && topic.session !== null)
    return `${topic.month}月（${sessionText(topic.session)}）`;
  if (topic.month !== null) return `${topic.month}月`;
  if (topic.session !== null) return sessionText(topic.session);
  return '';
}

/** 监督方式: the main method first, then the add-on methods, by their Chinese names. */
export function methodsText(topic: Pick<Topic, 'method' | 'addonMethods'>): string {
  return [topic.method, ...topic.addonMethods].map((method) => METHOD_LABELS[method].zh).join(LIST_SEPARATOR);
}

/** One topic as the cells of a plan table row, keyed by column; `serial` is its 1-based place in the plan. */
export function planTableRow(topic: Topic, serial: number): Record<PlanTableColumn, string | number> {
  return {
    serial,
    title: topic.title,
    keyContent: topic.notes,
    method: methodsText(topic),
    schedule: scheduleText(topic),
    sessionDate: topic.sessionDate ?? '',
    supervisedBody: SUPERVISED_BODY_LABELS[topic.supervisedBody].zh,
    leadCommittee: topic.leadCommittee,
    assistCommittees: topic.assistCommittees.join(LIST_SEPARATOR),
    reportingUnit: topic.reportingUnit,
    leaderInCharge: topic.leaderInCharge,
    participants: '',
    sources: topic.sources.map((source) => TOPIC_SOURCE_LABELS[source].zh).join(LIST_SEPARATOR),
  };
}
