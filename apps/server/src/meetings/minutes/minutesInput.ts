import { can, getTopic, planDocName, voteResult, type Actor } from '@yipan/domain';
import type { Database, MeetingRow, PlanRow } from '@yipan/db';
import type { SyncServer } from '../../sync/SyncServer';
import { loadOrgTree, type OrgTree } from '../../auth/orgTree';
import { planHistory } from '../../history/planHistory';
import type { MinutesInput } from './draftMinutes';

/**
 * History entries read per agenda plan to find the changes made during the meeting. Minutes are drafted
 * during or soon after the meeting, so the changes since it ended are few; these newest ones reach back
 * over a whole meeting of heavy editing.
 */
const HISTORY_SCAN_LIMIT = 2_000;
/** What an agenda item shows when the drafter may not read its plan (membership changed since it was set). */
const UNREADABLE_TITLE = '（无权查看）';

/** What gathering needs: the database and the documents (for current topic titles). */
export type MinutesSources = { db: Database; docs: Pick<SyncServer, 'readDoc'> };

/**
 * Collects what the draft says about a meeting, as `drafter` may see it: members by role with their
 * organisations, the agenda with current titles (a plan the drafter may not read shows only 无权查看 and
 * its changes are left out), decisions, closed votes with their results from the tallies only (never who
 * chose what), and the agenda plans' changes between the meeting's start and its end (or now).
 */
export async function gatherMinutesInput(
  sources: MinutesSources,
  meeting: MeetingRow,
  drafter: Actor,
  now: Date,
): Promise<MinutesInput> {
  const { db } = sources;
  const tree = await loadOrgTree(db);
  const [memberRows, agendaRows, decisionRows, voteRows] = await Promise.all([
    db.meetings.members(meeting.id),
    db.meetings.agenda(meeting.id),
    db.meetings.decisions(meeting.id),
    db.meetings.votes(meeting.id),
  ]);

  const plans = new Map<string, PlanRow>();
  for (const planId of new Set(agendaRows.flatMap((item) => (item.planId ? [item.planId] : [])))) {
    const plan = await db.plans.get(planId);
    if (plan && readable(drafter, plan, tree)) plans.set(planId, plan);
  }

  const agenda: MinutesInput['agenda'][number][] = [];
  for (const item of agendaRows) {
    const plan = item.planId ? plans.get(item.planId) : undefined;
    if (item.planId && !plan) {
      agenda.push({ id: item.id, title: UNREADABLE_TITLE, orgName: null });
      continue;
    }
    // Items from other levels' plans name their organisation (a county's topic at a city symposium).
    const orgName = plan && plan.orgId !== meeting.orgId ? (tree.byId.get(plan.orgId)?.name ?? null) : null;
    agenda.push({ id: item.id, title: await currentTitle(sources, item, plan), orgName });
  }

  const closed = voteRows.filter((vote) => vote.status === 'closed');
  const votes: MinutesInput['votes'][number][] = [];
  for (const vote of closed) {
    const [tally, ballots] = await Promise.all([db.meetings.tally(vote.id), db.meetings.ballots(vote.id)]);
    votes.push({
      spec: vote.spec,
      ballotCount: ballots.length,
      eligibleCount: vote.eligibleCount,
      result: voteResult(vote.spec, tally),
    });
  }

  return {
    title: meeting.title,
    kind: meeting.kind,
    orgName: tree.byId.get(meeting.orgId)?.name ?? '',
    startsAt: meeting.startsAt,
    startedAt: meeting.startedAt,
    endedAt: meeting.endedAt,
    members: await membersOf(db, tree, memberRows),
    agenda,
    decisions: decisionRows,
    votes,
    planChanges: await planChanges(db, [...plans.values()], meeting, now),
  };
}

function readable(actor: Actor, plan: PlanRow, tree: OrgTree): boolean {
  return can(actor, 'read', { kind: 'plan', orgId: plan.orgId, status: plan.status }, tree.parents);
}

/** A topic's title as the plan has it now (its snapshot when it is gone), a plan's title, or the free item's. */
async function currentTitle(
  sources: MinutesSources,
  item: { kind: 'topic' | 'plan' | 'other'; topicId: string | null; title: string },
  plan: PlanRow | undefined,
): Promise<string> {
  if (item.kind === 'topic' && plan && item.topicId) {
    const topicId = item.topicId;
    const topic = await sources.docs.readDoc(planDocName(plan.id), (doc) => getTopic(doc, topicId));
    return topic?.title ?? item.title;
  }
  if (item.kind === 'plan' && plan) return item.title || plan.title;
  return item.title;
}

/** Members with their display names and the names of their organisations. */
async function membersOf(
  db: Database,
  tree: OrgTree,
  rows: readonly { userId: string; role: MinutesInput['members'][number]['role'] }[],
): Promise<MinutesInput['members']> {
  const ids = rows.map((row) => row.userId);
  const users = new Map((await db.users.getMany(ids)).map((user) => [user.id, user]));
  const wanted = new Set(ids);
  const orgNames = new Map<string, string[]>();
  for (const membership of await db.users.membershipsIn(tree.orgs.map((org) => org.id))) {
    if (!wanted.has(membership.userId)) continue;
    const name = tree.byId.get(membership.orgId)?.name;
    if (name) orgNames.set(membership.userId, [...(orgNames.get(membership.userId) ?? []), name]);
  }
  return rows.map((row) => ({
    displayName: users.get(row.userId)?.displayName ?? row.userId,
    orgNames: orgNames.get(row.userId) ?? [],
    role: row.role,
  }));
}

/** Each plan's changes from the meeting's start to its end (or now), oldest first; none before it started. */
async function planChanges(
  db: Database,
  plans: readonly PlanRow[],
  meeting: MeetingRow,
  now: Date,
): Promise<MinutesInput['planChanges']> {
  const from = meeting.startedAt;
  if (!from) return [];
  const to = meeting.endedAt ?? now;
  const result: MinutesInput['planChanges'][number][] = [];
  for (const plan of plans) {
    const history = await planHistory(db, plan.id, HISTORY_SCAN_LIMIT);
    const entries = history
      .filter((entry) => {
        const at = Date.parse(entry.at);
        return at >= from.getTime() && at <= to.getTime();
      })
      .reverse()
      .map((entry) => ({ at: new Date(entry.at), author: entry.author.displayName, changes: entry.changes }));
    result.push({ planTitle: plan.title, entries });
  }
  return result;
}
