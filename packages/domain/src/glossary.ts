import { z } from 'zod';
import { labelledEnum } from './labelledEnum';
import { lazySchema } from './lazySchema';

/**
 * The glossary of DOMAIN.md as enums. Identifiers are the English names used in code;
 * the Chinese labels are the terms users see, the English labels serve the English UI.
 */
export type Label = { zh: string; en: string };

/** Longest label an organisation may give a step, template or status (a short phrase, not a paragraph). */
export const LABEL_MAX = 100;

/** A label as stored in organisation data (e.g. edited step templates); English may be left empty. */
export const Label = lazySchema(() =>
  z.object({
    zh: z.string().trim().min(1).max(LABEL_MAX),
    en: z.string().trim().max(LABEL_MAX),
  }),
);

const levels = labelledEnum([
  ['province', { zh: '省', en: 'Province' }],
  ['city', { zh: '市', en: 'City' }],
  ['county', { zh: '县区', en: 'County / district' }],
  ['liaison_office', { zh: '人大工委', en: 'Liaison office' }],
  ['township', { zh: '乡镇', en: 'Township' }],
] as const);
/** The level of an organisation (DOMAIN.md); a province appears only as a reference above the city. */
export const OrgLevel = levels.schema;
export type OrgLevel = z.infer<typeof OrgLevel>;
/** How each level is named in the UI. */
export const ORG_LEVEL_LABELS = levels.labels;

const methods = labelledEnum([
  ['special_report', { zh: '听取和审议专项工作报告', en: 'Special work report' }],
  ['final_accounts', { zh: '决算', en: 'Final accounts' }],
  ['plan_exec', { zh: '计划执行', en: 'Plan execution' }],
  ['budget_exec', { zh: '预算执行', en: 'Budget execution' }],
  ['audit_report', { zh: '审计工作报告', en: 'Audit report' }],
  ['audit_rectification', { zh: '审计查出问题整改', en: 'Audit rectification' }],
  ['state_assets_report', { zh: '国有资产管理情况报告', en: 'State assets report' }],
  ['debt_report', { zh: '政府债务报告', en: 'Government debt report' }],
  ['environment_report', { zh: '环境状况和环保目标完成情况报告', en: 'Environment report' }],
  ['law_inspection', { zh: '执法检查', en: 'Law-enforcement inspection' }],
  ['filing_review', { zh: '规范性文件备案审查', en: 'Filing review' }],
  ['inquiry', { zh: '询问', en: 'Inquiry' }],
  ['special_inquiry', { zh: '专题询问', en: 'Special inquiry' }],
  ['interpellation', { zh: '质询', en: 'Interpellation' }],
  ['special_investigation', { zh: '特定问题调查', en: 'Special investigation' }],
  ['removal_case', { zh: '撤职案审议', en: 'Removal case' }],
  ['visit', { zh: '视察', en: 'Visit' }],
  ['research', { zh: '专题调研', en: 'Research' }],
  ['satisfaction_vote', { zh: '满意度测评', en: 'Satisfaction vote' }],
  ['work_appraisal', { zh: '工作评议', en: 'Work appraisal' }],
  ['follow_up', { zh: '跟踪监督', en: 'Follow-up' }],
  ['networked_monitoring', { zh: '联网监督', en: 'Networked monitoring' }],
] as const);
/** A supervision method (监督方式): the statutory ones first, then those of practice. */
export const Method = methods.schema;
export type Method = z.infer<typeof Method>;
/** The methods in glossary order, the order a board shows them in. */
export const METHODS = methods.values;
/** How each method is named in the UI. */
export const METHOD_LABELS = methods.labels;

const bodies = labelledEnum([
  ['gov', { zh: '人民政府', en: 'Government' }],
  ['supervisory_commission', { zh: '监察委员会', en: 'Supervisory commission' }],
  ['court', { zh: '人民法院', en: 'Court' }],
  ['procuratorate', { zh: '人民检察院', en: 'Procuratorate' }],
] as const);
/** A body the standing committee supervises (一府一委两院). */
export const SupervisedBody = bodies.schema;
export type SupervisedBody = z.infer<typeof SupervisedBody>;
/** The supervised bodies in glossary order. */
export const SUPERVISED_BODIES = bodies.values;
/** How each supervised body is named in the UI. */
export const SUPERVISED_BODY_LABELS = bodies.labels;

