import type { SubmitterKind, TopicSource } from '@yipan/domain';
import type { Database } from '@yipan/db';

/** The city's next-year plan, still collecting proposals, so the intake shows something on first start. */
export const DEMO_SOLICITING_PLAN = {
  id: 'city-2022',
  orgId: 'city',
  year: 2022,
  title: '示范市人大常委会2022年度监督工作计划（征集中）',
} as const;

type DemoProposal = {
  id: string;
  title: string;
  reason: string;
  problem: string;
  contact: string;
  submitterKind: SubmitterKind;
  source: TopicSource;
  submittedBy: string | null;
};

/** Invented proposals of the call for 2022: from the public, a deputy and a committee. */
const DEMO_PROPOSALS: DemoProposal[] = [
  {
    id: 'city-2022-proposal-elevators',
    title: '老旧小区加装电梯推进情况',
    reason: '多个小区居民反映加装电梯意愿强烈，但进展缓慢。',
    problem: '审批环节多、资金分摊难、低层住户意见不一。',
    contact: '张先生',
    submitterKind: 'public',
    source: 'public_solicitation',
    submittedBy: null,
  },
  {
    id: 'city-2022-proposal-childcare',
    title: '普惠托育服务体系建设',
    reason: '双职工家庭入托难、入托贵。',
    problem: '普惠性托位不足，收费偏高，监管标准不统一。',
    contact: '',
    submitterKind: 'public',
    source: 'public_solicitation',
    submittedBy: null,
  },
  {
    id: 'city-2022-proposal-elderly-care',
    title: '居家社区养老服务情况',
    reason: '代表走访中群众反映养老服务供给不足。',
    problem: '社区养老服务站点覆盖不均，专业护理人员短缺。',
    contact: '',
    submitterKind: 'deputy',
    source: 'deputy_suggestions',
    submittedBy: 'user-city-deputy',
  },
  {
    id: 'city-2022-proposal-water',
    title: '《水污染防治法》实施情况执法检查',
    reason: '城建环资委年度调研发现部分河段水质反弹。',
    problem: '工业园区污水收集处理设施短板，农村生活污水治理滞后。',
    contact: '',
    submitterKind: 'committee',
    source: 'committee_research',
    submittedBy: 'user-city-editor',
  },
];

/** When the demo proposals arrived: the call for 2022 ran in the autumn of 2021. */
const DEMO_RECEIVED_AT = Date.UTC(2021, 9, 20);
/** Time between two demo proposals (an hour), so they list in a stable order. */
const DEMO_SPACING_MS = 60 * 60 * 1000;

/** Seeds the soliciting 2022 city plan and its received proposals (part of the first-start demo). */
export async function seedDemoSolicitation(db: Database): Promise<void> {
  if (!(await db.orgs.get(DEMO_SOLICITING_PLAN.orgId)) || (await db.plans.get(DEMO_SOLICITING_PLAN.id)))
    return;
  await db.plans.insert({ ...DEMO_SOLICITING_PLAN, status: 'soliciting' });
  for (const [index, proposal] of DEMO_PROPOSALS.entries())
    await db.proposals.insert({
      ...proposal,
      planId: DEMO_SOLICITING_PLAN.id,
      createdAt: new Date(DEMO_RECEIVED_AT + index * DEMO_SPACING_MS),
    });
}
