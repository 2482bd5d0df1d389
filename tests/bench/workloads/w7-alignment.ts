import type { PendingWorkload } from '../support/workload';

/** Workload 7: the alignment matrix (API time and browser render); replace with a measurable workload once issue 6 lands. */
const workload: PendingWorkload = {
  id: 7,
  title: 'Alignment matrix',
  target: '1 city × 20 counties × 100 topics, county × 15 townships: API p50 ≤ 50 ms, render ≤ 1 s',
  pending: 'not yet measurable: feature not built (issue 6)',
};
export default workload;