const sources = labelledEnum([
  ['inspection_findings', { zh: '执法检查中发现的突出问题', en: 'Inspection findings' }],
  ['deputy_suggestions', { zh: '代表议案建议', en: 'Deputy suggestions' }],
  ['sc_member_proposals', { zh: '常委会组成人员提出', en: 'Members’ proposals' }],
  ['committee_research', { zh: '专门委员会/工作机构调研', en: 'Committee research' }],
  ['letters_visits', { zh: '人民来信来访', en: 'Letters and visits' }],
  ['public_concern', { zh: '社会普遍关注', en: 'Public concern' }],
  ['body_request', { zh: '一府一委两院要求报告', en: 'Body’s request' }],
  ['statutory_recurring', { zh: '法定年度报告', en: 'Statutory annual report' }],
  ['party_assigned', { zh: '党委交办', en: 'Assigned by the Party committee' }],
  ['upper_level_linkage', { zh: '上级人大联动', en: 'Upper-level linkage' }],
  ['public_solicitation', { zh: '社会公开征集', en: 'Public solicitation' }],
] as const);
/** Where a topic came from (Supervision Law art. 12, then practice). */
export const TopicSource = sources.schema;
export type TopicSource = z.infer<typeof TopicSource>;
/** The sources in glossary order. */
export const TOPIC_SOURCES = sources.values;
/** How each source is named in the UI. */
export const TOPIC_SOURCE_LABELS = sources.labels;

const statuses = labelledEnum([
  ['soliciting', { zh: '征集', en: 'Soliciting' }],
  ['collating', { zh: '汇总遴选', en: 'Collating' }],
  ['consulting_bodies', { zh: '征求意见', en: 'Consulting bodies' }],
  ['party_review', { zh: '报党委审定', en: 'Party review' }],
  ['approved', { zh: '审议通过', en: 'Approved' }],
  ['published', { zh: '已公布', en: 'Published' }],
  ['executing', { zh: '执行中', en: 'Executing' }],
  ['year_review', { zh: '年终总结', en: 'Year review' }],
  ['archived', { zh: '已归档', en: 'Archived' }],
] as const);
/** Where a plan stands in its lifecycle (DOMAIN.md, steps 1–9). */
export const PlanStatus = statuses.schema;
export type PlanStatus = z.infer<typeof PlanStatus>;
/** The statuses in lifecycle order; the frozen and the public statuses are read off this order. */
export const PLAN_STATUSES = statuses.values;
/** How each status is named in the UI. */
export const PLAN_STATUS_LABELS = statuses.labels;

const approvingBodies = labelledEnum([
  ['council_of_chairs', { zh: '主任会议', en: 'Council of chairs' }],
  ['standing_committee', { zh: '常委会会议', en: 'Standing committee session' }],
  ['township_presidium', { zh: '乡镇人大主席团', en: 'Township presidium' }],
] as const);
/** The body that passes the annual plan; configurable per organisation (DOMAIN.md, lifecycle step 5). */
export const ApprovingBody = approvingBodies.schema;
export type ApprovingBody = z.infer<typeof ApprovingBody>;
/** How each approving body is named in the UI. */
export const APPROVING_BODY_LABELS = approvingBodies.labels;

const roles = labelledEnum([
  ['admin', { zh: '管理员', en: 'Admin' }],
  ['editor', { zh: '编辑', en: 'Editor' }],
  ['viewer', { zh: '查看', en: 'Viewer' }],
  ['deputy', { zh: '代表', en: 'Deputy' }],
] as const);
/** A user's role in an organisation (DESIGN.md's access table). */
export const Role = roles.schema;
export type Role = z.infer<typeof Role>;
/** How each role is named in the UI. */
export const ROLE_LABELS = roles.labels;

/** Default committees (委室) of a standing committee; each organisation may keep its own list. */
export const DEFAULT_COMMITTEES = [
  '财经委',
  '监察和司法委',
  '教科文卫委',
  '城建环资委',
  '农业与农村委',
  '社会建设委',
  '代表工委',
  '预算工委',
] as const;

/** Months of the plan year; a topic scheduled by session only has no month. */
export const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
