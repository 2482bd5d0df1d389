import { z } from 'zod';
import { IsoDate } from './dates';
import {
  Method,
  METHOD_LABELS,
  METHODS,
  SUPERVISED_BODIES,
  SUPERVISED_BODY_LABELS,
  SupervisedBody,
  TOPIC_SOURCE_LABELS,
  TOPIC_SOURCES,
  TopicSource,
} from './glossary';
import { NewTopic, TOPIC_DEFAULTS, type TopicField } from './planDoc';
import { PLAN_TABLE_COLUMNS, type PlanTableColumn } from './planTable';
import { lazySchema } from './lazySchema';

/*
 * Reading a plan table the way offices keep it (Excel or CSV, DOMAIN.md "What real plans look like")
 * into new topics: find the header row, propose which column is which, follow section rows
 * (一、听取和审议专项工作报告) that carry the method of the rows below them, and turn Chinese method
 * names, months, sessions and lists into domain values. Pure and browser-safe: the server turns the file
 * into a grid of strings first (apps/server/src/planImport), and the web app shows the result.
 */

/** Rows scanned for the header: title rows and a note or two sit above it, never pages of them. */
export const HEADER_SCAN_ROWS = 20;
/** A header must name at least this many known columns, so that a data row is never taken for it. */
const MIN_HEADER_MATCHES = 2;
/** Most topics one import adds: a year's plan has dozens; a thousand-row sheet is a different table. */
export const IMPORT_TOPICS_MAX = 2000;
/** Most columns read from a sheet; plan tables have about a dozen. */
export const IMPORT_COLUMNS_MAX = 100;
/** Highest number written in Chinese numerals that a plan uses (sessions and months stay below it). */
const CHINESE_NUMBER_MAX = 99;
/** Months in a quarter: 第二季度 starts in month (2 − 1) × 3 + 1. */
const MONTHS_PER_QUARTER = 3;
const QUARTERS = 4;
const LAST_MONTH = 12;
/** The line that keeps 参加人员 in a topic's notes (the topic has no field for them). */
export const PARTICIPANTS_PREFIX = '参加人员：';

/** The key of a plan table column, validated (a corrected mapping arrives from the client). */
export const PlanTableColumnKey = lazySchema(() =>
  z.enum(PLAN_TABLE_COLUMNS.map((column) => column.key) as [PlanTableColumn, ...PlanTableColumn[]]),
);

/**
 * Which plan table column each sheet column holds, by position; null: not imported. A key appears at most
 * once, so that two columns never fight over one field.
 */
export const ColumnMapping = lazySchema(() =>
  z
    .array(PlanTableColumnKey.nullable())
    .max(IMPORT_COLUMNS_MAX)
    .refine((keys) => {
      const used = keys.filter((key) => key !== null);
      return new Set(used).size === used.length;
    }, 'a column key appears twice'),
);
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/** The sheet as the server read it: cell texts by row and column (0-based), plus what text cannot say. */
export type ImportGrid = {
  /** Cell texts; a merged range's value sits in its top-left cell, the others are ''. Dates are `YYYY-MM-DD`. */
  cells: string[][];
  /** Merged ranges, 0-based and inclusive. */
  merges: { top: number; left: number; bottom: number; right: number }[];
  /** Cells holding a formula whose result the file does not carry (saved by a tool that does not compute). */
  formulaGaps: { row: number; col: number }[];
};

/** How serious a problem is: an error blocks the import, a notice only tells what the import did. */
export const ImportProblemLevel = lazySchema(() => z.enum(['error', 'notice']));
export type ImportProblemLevel = z.infer<typeof ImportProblemLevel>;

/** Stable codes of row and file problems; the web app words each one, the server's message is bilingual. */
export const ImportProblemCode = lazySchema(() =>
  z.enum([
    'no_title_column',
    'too_many_rows',
    'missing_title',
    'invalid_field',
    'unknown_method',
    'method_from_section',
    'method_from_title',
    'method_defaulted',
    'unknown_schedule',
    'month_range',
    'quarter_month',
    'no_month',
    'unknown_supervised_body',
    'invalid_date',
    'unknown_source',
    'extra_lead_committees',
    'formula_without_value',
    'merged_cell_filled',
    'merged_across_columns',
    'row_skipped',
  ]),
);
export type ImportProblemCode = z.infer<typeof ImportProblemCode>;

