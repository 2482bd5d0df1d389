import * as Y from 'yjs';
import {
  addTopic,
  approvedVersionName,
  createPlanDoc,
  getTopic,
  idleTimer,
  isFrozen,
  linkExistingTopic,
  planDocName,
  setDecline,
  setTopicJoint,
} from '@yipan/domain';
import type { Database } from '@yipan/db';
import { hashPassword } from './auth/passwords';
import { DEFAULT_ITEM_TIMER_MS } from './meetings/MeetingService';
import { seedDemoSolicitation } from './solicitation/demoSolicitation';
import {
  DEMO_CITY_PLAN_READERS,
  DEMO_MEETINGS,
  DEMO_ORGS,
  DEMO_PASSWORD,
  DEMO_PLANS,
  DEMO_USERS,
  demoPlanId,
  demoPlanTitle,
  DEMO_YEAR,
  EMPTY_PLAN_STATUS,
  type DemoPlan,
} from './demoData';

/** Author recorded on the demo documents' first update. */
const SYSTEM_AUTHOR = 'system';
/** Creation time written into demo topics: the plans were drawn up at the start of 2021. */
const DEMO_CREATED_AT = Date.UTC(DEMO_YEAR, 0, 15);
/** When the counties answered and opened the city's plan: after its publication in March. */
const DEMO_READ_AT = Date.UTC(DEMO_YEAR, 2, 10);

/** Writes a demo plan's joint topics, links to its parent's plan and declines into its document. */
function placeOnChessboard(doc: Y.Doc, demo: DemoPlan, parentOrgId: string | null): void {
  for (const [topicId, joint] of Object.entries(demo.joint ?? {})) setTopicJoint(doc, topicId, joint);
  if (!parentOrgId) return;
  const parentPlanId = demoPlanId(parentOrgId);
  const parentTopics = DEMO_PLANS.find((plan) => plan.orgId === parentOrgId)?.topics ?? [];
  const parentDoc = createPlanDoc();
  for (const { id, topic } of parentTopics) addTopic(parentDoc, topic, { id });
  for (const link of demo.links ?? []) {
    const parent = getTopic(parentDoc, link.parentTopicId);
    if (parent) linkExistingTopic(doc, link.topicId, { ...link, parentPlanId, parent });
  }
  for (const decline of demo.declines ?? [])
    setDecline(doc, parentPlanId, decline.parentTopicId, {
      reason: decline.reason,
      declinedBy: SYSTEM_AUTHOR,
      declinedAt: DEMO_READ_AT,
    });
  parentDoc.destroy();
}

/**
 * Seeds the demo accounts (each with its own scrypt salt) when the database has no account yet and
 * holds the demo organisations; resolves whether it did.
 */
export async function seedDemoAccounts(db: Database): Promise<boolean> {
  if ((await db.users.count()) > 0) return false;
  for (const orgId of new Set(DEMO_USERS.map((user) => user.orgId)))
    if (!(await db.orgs.get(orgId))) return false;
  const hashed = await Promise.all(
    DEMO_USERS.map(async (user) => ({ user, passwordHash: await hashPassword(DEMO_PASSWORD) })),
  );
  for (const { user, passwordHash } of hashed) {
    await db.users.insert({
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      passwordHash,
    });
    await db.users.addMembership({ userId: user.id, orgId: user.orgId, role: user.role });
  }
  return true;
}

/** Seeds the demo organisations, 2021 plans (DOMAIN.md "Demo data") and accounts into an empty database. */
export async function seedDemo(db: Database): Promise<void> {
  for (const org of DEMO_ORGS) await db.orgs.insert(org);
  for (const org of DEMO_ORGS) {
    const demo = DEMO_PLANS.find((plan) => plan.orgId === org.id);
    const planId = demoPlanId(org.id);
    await db.plans.insert({
      id: planId,
      orgId: org.id,
      year: DEMO_YEAR,
      title: demoPlanTitle(org),
      status: demo?.status ?? EMPTY_PLAN_STATUS,
    });
    if (!demo) continue;
    const doc = createPlanDoc();
    for (const { id, topic } of demo.topics)
      addTopic(doc, topic, { id, author: SYSTEM_AUTHOR, now: DEMO_CREATED_AT });
    placeOnChessboard(doc, demo, org.parentId);
    const state = Y.encodeStateAsUpdate(doc);
    await db.docs.append(planDocName(planId), state, SYSTEM_AUTHOR);
    // A plan seeded approved or later has its approved text, so the difference view works on the demo.
    // No transition is recorded: nobody moved these plans, they were seeded so.
    if (isFrozen(demo.status))
      await db.lifecycle.insertVersion({
        id: `${planId}-approved`,
        planId,
        name: approvedVersionName(DEMO_YEAR),
        kind: 'approved',
        state,
        createdAt: new Date(),
        createdBy: SYSTEM_AUTHOR,
      });
    doc.destroy();
  }
  await db.docs.flush();
  for (const orgId of DEMO_CITY_PLAN_READERS) {
    const reader = DEMO_USERS.find((user) => user.orgId === orgId);
    if (reader)
      await db.planReads.record({
        planId: demoPlanId('city'),
        orgId,
        userId: reader.id,
        readAt: new Date(DEMO_READ_AT),
      });
  }
  await seedDemoSolicitation(db);
  await seedDemoAccounts(db);
  await seedDemoMeetings(db);
}

/** Seeds the scheduled demo meetings of the city (their members are demo accounts, so these come first). */
async function seedDemoMeetings(db: Database): Promise<void> {
  const userIds = new Map(DEMO_USERS.map((user) => [user.username, user.id]));
  const topicTitle = (orgId: string, topicId: string) =>
    DEMO_PLANS.find((plan) => plan.orgId === orgId)?.topics.find((topic) => topic.id === topicId)?.topic
      .title ?? '';
  for (const meeting of DEMO_MEETINGS) {
    const createdBy = userIds.get('city.admin') ?? SYSTEM_AUTHOR;
    await db.meetings.insert(
      {
        id: meeting.id,
        orgId: 'city',
        kind: meeting.kind,
        title: meeting.title,
        startsAt: new Date(meeting.startsAt),
        createdBy,
        createdAt: new Date(DEMO_CREATED_AT),
      },
      meeting.agenda.map((item, position) => ({
        id: item.id,
        meetingId: meeting.id,
        position,
        timer: idleTimer(DEFAULT_ITEM_TIMER_MS),
        ...(item.kind === 'topic'
          ? {
              kind: 'topic' as const,
              planId: demoPlanId(item.planOrgId),
              topicId: item.topicId,
              title: topicTitle(item.planOrgId, item.topicId),
            }
          : { kind: 'other' as const, planId: null, topicId: null, title: item.title }),
      })),
      meeting.members.flatMap(({ username, role }) => {
        const userId = userIds.get(username);
        return userId ? [{ meetingId: meeting.id, userId, role }] : [];
      }),
    );
  }
}
