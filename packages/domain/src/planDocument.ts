import { METHOD_LABELS, METHODS, type Method, type OrgLevel, type SupervisedBody } from './glossary';
import { officialPlanTitle } from './lifecycle';
import type { Topic } from './planDoc';
import { LIST_SEPARATOR } from './planTable';

/*
 * The issued text of an annual plan (监督工作计划正式文本), as offices print and publish it (DOMAIN.md, "What real
 * plans look like"): a title, one opening paragraph, sections 一、二、… by method in glossary order and items
 * （一）（二）… each reading as one sentence. Pure and browser-safe: the Word export lays this text out, the
 * web and tests can show or check it without a document library.
 */

/** The organisation a plan belongs to, as the text names it. */
export type PlanDocumentOrg = { name: string; level: OrgLevel };

/** The topic fields an item's sentence is written from. */
export type PlanDocumentTopic = Pick<
  Topic,
  | 'id'
  | 'title'
  | 'method'
  | 'addonMethods'
  | 'supervisedBody'
  | 'reportingUnit'
  | 'leadCommittee'
  | 'assistCommittees'
  | 'month'
  | 'session'
  | 'archived'
>;

/** What the text is made of: the organisation, the plan (its stored title wins when set) and its topics in board order. */
export type PlanDocumentInput = {
  org: PlanDocumentOrg;
  plan: { year: number; title?: string };
  topics: readonly PlanDocumentTopic[];
};

/** One item of a section: its number （一） and its sentence. */
export type PlanDocumentItem = { number: string; topicId: string; sentence: string };

/** One section: its number 一、, the method it gathers, its heading (number + the method's Chinese name) and items. */
export type PlanDocumentSection = {
  number: string;
  method: Method;
  heading: string;
  items: PlanDocumentItem[];
};

/** The issued plan's text. */
export type PlanDocument = { title: string; opening: string; sections: PlanDocumentSection[] };

const DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** Numbers written in Chinese numerals go up to 99 (九十九); larger ones stay in Arabic digits. */
const NUMERAL_MAX = 99;
/** Ten, the base of Chinese numerals. */
const TEN = 10;

/** A number as a plan numbers its sections and items: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > NUMERAL_MAX) return String(n);
  const tens = Math.floor(n / TEN);
  const ones = n % TEN;
  const onesText = ones === 0 ? '' : (DIGITS[ones - 1] ?? '');
  if (tens === 0) return onesText;
  return `${tens === 1 ? '' : (DIGITS[tens - 1] ?? '')}十${onesText}`;
}

/** The number of the n-th section: 一、. */
export function sectionNumber(n: number): string {
  return `${chineseNumeral(n)}、`;
}

/** The number of the n-th item within a section, with full-width parentheses: （一）. */
export function itemNumber(n: number): string {
  return `（${chineseNumeral(n)}）`;
}

/** The last character of an organisation's name when it says the kind of place (示范区 → 区), so bodies read 区人民政府. */
const PLACE_CHARACTERS = new Set(['市', '县', '区', '镇', '乡']);
/** The place word of a level whose name does not end in one of PLACE_CHARACTERS. */
const LEVEL_PLACE: Record<OrgLevel, string> = {
  province: '省',
  city: '市',
  county: '县',
  liaison_office: '街道',
  township: '镇',
};

/** 市 / 县 / 区 / 镇 / 乡: how the organisation's bodies are prefixed (市人民政府) and its place is called (本市). */
export function placeOf(org: PlanDocumentOrg): string {
  const last = org.name.slice(-1);
  return PLACE_CHARACTERS.has(last) ? last : LEVEL_PLACE[org.level];
}

/** The supervised body at the organisation's level: 市人民政府, 市中级人民法院, 县人民检察院, 镇人民政府… */
export function supervisedBodyName(body: SupervisedBody, org: PlanDocumentOrg): string {
  // A liaison office (人大工委) watches the sub-district office, the county's agency there.
  if (org.level === 'liaison_office') return `${org.name}办事处`;
  const place = placeOf(org);
  switch (body) {
    case 'gov':
      return `${place}人民政府`;
    case 'supervisory_commission':
      return `${place}监察委员会`;
    case 'court':
      // A city (prefecture level) has an intermediate court; counties and districts a basic one.
      return org.level === 'city' ? `${place}中级人民法院` : `${place}人民法院`;
    case 'procuratorate':
      return `${place}人民检察院`;
  }
}

/** The meeting that hears topics: a township's presidium, a liaison office's own meeting, else the standing committee. */
function meetingName(org: PlanDocumentOrg): string {
  if (org.level === 'township') return '主席团会议';
  if (org.level === 'liaison_office') return '工委会议';
  return '常委会会议';
}

/** The methods whose report is heard at a session: the statutory annual reports and special reports. */
const REPORT_METHODS: ReadonlySet<Method> = new Set([
  'special_report',
  'final_accounts',
  'plan_exec',
  'budget_exec',
  'audit_report',
  'audit_rectification',
  'state_assets_report',
  'debt_report',
  'environment_report',
]);

