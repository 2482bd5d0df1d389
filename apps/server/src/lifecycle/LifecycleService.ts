import * as Y from 'yjs';
import {
  approvedVersionName,
  archiveTopic,
  addTopic,
  checkTransition,
  diffPlans,
  isFrozen,
  lifecyclePath,
  lifecycleTransitions,
  listTopics,
  planDocName,
  restoreTopic,
  TOPIC_FIELDS,
  TRANSITION_ERROR_LABELS,
  updateTopic,
  type Adjustment,
  type LifecycleSettings,
  type PlanStatus,
  type Topic,
  type TopicDiff,
  type TopicFields,
} from '@yipan/domain';
import {
  BOARD_NAMESPACE,
  TopicDiffJson,
  type AdjustmentRecord,
  type DiffResponse,
  type LifecycleErrorCode,
  type LifecycleResponse,
  type TransitionRecord,
  type TransitionResponse,
  type UserRef,
  type VersionResponse,
  type VersionSummary,
} from '@yipan/protocol';
import type { Database, DocVersionInfo, PlanAdjustmentRow, PlanRow, PlanTransitionRow } from '@yipan/db';
import type { AuditLog } from '../auth/AuditLog';
import { randomId } from '../auth/tokens';
import { planRoom, type BoardServer } from '../board/attachBoard';
import { errorFields, type Logger } from '../createLogger';
import { HttpError } from '../http/HttpError';
import { toPlanSummary } from '../http/planRoutes';
import type { SyncServer } from '../sync/SyncServer';

/** Kinds of versions users see; `adjustment_base` rows are the lifecycle's own bookkeeping. */
const NAMED_KINDS = ['approved', 'manual'] as const;
/** Name shown for records made by the system (the demo seed) rather than a user. */
const SYSTEM_USER: UserRef = { id: 'system', displayName: '系统 / System' };

/** Bilingual messages of the lifecycle's own refusals. */
const MESSAGES: Record<LifecycleErrorCode, string> = {
  adjustment_required:
    '计划已审议通过，修改须先发起计划调整 / The plan is approved; open an adjustment first',
  adjustment_open: '本计划已有进行中的计划调整 / Another adjustment of this plan is open',
  adjustment_closed: '该计划调整已结束或不由您发起 / The adjustment is closed, or not yours',
  plan_not_frozen: '计划尚未审议通过，无须调整 / The plan is not approved yet; no adjustment is needed',
  version_not_found: '版本不存在 / Version not found',
};

/** A 409 or 404 with one of the lifecycle's codes. */
export function lifecycleError(code: LifecycleErrorCode): HttpError {
  return new HttpError(code === 'version_not_found' ? 404 : 409, code, MESSAGES[code]);
}

/** Who acts, as the service records them. */
export type ActingUser = { id: string; ip: string | null };

/** What the service needs: the database, the plan documents, socket.io and the audit trail. */
export type LifecycleDeps = {
  db: Database;
  docs: Pick<SyncServer, 'editDoc' | 'readDoc' | 'setEditPolicy'>;
  io: BoardServer;
  audit: AuditLog;
  logger: Logger;
};

/**
 * The plan lifecycle, server-authoritative (DESIGN.md truth 2): transitions recorded with who, when and
 * why; the version frozen on approval; adjustments of a frozen plan; versions compared and restored.
 * Callers (the routes) have checked access; every change of one plan runs one at a time.
 */
