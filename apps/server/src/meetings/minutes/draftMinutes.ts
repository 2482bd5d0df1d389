import {
  APPROVAL_CHOICE_LABELS,
  APPROVAL_CHOICES,
  DECISION_KIND_LABELS,
  MEETING_KIND_LABELS,
  MEETING_ROLE_LABELS,
  MEETING_ROLES,
  METHOD_LABELS,
  Method,
  SUPERVISED_BODY_LABELS,
  SupervisedBody,
  TOPIC_SOURCE_LABELS,
  TopicSource,
  type DecisionKind,
  type MeetingKind,
  type MeetingRole,
  type VoteSpec,
} from '@yipan/domain';
import type { TopicChange } from '@yipan/protocol';

/*
 * The auto-drafted minutes (纪要) of a meeting: plain Chinese text the secretary then edits in the shared
 * minutes document. Sections are numbered 一、二、… and their entries （一）（二）…, as published plans are.
 */

/** What the draft is made of, gathered by the caller from the meeting's rows and its plans' history. */
export type MinutesInput = {
  title: string;
  kind: MeetingKind;
  orgName: string;
  startsAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  members: readonly { displayName: string; orgNames: readonly string[]; role: MeetingRole }[];
  agenda: readonly { id: string; title: string; orgName: string | null }[];
  decisions: readonly { itemId: string; kind: DecisionKind; assignee: string | null; note: string }[];
  /** Closed votes only: an open vote has no result to record. */
  votes: readonly {
    spec: VoteSpec;
    ballotCount: number;
    eligibleCount: number;
    result: Readonly<Record<string, number>>;
  }[];
  /** Changes made to the agenda's plans during the meeting, per plan, oldest first. */
  planChanges: readonly {
    planTitle: string;
    entries: readonly { at: Date; author: string; changes: readonly TopicChange[] }[];
  }[];
};

/** Most change lines listed per plan; a meeting that rewrote a plan names the rest as 另有N项. */
export const CHANGE_LINES_MAX = 50;
/** The longest quoted value in a change line; longer ones are cut with an ellipsis. */
const VALUE_MAX = 60;
/** China Standard Time, UTC+8 all year (no daylight saving): the minutes read in the office's time. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
/** What an empty section says. */
const NONE = '无。';

const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Chinese numeral of 1…99, for （一）…（九十九）. */
function numeral(n: number): string {
  if (n <= 10) return SECTION_NUMERALS[n - 1] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens >= 10) return String(n);
  const head = tens === 1 ? '十' : `${SECTION_NUMERALS[tens - 1]}十`;
  return ones === 0 ? head : `${head}${SECTION_NUMERALS[ones - 1]}`;
}

