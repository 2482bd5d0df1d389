import type { PendingWorkload } from '../support/workload';

/** Workload 8: meetings over socket.io (focus broadcasts, a dot vote); replace with a measurable workload once issue 7 lands. */
const workload: PendingWorkload = {
  id: 8,
  title: 'Meeting of 300 participants',
  target: 'focus changes and a dot vote of 300 ballots: broadcast p99 ≤ 100 ms, close-and-tally ≤ 1 s',
  pending: 'not yet measurable: feature not built (issue 7)',
};
export default workload;
