import type {
  ApprovingBody,
  Ballot,
  DisclosureSettings,
  DecisionKind,
  MeetingKind,
  MeetingRole,
  MeetingStatus,
  TimerState,
  VoteSpec,
  LifecycleSettings,
  Method,
  OrgLevel,
  PlanStatus,
  ProposalIntakeState,
  Role,
  StepTemplate,
  SubmitterKind,
  SupervisedBody,
  TopicSource,
} from '@yipan/domain';

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
  /** How it runs its plan lifecycle; defaultLifecycleSettings(level) until set. */
  settings: LifecycleSettings;
};

/** An organisation to insert; without settings it gets its level's defaults. */
export type NewOrgRow = Omit<OrgRow, 'settings'> & { settings?: LifecycleSettings };

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
  /** Batches that failed: refused ones rejected their appends, ones the database was unreachable for were retried. */
  failedBatches: number;
  /** Snapshots written by compaction. */
  compactions: number;
  /** Compactions left to another process, which held the document's lock (PostgreSQL). */
  compactionsSkipped: number;
  /** Updates appended and not yet committed (waiting for their batch, or for the database to return). */
  queued: number;
};

/**
 * The update log's health, for `/api/health`: whether batches are committing, and what waits in memory
 * meanwhile. Carries no error messages (they may name hosts or users), only the error's code.
 */
export type DocStoreHealth = {
  /** False while the database is unreachable and batches are being retried. */
  ok: boolean;
  /** Updates not yet committed. */
  queued: number;
  /** Milliseconds the oldest of them has waited; null when none waits. */
  oldestQueuedMs: number | null;
  /** The code of the failure being retried (`ECONNREFUSED`, `57P01`…); null when writes succeed. */
  lastError: string | null;
};