/** （一）, （二）…: the numbering of entries within a section. */
export function entryNumber(n: number): string {
  return `（${numeral(n)}）`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** 2021年6月15日 09:00, in China Standard Time. */
export function formatDateTime(at: Date): string {
  const local = new Date(at.getTime() + CST_OFFSET_MS);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${formatClock(at)}`;
}

/** 09:00, in China Standard Time. */
function formatClock(at: Date): string {
  const local = new Date(at.getTime() + CST_OFFSET_MS);
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

function shorten(text: string): string {
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX)}…` : text;
}

/** When the meeting was held: from its actual start (else the scheduled one) to its end, when known. */
function whenText(input: MinutesInput): string {
  const start = input.startedAt ?? input.startsAt;
  if (!input.endedAt) return formatDateTime(start);
  const sameDay = formatDateTime(start).split(' ')[0] === formatDateTime(input.endedAt).split(' ')[0];
  return `${formatDateTime(start)}—${sameDay ? formatClock(input.endedAt) : formatDateTime(input.endedAt)}`;
}

function personText(member: MinutesInput['members'][number]): string {
  return member.orgNames.length > 0
    ? `${member.displayName}（${member.orgNames.join('、')}）`
    : member.displayName;
}

function attendance(input: MinutesInput): string[] {
  return MEETING_ROLES.map((role) => {
    const people = input.members.filter((member) => member.role === role);
    const label = MEETING_ROLE_LABELS[role].zh;
    const names = people.length > 0 ? people.map(personText).join('、') : '无';
    // Counting matters for those who vote: quorum and ballots are read against it.
    return role === 'participant' && people.length > 0
      ? `${label}：${names}（共${people.length}人）`
      : `${label}：${names}`;
  });
}

function agendaSection(input: MinutesInput, titleOf: (itemId: string) => string): string[] {
  if (input.agenda.length === 0) return [NONE];
  return input.agenda.map(
    (item, index) =>
      `${entryNumber(index + 1)}${titleOf(item.id)}${item.orgName ? `（${item.orgName}）` : ''}`,
  );
}

function decisionText(decision: MinutesInput['decisions'][number]): string {
  const parts = [DECISION_KIND_LABELS[decision.kind].zh];
  if (decision.assignee) parts[0] = `${parts[0]}：${decision.assignee}`;
  if (decision.note) parts.push(decision.note);
  return `${parts.join('。')}。`;
}

function decisionsSection(input: MinutesInput, titleOf: (itemId: string) => string): string[] {
  const lines: string[] = [];
  // Per agenda item in agenda order; decisions on items since removed from the agenda come last.
  const order = new Map(input.agenda.map((item, index) => [item.id, index]));
  const sorted = [...input.decisions].sort(
    (a, b) =>
      (order.get(a.itemId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.itemId) ?? Number.MAX_SAFE_INTEGER),
  );
  for (const [index, decision] of sorted.entries())
    lines.push(`${entryNumber(index + 1)}${titleOf(decision.itemId)}：${decisionText(decision)}`);
  return lines.length > 0 ? lines : [NONE];
}

function voteLines(vote: MinutesInput['votes'][number], titleOf: (itemId: string) => string): string[] {
  const secrecy = vote.spec.anonymous ? '无记名' : '记名';
  const turnout = `应投${vote.eligibleCount}人，实投${vote.ballotCount}人`;
  if (vote.spec.kind === 'approval') {
    const counts = APPROVAL_CHOICES.map(
      (choice) => `${APPROVAL_CHOICE_LABELS[choice].zh}${vote.result[choice] ?? 0}票`,
    );
    return [
      `${vote.spec.title}（表决事项：${titleOf(vote.spec.itemId)}；${secrecy}表决；${turnout}）：${counts.join('，')}。`,
    ];
  }
  const ranked = vote.spec.candidateItemIds
    .map((itemId, index) => ({ itemId, index, dots: vote.result[itemId] ?? 0 }))
    .sort((a, b) => b.dots - a.dots || a.index - b.index);
  return [
    `${vote.spec.title}（圈点投票，每人${vote.spec.dotsPerParticipant}点；${secrecy}投票；${turnout}），得点由多到少：`,
    ...ranked.map((entry, rank) => `  ${rank + 1}. ${titleOf(entry.itemId)}：${entry.dots}点`),
  ];
}

function votesSection(input: MinutesInput, titleOf: (itemId: string) => string): string[] {
  if (input.votes.length === 0) return [NONE];
  return input.votes.flatMap((vote, index) => {
    const [first = '', ...rest] = voteLines(vote, titleOf);
    return [`${entryNumber(index + 1)}${first}`, ...rest];
  });
}

/** How the minutes name a topic's field (the board's wording). */
const FIELD_NAMES: Record<string, string> = {
  title: '议题名称',
  method: '监督方式',
  addonMethods: '配合方式',
  supervisedBody: '监督对象',
  reportingUnit: '承办单位',
  leadCommittee: '牵头委室',
  assistCommittees: '协办委室',
  leaderInCharge: '分管副主任',
  month: '安排月份',
  session: '常委会会议',
  sessionDate: '会议日期',
  sources: '议题来源',
  notes: '重点内容与备注',
};

/** One field value as the board shows it: glossary labels, 6月, 第3次会议, 未排期. */
function valueText(field: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => valueText(field, item)).join('、');
  if (field === 'month') return typeof value === 'number' ? `${value}月` : '未排期';
  if (field === 'session' && typeof value === 'number') return `第${value}次会议`;
  const method = Method.safeParse(value);
  if ((field === 'method' || field === 'addonMethods') && method.success)
    return METHOD_LABELS[method.data].zh;
  const body = SupervisedBody.safeParse(value);
  if (field === 'supervisedBody' && body.success) return SUPERVISED_BODY_LABELS[body.data].zh;
  const source = TopicSource.safeParse(value);
  if (field === 'sources' && source.success) return TOPIC_SOURCE_LABELS[source.data].zh;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return shorten(String(value));
  return '';
}