/** Methods done in the field rather than at a session: a month alone schedules when they take place. */
const FIELD_METHODS: ReadonlySet<Method> = new Set(['visit', 'research', 'networked_monitoring']);

/**
 * A title that already reads as a clause (听取和审议…, 开展…, 对…开展…), as offices often write topics: the
 * sentence uses it as it is instead of wrapping it again.
 */
const CLAUSE_START =
  /^(听取|审查|审议|开展|视察|组织|检查|评议|结合|调研|跟踪|专题询问|询问|质询|就.+(开展|进行|组织))/;
const CLAUSE_OBJECT = /^对.+(开展|进行)/;

/** Punctuation a title may end with that the sentence supplies itself. */
const TRAILING_PUNCTUATION = /[。；;，,、\s]+$/;

/** `text` with `suffix` added unless it already ends so. */
function withEnding(text: string, suffix: string): string {
  return text.endsWith(suffix) ? text : `${text}${suffix}`;
}

/** `text` without `suffix` at its end. */
function withoutEnding(text: string, suffix: string): string {
  return text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
}

/**
 * What a report is about, ending in 报告 exactly once: 优化营商环境 → 优化营商环境工作情况的报告, 环境状况…完成情况 →
 * …完成情况的报告, 2020年市级决算及审计工作报告 stays as it is.
 */
function reportObject(title: string, method: Method): string {
  if (title.endsWith('报告')) return title;
  if (title.endsWith('情况')) return `${title}的报告`;
  if (method === 'special_report') return `${withEnding(title, '工作')}情况的报告`;
  return `${title}情况的报告`;
}

/** 听取和审议{body}关于{…}的报告. */
function reportClause(topic: PlanDocumentTopic, org: PlanDocumentOrg, title: string): string {
  return `听取和审议${supervisedBodyName(topic.supervisedBody, org)}关于${reportObject(title, topic.method)}`;
}

/** The main clause of an item, from its method, when the title is a subject rather than a clause. */
function methodClause(topic: PlanDocumentTopic, org: PlanDocumentOrg, title: string): string {
  const { method } = topic;
  if (method === 'final_accounts' && !title.endsWith('报告')) return `审查和批准${title}`;
  if (REPORT_METHODS.has(method)) return reportClause(topic, org, title);
  switch (method) {
    case 'law_inspection':
      return title.startsWith('《') ? `开展${withEnding(title, '实施情况')}执法检查` : `检查${title}`;
    case 'special_inquiry':
      return `结合审议${supervisedBodyName(topic.supervisedBody, org)}关于${reportObject(title, 'special_report')}开展专题询问`;
    case 'inquiry':
      return `就${title}开展询问`;
    case 'interpellation':
      return `就${title}依法进行质询`;
    case 'special_investigation':
      return `就${title}组织特定问题调查`;
    case 'removal_case':
      return `审议${title}`;
    case 'filing_review':
      return `开展${withoutEnding(title, '备案审查')}备案审查`;
    case 'visit':
      return `视察${title}`;
    case 'research':
      return `开展${withoutEnding(withoutEnding(title, '专题调研'), '调研')}专题调研`;
    case 'satisfaction_vote':
      return `对${title}开展满意度测评`;
    case 'work_appraisal':
      return `评议${withoutEnding(topic.reportingUnit.trim() || title, '工作')}工作`;
    case 'follow_up':
      return `对${title}开展跟踪监督`;
    case 'networked_monitoring':
      return `对${title}开展联网监督`;
    default:
      return `开展${title}${METHOD_LABELS[method].zh}`;
  }
}

/** Words that show a clause already names an add-on method, so it is not appended twice. */
const ADDON_MENTIONS: Partial<Record<Method, readonly string[]>> = {
  special_report: ['报告'],
  final_accounts: ['决算'],
  plan_exec: ['计划'],
  budget_exec: ['预算'],
  audit_report: ['审计'],
  audit_rectification: ['整改'],
  state_assets_report: ['国有资产'],
  debt_report: ['债务'],
  environment_report: ['环境'],
  law_inspection: ['执法检查'],
  filing_review: ['备案审查'],
  inquiry: ['询问'],
  special_inquiry: ['专题询问'],
  interpellation: ['质询'],
  special_investigation: ['调查'],
  removal_case: ['撤职'],
  visit: ['视察'],
  research: ['调研'],
  satisfaction_vote: ['测评'],
  work_appraisal: ['评议'],
  follow_up: ['跟踪监督', '回头看'],
  networked_monitoring: ['联网监督'],
};

/** Add-on methods done under 开展 (并开展专题询问、满意度测评); the others carry their own verb. */
const ADDON_ACTIVITIES: Partial<Record<Method, string>> = {
  law_inspection: '执法检查',
  filing_review: '备案审查',
  inquiry: '询问',
  special_inquiry: '专题询问',
  visit: '视察',
  research: '专题调研',
  satisfaction_vote: '满意度测评',
  work_appraisal: '工作评议',
  follow_up: '跟踪监督',
  networked_monitoring: '联网监督',
};