export class LifecycleService {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: LifecycleDeps) {}

  /** Runs `task` after every earlier task of the same plan, so two moves never race on one plan. */
  private serial<T>(planId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(planId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.catch(() => undefined);
    this.queues.set(planId, settled);
    void settled.then(() => {
      if (this.queues.get(planId) === settled) this.queues.delete(planId);
    });
    return run;
  }

  /** Where the plan stands, what `mayMove` lets the caller do next, and the recorded log. */
  async lifecycle(plan: PlanRow, settings: LifecycleSettings, mayMove: boolean): Promise<LifecycleResponse> {
    const [log, adjustments] = await Promise.all([
      this.deps.db.lifecycle.transitions(plan.id),
      this.deps.db.lifecycle.adjustments(plan.id),
    ]);
    const open = adjustments.find((row) => row.state === 'open') ?? null;
    const users = await this.userRefs([...log.map((row) => row.actorId), ...(open ? [open.openedBy] : [])]);
    return {
      status: plan.status,
      settings,
      path: lifecyclePath(settings),
      transitions: mayMove
        ? lifecycleTransitions(settings)
            .filter((t) => t.from === plan.status)
            .map((t) => ({ to: t.to, kind: t.kind, decidedBy: t.decidedBy, requiresNote: t.requiresNote }))
        : [],
      log: log.map((row) => toTransitionRecord(row, users)),
      frozen: isFrozen(plan.status),
      openAdjustment: open && toAdjustmentRecord(open, users),
    };
  }

  /**
   * Moves a plan, or refuses with the domain's stable code (409) and changes nothing. Entering `approved`
   * freezes the plan first, then saves the document as the approved version.
   */
  transition(
    planId: string,
    settings: LifecycleSettings,
    to: PlanStatus,
    note: string | undefined,
    user: ActingUser,
  ): Promise<TransitionResponse> {
    return this.serial(planId, async () => {
      const { db } = this.deps;
      const plan = await db.plans.get(planId);
      if (!plan) throw new HttpError(404, 'plan_not_found', '监督工作计划不存在 / Plan not found');
      const check = checkTransition(plan.status, to, settings, note);
      if (!check.ok) {
        const label = TRANSITION_ERROR_LABELS[check.code];
        throw new HttpError(409, check.code, `${label.zh} / ${label.en}`);
      }
      const row = await db.lifecycle.transition({
        planId,
        fromStatus: plan.status,
        toStatus: to,
        note: note?.trim() ?? '',
        actorId: user.id,
        at: new Date(),
      });
      if (!row) {
        const label = TRANSITION_ERROR_LABELS.illegal_transition;
        throw new HttpError(409, 'illegal_transition', `${label.zh} / ${label.en}`);
      }
      // Frozen before the approved text is read: no edit can slip between the two.
      await this.refreshPolicy(planId, to);
      let version: VersionSummary | null = null;
      if (check.transition.freezesVersion) {
        const info = await this.saveVersion(plan, approvedVersionName(plan.year), 'approved', user.id);
        version = await this.toVersionSummary(info);
      }
      await this.deps.audit.record({
        kind: 'plan_transition',
        actorId: user.id,
        target: `plan:${planId}`,
        orgId: plan.orgId,
        ip: user.ip,
        detail: { from: plan.status, to, note: row.note },
      });
      const board = this.board(planId);
      board.emit('plan:status', { planId, status: to });
      board.emit('plan:lifecycle', { planId });
      const users = await this.userRefs([user.id]);
      return {
        plan: toPlanSummary({ ...plan, status: to }),
        transition: toTransitionRecord(row, users),
        version,
      };
    });
  }

  /** The plan's named versions, newest first. */
  async versions(planId: string): Promise<VersionSummary[]> {
    const rows = await this.deps.db.lifecycle.versions(planId, NAMED_KINDS);
    const users = await this.userRefs(rows.map((row) => row.createdBy));
    return rows.map((row) => toVersionSummary(row, users));
  }

  /** Saves the live plan as a named version. */
  async createVersion(plan: PlanRow, name: string, user: ActingUser): Promise<VersionSummary> {
    const info = await this.saveVersion(plan, name, 'manual', user.id);
    this.board(plan.id).emit('plan:lifecycle', { planId: plan.id });
    return this.toVersionSummary(info);
  }

  /** One named version with its topics (archived ones included); 404 `version_not_found`. */
  async version(planId: string, versionId: string): Promise<VersionResponse> {
    const { info, topics } = await this.versionTopics(planId, versionId);
    return { version: await this.toVersionSummary(info), topics };
  }

  /** The differences between two versions, or a version and the live plan; `from` defaults to the approved version. */
  async diff(planId: string, from: string | undefined, to: string | undefined): Promise<DiffResponse> {
    const fromId = from ?? (await this.approvedVersionId(planId));
    if (fromId === 'live')
      throw new HttpError(400, 'bad_request', '比较的起点须为版本 / Compare from a version');
    const before = await this.versionTopics(planId, fromId);
    const after =
      to === undefined || to === 'live'
        ? { info: null, topics: await this.liveTopics(planId) }
        : await this.versionTopics(planId, to);
    return {
      from: await this.toVersionSummary(before.info),
      to: after.info && (await this.toVersionSummary(after.info)),
      diffs: toDiffJson(diffPlans(before.topics, after.topics)),
    };
  }

  /** The plan's adjustments, newest first. */
  async adjustments(planId: string): Promise<AdjustmentRecord[]> {
    const rows = await this.deps.db.lifecycle.adjustments(planId);
    const users = await this.userRefs(rows.map((row) => row.openedBy));
    return rows.map((row) => toAdjustmentRecord(row, users));
  }

  /**
   * Opens an adjustment of a frozen plan: from now on the opener's edits to plan fields are applied, until
   * it is closed. The plan's state now is kept to tell, at closing, what the adjustment changed.
   */
  openAdjustment(planId: string, input: Adjustment, user: ActingUser): Promise<AdjustmentRecord> {
    return this.serial(planId, async () => {
      const { db } = this.deps;
      const plan = await this.requireFrozen(planId);
      const existing = await db.lifecycle.adjustments(planId);
      if (existing.some((row) => row.state === 'open')) throw lifecycleError('adjustment_open');
      const id = randomId('adj');
      await this.saveVersion(plan, '', 'adjustment_base', user.id, baseVersionId(id));
      const row: PlanAdjustmentRow = {
        id,
        planId,
        reason: input.reason,
        decidedBy: input.decidedBy,
        meeting: input.meeting ?? '',
        decidedOn: input.decidedOn,
        state: 'open',
        openedBy: user.id,
        openedAt: new Date(),
        closedAt: null,
        changes: [],
      };
      await db.lifecycle.insertAdjustment(row);
      await this.refreshPolicy(planId, plan.status);
      await this.auditAdjustment(plan, user, 'opened', row);
      this.board(planId).emit('plan:lifecycle', { planId });
      return toAdjustmentRecord(row, await this.userRefs([user.id]));
    });
  }

  /**
   * Closes an open adjustment, recording what it changed (the plan at opening against the plan now). Only
   * its opener or an administrator (`mayCloseAny`) closes it; anyone else gets `adjustment_closed`.
   */
  closeAdjustment(
    planId: string,
    adjustmentId: string,
    user: ActingUser,
    mayCloseAny: boolean,
  ): Promise<AdjustmentRecord> {
    return this.serial(planId, async () => {
      const { db } = this.deps;
      const rows = await db.lifecycle.adjustments(planId);
      const row = rows.find((candidate) => candidate.id === adjustmentId);
      if (!row) throw new HttpError(404, 'adjustment_not_found', '计划调整不存在 / Adjustment not found');
      if (row.state !== 'open' || (row.openedBy !== user.id && !mayCloseAny))
        throw lifecycleError('adjustment_closed');
      const base = await db.lifecycle.version(planId, baseVersionId(row.id));
      const before = base ? topicsOfState(base.state) : [];
      const changes = toDiffJson(diffPlans(before, await this.liveTopics(planId)));
      const closed = await db.lifecycle.closeAdjustment(row.id, new Date(), changes);
      if (!closed) throw lifecycleError('adjustment_closed');
      const plan = await db.plans.get(planId);
      if (plan) {
        await this.refreshPolicy(planId, plan.status);
        await this.auditAdjustment(plan, user, 'closed', closed);
      }
      this.board(planId).emit('plan:lifecycle', { planId });
      return toAdjustmentRecord(closed, await this.userRefs([closed.openedBy]));
    });
  }

  /**
   * Sets the live plan back to a version, as one server edit by the user recorded as a closed adjustment
   * whose changes are what the restore did; the update log keeps everything before it.
   */
  restore(planId: string, versionId: string, input: Adjustment, user: ActingUser): Promise<AdjustmentRecord> {
    return this.serial(planId, async () => {
      const { db, docs } = this.deps;
      const plan = await this.requireFrozen(planId);
      const { topics: target } = await this.versionTopics(planId, versionId);
      const existing = await db.lifecycle.adjustments(planId);
      if (existing.some((row) => row.state === 'open')) throw lifecycleError('adjustment_open');
      const diffs = await docs.editDoc(planDocName(planId), user.id, (doc) => {
        const before = listTopics(doc, { includeArchived: true });
        restoreTopics(doc, target, user.id);
        return diffPlans(before, listTopics(doc, { includeArchived: true }));
      });
      const now = new Date();
      const row: PlanAdjustmentRow = {
        id: randomId('adj'),
        planId,
        reason: input.reason,
        decidedBy: input.decidedBy,
        meeting: input.meeting ?? '',
        decidedOn: input.decidedOn,
        state: 'closed',
        openedBy: user.id,
        openedAt: now,
        closedAt: now,
        changes: toDiffJson(diffs),
      };
      await db.lifecycle.insertAdjustment(row);
      await this.auditAdjustment(plan, user, 'restored', row, versionId);
      this.board(planId).emit('plan:lifecycle', { planId });
      return toAdjustmentRecord(row, await this.userRefs([user.id]));
    });
  }

  /** The plan, or 409 `plan_not_frozen` before approval. */
  private async requireFrozen(planId: string): Promise<PlanRow> {
    const plan = await this.deps.db.plans.get(planId);
    if (!plan) throw new HttpError(404, 'plan_not_found', '监督工作计划不存在 / Plan not found');
    if (!isFrozen(plan.status)) throw lifecycleError('plan_not_frozen');
    return plan;
  }

  /** Tells the plan's room whether it is frozen and who adjusts it now. */
  private async refreshPolicy(planId: string, status: PlanStatus): Promise<void> {
    const adjustments = await this.deps.db.lifecycle.adjustments(planId);
    this.deps.docs.setEditPolicy(planDocName(planId), {
      frozen: isFrozen(status),
      adjusters: new Set(adjustments.filter((row) => row.state === 'open').map((row) => row.openedBy)),
    });
  }

  private async saveVersion(
    plan: PlanRow,
    name: string,
    kind: 'approved' | 'manual' | 'adjustment_base',
    createdBy: string,
    id: string = randomId('ver'),
  ): Promise<DocVersionInfo> {
    const state = await this.deps.docs.readDoc(planDocName(plan.id), (doc) => Y.encodeStateAsUpdate(doc));
    const info: DocVersionInfo = { id, planId: plan.id, name, kind, createdAt: new Date(), createdBy };
    await this.deps.db.lifecycle.insertVersion({ ...info, state });
    return info;
  }

  private async approvedVersionId(planId: string): Promise<string> {
    const [latest] = await this.deps.db.lifecycle.versions(planId, ['approved']);
    if (!latest) throw lifecycleError('version_not_found');
    return latest.id;
  }

  private async versionTopics(planId: string, versionId: string) {
    const row = await this.deps.db.lifecycle.version(planId, versionId);
    if (!row || row.kind === 'adjustment_base') throw lifecycleError('version_not_found');
    const { state, ...info } = row;
    return { info, topics: topicsOfState(state) };
  }

  private liveTopics(planId: string): Promise<Topic[]> {
    return this.deps.docs.readDoc(planDocName(planId), (doc) => listTopics(doc, { includeArchived: true }));
  }

  private async toVersionSummary(info: DocVersionInfo): Promise<VersionSummary> {
    return toVersionSummary(info, await this.userRefs([info.createdBy]));
  }

  private async auditAdjustment(
    plan: PlanRow,
    user: ActingUser,
    action: 'opened' | 'closed' | 'restored',
    row: PlanAdjustmentRow,
    versionId?: string,
  ): Promise<void> {
    await this.deps.audit.record({
      kind: 'plan_adjustment',
      actorId: user.id,
      target: `plan:${plan.id}`,
      orgId: plan.orgId,
      ip: user.ip,
      detail: { action, adjustment: row.id, reason: row.reason, ...(versionId && { version: versionId }) },
    });
  }

  /** The watchers of one plan on `/board`. */
  private board(planId: string) {
    return this.deps.io.of(BOARD_NAMESPACE).to(planRoom(planId));
  }

  /** Names of the users records mention; an unknown id (the demo seed's `system`) reads as the system. */
  private async userRefs(ids: readonly string[]): Promise<Map<string, UserRef>> {
    const unique = [...new Set(ids)];
    const refs = new Map<string, UserRef>();
    try {
      for (const user of await this.deps.db.users.getMany(unique))
        refs.set(user.id, { id: user.id, displayName: user.displayName });
    } catch (error) {
      this.deps.logger.error('failed to read user names', errorFields(error));
    }
    return refs;
  }
}

