import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { defaultLifecycleSettings, LifecycleSettings, SupervisedBody } from '@yipan/domain';
import type { Driver } from './driver';
import type {
  AuditEventRow,
  AuditStore,
  Database,
  OrgRow,
  OrgStore,
  PlanStore,
  SessionRow,
  SessionStore,
  UserStore,
} from './types';

/** The JSON list columns of an organisation, as they must read back; anything else reads as empty. */
const NameListColumn = z.array(z.string());
const SupervisedBodiesColumn = z.array(SupervisedBody);
const DetailColumn = z.record(z.string(), z.unknown());

/** Parses a JSON column with its schema; a corrupt value reads as `fallback` instead of failing the request. */
function readJson<T>(schema: z.ZodType<T>, text: string, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** The first row a query returns, or null when it returns none. */
async function firstOrNull<T>(query: PromiseLike<T[]>): Promise<T | null> {
  const [row] = await query;
  return row ?? null;
}

type OrgRecord = Driver['tables']['organisations']['$inferSelect'];

function toOrgRow(record: OrgRecord): OrgRow {
  return {
    id: record.id,
    name: record.name,
    level: record.level,
    parentId: record.parentId,
    sortOrder: record.sortOrder,
    committees: readJson(NameListColumn, record.committees, []),
    supervisedBodies: readJson(SupervisedBodiesColumn, record.supervisedBodies, []),
    reportingUnits: readJson(NameListColumn, record.reportingUnits, []),
    // '{}' (never set) and anything invalid read as the level's defaults.
    settings: readJson(LifecycleSettings, record.settings, defaultLifecycleSettings(record.level)),
  };
}

/** The relational stores, written once against the Driver shim and shared by both dialects. */
export function createStores({
  db,
  tables,
}: Driver): Pick<Database, 'orgs' | 'plans' | 'users' | 'sessions' | 'audit' | 'isEmpty'> {
  const { organisations, plans, users, memberships, sessions, auditEvents } = tables;

  const orgs: OrgStore = {
    async list() {
      const rows = await db
        .select()
        .from(organisations)
        .orderBy(asc(organisations.sortOrder), asc(organisations.id));
      return rows.map(toOrgRow);
    },
    async get(id) {
      const row = await firstOrNull(db.select().from(organisations).where(eq(organisations.id, id)));
      return row ? toOrgRow(row) : null;
    },
    async insert(org) {
      await db.insert(organisations).values({
        ...org,
        committees: JSON.stringify(org.committees),
        supervisedBodies: JSON.stringify(org.supervisedBodies),
        reportingUnits: JSON.stringify(org.reportingUnits),
        settings: JSON.stringify(org.settings ?? defaultLifecycleSettings(org.level)),
        createdAt: new Date(),
      });
    },
    async update(id, patch) {
      const { committees, supervisedBodies, reportingUnits, settings, ...plain } = patch;
      const set = {
        ...plain,
        ...(committees && { committees: JSON.stringify(committees) }),
        ...(supervisedBodies && { supervisedBodies: JSON.stringify(supervisedBodies) }),
        ...(reportingUnits && { reportingUnits: JSON.stringify(reportingUnits) }),
        ...(settings && { settings: JSON.stringify(settings) }),
      };
      if (Object.keys(set).length > 0)
        await db.update(organisations).set(set).where(eq(organisations.id, id));
      return orgs.get(id);
    },
  };

  const planStore: PlanStore = {
    list: () => db.select().from(plans).orderBy(asc(plans.orgId), desc(plans.year), asc(plans.id)),
    listByOrg: (orgId) =>
      db
        .select()
        .from(plans)
        .where(eq(plans.orgId, orgId))
        .orderBy(desc(plans.year), asc(plans.createdAt), asc(plans.id)),
    get: (id) => firstOrNull(db.select().from(plans).where(eq(plans.id, id))),
    async insert(plan) {
      const now = new Date();
      await db.insert(plans).values({ ...plan, createdAt: now, updatedAt: now });
    },
    async setStatus(id, status) {
      await db.update(plans).set({ status, updatedAt: new Date() }).where(eq(plans.id, id));
    },
  };

  const userStore: UserStore = {
    getByUsername: (username) => firstOrNull(db.select().from(users).where(eq(users.username, username))),
    get: (id) => firstOrNull(db.select().from(users).where(eq(users.id, id))),
    async getMany(ids) {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(users)
        .where(inArray(users.id, [...ids]))
        .orderBy(asc(users.username));
    },
    async insert(user) {
      await db.insert(users).values({ ...user, createdAt: new Date() });
    },
    async count() {
      const [row] = await db.select({ value: count() }).from(users);
      return Number(row?.value ?? 0);
    },
    memberships: (userId) =>
      db.select().from(memberships).where(eq(memberships.userId, userId)).orderBy(asc(memberships.orgId)),
    async membershipsIn(orgIds) {
      if (orgIds.length === 0) return [];
      return db
        .select()
        .from(memberships)
        .where(inArray(memberships.orgId, [...orgIds]))
        .orderBy(asc(memberships.orgId), asc(memberships.userId));
    },
    async addMembership(membership) {
      // Adding a membership that exists changes its role, so seeding and re-granting are idempotent.
      await db
        .insert(memberships)
        .values(membership)
        .onConflictDoUpdate({
          target: [memberships.userId, memberships.orgId],
          set: { role: membership.role },
        });
    },
    async removeMembership(userId, orgId) {
      const removed = await db
        .delete(memberships)
        .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)))
        .returning({ userId: memberships.userId });
      return removed.length > 0;
    },
  };

  const sessionStore: SessionStore = {
    async insert(session) {
      await db.insert(sessions).values(session);
    },
    get: (id) => firstOrNull(db.select().from(sessions).where(eq(sessions.id, id))),
    getByTokenHash: (tokenHash) =>
      firstOrNull(db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash))),
    async touch(id, at) {
      await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
    },
    async end(id, reason, by, at) {
      const ended = await db
        .update(sessions)
        .set({ endedAt: at, endReason: reason, endedBy: by })
        .where(and(eq(sessions.id, id), isNull(sessions.endedAt)))
        .returning({ id: sessions.id });
      return ended.length > 0;
    },
    async listOpen(userIds, notExpiredAt): Promise<SessionRow[]> {
      if (userIds.length === 0) return [];
      return db
        .select()
        .from(sessions)
        .where(
          and(
            inArray(sessions.userId, [...userIds]),
            isNull(sessions.endedAt),
            gt(sessions.expiresAt, notExpiredAt),
          ),
        )
        .orderBy(desc(sessions.lastSeenAt), asc(sessions.id));
    },
  };

  const audit: AuditStore = {
    async append(event) {
      await db.insert(auditEvents).values({ ...event, detail: JSON.stringify(event.detail) });
    },
    async list(query): Promise<AuditEventRow[]> {
      const scopes: SQL[] = [];
      if (query.orgIds.length > 0) scopes.push(inArray(auditEvents.orgId, [...query.orgIds]));
      if (query.includeUnscoped) scopes.push(isNull(auditEvents.orgId));
      if (scopes.length === 0) return [];
      const rows = await db
        .select()
        .from(auditEvents)
        .where(
          and(
            or(...scopes),
            query.kind === undefined ? undefined : eq(auditEvents.kind, query.kind),
            query.before === undefined ? undefined : lt(auditEvents.id, query.before),
          ),
        )
        .orderBy(desc(auditEvents.id))
        .limit(query.limit);
      return rows.map((row) => ({ ...row, detail: readJson(DetailColumn, row.detail, {}) }));
    },
  };

  return {
    orgs,
    plans: planStore,
    users: userStore,
    sessions: sessionStore,
    audit,
    async isEmpty() {
      const [row] = await db.select({ id: organisations.id }).from(organisations).limit(1);
      return row === undefined;
    },
  };
}
