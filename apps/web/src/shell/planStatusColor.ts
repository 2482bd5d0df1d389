import type { PlanStatus } from '@yipan/domain';

/** Tag colour of a plan status: gold while being drawn up, blue once adopted, green while carried out. */
export function planStatusColor(status: PlanStatus): string {
  switch (status) {
    case 'soliciting':
    case 'collating':
    case 'consulting_bodies':
    case 'party_review':
      return 'gold';
    case 'approved':
    case 'published':
      return 'blue';
    case 'executing':
      return 'green';
    case 'year_review':
    case 'archived':
      return 'default';
  }
}
