import {
  DEFAULT_COMMITTEES,
  officialPlanTitle,
  SUPERVISED_BODIES,
  type Expectation,
  type LinkageMode,
  type MeetingKind,
  type MeetingRole,
  type NewTopic,
  type OrgLevel,
  type PlanStatus,
  type Role,
  type TopicJoint,
} from '@yipan/domain';
import type { NewOrgRow, OrgRow } from '@yipan/db';

/**
 * The invented 2021 demo of DOMAIN.md ("Demo data"): the city 示范市, its counties and districts, two
 * townships of the first county and a liaison office, with the city's, 示范县's, 示范区's and 示范镇's
 * plans filled in. Ids are stable so tests, links and bookmarks can name them.
 */

/** Year of the demo plans. */
export const DEMO_YEAR = 2021;

/** A demo organisation before its lists are filled in (see DEMO_ORGS). */
type DemoOrg = Pick<OrgRow, 'id' | 'name' | 'parentId' | 'sortOrder'> & { level: OrgLevel };

/** The demo organisation tree, parents before children; lists are derived below. */
const DEMO_ORG_TREE: DemoOrg[] = [
  { id: 'city', name: '示范市', level: 'city', parentId: null, sortOrder: 0 },
  { id: 'county-1', name: '示范县', level: 'county', parentId: 'city', sortOrder: 1 },
  { id: 'county-2', name: '示范区', level: 'county', parentId: 'city', sortOrder: 2 },
  { id: 'county-3', name: '东山县', level: 'county', parentId: 'city', sortOrder: 3 },
  { id: 'county-4', name: '西河区', level: 'county', parentId: 'city', sortOrder: 4 },
  { id: 'township-1', name: '示范镇', level: 'township', parentId: 'county-1', sortOrder: 5 },
  { id: 'township-2', name: '青石镇', level: 'township', parentId: 'county-1', sortOrder: 6 },
  { id: 'liaison-1', name: '示范区城东街道', level: 'liaison_office', parentId: 'county-2', sortOrder: 7 },
];

/** A demo topic: its stable id and the fields it is created with. */
export type DemoTopic = { id: string; topic: NewTopic };

/** A link of a demo topic to a topic of a higher level's demo plan (全市一盘棋). */
export type DemoLink = { topicId: string; parentTopicId: string; mode: LinkageMode; contributes: boolean };

/** A demo plan's decline of a parent topic (不采纳). */
export type DemoDecline = { parentTopicId: string; reason: string };

/**
 * A demo plan: which organisation, its status, its topics in board order, and its place on the chessboard:
 * the joint topics it asks its children to answer, its links to its parents' topics, its declines.
 */
export type DemoPlan = {
  orgId: string;
  status: PlanStatus;
  topics: DemoTopic[];
  joint?: Record<string, TopicJoint>;
  links?: DemoLink[];
  declines?: DemoDecline[];
};