/** One problem of a row (or of the file when it has no row), with the column and the text it is about. */
export const ImportProblem = lazySchema(() =>
  z.object({
    level: ImportProblemLevel,
    code: ImportProblemCode,
    column: PlanTableColumnKey.nullable(),
    /** The topic field that would be invalid, for `invalid_field`. */
    field: z.string().nullable(),
    /** The cell text the problem is about ('' when none). */
    value: z.string(),
  }),
);
export type ImportProblem = z.infer<typeof ImportProblem>;

/** A topic as read from a row: the domain values, not yet checked against NewTopic's limits. */
export const ImportedTopic = lazySchema(() =>
  z.object({
    title: z.string(),
    method: Method,
    addonMethods: z.array(Method),
    supervisedBody: SupervisedBody,
    reportingUnit: z.string(),
    leadCommittee: z.string(),
    assistCommittees: z.array(z.string()),
    leaderInCharge: z.string(),
    month: z.number().int().nullable(),
    session: z.number().int().nullable(),
    sessionDate: z.string().nullable(),
    sources: z.array(TopicSource),
    notes: z.string(),
  }),
);
export type ImportedTopic = z.infer<typeof ImportedTopic>;

/** One row below the header: its 1-based sheet row number, the section it sits in, its topic (null for a section or skipped row) and its problems. */
export const ImportedRow = lazySchema(() =>
  z.object({
    row: z.number().int().positive(),
    kind: z.enum(['topic', 'section', 'skipped']),
    section: z.string().nullable(),
    topic: ImportedTopic.nullable(),
    problems: z.array(ImportProblem),
  }),
);
export type ImportedRow = z.infer<typeof ImportedRow>;

/** One sheet column: its header text, what the import proposed for it and what it used. */
export const ImportColumn = lazySchema(() =>
  z.object({
    index: z.number().int().nonnegative(),
    header: z.string(),
    proposed: PlanTableColumnKey.nullable(),
    mapped: PlanTableColumnKey.nullable(),
  }),
);
export type ImportColumn = z.infer<typeof ImportColumn>;

/** What a plan table reads as: the header row, the columns and every row below it with its problems. */
export type PlanTableReading = {
  /** 1-based sheet row of the header. */
  headerRow: number;
  columns: ImportColumn[];
  rows: ImportedRow[];
  /** Problems of the whole table (no title column, too many rows). */
  problems: ImportProblem[];
};

function problem(
  level: ImportProblemLevel,
  code: ImportProblemCode,
  column: PlanTableColumn | null = null,
  value = '',
  field: string | null = null,
): ImportProblem {
  return { level, code, column, field, value };
}

// ── header ─────────────────────────────────────────────────────────────────────────────────────────

/** The names offices give each column, besides the export's own header. Exact matches only. */
export const PLAN_TABLE_HEADER_SYNONYMS: Record<PlanTableColumn, readonly string[]> = {
  serial: ['序号', '编号', '序'],
  title: ['议题', '题目', '监督议题', '项目', '名称', '工作内容', '议题名称', '监督项目', '内容', '监督内容'],
  keyContent: ['重点内容', '主要内容', '监督重点', '工作重点', '重点'],
  method: ['监督方式', '方式', '形式', '监督形式', '工作方式'],
  schedule: ['时间安排', '时间', '安排时间', '拟安排时间', '会议时间', '拟安排会议', '完成时间', '计划时间'],
  sessionDate: ['会议日期', '日期', '审议日期'],
  supervisedBody: ['监督对象', '对象'],
  leadCommittee: ['牵头委室', '牵头单位', '责任委室', '负责委室', '牵头部门', '牵头', '负责部门'],
  assistCommittees: ['协办委室', '配合委室', '协办单位', '配合单位', '参与委室'],
  reportingUnit: ['承办/报告单位', '承办单位', '报告单位', '承办', '责任单位', '承办部门'],
  leaderInCharge: ['分管领导', '分管副主任', '牵头领导', '分管主任', '责任领导'],
  participants: ['参加人员', '参加对象', '参与人员'],
  sources: ['议题来源', '来源'],
};

