import type { OrgLevel, PlanStatus, Role } from '@yipan/domain';

/**
 * The narrow interfaces the server uses to reach the database. The sync code sees only DocStore;
 * nothing outside this package sees SQL or Drizzle.
 */

/** Which database engine: embedded SQLite or a PostgreSQL server. */
export type Dialect = 'sqlite' | 'postgres';

/** An organisation (a standing committee's office) in the tree. */
export type OrgRow = {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  sortOrder: number;
};

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
  list(): Promise<OrgRow[]>;
  get(id: string): Promise<OrgRow | null>;
  insert(org: OrgRow): Promise<void>;
}

/** Plans per organisation and their lifecycle status. */
export interface PlanStore {
  listByOrg(orgId: string): Promise<PlanRow[]>;
  get(id: string): Promise<PlanRow | null>;
  insert(plan: Omit<PlanRow, 'createdAt' | 'updatedAt'>): Promise<void>;
  setStatus(id: string, status: PlanStatus): Promise<void>;
}

/** Accounts and their memberships. */
export interface UserStore {
  getByUsername(username: string): Promise<UserRow | null>;
  get(id: string): Promise<UserRow | null>;
  insert(user: Omit<UserRow, 'createdAt'>): Promise<void>;
  memberships(userId: string): Promise<MembershipRow[]>;
  addMembership(membership: MembershipRow): Promise<void>;
}

/** An open database with migrations applied. */
export interface Database {
  dialect: Dialect;
  docs: DocStore;
  orgs: OrgStore;
  plans: PlanStore;
  users: UserStore;
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
