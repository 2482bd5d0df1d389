import { asc, desc, eq } from 'drizzle-orm';
import type { Driver } from './driver';
import type { OrgStore, PlanStore, UserStore } from './types';

/** The relational stores, written once against the Driver shim and shared by both dialects. */
export function createStores({ db, tables }: Driver): {
  orgs: OrgStore;
  plans: PlanStore;
  users: UserStore;
  isEmpty(): Promise<boolean>;
} {
  const { organisations, plans, users, memberships } = tables;
  const orgColumns = {
    id: organisations.id,
    name: organisations.name,
    level: organisations.level,
    parentId: organisations.parentId,
    sortOrder: organisations.sortOrder,
  };

  const orgs: OrgStore = {
    list: () =>
      db.select(orgColumns).from(organisations).orderBy(asc(organisations.sortOrder), asc(organisations.id)),
    async get(id) {
      const [row] = await db.select(orgColumns).from(organisations).where(eq(organisations.id, id));
      return row ?? null;
    },
    async insert(org) {
      await db.insert(organisations).values({ ...org, createdAt: new Date() });
    },
  };

  const planStore: PlanStore = {
    listByOrg: (orgId) =>
      db
        .select()
        .from(plans)
        .where(eq(plans.orgId, orgId))
        .orderBy(desc(plans.year), asc(plans.createdAt), asc(plans.id)),
    async get(id) {
      const [row] = await db.select().from(plans).where(eq(plans.id, id));
      return row ?? null;
    },
    async insert(plan) {
      const now = new Date();
      await db.insert(plans).values({ ...plan, createdAt: now, updatedAt: now });
    },
    async setStatus(id, status) {
      await db.update(plans).set({ status, updatedAt: new Date() }).where(eq(plans.id, id));
    },
  };

  const userStore: UserStore = {
    async getByUsername(username) {
      const [row] = await db.select().from(users).where(eq(users.username, username));
      return row ?? null;
    },
    async get(id) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ?? null;
    },
    async insert(user) {
      await db.insert(users).values({ ...user, createdAt: new Date() });
    },
    memberships: (userId) =>
      db.select().from(memberships).where(eq(memberships.userId, userId)).orderBy(asc(memberships.orgId)),
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
  };

  return {
    orgs,
    plans: planStore,
    users: userStore,
    async isEmpty() {
      const [row] = await db.select({ id: organisations.id }).from(organisations).limit(1);
      return row === undefined;
    },
  };
}