/** Id of the hidden version holding a plan's state when an adjustment opened. */
function baseVersionId(adjustmentId: string): string {
  return `base-${adjustmentId}`;
}

function refOf(users: Map<string, UserRef>, id: string): UserRef {
  return users.get(id) ?? (id === SYSTEM_USER.id ? SYSTEM_USER : { id, displayName: id });
}

function toTransitionRecord(row: PlanTransitionRow, users: Map<string, UserRef>): TransitionRecord {
  return {
    id: row.id,
    from: row.fromStatus,
    to: row.toStatus,
    note: row.note,
    actor: refOf(users, row.actorId),
    at: row.at.toISOString(),
  };
}

function toVersionSummary(info: DocVersionInfo, users: Map<string, UserRef>): VersionSummary {
  return {
    id: info.id,
    name: info.name,
    kind: info.kind === 'approved' ? 'approved' : 'manual',
    createdAt: info.createdAt.toISOString(),
    createdBy: refOf(users, info.createdBy),
  };
}

function toAdjustmentRecord(row: PlanAdjustmentRow, users: Map<string, UserRef>): AdjustmentRecord {
  return {
    id: row.id,
    reason: row.reason,
    decidedBy: row.decidedBy,
    meeting: row.meeting,
    decidedOn: row.decidedOn,
    state: row.state,
    openedBy: refOf(users, row.openedBy),
    openedAt: row.openedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    // Stored by this service; anything unreadable in the column is left out rather than failing the list.
    changes: row.changes.flatMap((entry) => {
      const parsed = TopicDiffJson.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    }),
  };
}