/** The add-on methods the clause does not already name, as ，并开展专题询问、满意度测评 / ，并听取和审议…的报告. */
function addonText(topic: PlanDocumentTopic, org: PlanDocumentOrg, title: string, clause: string): string {
  const missing = topic.addonMethods.filter(
    (method, index, all) =>
      method !== topic.method &&
      all.indexOf(method) === index &&
      !(ADDON_MENTIONS[method] ?? [METHOD_LABELS[method].zh]).some((word) => clause.includes(word)),
  );
  const activities = missing.flatMap((method) => ADDON_ACTIVITIES[method] ?? []);
  const others = missing
    .filter((method) => ADDON_ACTIVITIES[method] === undefined)
    .map((method) => {
      if (REPORT_METHODS.has(method)) return reportClause({ ...topic, method }, org, title);
      if (method === 'interpellation') return '依法进行质询';
      if (method === 'special_investigation') return '组织特定问题调查';
      return `审议${METHOD_LABELS[method].zh}`;
    });
  const parts = [...(activities.length > 0 ? [`开展${activities.join(LIST_SEPARATOR)}`] : []), ...others];
  return parts.map((part) => `，并${part}`).join('');
}

/** 拟安排在6月份常委会会议 / 拟安排在第3次常委会会议 / 拟安排在6月份第3次常委会会议, or '' when unscheduled. */
export function scheduleClause(
  topic: Pick<PlanDocumentTopic, 'month' | 'session' | 'method'>,
  org: PlanDocumentOrg,
): string {
  const meeting = meetingName(org);
  const { month, session } = topic;
  if (month !== null && session !== null) return `拟安排在${month}月份第${session}次${meeting}`;
  if (session !== null) return `拟安排在第${session}次${meeting}`;
  if (month === null) return '';
  // A visit or a research trip takes place in its month; no session hears it.
  return FIELD_METHODS.has(topic.method) ? `拟安排在${month}月份进行` : `拟安排在${month}月份${meeting}`;
}

/** 由财经委负责 / 由财经委负责，预算工委配合, or '' when no committee leads it yet. */
export function leadClause(topic: Pick<PlanDocumentTopic, 'leadCommittee' | 'assistCommittees'>): string {
  const lead = topic.leadCommittee.trim();
  if (!lead) return '';
  const assists = topic.assistCommittees.map((name) => name.trim()).filter((name) => name && name !== lead);
  return assists.length > 0 ? `由${lead}负责，${assists.join(LIST_SEPARATOR)}配合` : `由${lead}负责`;
}

/**
 * One item of the issued plan as a sentence: what is done (from the method, or the title when it already reads
 * as a clause), the add-on methods, when and by whom, e.g.
 * 听取和审议市人民政府关于优化营商环境工作情况的报告，拟安排在8月份常委会会议，由财经委负责。
 */
export function topicSentence(topic: PlanDocumentTopic, org: PlanDocumentOrg): string {
  const title = topic.title.trim().replace(TRAILING_PUNCTUATION, '');
  const clause =
    CLAUSE_START.test(title) || CLAUSE_OBJECT.test(title) ? title : methodClause(topic, org, title);
  const what = `${clause}${addonText(topic, org, title, clause)}`;
  return `${[what, scheduleClause(topic, org), leadClause(topic)].filter(Boolean).join('，')}。`;
}

/** The opening paragraph, in the register of issued plans, for the organisation's level. */
export function planOpening(org: PlanDocumentOrg, year: number): string {
  const place = `本${placeOf(org)}`;
  if (org.level === 'township' || org.level === 'liaison_office') {
    const body = org.level === 'township' ? '镇人大主席团' : '人大工委';
    return (
      `为依法做好${year}年度人大监督工作，根据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》等法律规定，` +
      `${body}围绕${place}中心工作和群众普遍关心的问题，在广泛听取人大代表和群众意见的基础上，结合${place}实际，制定本计划。`
    );
  }
  return (
    `为依法履行宪法和法律赋予的监督职责，根据《中华人民共和国各级人民代表大会常务委员会监督法》等法律规定，` +
    `围绕${place}经济社会发展大局和人民群众普遍关心的突出问题，在公开征集议题、广泛征求常委会组成人员、人大代表和` +
    `一府一委两院意见的基础上，结合${place}实际，制定本计划。`
  );
}

/**
 * The issued plan: title (the plan's, or the official one), opening, and the non-archived topics in sections by
 * main method in glossary order (only methods present), each in board order.
 */
export function planDocument(input: PlanDocumentInput): PlanDocument {
  const { org, plan } = input;
  const topics = input.topics.filter((topic) => !topic.archived);
  const title = plan.title?.trim() || officialPlanTitle(org, plan.year);
  const sections: PlanDocumentSection[] = [];
  for (const method of METHODS) {
    const inSection = topics.filter((topic) => topic.method === method);
    if (inSection.length === 0) continue;
    const number = sectionNumber(sections.length + 1);
    sections.push({
      number,
      method,
      heading: `${number}${METHOD_LABELS[method].zh}`,
      items: inSection.map((topic, index) => ({
        number: itemNumber(index + 1),
        topicId: topic.id,
        sentence: topicSentence(topic, org),
      })),
    });
  }
  return { title, opening: planOpening(org, plan.year), sections };
}