/** Strips what offices add around a header name: spaces, line breaks, asterisks, a parenthesised remark. */
function headerKey(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[*＊:：]/g, '')
    .replace(/[（(][^）)]*[）)]$/, '')
    .replace(/／/g, '/');
}

/** The plan table column a header text names, or null when it names none. */
export function matchHeader(text: string): PlanTableColumn | null {
  const key = headerKey(text);
  if (!key) return null;
  for (const column of PLAN_TABLE_COLUMNS) {
    if (PLAN_TABLE_HEADER_SYNONYMS[column.key].includes(key) || column.header === key) return column.key;
  }
  return null;
}

/** The proposed mapping of a header row: each column's match, the first column keeping a name named twice. */
export function proposeMapping(header: readonly string[]): ColumnMapping {
  const used = new Set<PlanTableColumn>();
  return header.slice(0, IMPORT_COLUMNS_MAX).map((text) => {
    const key = matchHeader(text);
    if (key === null || used.has(key)) return null;
    used.add(key);
    return key;
  });
}

/** The 0-based index of the header row: the row among the first ones naming the most known columns; null when none names enough. */
export function detectHeaderRow(cells: readonly (readonly string[])[]): number | null {
  let best: number | null = null;
  let bestScore = MIN_HEADER_MATCHES - 1;
  cells.slice(0, HEADER_SCAN_ROWS).forEach((row, index) => {
    const score = proposeMapping(row).filter((key) => key !== null).length;
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

// ── numbers, methods, schedule ─────────────────────────────────────────────────────────────────────

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const TEN = 10;

/** Full-width digits and letters as ASCII, so that "６月" reads like "6月". */
function halfWidth(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}

/** A number written in digits or Chinese numerals up to 九十九 (六, 十二, 二十三); null otherwise. */
export function parseChineseNumber(text: string): number | null {
  const trimmed = halfWidth(text.trim());
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const match = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(trimmed);
  if (!match || trimmed === '') return null;
  const [, tens, ten, units] = match;
  let value: number;
  if (ten)
    value = (tens ? (CHINESE_DIGITS[tens] ?? 0) : 1) * TEN + (units ? (CHINESE_DIGITS[units] ?? 0) : 0);
  else if (tens && !units) value = CHINESE_DIGITS[tens] ?? 0;
  else return null;
  return value <= CHINESE_NUMBER_MAX ? value : null;
}

const NUMBER = '(\\d{1,2}|[一二两三四五六七八九十]{1,3})';

/**
 * Method names as offices write them. A strong name decides; the weak ones (报告, 听取和审议) only
 * say "a report" when nothing stronger is in the cell, so that 听取和审议审计工作报告 is an audit report.
 */
const METHOD_NAMES: readonly { name: string; method: Method; weak?: true }[] = [
  ...METHODS.map((method) => ({ name: METHOD_LABELS[method].zh, method })),
  { name: '专项工作报告', method: 'special_report' },
  { name: '听取专项工作报告', method: 'special_report' },
  { name: '听取和审议工作报告', method: 'special_report' },
  { name: '工作报告', method: 'special_report', weak: true },
  { name: '听取和审议', method: 'special_report', weak: true },
  { name: '听取审议', method: 'special_report', weak: true },
  { name: '听取', method: 'special_report', weak: true },
  { name: '审议', method: 'special_report', weak: true },
  { name: '报告', method: 'special_report', weak: true },
  { name: '决算', method: 'final_accounts' },
  { name: '计划执行情况', method: 'plan_exec' },
  { name: '预算执行情况', method: 'budget_exec' },
  { name: '审计查出问题整改', method: 'audit_rectification' },
  { name: '审计整改', method: 'audit_rectification' },
  { name: '审计', method: 'audit_report' },
  { name: '国有资产', method: 'state_assets_report' },
  { name: '国资', method: 'state_assets_report' },
  { name: '债务', method: 'debt_report' },
  { name: '环境状况', method: 'environment_report' },
  { name: '环保目标', method: 'environment_report' },
  { name: '检查', method: 'law_inspection' },
  { name: '备案审查', method: 'filing_review' },
  { name: '备案', method: 'filing_review' },
  { name: '询问', method: 'inquiry' },
  { name: '质询', method: 'interpellation' },
  { name: '特定问题调查', method: 'special_investigation' },
  { name: '撤职', method: 'removal_case' },
  { name: '调研', method: 'research' },
  { name: '满意度测评', method: 'satisfaction_vote' },
  { name: '测评', method: 'satisfaction_vote' },
  { name: '评议', method: 'work_appraisal' },
  { name: '跟踪监督', method: 'follow_up' },
  { name: '回头看', method: 'follow_up' },
  { name: '跟踪', method: 'follow_up' },
  { name: '联网监督', method: 'networked_monitoring' },
];
/** Longest names first, so that 专题询问 is found before 询问. */
const METHOD_NAMES_LONGEST_FIRST = [...METHOD_NAMES].sort((a, b) => b.name.length - a.name.length);

/** The methods named in a cell, main first; several may be listed (、，+；和). Empty when it names none. */
export function parseMethods(text: string): Method[] {
  const cell = halfWidth(text).replace(/\s+/g, '');
  const exact = Method.safeParse(cell.toLowerCase());
  if (exact.success) return [exact.data];
  const strong: Method[] = [];
  const weak: Method[] = [];
  for (let at = 0; at < cell.length;) {
    const found = METHOD_NAMES_LONGEST_FIRST.find((entry) => cell.startsWith(entry.name, at));
    if (!found) {
      at += 1;
      continue;
    }
    (found.weak ? weak : strong).push(found.method);
    at += found.name.length;
  }
  return [...new Set(strong.length > 0 ? strong : weak)];
}

/** Patterns of titles that say their method, most specific first (DOMAIN.md's statutory reports, then practice). */
const TITLE_METHODS: readonly [RegExp, Method][] = [
  [/决算/, 'final_accounts'],
  [/审计查出.*问题.*整改|审计整改/, 'audit_rectification'],
  [/审计工作报告|审计报告/, 'audit_report'],
  [/国有资产/, 'state_assets_report'],
  [/政府债务|债务管理/, 'debt_report'],
  [/环境状况|环保目标/, 'environment_report'],
  [/计划执行/, 'plan_exec'],
  [/预算执行/, 'budget_exec'],
  [/执法检查|《[^》]+》.*检查|检查.*《[^》]+》/, 'law_inspection'],
  [/专题询问/, 'special_inquiry'],
  [/备案审查/, 'filing_review'],
  [/回头看|跟踪监督/, 'follow_up'],
  [/满意度测评/, 'satisfaction_vote'],
  [/评议/, 'work_appraisal'],
  [/视察/, 'visit'],
  [/调研/, 'research'],
  [/听取.*报告|专项工作报告/, 'special_report'],
];

/** The method a title implies (听取和审议…的报告, 《…法》…检查, …), or null when it says none. */
export function methodFromTitle(title: string): Method | null {
  return TITLE_METHODS.find(([pattern]) => pattern.test(title))?.[1] ?? null;
}

/** 时间安排 read into a month and a session, with a notice when the text had to be simplified. */
export type Schedule = {
  month: number | null;
  session: number | null;
  notice: Extract<
    ImportProblemCode,
    'month_range' | 'quarter_month' | 'no_month' | 'unknown_schedule'
  > | null;
};

/**
 * Reads 6月, 6月份, 六月, 6月中旬, 第三次常委会会议, 第3次会议, 6月（第3次常委会会议）, 第二季度/二季度/Q2
 * (its first month), 9-10月/9至10月 (the first month), 全年/下半年 (no month). Numbers out of range
 * are kept, so that validation names the field.
 */
export function parseSchedule(text: string): Schedule {
  const cell = halfWidth(text).replace(/\s+/g, '');
  const none: Schedule = { month: null, session: null, notice: null };
  if (!cell) return none;
  const sessionMatch = new RegExp(`第${NUMBER}次`).exec(cell);
  const session = sessionMatch?.[1] ? parseChineseNumber(sessionMatch[1]) : null;
  const rest = sessionMatch ? cell.replace(sessionMatch[0], '') : cell;
  const range = new RegExp(`${NUMBER}月?(?:份)?[-—–~～至到]${NUMBER}月`).exec(rest);
  if (range?.[1]) return { month: parseChineseNumber(range[1]), session, notice: 'month_range' };
  const monthMatch = new RegExp(`${NUMBER}月`).exec(rest.replace(/\d{4}年/, ''));
  if (monthMatch?.[1]) return { month: parseChineseNumber(monthMatch[1]), session, notice: null };
  const quarter = /(?:第?([一二三四1-4])季度|Q([1-4]))/i.exec(rest);
  const quarterNumber = quarter ? parseChineseNumber(quarter[1] ?? quarter[2] ?? '') : null;
  if (quarterNumber !== null && quarterNumber >= 1 && quarterNumber <= QUARTERS)
    return { month: (quarterNumber - 1) * MONTHS_PER_QUARTER + 1, session, notice: 'quarter_month' };
  if (session !== null) return { month: null, session, notice: null };
  if (/全年|半年|年内|年底|年初|待定|另定|适时/.test(rest)) return { ...none, notice: 'no_month' };
  const bare = parseChineseNumber(rest);
  if (bare !== null && bare >= 1 && bare <= LAST_MONTH) return { month: bare, session: null, notice: null };
  return { ...none, notice: 'unknown_schedule' };
}

/** The supervised body a 监督对象 cell names, or null when it names none. */
export function parseSupervisedBody(text: string): SupervisedBody | null {
  const cell = text.replace(/\s+/g, '');
  const exact = SupervisedBody.safeParse(cell.toLowerCase());
  if (exact.success) return exact.data;
  if (/监委|监察委/.test(cell)) return 'supervisory_commission';
  if (/法院/.test(cell)) return 'court';
  if (/检察院/.test(cell)) return 'procuratorate';
  if (/政府|一府/.test(cell)) return 'gov';
  return SUPERVISED_BODIES.find((body) => SUPERVISED_BODY_LABELS[body].zh === cell) ?? null;
}

/** The body a topic supervises when no column says: read off its reporting unit, then its title; else the government. */
export function inferSupervisedBody(reportingUnit: string, title: string): SupervisedBody {
  for (const text of [reportingUnit, title]) {
    if (/监委|监察委员会/.test(text)) return 'supervisory_commission';
    if (/法院/.test(text)) return 'court';
    if (/检察院/.test(text)) return 'procuratorate';
  }
  return 'gov';
}

const YEAR_MONTH_DAY = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** 会议日期 as `YYYY-MM-DD` (from 2022-06-28, 2022/6/28, 2022.6.28, 2022年6月28日), or null when it is not a date. */
export function parseSessionDate(text: string): string | null {
  const match = YEAR_MONTH_DAY.exec(halfWidth(text).trim());
  if (!match) return null;
  const iso = `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
  return IsoDate.safeParse(iso).success ? iso : null;
}

/** A list cell split into its items (、，,；; and line breaks), blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[、，,；;\n]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Words that identify a source when an office does not write its full name, most specific first. */
const SOURCE_WORDS: readonly [RegExp, TopicSource][] = [
  [/执法检查/, 'inspection_findings'],
  [/代表/, 'deputy_suggestions'],
  [/组成人员|常委/, 'sc_member_proposals'],
  [/专门委员会|工作机构|委室|调研/, 'committee_research'],
  [/来信|来访|信访/, 'letters_visits'],
  [/一府|要求报告/, 'body_request'],
  [/法定/, 'statutory_recurring'],
  [/党委/, 'party_assigned'],
  [/上级|联动/, 'upper_level_linkage'],
  [/征集/, 'public_solicitation'],
  [/关注|社会/, 'public_concern'],
];

/** The source a 议题来源 item names, or null when it names none. */
export function parseSource(text: string): TopicSource | null {
  const item = text.trim();
  const exact = TOPIC_SOURCES.find((source) => TOPIC_SOURCE_LABELS[source].zh === item || source === item);
  return exact ?? SOURCE_WORDS.find(([pattern]) => pattern.test(item))?.[1] ?? null;
}

// ── rows ───────────────────────────────────────────────────────────────────────────────────────────

/** 一、… / （二）… / 第三部分 …: how a section heading opens. */
const SECTION_NUMBER =
  /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+(?:部分|类|项)[、:：\s]?)/;

/** A section heading's method: the heading without its number and a trailing count such as （2项）. */
export function sectionMethod(heading: string): Method | null {
  const text = heading.replace(SECTION_NUMBER, '').replace(/[（(]\s*\d+\s*项\s*[）)]\s*$/, '');
  return parseMethods(text)[0] ?? null;
}

/** A note under the table (注：…, 备注：…), not a topic. */
const FOOTNOTE = /^(?:注|备注|说明)\s*\d*\s*[:：]/;

function isSectionHeading(text: string): boolean {
  return SECTION_NUMBER.test(text.trim());
}

function cellAt(cells: readonly (readonly string[])[], row: number, col: number): string {
  return (cells[row]?.[col] ?? '').trim();
}

type RowContext = {
  sectionText: string | null;
  sectionMethodValue: Method | null;
};

/** A row's mapped cells as texts by column key. */
function mappedCells(
  row: readonly string[],
  mapping: ColumnMapping,
): Partial<Record<PlanTableColumn, string>> {
  const values: Partial<Record<PlanTableColumn, string>> = {};
  mapping.forEach((key, col) => {
    if (key !== null) values[key] = (row[col] ?? '').trim();
  });
  return values;
}

/** The topic of one data row and the problems found reading it. */
function readTopicRow(
  values: Partial<Record<PlanTableColumn, string>>,
  context: RowContext,
  problems: ImportProblem[],
): ImportedTopic {
  const text = (key: PlanTableColumn) => values[key] ?? '';
  const title = text('title').replace(/\s*\n\s*/g, '');
  if (!title) problems.push(problem('error', 'missing_title', 'title'));

  let methods = text('method') ? parseMethods(text('method')) : [];
  if (text('method') && methods.length === 0)
    problems.push(problem('error', 'unknown_method', 'method', text('method')));
  if (methods.length === 0 && context.sectionMethodValue) {
    methods = [context.sectionMethodValue];
    if (!text('method'))
      problems.push(problem('notice', 'method_from_section', 'method', context.sectionText ?? ''));
  } else if (methods.length === 0 && !text('method')) {
    const inferred = methodFromTitle(title);
    methods = [inferred ?? TOPIC_DEFAULTS.method];
    problems.push(problem('notice', inferred ? 'method_from_title' : 'method_defaulted', 'method'));
  }
  const [method = TOPIC_DEFAULTS.method, ...addonMethods] = methods;

  const schedule = parseSchedule(text('schedule'));
  if (schedule.notice)
    problems.push(
      problem(
        schedule.notice === 'unknown_schedule' ? 'error' : 'notice',
        schedule.notice,
        'schedule',
        text('schedule'),
      ),
    );

  const reportingUnit = text('reportingUnit');
  let supervisedBody = inferSupervisedBody(reportingUnit, title);
  if (text('supervisedBody')) {
    const named = parseSupervisedBody(text('supervisedBody'));
    if (named) supervisedBody = named;
    else problems.push(problem('error', 'unknown_supervised_body', 'supervisedBody', text('supervisedBody')));
  }

  let sessionDate: string | null = null;
  if (text('sessionDate')) {
    sessionDate = parseSessionDate(text('sessionDate'));
    if (sessionDate === null)
      problems.push(problem('error', 'invalid_date', 'sessionDate', text('sessionDate')));
  }

  const [leadCommittee = '', ...moreLeads] = splitList(text('leadCommittee'));
  if (moreLeads.length > 0)
    problems.push(problem('notice', 'extra_lead_committees', 'leadCommittee', moreLeads.join('、')));
  const assistCommittees = [...new Set([...moreLeads, ...splitList(text('assistCommittees'))])].filter(
    (committee) => committee !== leadCommittee,
  );

  const sources: TopicSource[] = [];
  for (const item of splitList(text('sources'))) {
    const source = parseSource(item);
    if (source) sources.push(source);
    else problems.push(problem('notice', 'unknown_source', 'sources', item));
  }

  const notes = [
    text('keyContent'),
    text('participants') ? `${PARTICIPANTS_PREFIX}${text('participants')}` : '',
  ]
    .filter((line) => line !== '')
    .join('\n');

  return {
    title,
    method,
    addonMethods: addonMethods.filter((addon) => addon !== method),
    supervisedBody,
    reportingUnit,
    leadCommittee,
    assistCommittees,
    leaderInCharge: text('leaderInCharge'),
    month: schedule.month,
    session: schedule.session,
    sessionDate,
    sources: [...new Set(sources)],
    notes,
  };
}

/** The column a topic field is read from, for naming it in a problem. */
const FIELD_COLUMNS: Partial<Record<TopicField | 'notes', PlanTableColumn>> = {
  title: 'title',
  method: 'method',
  addonMethods: 'method',
  supervisedBody: 'supervisedBody',
  reportingUnit: 'reportingUnit',
  leadCommittee: 'leadCommittee',
  assistCommittees: 'assistCommittees',
  leaderInCharge: 'leaderInCharge',
  month: 'schedule',
  session: 'schedule',
  sessionDate: 'sessionDate',
  sources: 'sources',
  notes: 'keyContent',
};

/** The topic as NewTopic accepts it, or the problems naming each field it rejects. */
export function checkImportedTopic(
  topic: ImportedTopic,
): { ok: true; topic: NewTopic } | { ok: false; problems: ImportProblem[] } {
  const parsed = NewTopic.safeParse(topic);
  if (parsed.success) return { ok: true, topic: parsed.data };
  const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))];
  return {
    ok: false,
    problems: fields.map((field) => {
      const column = FIELD_COLUMNS[field as TopicField] ?? null;
      const raw: unknown = (topic as Record<string, unknown>)[field];
      const value = Array.isArray(raw)
        ? raw.join('、')
        : typeof raw === 'string' || typeof raw === 'number'
          ? String(raw)
          : '';
      return problem('error', 'invalid_field', column, value, field);
    }),
  };
}

/** Where each merged range sits relative to the header and the mapped columns. */
function mergeProblems(
  grid: ImportGrid,
  headerIndex: number,
  mapping: ColumnMapping,
  cells: string[][],
): Map<number, ImportProblem[]> {
  const byRow = new Map<number, ImportProblem[]>();
  const add = (row: number, found: ImportProblem) => byRow.set(row, [...(byRow.get(row) ?? []), found]);
  for (const merge of grid.merges) {
    if (merge.bottom <= headerIndex) continue;
    const mappedColumns = mapping.slice(merge.left, merge.right + 1).filter((key) => key !== null);
    if (merge.right > merge.left) {
      // Across columns: a section heading spans the row; in a data row it hides which column is meant.
      for (let row = Math.max(merge.top, headerIndex + 1); row <= merge.bottom; row += 1)
        if (mappedColumns.length > 1)
          add(
            row,
            problem(
              'error',
              'merged_across_columns',
              mappedColumns[0] ?? null,
              cellAt(cells, merge.top, merge.left),
            ),
          );
      continue;
    }
    // Down one column (监督方式 over several rows): each covered row gets the value.
    const value = cells[merge.top]?.[merge.left] ?? '';
    for (let row = Math.max(merge.top + 1, headerIndex + 1); row <= merge.bottom; row += 1) {
      const target = cells[row];
      if (!target) continue;
      target[merge.left] = value;
      const key = mapping[merge.left] ?? null;
      if (key !== null && value.trim()) add(row, problem('notice', 'merged_cell_filled', key, value.trim()));
    }
  }
  return byRow;
}

/**
 * Reads a plan table: the header row (detected unless given), the mapping (proposed unless given) and
 * every row below the header as a section heading, a topic with its problems, or a skipped row.
 * Returns null when no row looks like a header.
 */
export function readPlanTable(
  grid: ImportGrid,
  options: { mapping?: ColumnMapping; headerRow?: number } = {},
): PlanTableReading | null {
  const cells = grid.cells.map((row) => row.slice(0, IMPORT_COLUMNS_MAX).map((cell) => cell ?? ''));
  const headerIndex = options.headerRow !== undefined ? options.headerRow - 1 : detectHeaderRow(cells);
  if (headerIndex === null || headerIndex < 0 || headerIndex >= cells.length) return null;
  const header = (cells[headerIndex] ?? []).map((cell) => cell.replace(/\s+/g, ' ').trim());
  const width = Math.max(header.length, ...cells.map((row) => row.length));
  const proposed = proposeMapping(header);
  const mapping: ColumnMapping = Array.from({ length: width }, (_, col) =>
    options.mapping ? (options.mapping[col] ?? null) : (proposed[col] ?? null),
  );
  const columns: ImportColumn[] = Array.from({ length: width }, (_, index) => ({
    index,
    header: header[index] ?? '',
    proposed: proposed[index] ?? null,
    mapped: mapping[index] ?? null,
  }));

  const tableProblems: ImportProblem[] = [];
  if (!mapping.includes('title')) tableProblems.push(problem('error', 'no_title_column', 'title'));

  const mergeFound = mergeProblems(grid, headerIndex, mapping, cells);
  const gaps = new Map<number, number[]>();
  for (const gap of grid.formulaGaps) gaps.set(gap.row, [...(gaps.get(gap.row) ?? []), gap.col]);

  const rows: ImportedRow[] = [];
  const context: RowContext = { sectionText: null, sectionMethodValue: null };
  for (let index = headerIndex + 1; index < cells.length; index += 1) {
    const row = cells[index] ?? [];
    const filled = row.map((cell) => cell.trim()).filter((cell) => cell !== '');
    if (filled.length === 0 && !gaps.has(index)) continue;
    const rowNumber = index + 1;
    const first = filled[0] ?? '';
    if (filled.length === 1 && isSectionHeading(first)) {
      context.sectionText = first;
      context.sectionMethodValue = sectionMethod(first);
      rows.push({ row: rowNumber, kind: 'section', section: first, topic: null, problems: [] });
      continue;
    }
    const values = mappedCells(row, mapping);
    const mappedFilled = Object.entries(values).filter(([key, value]) => key !== 'serial' && value);
    const footnote = filled.length === 1 && FOOTNOTE.test(first);
    if ((mappedFilled.length === 0 || footnote) && !gaps.has(index)) {
      rows.push({
        row: rowNumber,
        kind: 'skipped',
        section: context.sectionText,
        topic: null,
        problems: [problem('notice', 'row_skipped', null, first)],
      });
      continue;
    }
    const problems: ImportProblem[] = [...(mergeFound.get(index) ?? [])];
    for (const col of gaps.get(index) ?? [])
      problems.push(problem('error', 'formula_without_value', mapping[col] ?? null, header[col] ?? ''));
    const topic = readTopicRow(values, context, problems);
    if (!problems.some((found) => found.code === 'missing_title')) {
      const checked = checkImportedTopic(topic);
      if (!checked.ok) problems.push(...checked.problems);
    }
    rows.push({ row: rowNumber, kind: 'topic', section: context.sectionText, topic, problems });
  }
  if (rows.filter((row) => row.kind === 'topic').length > IMPORT_TOPICS_MAX)
    tableProblems.push(problem('error', 'too_many_rows', null, String(IMPORT_TOPICS_MAX)));
  return { headerRow: headerIndex + 1, columns, rows, problems: tableProblems };
}

/** Whether a reading can be imported: a title column, and no error on any row. */
export function isImportable(reading: PlanTableReading): boolean {
  return (
    reading.problems.every((found) => found.level !== 'error') &&
    reading.rows.every((row) => row.problems.every((found) => found.level !== 'error'))
  );
}

/** The new topics of an importable reading, in sheet order, each validated by NewTopic. */
export function importedTopics(reading: PlanTableReading): NewTopic[] {
  return reading.rows.flatMap((row) =>
    row.kind === 'topic' && row.topic ? [NewTopic.parse(row.topic)] : [],
  );
}