const CITY_TOPICS: DemoTopic[] = [
  {
    id: 'city-2021-enforcement',
    topic: {
      title: '听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问',
      method: 'special_report',
      addonMethods: ['special_inquiry'],
      supervisedBody: 'court',
      reportingUnit: '市中级人民法院',
      leadCommittee: '监察和司法委',
      month: 6,
      sources: ['deputy_suggestions', 'public_concern', 'upper_level_linkage'],
      notes: '省、市、县三级人大联动监督“执行难”；各县区同步安排法院执行工作议题。',
    },
  },
  {
    id: 'city-2021-final-accounts',
    topic: {
      title: '审查和批准2020年市级决算，听取和审议2020年度市级预算执行和其他财政收支的审计工作报告',
      method: 'final_accounts',
      addonMethods: ['audit_report'],
      reportingUnit: '市财政局、市审计局',
      leadCommittee: '财经委',
      assistCommittees: ['预算工委'],
      month: 6,
      sources: ['statutory_recurring'],
    },
  },
  {
    id: 'city-2021-environment',
    topic: {
      title: '听取和审议市人民政府关于2020年度环境状况和环境保护目标完成情况的报告',
      method: 'environment_report',
      reportingUnit: '市生态环境局',
      leadCommittee: '城建环资委',
      month: 6,
      sources: ['statutory_recurring'],
    },
  },
  {
    id: 'city-2021-midyear',
    topic: {
      title: '听取和审议市人民政府关于上半年国民经济和社会发展计划、预算执行情况的报告',
      method: 'plan_exec',
      addonMethods: ['budget_exec'],
      reportingUnit: '市发展改革委、市财政局',
      leadCommittee: '财经委',
      assistCommittees: ['预算工委'],
      month: 8,
      sources: ['statutory_recurring'],
    },
  },
  {
    id: 'city-2021-business',
    topic: {
      title: '听取和审议市人民政府关于优化营商环境工作情况的报告，并进行满意度测评',
      method: 'special_report',
      addonMethods: ['satisfaction_vote'],
      reportingUnit: '市发展改革委',
      leadCommittee: '财经委',
      month: 8,
      sources: ['public_solicitation', 'deputy_suggestions'],
    },
  },
  {
    id: 'city-2021-rural-revitalization',
    topic: {
      title: '开展《中华人民共和国乡村振兴促进法》实施情况执法检查',
      method: 'law_inspection',
      reportingUnit: '市农业农村局',
      leadCommittee: '农业与农村委',
      month: 9,
      sources: ['upper_level_linkage', 'committee_research'],
      notes: '9—10月，市县两级人大常委会联动开展，各县区同步检查本行政区域实施情况。',
    },
  },
  {
    id: 'city-2021-supervisory-commission',
    topic: {
      title: '听取和审议市监察委员会关于整治群众身边腐败和作风问题工作情况的报告',
      method: 'special_report',
      supervisedBody: 'supervisory_commission',
      reportingUnit: '市监察委员会',
      leadCommittee: '监察和司法委',
      month: 10,
      sources: ['public_concern'],
    },
  },
  {
    id: 'city-2021-state-assets',
    topic: {
      title: '听取和审议市人民政府关于2020年度国有资产管理情况的综合报告',
      method: 'state_assets_report',
      reportingUnit: '市财政局、市国资委',
      leadCommittee: '预算工委',
      assistCommittees: ['财经委'],
      month: 10,
      sources: ['statutory_recurring'],
    },
  },
  {
    id: 'city-2021-work-safety',
    topic: {
      title: '开展《中华人民共和国安全生产法》实施情况执法检查',
      method: 'law_inspection',
      reportingUnit: '市应急管理局',
      leadCommittee: '社会建设委',
      month: 11,
      sources: ['inspection_findings', 'public_concern'],
    },
  },
  {
    id: 'city-2021-school-places',
    topic: {
      title: '对城区学位建设审议意见落实情况开展“回头看”',
      method: 'follow_up',
      reportingUnit: '市教育局',
      leadCommittee: '教科文卫委',
      month: 11,
      sources: ['committee_research'],
    },
  },
  {
    id: 'city-2021-livelihood-projects',
    topic: {
      title: '听取市人民政府关于民生实事项目实施情况的报告，并进行满意度测评',
      method: 'satisfaction_vote',
      reportingUnit: '市人民政府办公室',
      leadCommittee: '代表工委',
      month: 12,
      sources: ['deputy_suggestions'],
    },
  },
];