/** Persistence of Yjs documents: an append-only authored log plus a compacted snapshot. */
export interface DocStore {
  /** Live counters of the update log. */
  readonly stats: Readonly<DocStoreStats>;
  /** Snapshot plus the tail of updates after it. */
  load(docName: string): Promise<LoadedDoc>;
  /**
   * Queues an update for the next batch; resolves once it is committed (batches flush within a few ms).
   * Rejects only if the database refused the batch; while it is unreachable the update waits and is retried.
   */
  append(docName: string, update: Uint8Array, author: string): Promise<void>;
  /**
   * Commits everything queued so far (rejects if a batch was refused), then waits for running compactions.
   * While the database is unreachable it waits for it to return.
   */
  flush(): Promise<void>;
  /** Whether updates are being committed, and how many wait in memory. */
  health(): DocStoreHealth;
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
  insert(org: NewOrgRow): Promise<void>;
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

/** A topic of a plan document, projected for cross-plan queries (DESIGN.md truth 3). */
export type ProjectedTopic = {
  planId: string;
  topicId: string;
  orgId: string;
  /** 0-based place in board order (archived topics included). */
  position: number;
  title: string;
  method: string;
  supervisedBody: string;
  leadCommittee: string;
  reportingUnit: string;
  month: number | null;
  session: number | null;
  sessionDate: string | null;
  archived: boolean;
  /** A joint topic (联动) that expects answers of the child organisations. */
  joint: boolean;
  /** The whole topic as read from the document. */
  fields: Record<string, unknown>;
};

/** A step of a topic, projected. `title` is the step's Chinese title. */
export type ProjectedStep = {
  planId: string;
  topicId: string;
  stepId: string;
  position: number;
  templateKey: string;
  title: string;
  state: string;
  date: string | null;
  dueDate: string | null;
  owner: string;
};

/** Satisfaction counts of a rated item. */
export type ProjectedRating = { satisfied: number; basicallySatisfied: number; unsatisfied: number };

/** A rectification item of a topic's opinion, projected. */
export type ProjectedItem = {
  planId: string;
  topicId: string;
  itemId: string;
  orgId: string;
  position: number;
  content: string;
  responsibleBody: string;
  deadline: string | null;
  state: string;
  rating: ProjectedRating | null;
  closedAt: Date | null;
  closedBy: string;
};

/** A link of a child topic to a higher level's topic (parent ids set) or to an external one (`external` set). */
export type ProjectedLink = {
  planId: string;
  topicId: string;
  orgId: string;
  position: number;
  parentPlanId: string | null;
  parentTopicId: string | null;
  mode: string;
  contributes: boolean;
  primary: boolean;
  external: { title: string; year: number; source: string } | null;
  /** The parent fields the link last acknowledged (domain UpstreamFields); null when it never did. */
  seen: Record<string, unknown> | null;
};

/** What a joint topic expects of one child organisation. */
export type ProjectedExpectation = {
  planId: string;
  topicId: string;
  childOrgId: string;
  level: string;
  neededBy: string | null;
};

/** A child plan's decline of a parent topic. */
export type ProjectedDecline = {
  planId: string;
  orgId: string;
  parentPlanId: string;
  parentTopicId: string;
  reason: string;
  declinedBy: string;
  declinedAt: Date;
};

/** Every projected row of one plan (or of several, or of all plans). */
export type PlanProjection = {
  topics: ProjectedTopic[];
  steps: ProjectedStep[];
  items: ProjectedItem[];
  links: ProjectedLink[];
  expectations: ProjectedExpectation[];
  declines: ProjectedDecline[];
};

/** A topic with the counts of its steps and items, for matrices and dashboards (no per-row detail). */
export type TopicSummary = Omit<ProjectedTopic, 'fields'> & {
  stepsTotal: number;
  /** Done or skipped. */
  stepsFinished: number;
  /** Anything but not started. */
  stepsStarted: number;
  itemsTotal: number;
  itemsClosed: number;
  itemsRated: number;
};

/**
 * The relational projection of plan documents: derived rows, rewritten plan by plan from the
 * documents and rebuildable at any time; never the source of truth.
 */
export interface ProjectionStore {
  /** Replaces every row of one plan with `rows`, in one transaction. */
  replacePlan(planId: string, rows: PlanProjection): Promise<void>;
  /** One plan's rows, in board order. */
  plan(planId: string): Promise<PlanProjection>;
  /** Every row of every plan (rebuild checks, exports). */
  all(): Promise<PlanProjection>;
  /** The rectification items of these plans, by plan, topic and position. */
  itemsOfPlans(planIds: readonly string[]): Promise<ProjectedItem[]>;
  /** The topics of these plans with step and item counts, by plan and position (one grouped query each). */
  topicSummaries(planIds: readonly string[]): Promise<TopicSummary[]>;
  /** The links of these plans' topics. */
  linksOfPlans(planIds: readonly string[]): Promise<ProjectedLink[]>;
  /** Every link pointing at a topic of these parent plans (from any child plan). */
  linksToPlans(parentPlanIds: readonly string[]): Promise<ProjectedLink[]>;
  /** The expectations of these plans' joint topics. */
  expectationsOfPlans(planIds: readonly string[]): Promise<ProjectedExpectation[]>;
  /** The declines made by these (child) plans. */
  declinesOfPlans(planIds: readonly string[]): Promise<ProjectedDecline[]>;
  /** Whether no plan has been projected yet (first start, or after `clear`). */
  isEmpty(): Promise<boolean>;
  /** Deletes every projected row. */
  clear(): Promise<void>;
}

/** A notification as stored; `detail` is validated by the caller. */
export type NotificationRow = {
  id: number;
  userId: string;
  kind: string;
  planId: string | null;
  detail: Record<string, unknown>;
  dedupeKey: string | null;
  createdAt: Date;
  readAt: Date | null;
};

/** Users' in-app notifications. */
export interface NotificationStore {
  /** Stores notifications; one whose user already has its dedupe key is skipped. Resolves the stored ones. */
  add(rows: readonly Omit<NotificationRow, 'id' | 'readAt'>[]): Promise<NotificationRow[]>;
  /** A user's notifications, newest first; `beforeId` pages back. */
  list(userId: string, options: { limit: number; beforeId?: number }): Promise<NotificationRow[]>;
  unreadCount(userId: string): Promise<number>;
  /** Marks some (or, with 'all', every) unread notification of the user read; resolves how many changed. */
  markRead(userId: string, ids: readonly number[] | 'all', at: Date): Promise<number>;
}

/** A read receipt (已阅): the first time a member of an organisation opened a published plan. */
export type PlanReadRow = { planId: string; orgId: string; userId: string; readAt: Date };

export interface PlanReadStore {
  /** Records the receipt unless the organisation already has one for the plan; resolves whether it was new. */
  record(row: PlanReadRow): Promise<boolean>;
  ofPlan(planId: string): Promise<PlanReadRow[]>;
}

/** One recorded lifecycle transition of a plan. */
export type PlanTransitionRow = {
  id: number;
  planId: string;
  fromStatus: PlanStatus;
  toStatus: PlanStatus;
  note: string;
  actorId: string;
  at: Date;
};

/**
 * Kinds of stored plan versions: `approved` (frozen on approval) and `manual` are named versions users
 * see; `adjustment_base` is the state a plan had when an adjustment opened, kept to compute what it changed.
 */
export type DocVersionKind = 'approved' | 'manual' | 'adjustment_base';

/** A stored plan version without its state. */
export type DocVersionInfo = {
  id: string;
  planId: string;
  name: string;
  kind: DocVersionKind;
  createdAt: Date;
  createdBy: string;
};

/** A stored plan version: a full Yjs state (Y.encodeStateAsUpdate). */
export type DocVersionRow = DocVersionInfo & { state: Uint8Array };

/** An adjustment (计划调整) of a frozen plan as stored. `changes` is JSON validated by the reader. */
export type PlanAdjustmentRow = {
  id: string;
  planId: string;
  reason: string;
  decidedBy: ApprovingBody;
  meeting: string;
  decidedOn: string;
  state: 'open' | 'closed';
  openedBy: string;
  openedAt: Date;
  closedAt: Date | null;
  changes: unknown[];
};

/** The lifecycle records of plans: transitions, named versions and adjustments. */
export interface LifecycleStore {
  /**
   * Moves a plan from `from` to `to` and records the transition, only if the plan is still in `from`
   * (a compare-and-set, so two concurrent moves cannot both succeed); resolves to the record, or null.
   */
  transition(entry: Omit<PlanTransitionRow, 'id'>): Promise<PlanTransitionRow | null>;
  /** A plan's transitions, oldest first. */
  transitions(planId: string): Promise<PlanTransitionRow[]>;
  insertVersion(version: DocVersionRow): Promise<void>;
  /** A plan's versions of the given kinds, newest first, without their states. */
  versions(planId: string, kinds: readonly DocVersionKind[]): Promise<DocVersionInfo[]>;
  /** One version of a plan with its state, or null. */
  version(planId: string, versionId: string): Promise<DocVersionRow | null>;
  insertAdjustment(adjustment: PlanAdjustmentRow): Promise<void>;
  /** A plan's adjustments, newest first. */
  adjustments(planId: string): Promise<PlanAdjustmentRow[]>;
  /** Every open adjustment of every plan (rooms load them to know who may edit a frozen plan). */
  openAdjustments(): Promise<PlanAdjustmentRow[]>;
  /** Closes an open adjustment with what it changed; resolves to the closed row, or null if it was not open. */
  closeAdjustment(id: string, closedAt: Date, changes: unknown[]): Promise<PlanAdjustmentRow | null>;
}

/** An organisation's own step template of one method, as stored. */
export type StepTemplateRow = {
  orgId: string;
  method: Method;
  template: StepTemplate;
  updatedAt: Date;
  updatedBy: string;
};

/** The step templates organisations keep instead of the defaults: at most one per method. */
export interface StepTemplateStore {
  /** An organisation's own templates (a stored template that no longer validates is left out). */
  listByOrg(orgId: string): Promise<StepTemplateRow[]>;
  /** Stores or replaces the organisation's template of `row.method`. */
  put(row: StepTemplateRow): Promise<void>;
  /** Removes the organisation's template of a method; resolves whether there was one. */
  remove(orgId: string, method: Method): Promise<boolean>;
}

/** A solicitation proposal (征集) and the office's decision on it. */
export type ProposalRow = {
  id: string;
  planId: string;
  title: string;
  reason: string;
  problem: string;
  /** Empty when none was given. */
  contact: string;
  submitterKind: SubmitterKind;
  source: TopicSource;
  /** The signed-in submitter; null for the public form. */
  submittedBy: string | null;
  state: ProposalIntakeState;
  rank: number | null;
  mergedInto: string | null;
  topicId: string | null;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
};

/** A decision as the store records it (validated by the domain's ProposalDecision first). */
export type ProposalDecisionRecord = {
  state: Exclude<ProposalIntakeState, 'received'>;
  mergedInto?: string;
  topicId?: string;
  reason?: string;
  decidedBy: string;
  decidedAt: Date;
};

/** Proposals received while a plan solicits, and the office's intake. */
export interface ProposalStore {
  insert(
    proposal: Omit<
      ProposalRow,
      'state' | 'rank' | 'mergedInto' | 'topicId' | 'decisionReason' | 'decidedBy' | 'decidedAt'
    >,
  ): Promise<void>;
  get(planId: string, id: string): Promise<ProposalRow | null>;
  /** A plan's proposals: received ones by rank (unranked last), then the decided ones. */
  listByPlan(planId: string): Promise<ProposalRow[]>;
  /** Sets the ranks of received proposals (others are left alone). */
  setRanks(planId: string, ranks: ReadonlyMap<string, number>): Promise<void>;
  /** Records a decision on a received proposal; null when it was not (or no longer) received. */
  decide(planId: string, id: string, decision: ProposalDecisionRecord): Promise<ProposalRow | null>;
  /** Takes a decision back (only when carrying it out failed). */
  reopen(planId: string, id: string): Promise<void>;
}

/** A meeting as stored; its live focus is here too. */
export type MeetingRow = {
  id: string;
  orgId: string;
  kind: MeetingKind;
  title: string;
  startsAt: Date;
  status: MeetingStatus;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  focusItemId: string | null;
  focusSeq: number;
};

/** A meeting to insert: it starts scheduled, with no focus. */
export type NewMeetingRow = Omit<MeetingRow, 'status' | 'startedAt' | 'endedAt' | 'focusItemId' | 'focusSeq'>;

/** The fields of a meeting that change through setup and transitions. */
export type MeetingPatch = Partial<
  Pick<MeetingRow, 'kind' | 'title' | 'startsAt' | 'status' | 'startedAt' | 'endedAt'>
>;

export type MeetingMemberRow = { meetingId: string; userId: string; role: MeetingRole };

/** An agenda item with its timer; `title` is the free item's title or the snapshot of the topic's or plan's. */
export type AgendaItemRow = {
  id: string;
  meetingId: string;
  position: number;
  kind: 'topic' | 'plan' | 'other';
  planId: string | null;
  topicId: string | null;
  title: string;
  timer: TimerState;
};

export type RaisedHandRow = { meetingId: string; userId: string; raisedAt: Date };

export type VoteRow = {
  id: string;
  meetingId: string;
  spec: VoteSpec;
  status: 'open' | 'closed';
  eligibleCount: number;
  openedBy: string;
  openedAt: Date;
  closedAt: Date | null;
};

/** A voter's row: `ballot` is null for an anonymous vote (only the fact that they voted is kept). */
export type BallotRow = { voteId: string; userId: string; ballot: Ballot | null };

export type DecisionRow = {
  id: string;
  meetingId: string;
  itemId: string;
  kind: DecisionKind;
  assignee: string | null;
  note: string;
  recordedBy: string;
  recordedAt: Date;
};

/** Meetings, their agenda, members, live state, votes, ballots and decisions. */
export interface MeetingStore {
  /** Inserts a meeting with its agenda and members, in one transaction. */
  insert(
    meeting: NewMeetingRow,
    agenda: readonly AgendaItemRow[],
    members: readonly MeetingMemberRow[],
  ): Promise<void>;
  get(id: string): Promise<MeetingRow | null>;
  /** Meetings the user is a member of or that belong to one of `orgIds`, by start time (newest first). */
  listFor(userId: string, orgIds: readonly string[]): Promise<MeetingRow[]>;
  /** Changes some fields; resolves to the changed row, or null when there is none. */
  update(id: string, patch: MeetingPatch): Promise<MeetingRow | null>;
  /**
   * Changes the status (and `patch`) only if it is `from` now; null when it is not (or there is no such
   * meeting), so that two server processes never both start or end a meeting.
   */
  transition(id: string, from: MeetingStatus, patch: MeetingPatch): Promise<MeetingRow | null>;
  /** Moves the focus and increments its sequence number atomically; resolves the new sequence number. */
  setFocus(id: string, itemId: string | null): Promise<number>;
  members(meetingId: string): Promise<MeetingMemberRow[]>;
  /** The user's role in the meeting, or null. */
  memberRole(meetingId: string, userId: string): Promise<MeetingRole | null>;
  /** Replaces every member, in one transaction. */
  replaceMembers(meetingId: string, members: readonly MeetingMemberRow[]): Promise<void>;
  /** The agenda in order. */
  agenda(meetingId: string): Promise<AgendaItemRow[]>;
  /** Replaces the whole agenda (ids, order, titles and timers as given), in one transaction. */
  replaceAgenda(meetingId: string, items: readonly AgendaItemRow[]): Promise<void>;
  /** Agenda items (of any meeting) about the plan, for its topics' meeting records. */
  agendaItemsOfPlan(planId: string): Promise<AgendaItemRow[]>;
  setTimer(itemId: string, timer: TimerState): Promise<void>;
  /** Raised hands, oldest first. */
  hands(meetingId: string): Promise<RaisedHandRow[]>;
  /** Raises a hand; false when it was raised already (its place in the queue is kept). */
  raiseHand(row: RaisedHandRow): Promise<boolean>;
  /** Lowers one user's hand, or every hand; resolves how many were lowered. */
  lowerHands(meetingId: string, userId?: string): Promise<number>;
  /** The meeting's votes, oldest first. */
  votes(meetingId: string): Promise<VoteRow[]>;
  getVote(voteId: string): Promise<VoteRow | null>;
  /** Inserts an open vote; false when the meeting already has one (one open vote per meeting, in the schema). */
  insertVote(row: Omit<VoteRow, 'status' | 'closedAt'>): Promise<boolean>;
  /** Closes an open vote; null when it was not open (already closed, or unknown). */
  closeVote(voteId: string, at: Date): Promise<VoteRow | null>;
  /**
   * Records a ballot and adds `increments` to the vote's tallies in one transaction; `already_voted`
   * (and nothing written) when the user has a ballot for this vote; `closed` (nothing written) when the
   * vote is not open (closed meanwhile, or unknown): a ballot racing the close is never half counted.
   */
  castBallot(
    row: BallotRow,
    increments: Readonly<Record<string, number>>,
  ): Promise<'cast' | 'already_voted' | 'closed'>;
  /** The vote's ballot rows (anonymous ones without their ballot). */
  ballots(voteId: string): Promise<BallotRow[]>;
  /** The user's ballot rows in the meeting's votes (for their reconnection). */
  ballotsOf(meetingId: string, userId: string): Promise<BallotRow[]>;
  /** Counts per option key. */
  tally(voteId: string): Promise<Record<string, number>>;
  decisions(meetingId: string): Promise<DecisionRow[]>;
  /** Decisions on any of these agenda items. */
  decisionsOnItems(itemIds: readonly string[]): Promise<DecisionRow[]>;
  insertDecision(row: DecisionRow): Promise<void>;
  /** Deletes a decision; resolves whether there was one. */
  deleteDecision(meetingId: string, id: string): Promise<boolean>;
}

/** An organisation's stored choice of public fields. */
export type DisclosureRow = {
  orgId: string;
  settings: DisclosureSettings;
  updatedAt: Date;
  updatedBy: string;
};

/** What the public site reads besides the projection: the organisations' public fields and publication dates. */
export interface DisclosureStore {
  /** An organisation's stored choice, or null while it keeps the defaults. */
  get(orgId: string): Promise<DisclosureRow | null>;
  /** Every stored choice (the index and the feed show every organisation). */
  list(): Promise<DisclosureRow[]>;
  /** Stores or replaces an organisation's choice. */
  put(row: DisclosureRow): Promise<void>;
  /** When each of these plans was first published (its first transition to `published`); plans never moved there are left out. */
  publishedAt(planIds: readonly string[]): Promise<Map<string, Date>>;
  /** How many topics (archived ones left out) each of these plans has in the projection. */
  topicCounts(planIds: readonly string[]): Promise<Map<string, number>>;
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
  /** Plan transitions, named versions and adjustments. */
  lifecycle: LifecycleStore;
  /** The relational projection of plan documents. */
  projection: ProjectionStore;
  notifications: NotificationStore;
  planReads: PlanReadStore;
  /** Organisations' own method step templates. */
  stepTemplates: StepTemplateStore;
  /** Solicitation proposals and their intake. */
  proposals: ProposalStore;
  /** Meetings and their live state. */
  meetings: MeetingStore;
  /** Public disclosure: organisations' public fields, publication dates. */
  disclosures: DisclosureStore;
  /** True when the database holds no organisation yet (first start: seed demo data). */
  isEmpty(): Promise<boolean>;
  /** One round trip to the database (health checks); rejects when it cannot be reached. */
  ping(): Promise<void>;
  /** Flushes pending document updates and closes the connection. */
  close(): Promise<void>;
}

/** Options of openDatabase. */
export type OpenOptions = {
  /** Receives failures nobody awaits (automatic compaction); defaults to console.error. */
  onBackgroundError?: (error: unknown, context: { docName: string }) => void;
  /**
   * Hears the update log stop committing because the database is unreachable (`ok: false`, updates are
   * kept and retried) and start again (`ok: true`, the first batch committed; `queued` are still to
   * follow), once per change.
   */
  onPersistenceChange?: (health: DocStoreHealth) => void;
};

/** Where the database lives: an SQLite file, or a PostgreSQL URL. */
export type DatabaseConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