function isCleared(field: string, value: unknown): boolean {
  if (field === 'month') return false;
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** One change of a plan as a sentence, worded like the board's history: 王敏 将「执行难」的监督方式改为 专题询问. */
export function changeSentence(change: TopicChange, author: string): string {
  const title = shorten(change.title);
  switch (change.kind) {
    case 'created':
      return `${author} 新建了议题「${title}」`;
    case 'archived':
      return `${author} 归档了议题「${title}」`;
    case 'restored':
      return `${author} 恢复了议题「${title}」`;
    case 'step':
    case 'opinion':
    case 'item':
    case 'plan':
      return change.detail ? `${author}：${change.detail.zh}` : `${author} 修改了计划`;
    case 'field':
      break;
  }
  const field = change.field ?? '';
  const name = FIELD_NAMES[field] ?? field;
  if (field === 'title' && typeof change.from === 'string' && typeof change.to === 'string')
    return `${author} 将议题「${shorten(change.from)}」改名为「${shorten(change.to)}」`;
  if (field === 'notes') return `${author} 修改了「${title}」的${name}`;
  if (isCleared(field, change.to)) return `${author} 清空了「${title}」的${name}`;
  return `${author} 将「${title}」的${name}改为 ${valueText(field, change.to)}`;
}

function changesSection(input: MinutesInput): string[] {
  const lines: string[] = [];
  let planNumber = 0;
  for (const plan of input.planChanges) {
    const sentences = plan.entries.flatMap((entry) =>
      entry.changes.map((change) => `${formatClock(entry.at)} ${changeSentence(change, entry.author)}`),
    );
    if (sentences.length === 0) continue;
    planNumber += 1;
    lines.push(`${entryNumber(planNumber)}${plan.planTitle}`);
    sentences
      .slice(0, CHANGE_LINES_MAX)
      .forEach((sentence, index) => lines.push(`  ${index + 1}. ${sentence}`));
    if (sentences.length > CHANGE_LINES_MAX)
      lines.push(`  另有${sentences.length - CHANGE_LINES_MAX}项变更，详见计划的历史记录。`);
  }
  return lines.length > 0 ? lines : ['会议期间计划未作变更。'];
}

/**
 * Drafts the minutes of a meeting as text: heading, time, organisation and attendance by role, then
 * 一、议程 二、决定事项 三、表决结果 四、会议期间计划变更. Anonymous votes are stated as 无记名 and carry
 * counts only; the input never holds who chose what, so neither can the draft.
 */
export function draftMinutes(input: MinutesInput): string {
  const titles = new Map(input.agenda.map((item) => [item.id, item.title]));
  const titleOf = (itemId: string) => titles.get(itemId) ?? '（已移出议程的事项）';
  const sections: [string, string[]][] = [
    ['议程', agendaSection(input, titleOf)],
    ['决定事项', decisionsSection(input, titleOf)],
    ['表决结果', votesSection(input, titleOf)],
    ['会议期间计划变更', changesSection(input)],
  ];
  const lines = [
    `${input.title}纪要`,
    '',
    `会议类型：${MEETING_KIND_LABELS[input.kind].zh}`,
    `时间：${whenText(input)}`,
    `组织：${input.orgName}`,
    ...attendance(input),
  ];
  for (const [index, [heading, body]] of sections.entries())
    lines.push('', `${numeral(index + 1)}、${heading}`, ...body);
  return `${lines.join('\n')}\n`;
}
