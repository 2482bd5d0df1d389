import { METHODS, type Method } from './glossary';
import type { Topic } from './planDoc';
import { StepTemplate, type DueOffset, type StepTemplateInput } from './steps';

/**
 * The default step templates. The four house methods follow DOMAIN.md step by step; the others are short
 * checklists built from the same law. Offsets are relative to the session that hears the topic.
 */

/** Supervision Law: the draft report reaches the committee 20 days before the session… */
const DRAFT_TO_COMMITTEE_DAYS = -20;
/** …the revised report reaches the standing committee 10 days before… */
const REVISED_TO_SC_DAYS = -10;
/** …and the office sends it to the members 7 days before. */
const TO_MEMBERS_DAYS = -7;
/** Budget Law: the final accounts go to the committee's preliminary review 30 days before the session. */
const FINAL_ACCOUNTS_TO_COMMITTEE_DAYS = -30;
/** DOMAIN.md: the opinion is compiled within 3–5 days; the later bound is the deadline. */
const OPINION_COMPILED_DAYS = 5;
/** DOMAIN.md: the opinion, passed by the council of chairs, is sent within 7 days. */
const OPINION_SENT_DAYS = 7;
/** DOMAIN.md: an inspection's opinions go out within 5 working days. */
const INSPECTION_OPINIONS_WORKING_DAYS = 5;
/** DOMAIN.md: the handling report is often due 3 months after the opinion. */
const HANDLING_REPORT_MONTHS = 3;

/** Deadlines on the session day itself: the hearing, the vote, the questioning. */
const SESSION_DAY = 0;

/** A deadline as data: key, Chinese and English title, offset from the session and its unit (days by default). */
type Deadline = [key: string, zh: string, en: string, amount: number, unit?: DueOffset['unit']];
/** A step as data: key, Chinese and English title, then the deadlines it carries. */
type Step = [key: string, zh: string, en: string, ...deadlines: Deadline[]];
/** A template as data: its name in Chinese and English, and its steps. */
type Template = { name: [zh: string, en: string]; steps: Step[] };

const SESSION: Deadline = ['session', '常委会会议', 'Session', SESSION_DAY];
const TO_MEMBERS: Deadline = ['to_members', '报告发常委会组成人员', 'Report to members', TO_MEMBERS_DAYS];
const REVISED: Deadline = ['revised_to_sc', '修改后的报告送常委会', 'Revised report in', REVISED_TO_SC_DAYS];
const DRAFT: Deadline = [
  'draft_to_committee',
  '报告初稿送有关委室',
  'Draft to the committee',
  DRAFT_TO_COMMITTEE_DAYS,
];
const COMPILED: Deadline = ['compiled', '整理审议意见', 'Opinion compiled', OPINION_COMPILED_DAYS];
const SENT: Deadline = ['sent', '审议意见交办', 'Opinion sent to the body', OPINION_SENT_DAYS];
const HANDLING: Deadline = [
  'handling_report',
  '报告研究处理情况',
  'Handling report due',
  HANDLING_REPORT_MONTHS,
  'months',
];
const INSPECTION_REPORT: Deadline = [
  'report_to_office',
  '报告送常委会办事机构',
  'Report to the office',
  DRAFT_TO_COMMITTEE_DAYS,
];
const INSPECTION_OPINIONS: Deadline = [
  'opinions_sent',
  '审议意见交办',
  'Opinions sent to the bodies',
  INSPECTION_OPINIONS_WORKING_DAYS,
  'working_days',
];

/** The statutory annual reports share one checklist; only the first deadline differs. */
function statutoryReport(draftDays = DRAFT_TO_COMMITTEE_DAYS): Template {
  return {
    name: ['法定报告', 'Statutory report'],
    steps: [
      [
        'draft',
        '报告起草',
        'Draft report',
        ['to_committee', '送有关委室初步审查', 'To the committee', draftDays],
      ],
      ['committee_review', '委室审查、征求意见', 'Committee review', REVISED, TO_MEMBERS],
      ['hearing', '常委会会议听取和审议', 'Session hearing', SESSION],
      ['opinion', '审议意见', 'Deliberation opinion', COMPILED, SENT],
      ['handling_report', '研究处理情况报告', 'Handling report', HANDLING],
    ],
  };
}