const COUNTY_1_TOPICS: DemoTopic[] = [
  {
    id: 'county-1-2021-enforcement',
    topic: {
      title: '听取和审议县人民法院关于执行工作情况的报告（“听审案、看执行”）',
      method: 'special_report',
      supervisedBody: 'court',
      reportingUnit: '县人民法院',
      leadCommittee: '监察和司法委',
      month: 6,
      sources: ['upper_level_linkage'],
      notes: '联动市人大常委会“执行难”议题：组织代表旁听庭审、观摩执行现场。',
    },
  },
  {
    id: 'county-1-2021-rural-living',
    topic: {
      title: '视察农村人居环境整治工作，听取和审议县人民政府关于农村人居环境整治工作情况的报告',
      method: 'special_report',
      addonMethods: ['visit'],
      reportingUnit: '县农业农村局',
      leadCommittee: '农业与农村委',
      month: 8,
      sources: ['deputy_suggestions'],
      notes: '7月组织代表视察，8月常委会会议听取报告。',
    },
  },
  {
    id: 'county-1-2021-rural-revitalization',
    topic: {
      title: '开展《中华人民共和国乡村振兴促进法》实施情况执法检查',
      method: 'law_inspection',
      reportingUnit: '县农业农村局',
      leadCommittee: '农业与农村委',
      month: 9,
      sources: ['upper_level_linkage'],
      notes: '与市人大常委会联动开展。',
    },
  },
  {
    id: 'county-1-2021-appraisal',
    topic: {
      title: '组织代表评议县民政局、县农业农村局工作',
      method: 'work_appraisal',
      reportingUnit: '县民政局、县农业农村局',
      leadCommittee: '代表工委',
      month: 11,
      sources: ['deputy_suggestions'],
    },
  },
];

const COUNTY_2_TOPICS: DemoTopic[] = [
  {
    id: 'county-2-2021-enforcement',
    topic: {
      title: '听取和审议区人民法院关于执行工作情况的报告，并开展专题询问',
      method: 'special_report',
      addonMethods: ['special_inquiry'],
      supervisedBody: 'court',
      reportingUnit: '区人民法院',
      leadCommittee: '监察和司法委',
      month: 5,
      sources: ['upper_level_linkage'],
    },
  },
  {
    id: 'county-2-2021-old-estates',
    topic: {
      title: '听取和审议区人民政府关于老旧小区改造工作情况的报告',
      method: 'special_report',
      reportingUnit: '区住房和城乡建设局',
      leadCommittee: '城建环资委',
      month: 6,
      sources: ['letters_visits', 'public_concern'],
    },
  },
  {
    id: 'county-2-2021-school-places',
    topic: {
      title: '就义务教育学位保障及“双减”政策落实情况开展专题询问',
      method: 'special_inquiry',
      reportingUnit: '区教育局',
      leadCommittee: '教科文卫委',
      month: 10,
      sources: ['public_concern'],
    },
  },
  {
    id: 'county-2-2021-business',
    topic: {
      title: '开展优化营商环境专题调研，听取和审议区人民政府关于优化营商环境工作情况的报告',
      method: 'special_report',
      addonMethods: ['research'],
      reportingUnit: '区发展和改革局',
      leadCommittee: '财经委',
      month: 9,
      sources: ['upper_level_linkage'],
      notes: '参照市人大常委会“优化营商环境”议题安排。',
    },
  },
];

const TOWNSHIP_1_TOPICS: DemoTopic[] = [
  {
    id: 'township-1-2021-rural-revitalization',
    topic: {
      title: '组织代表听取和审议镇人民政府关于乡村振兴工作情况的报告',
      method: 'special_report',
      reportingUnit: '镇人民政府',
      leadCommittee: '镇人大主席团',
      month: 9,
      sources: ['upper_level_linkage'],
      notes: '配合县人大常委会《乡村振兴促进法》执法检查。',
    },
  },
];

/** What a joint demo topic expects of each child organisation. */
const expect = (
  levels: Record<string, Expectation['level']>,
  neededBy: string | null = null,
): TopicJoint => ({
  joint: true,
  expectations: Object.fromEntries(
    Object.entries(levels).map(([orgId, level]) => [
      orgId,
      { level, neededBy: level === 'not_applicable' ? null : neededBy },
    ]),
  ),
});

/**
 * The demo plans; organisations not listed here get an empty plan for the year. The chessboard: the city's
 * 执行难 and 乡村振兴 topics are joint (the 示范区 is urban: 乡村振兴 does not apply to it); 示范县 and 示范区
 * have answered, 东山县 not yet, 西河区 declined 乡村振兴; 示范县's 乡村振兴 inspection is joint for its townships.
 */