/** Diffs as the wire carries them: each field change with its value `before` and `after`. */
function toDiffJson(diffs: TopicDiff[]): TopicDiffJson[] {
  return diffs.map((diff) => ({
    ...diff,
    changes: diff.changes.map(({ field, from, to }) => ({ field, before: from, after: to })),
  }));
}

/** The topics of a stored state, archived ones included. */
function topicsOfState(state: Uint8Array): Topic[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return listTopics(doc, { includeArchived: true });
  } finally {
    doc.destroy();
  }
}

/**
 * Sets the live topics' plan fields and archive flags back to a version's: topics the version has but the
 * plan lost are added again, topics added since are archived. Execution data (steps, opinions) is kept.
 */
function restoreTopics(doc: Y.Doc, target: readonly Topic[], author: string): void {
  const live = new Map(listTopics(doc, { includeArchived: true }).map((topic) => [topic.id, topic]));
  const wanted = new Set(target.map((topic) => topic.id));
  for (const topic of target) {
    const fields = Object.fromEntries(TOPIC_FIELDS.map((key) => [key, topic[key]])) as TopicFields;
    const current = live.get(topic.id);
    if (!current) {
      addTopic(doc, { ...fields, notes: topic.notes }, { id: topic.id, author, now: topic.createdAt });
      if (topic.archived) archiveTopic(doc, topic.id);
      continue;
    }
    updateTopic(doc, topic.id, fields);
    if (topic.archived && !current.archived) archiveTopic(doc, topic.id);
    if (!topic.archived && current.archived) restoreTopic(doc, topic.id);
  }
  for (const topic of live.values())
    if (!wanted.has(topic.id) && !topic.archived) archiveTopic(doc, topic.id);
}
