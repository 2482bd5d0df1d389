import type { OrgLevel, PlanStatus, Role, SupervisedBody } from '@yipan/domain';

/**
 * The narrow interfaces the server uses to reach the database. The sync code sees only DocStore;
 * nothing outside this package sees SQL or Drizzle.
 */

/** Which database engine: embedded SQLite or a PostgreSQL server. */
export type Dialect = 'sqlite' | 'postgres';

/** An organisation (a standing committee's office) in the tree, with its own lists. */
export type OrgRow = {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  sortOrder: number;
  /** Committees (委室) topics can be led or assisted by. */
  committees: string[];
  /** The bodies (一府一委两院) it supervises. */
  supervisedBodies: SupervisedBody[];
  /** Departments that report to it or are inspected (承办/报告单位). */
  reportingUnits: string[];
};

/** The fields of an organisation that can change after it is created. */
export type OrgPatch = Partial<Omit<OrgRow, 'id'>>;

/** A plan's relational metadata; its content lives in the `plan:<id>` document. */
export type PlanRow = {
  id: string;
  orgId: string;
  year: number;
  title: string;
  status: PlanStatus;
  createdAt: Date;
  updatedAt: Date;
};

/** An account that signs in. */
export type UserRow = {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  createdAt: Date;
};

/** A user's role in an organisation. */
export type MembershipRow = { userId: string; orgId: string; role: Role };

/** Why a session ended before its limits. */
export type SessionEndReason = 'signed_out' | 'revoked';

/** A signed-in session; the token itself is never stored, only its SHA-256 (hex). */
export type SessionRow = {
  id: string;
  tokenHash: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The absolute limit; the idle limit runs from `lastSeenAt` and is the server's to apply. */
  expiresAt: Date;
  endedAt: Date | null;
  endReason: SessionEndReason | null;
  endedBy: string | null;
  ip: string | null;
  userAgent: string | null;
};

/** One entry of the security audit trail. */
export type AuditEventRow = {
  id: number;
  at: Date;
  actorId: string | null;
  kind: string;
  target: string | null;
  orgId: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
};

/** Filter of `AuditStore.list`: newest first. */
export type AuditQuery = {
  /** Only events of these organisations… */
  orgIds: readonly string[];
  /** …plus events that belong to no organisation (e.g. a failed sign-in of an unknown user). */
  includeUnscoped: boolean;
  kind?: string;
  /** Only events with a smaller id (paging back). */
  before?: number;
  limit: number;
};

/** What loading a document read: the compacted snapshot and the updates after it. */
export type LoadedDoc = {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Rows read from the database to produce this (snapshot row + update rows): proves loads stay O(state). */
  rowsRead: number;
};

/** One authored entry of the update log, for history and audit. */
export type DocUpdateEntry = { seq: number; author: string; createdAt: Date; update: Uint8Array };

/** Live counters of the update log, for metrics and tests. */
export type DocStoreStats = {
  /** Batches committed (each one transaction). */
  batches: number;
  /** Update rows committed. */
  rows: number;
  /** Batches that failed; their appends were rejected. */
  failedBatches: number;
  /** Snapshots written by compaction. */
  compactions: number;
};

/** Persistence of Yjs documents: an append-only authored log plus a compacted snapshot. */
export interface DocStore {
  /** Live counters of the update log. */
  readonly stats: Readonly<DocStoreStats>;
  /** Snapshot plus the tail of updates after it. */
  load(docName: string): Promise<LoadedDoc>;
  /** Queues an update for the next batch; resolves once it is committed (batches flush within a few ms). */
  append(docName: string, update: Uint8Array, author: string): Promise<void>;
  /** Commits everything queued so far (rejects if a batch failed), then waits for running compactions. */
  flush(): Promise<void>;
  /** Merges snapshot + tail into a new snapshot. The log itself is kept for the audit trail. */
  compact(docName: string): Promise<void>;
  /** The authored log, oldest first, optionally only after a sequence number. */
  history(docName: string, options?: { afterSeq?: number; limit?: number }): Promise<DocUpdateEntry[]>;
}

/** The organisation tree. */
export interface OrgStore {
  /** Every organisation, by sort order then id. */
  list(): Promise<OrgRow[]>;
  get(id: string): Promise<OrgRow | null>;
  insert(org: OrgRow): Promise<void>;
  /** Changes some fields; resolves to the changed row, or null when there is none. */
  update(id: string, patch: OrgPatch): Promise<OrgRow | null>;
}

/** Plans per organisation and their lifecycle status. */
export interface PlanStore {
  /** Every plan (a city has tens of organisations with a plan a year). */
  list(): Promise<PlanRow[]>;
  listByOrg(orgId: string): Promise<PlanRow[]>;
  get(id: string): Promise<PlanRow | null>;
  insert(plan: Omit<PlanRow, 'createdAt' | 'updatedAt'>): Promise<void>;
  setStatus(id: string, status: PlanStatus): Promise<void>;
}

/** Accounts and their memberships. */
export interface UserStore {
  getByUsername(username: string): Promise<UserRow | null>;
  get(id: string): Promise<UserRow | null>;
  /** Several users by id (missing ids are left out). */
  getMany(ids: readonly string[]): Promise<UserRow[]>;
  insert(user: Omit<UserRow, 'createdAt'>): Promise<void>;
  /** How many accounts exist (first-start checks). */
  count(): Promise<number>;
  memberships(userId: string): Promise<MembershipRow[]>;
  /** Memberships in any of the given organisations. */
  membershipsIn(orgIds: readonly string[]): Promise<MembershipRow[]>;
  /** Adds a membership, or changes the role of an existing one. */
  addMembership(membership: MembershipRow): Promise<void>;
  /** Removes a membership; resolves whether there was one. */
  removeMembership(userId: string, orgId: string): Promise<boolean>;
}

/** Signed-in sessions. */
export interface SessionStore {
  insert(session: Omit<SessionRow, 'endedAt' | 'endReason' | 'endedBy'>): Promise<void>;
  get(id: string): Promise<SessionRow | null>;
  getByTokenHash(tokenHash: string): Promise<SessionRow | null>;
  /** Records activity (the idle limit runs from it). */
  touch(id: string, at: Date): Promise<void>;
  /** Ends a session for good; resolves whether it was still open. */
  end(id: string, reason: SessionEndReason, by: string | null, at: Date): Promise<boolean>;
  /** Sessions of these users not yet ended and not past `notExpiredAt`'s absolute limit. */
  listOpen(userIds: readonly string[], notExpiredAt: Date): Promise<SessionRow[]>;
}

/** The append-only security audit trail. */
export interface AuditStore {
  append(event: Omit<AuditEventRow, 'id'>): Promise<void>;
  list(query: AuditQuery): Promise<AuditEventRow[]>;
}

/** An open database with migrations applied. */
export interface Database {
  dialect: Dialect;
  docs: DocStore;
  orgs: OrgStore;
  plans: PlanStore;
  users: UserStore;
  sessions: SessionStore;
  audit: AuditStore;
  /** True when the database holds no organisation yet (first start: seed demo data). */
  isEmpty(): Promise<boolean>;
  /** Flushes pending document updates and closes the connection. */
  close(): Promise<void>;
}

/** Options of openDatabase. */
export type OpenOptions = {
  /** Receives failures nobody awaits (automatic compaction); defaults to console.error. */
  onBackgroundError?: (error: unknown, context: { docName: string }) => void;
};

/** Where the database lives: an SQLite file, or a PostgreSQL URL. */
export type DatabaseConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