export const DEMO_PLANS: DemoPlan[] = [
  {
    orgId: 'city',
    status: 'executing',
    topics: CITY_TOPICS,
    joint: {
      'city-2021-enforcement': expect(
        { 'county-1': 'required', 'county-2': 'required', 'county-3': 'required', 'county-4': 'recommended' },
        '2021-06-30',
      ),
      'city-2021-rural-revitalization': expect(
        {
          'county-1': 'required',
          'county-2': 'not_applicable',
          'county-3': 'required',
          'county-4': 'recommended',
        },
        '2021-10-31',
      ),
    },
  },
  {
    orgId: 'county-1',
    status: 'executing',
    topics: COUNTY_1_TOPICS,
    joint: {
      'county-1-2021-rural-revitalization': expect(
        { 'township-1': 'required', 'township-2': 'recommended' },
        '2021-09-30',
      ),
    },
    links: [
      {
        topicId: 'county-1-2021-enforcement',
        parentTopicId: 'city-2021-enforcement',
        mode: 'joint',
        contributes: true,
      },
      {
        topicId: 'county-1-2021-rural-revitalization',
        parentTopicId: 'city-2021-rural-revitalization',
        mode: 'joint',
        contributes: true,
      },
    ],
  },
  {
    orgId: 'county-2',
    status: 'approved',
    topics: COUNTY_2_TOPICS,
    links: [
      {
        topicId: 'county-2-2021-enforcement',
        parentTopicId: 'city-2021-enforcement',
        mode: 'joint',
        contributes: true,
      },
      {
        topicId: 'county-2-2021-business',
        parentTopicId: 'city-2021-business',
        mode: 'reference',
        contributes: false,
      },
    ],
  },
  {
    orgId: 'county-4',
    status: 'soliciting',
    topics: [],
    declines: [
      {
        parentTopicId: 'city-2021-rural-revitalization',
        reason: '本区为城区，涉农工作已划转，拟于明年结合城乡融合发展开展监督。',
      },
    ],
  },
  {
    orgId: 'township-1',
    status: 'approved',
    topics: TOWNSHIP_1_TOPICS,
    links: [
      {
        topicId: 'township-1-2021-rural-revitalization',
        parentTopicId: 'county-1-2021-rural-revitalization',
        mode: 'coordinated',
        contributes: false,
      },
    ],
  },
];

/** Organisations whose members have opened the city's published plan (已阅) in the demo. */
export const DEMO_CITY_PLAN_READERS = ['county-1', 'county-2'];

/** Status of the empty plans of the other organisations: still collecting proposals. */
export const EMPTY_PLAN_STATUS: PlanStatus = 'soliciting';

/** Stable id of an organisation's demo plan, e.g. `city-2021`. */
export function demoPlanId(orgId: string): string {
  return `${orgId}-${DEMO_YEAR}`;
}

/** The official title of an organisation's annual plan, as published plans are headed. */
export function demoPlanTitle(org: Pick<OrgRow, 'name' | 'level'>): string {
  return officialPlanTitle(org, DEMO_YEAR);
}

/** Password of every demo account (DESIGN.md "Contracts"). */
export const DEMO_PASSWORD = 'yipan-demo';

/** A demo account and its one membership. */
export type DemoUser = { id: string; username: string; displayName: string; orgId: string; role: Role };

/** The demo accounts of the README: each role at the city, two counties and a township. */
export const DEMO_USERS: DemoUser[] = [
  {
    id: 'user-city-admin',
    username: 'city.admin',
    displayName: '市人大办公室 王敏',
    orgId: 'city',
    role: 'admin',
  },
  {
    id: 'user-city-editor',
    username: 'city.editor',
    displayName: '市人大研究室 李强',
    orgId: 'city',
    role: 'editor',
  },
  {
    id: 'user-city-viewer',
    username: 'city.viewer',
    displayName: '市人大财经委 陈静',
    orgId: 'city',
    role: 'viewer',
  },
  {
    id: 'user-city-deputy',
    username: 'city.deputy',
    displayName: '市人大代表 刘洋',
    orgId: 'city',
    role: 'deputy',
  },
  {
    id: 'user-county-admin',
    username: 'county.admin',
    displayName: '示范县人大办 赵磊',
    orgId: 'county-1',
    role: 'admin',
  },
  {
    id: 'user-county-editor',
    username: 'county.editor',
    displayName: '示范县人大办 孙丽',
    orgId: 'county-1',
    role: 'editor',
  },
  {
    id: 'user-county2-editor',
    username: 'county2.editor',
    displayName: '示范区人大办 周杰',
    orgId: 'county-2',
    role: 'editor',
  },
  {
    id: 'user-township-editor',
    username: 'township.editor',
    displayName: '示范镇人大主席团 吴芳',
    orgId: 'township-1',
    role: 'editor',
  },
];

