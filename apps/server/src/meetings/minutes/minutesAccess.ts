import { can, MINUTES_ROLES, type Actor, type MeetingRole } from '@yipan/domain';
import type { Database, MeetingRow } from '@yipan/db';
import { loadOrgTree } from '../../auth/orgTree';

/** What a caller may do with a meeting's minutes, and why. */
export type MinutesAccess = {
  meeting: MeetingRow;
  /** The caller's role in the meeting, or null for an organiser who is not in it (or an outsider). */
  role: MeetingRole | null;
  /** Facilitators and secretaries write; other members and the organisers read; anyone else nothing. */
  granted: 'write' | 'read' | 'none';
};

/**
 * Who may open a meeting's minutes (纪要), the one rule for `/yjs/minutes:<id>` and the minutes routes:
 * its facilitators and secretaries edit them, its other members and the organisers of its organisation
 * (`organise_meetings`) read them, nobody else sees them. Null when there is no such meeting.
 */
export async function minutesAccess(
  db: Database,
  actor: Actor,
  meetingId: string,
): Promise<MinutesAccess | null> {
  const meeting = await db.meetings.get(meetingId);
  if (!meeting) return null;
  if (actor === null) return { meeting, role: null, granted: 'none' };
  const role = await db.meetings.memberRole(meetingId, actor.userId);
  if (role !== null) return { meeting, role, granted: MINUTES_ROLES.has(role) ? 'write' : 'read' };
  const { parents } = await loadOrgTree(db);
  const organiser = can(actor, 'organise_meetings', { kind: 'org', orgId: meeting.orgId }, parents);
  return { meeting, role, granted: organiser ? 'read' : 'none' };
}
