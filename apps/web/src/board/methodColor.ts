import type { Method } from '@yipan/domain';
import type { CardTagColor } from './CardTag';

/** antd preset colours per method family, so that a month column can be scanned by kind of supervision. */
const FAMILY_COLORS = {
  report: 'geekblue',
  finance: 'gold',
  inspection: 'green',
  inquiry: 'purple',
  field: 'orange',
  appraisal: 'magenta',
  review: 'cyan',
} as const satisfies Record<string, CardTagColor>;

const METHOD_FAMILY: Record<Method, keyof typeof FAMILY_COLORS> = {
  special_report: 'report',
  final_accounts: 'finance',
  plan_exec: 'finance',
  budget_exec: 'finance',
  audit_report: 'finance',
  audit_rectification: 'finance',
  state_assets_report: 'finance',
  debt_report: 'finance',
  environment_report: 'report',
  law_inspection: 'inspection',
  filing_review: 'review',
  inquiry: 'inquiry',
  special_inquiry: 'inquiry',
  interpellation: 'inquiry',
  special_investigation: 'inquiry',
  removal_case: 'inquiry',
  visit: 'field',
  research: 'field',
  satisfaction_vote: 'appraisal',
  work_appraisal: 'appraisal',
  follow_up: 'review',
  networked_monitoring: 'review',
};

/** The tag colour of a method. */
export function methodColor(method: Method): CardTagColor {
  return FAMILY_COLORS[METHOD_FAMILY[method]];
}