/** The reporting units named by an organisation's demo topics, e.g. 市财政局 and 市审计局 from “市财政局、市审计局”. */
function demoReportingUnits(orgId: string): string[] {
  const topics = DEMO_PLANS.find((plan) => plan.orgId === orgId)?.topics ?? [];
  const units = topics.flatMap(({ topic }) => (topic.reportingUnit ?? '').split('、'));
  return [...new Set(units.map((unit) => unit.trim()).filter((unit) => unit.length > 0))];
}

/** The demo organisation tree with its lists: default committees, the bodies each level supervises, reporting units. */
export const DEMO_ORGS: NewOrgRow[] = DEMO_ORG_TREE.map((org) => ({
  ...org,
  committees: [...DEFAULT_COMMITTEES],
  supervisedBodies:
    org.level === 'township' || org.level === 'liaison_office' ? ['gov'] : [...SUPERVISED_BODIES],
  reportingUnits: demoReportingUnits(org.id),
}));

/** A demo agenda item: a topic of a demo plan, or a free item. */
export type DemoAgendaItem =
  | { id: string; kind: 'topic'; planOrgId: string; topicId: string }
  | { id: string; kind: 'other'; title: string };

/** A scheduled demo meeting of the city (会议模式), with its agenda and members by username. */
export type DemoMeeting = {
  id: string;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  agenda: DemoAgendaItem[];
  members: { username: string; role: MeetingRole }[];
};

/**
 * The demo meetings, both still to be held: a council of chairs (主任会议) on three of the city's topics,
 * where 李强 of the research office keeps the minutes, and a symposium with two county offices invited.
 */
export const DEMO_MEETINGS: DemoMeeting[] = [
  {
    id: 'demo-council-2021-3',
    kind: 'council_of_chairs',
    title: '2021年第3次主任会议',
    startsAt: '2021-03-05T09:00:00+08:00',
    agenda: [
      { id: 'demo-council-item-1', kind: 'topic', planOrgId: 'city', topicId: 'city-2021-enforcement' },
      { id: 'demo-council-item-2', kind: 'topic', planOrgId: 'city', topicId: 'city-2021-business' },
      {
        id: 'demo-council-item-3',
        kind: 'topic',
        planOrgId: 'city',
        topicId: 'city-2021-rural-revitalization',
      },
      { id: 'demo-council-item-4', kind: 'other', title: '其他事项' },
    ],
    members: [
      { username: 'city.admin', role: 'facilitator' },
      { username: 'city.deputy', role: 'participant' },
      { username: 'city.viewer', role: 'observer' },
      { username: 'city.editor', role: 'secretary' },
    ],
  },
  {
    id: 'demo-symposium-2021',
    kind: 'symposium',
    title: '全市人大监督工作座谈会',
    startsAt: '2021-03-12T14:30:00+08:00',
    agenda: [
      { id: 'demo-symposium-item-1', kind: 'topic', planOrgId: 'city', topicId: 'city-2021-enforcement' },
      {
        id: 'demo-symposium-item-2',
        kind: 'topic',
        planOrgId: 'city',
        topicId: 'city-2021-rural-revitalization',
      },
      { id: 'demo-symposium-item-3', kind: 'other', title: '各县区交流监督工作计划编制情况' },
    ],
    members: [
      { username: 'city.admin', role: 'facilitator' },
      { username: 'county.admin', role: 'participant' },
      { username: 'county2.editor', role: 'participant' },
      { username: 'city.editor', role: 'secretary' },
    ],
  },
];