const DEFAULTS: Record<Method, Template> = {
  special_report: {
    name: ['七环相扣法', 'Seven linked steps'],
    steps: [
      ['choose_topic', '确定议题', 'Choose the topic'],
      ['pre_research', '会前视察或专题调研', 'Pre-session visit or research'],
      ['collect_opinions', '征集代表和群众意见并转报告单位', 'Collect deputies’ and public opinions'],
      ['report_timetable', '报告送审', 'Report timetable', DRAFT, REVISED, TO_MEMBERS],
      ['hearing', '听取和审议（可开展满意度测评）', 'Hearing and deliberation', SESSION],
      ['deliberation_opinion', '审议意见', 'Deliberation opinion', COMPILED, SENT],
      ['handling_report', '研究处理情况报告、跟踪监督、公开', 'Handling report and follow-up', HANDLING],
    ],
  },
  law_inspection: {
    name: ['九步递进法', 'Nine progressive steps'],
    steps: [
      ['list_in_plan', '列入年度监督计划', 'List in the annual plan'],
      ['inspection_plan', '制定检查方案并通知', 'Inspection plan approved and notified'],
      ['form_group', '组建执法检查组', 'Form the inspection group'],
      ['study_and_briefing', '学习法律、听取汇报', 'Study the law, hear the briefing'],
      ['self_check', '自查或下级人大联动检查', 'Self-check or joint checks'],
      ['onsite_inspection', '实地检查', 'On-site inspection'],
      ['inspection_report', '形成执法检查报告', 'Inspection report', INSPECTION_REPORT],
      ['deliberation', '审议（可结合专题询问）', 'Deliberation', SESSION, INSPECTION_OPINIONS],
      ['handling_report', '研究处理情况报告、跟踪检查、公开', 'Handling report and follow-up', HANDLING],
    ],
  },
  visit: {
    name: ['六个结合法', 'Six combinations'],
    steps: [
      ['choose_content', '与代表共同确定视察内容', 'Choose the content with deputies'],
      ['visit_plan', '视察方案经主任会议同意', 'Visit plan agreed by the chairs'],
      ['visit', '开展视察', 'Visit'],
      ['visit_report', '形成视察报告', 'Visit report'],
      ['forward_to_bodies', '转交有关机关研究处理', 'Forward to the bodies'],
      ['feedback_to_deputies', '办理情况反馈代表', 'Handling fed back to deputies'],
    ],
  },
  special_inquiry: {
    name: ['五阶推进法', 'Five stages'],
    steps: [
      ['fix_topic', '主任会议确定询问议题', 'Topic fixed by the chairs'],
      ['plan_and_research', '制定方案、开展调研', 'Plan and research'],
      ['question_list', '问题清单发给组成人员', 'Question list to members'],
      ['questioning', '专题询问会议', 'Questioning session', SESSION],
      ['opinion_and_follow_up', '审议意见、处理情况报告、跟踪监督', 'Opinions and follow-up', SENT, HANDLING],
    ],
  },
  final_accounts: statutoryReport(FINAL_ACCOUNTS_TO_COMMITTEE_DAYS),
  plan_exec: statutoryReport(),
  budget_exec: statutoryReport(),
  audit_report: statutoryReport(),
  audit_rectification: statutoryReport(),
  state_assets_report: statutoryReport(),
  debt_report: statutoryReport(),
  environment_report: statutoryReport(),
  filing_review: {
    name: ['备案审查', 'Filing review'],
    steps: [
      ['receive_filing', '接收报备文件', 'Receive filed documents'],
      ['review', '审查', 'Review'],
      ['communicate', '与制定机关沟通', 'Raise issues with the issuing body'],
      ['correction', '督促纠正', 'Correction followed up'],
      ['annual_report', '向常委会报告年度备案审查工作', 'Annual report to the session', SESSION],
    ],
  },
  inquiry: {
    name: ['询问', 'Inquiry'],
    steps: [
      ['prepare_questions', '梳理询问问题', 'Prepare questions'],
      ['inquiry', '会议询问', 'Questions answered at the session', SESSION],
      ['follow_up', '答复落实情况跟踪', 'Follow up the answers'],
    ],
  },
  interpellation: {
    name: ['质询', 'Interpellation'],
    steps: [
      ['motion', '提出质询案', 'Motion filed'],
      ['referral', '主任会议决定交受质询机关', 'Referred by the chairs'],
      ['answer', '受质询机关答复', 'Answer', SESSION],
      ['movers_view', '提质询案人员表示意见', 'Movers’ view on the answer'],
    ],
  },
  special_investigation: {
    name: ['特定问题调查', 'Special investigation'],
    steps: [
      ['proposal', '提议组织调查委员会', 'Proposal'],
      ['decision', '常委会决定组织调查委员会', 'Committee formed'],
      ['investigation', '开展调查', 'Investigation'],
      ['investigation_report', '向常委会提出调查报告', 'Report to the session', SESSION],
      ['resolution', '作出决议并跟踪落实', 'Resolution and follow-up'],
    ],
  },
  removal_case: {
    name: ['撤职案审议', 'Removal case'],
    steps: [
      ['motion', '提出撤职案', 'Motion submitted'],
      ['council_review', '主任会议提请审议', 'Referred by the chairs'],
      ['defence', '被提出撤职人员申辩', 'Defence heard'],
      ['vote', '常委会会议审议表决', 'Deliberation and vote', SESSION],
      ['announcement', '公布决定', 'Decision announced'],
    ],
  },
  research: {
    name: ['专题调研', 'Research'],
    steps: [
      ['research_plan', '制定调研方案', 'Research plan'],
      ['fieldwork', '实地调研、座谈走访', 'Fieldwork'],
      ['research_report', '形成调研报告', 'Research report'],
      ['forward_to_bodies', '转交有关机关研究处理', 'Forward to the bodies'],
      ['follow_up', '跟踪落实', 'Follow up'],
    ],
  },
  satisfaction_vote: {
    name: ['满意度测评', 'Satisfaction vote'],
    steps: [
      ['vote_plan', '制定测评方案', 'Vote plan'],
      ['materials', '测评材料发组成人员', 'Materials to voters'],
      ['vote', '会议测评', 'Vote at the session', SESSION],
      ['publish_result', '公布测评结果', 'Result published'],
      ['rectification', '不满意事项整改', 'Low-rated items rectified'],
    ],
  },
  work_appraisal: {
    name: ['工作评议', 'Work appraisal'],
    steps: [
      ['appraisal_plan', '制定评议方案', 'Appraisal plan'],
      ['gather_opinions', '征求代表和群众意见', 'Gather opinions'],
      ['self_review', '被评议单位自查自评', 'Self-review by the body'],
      ['appraisal_meeting', '评议会议、满意度测评', 'Appraisal meeting and vote', SESSION],
      ['appraisal_opinion', '交办评议意见', 'Appraisal opinion issued'],
      ['rectification_report', '整改情况报告', 'Rectification report'],
    ],
  },
  follow_up: {
    name: ['审议意见回头看', 'Follow-up'],
    steps: [
      ['select_items', '确定回头看事项', 'Select opinions to follow up'],
      ['check', '实地检查整改情况', 'On-site check'],
      ['rectification_report', '听取整改情况报告', 'Rectification report heard', SESSION],
      ['close_items', '逐项销号', 'Close items one by one'],
    ],
  },
  networked_monitoring: {
    name: ['联网监督', 'Networked monitoring'],
    steps: [
      ['connect_data', '接入数据', 'Connect the data'],
      ['monitor', '监测预警', 'Monitor and flag'],
      ['query_body', '向有关机关询问核实', 'Query the body'],
      ['feedback', '办理反馈', 'Handling fed back'],
      ['periodic_report', '定期分析报告', 'Periodic report'],
    ],
  },
};

/** Turns a method's template data into the template schema's input: the one place the data is shaped. */
function toTemplateInput(method: Method, { name: [zh, en], steps }: Template): StepTemplateInput {
  return {
    key: method,
    method,
    name: { zh, en },
    steps: steps.map(([key, stepZh, stepEn, ...deadlines]) => ({
      key,
      title: { zh: stepZh, en: stepEn },
      deadlines: deadlines.map(([deadlineKey, deadlineZh, deadlineEn, amount, unit = 'days']) => ({
        key: deadlineKey,
        title: { zh: deadlineZh, en: deadlineEn },
        offset: { amount, unit },
      })),
    })),
  };
}

/**
 * The default template of every method, validated on first use (a typo fails loudly in tests, which read
 * them all). Parsing them when the module loads cost the board's start about 35 ms of main thread.
 */
export const DEFAULT_STEP_TEMPLATES: Readonly<Record<Method, StepTemplate>> = Object.defineProperties(
  {} as Record<Method, StepTemplate>,
  Object.fromEntries(
    METHODS.map((method) => {
      let parsed: StepTemplate | undefined;
      const get = () => (parsed ??= StepTemplate.parse(toTemplateInput(method, DEFAULTS[method])));
      return [method, { get, enumerable: true }];
    }),
  ),
);

/** The template to use for a method: the organisation's own first, else the default. */
export function stepTemplateFor(method: Method, custom: readonly StepTemplate[] = []): StepTemplate {
  return custom.find((t) => t.method === method) ?? DEFAULT_STEP_TEMPLATES[method];
}

/** The templates of a topic's main method and each add-on method, in that order, without repeats. */
export function templatesForTopic(
  topic: Pick<Topic, 'method' | 'addonMethods'>,
  custom: readonly StepTemplate[] = [],
): StepTemplate[] {
  const methods = [...new Set([topic.method, ...topic.addonMethods])];
  return methods.map((method) => stepTemplateFor(method, custom));
}
