import {
  acknowledgeUpstream,
  adoptParentTopic,
  ancestorsOf,
  can,
  computeAlignment,
  ExpectationLevel,
  getTopic,
  isFrozen,
  LinkageMode,
  linkageModesUnder,
  linkExistingTopic,
  Method,
  pickUpstream,
  planDocName,
  readLinks,
  readTopicJoint,
  setDecline,
  setLinks,
  setTopicJoint,
  SupervisedBody,
  updateTopic,
  upstreamChanges,
  type Actor,
  type AlignmentMatrix,
  type AlignmentParentTopic,
  type AlignmentRow,
  PUBLISHED_STATUSES,
  type Expectation,
  type Topic,
  type TopicJoint,
  type TopicLink,
  type UpstreamFields,
} from '@yipan/domain';
import type { Database, PlanRow, ProjectedLink, TopicSummary } from '@yipan/db';
import {
  AlignmentErrorCode,
  BOARD_NAMESPACE,
  type AnswerRequest,
  type ParentTopic,
  type UpstreamActionRequest,
  type UpstreamChangeNotice,
  type UpstreamResponse,
} from '@yipan/protocol';
import type { AuditLog } from '../auth/AuditLog';
import type { OrgTree } from '../auth/orgTree';
import { planRoom, type BoardServer } from '../board/attachBoard';
import { errorFields, type Logger } from '../createLogger';
import { badRequest, forbidden, HttpError, planNotFound } from '../http/HttpError';
import { toPlanSummary } from '../http/planRoutes';
import { lifecycleError } from '../lifecycle/LifecycleService';
import { ACTING_ROLES, READING_ROLES, type Notifier } from '../notifications/Notifier';
import type { SyncServer } from '../sync/SyncServer';
import { mayReadPlanOf } from './mayReadPlanOf';

/** Who acts, as the service checks and records them. */
export type AlignmentActor = { id: string; ip: string | null; actor: NonNullable<Actor> };

export type AlignmentDeps = {
  db: Database;
  docs: Pick<SyncServer, 'editDoc' | 'readDoc'>;
  io: BoardServer;
  audit: AuditLog;
  notifier: Notifier;
  logger: Logger;
  /** Writes every scheduled projection now, so a read right after a change sees it. */
  flushProjection: () => Promise<void>;
};

const topicNotFound = () => new HttpError(404, 'topic_not_found', '议题不存在 / Topic not found');
const parentTopicNotFound = () =>
  new HttpError(404, AlignmentErrorCode.parentTopicNotFound, '上级议题不存在 / Parent topic not found');
const notAnAncestorPlan = () =>
  badRequest(
    '只能关联本级上级人大同年度的监督工作计划 / Only a same-year plan of a higher level can be linked',
    AlignmentErrorCode.notAnAncestorPlan,
  );
const notAChildOrg = () =>
  badRequest(
    '联动要求只能针对本级的下级人大 / Expectations can only name this organisation’s children',
    AlignmentErrorCode.notAChildOrg,
  );
const modeNotAllowed = () =>
  badRequest(
    '“委托”仅适用于省级人大的议题 / “Delegated” applies only to a province’s topics',
    AlignmentErrorCode.modeNotAllowed,
  );

/** The matrix as one reader may see it: the children whose plans they may not read are only counted. */
export type ReadableMatrix = AlignmentMatrix & {
  /** Children of the plan's organisation left out because the reader may not read their plan of the year. */
  hiddenChildren: number;
};

/** Stands for "no reader": the server's own reads of the matrix, which address the children themselves. */
const EVERY_CHILD = Symbol('every child');

/** The plan an organisation answers a year with: the newest of that year. */
export function planOfYear(plans: readonly PlanRow[], orgId: string, year: number): PlanRow | null {
  let best: PlanRow | null = null;
  for (const plan of plans)
    if (plan.orgId === orgId && plan.year === year && (!best || plan.createdAt > best.createdAt)) best = plan;
  return best;
}

/** The children of an organisation in the tree's order. */
export function childrenOf(tree: OrgTree, orgId: string) {
  return tree.orgs
    .filter((org) => org.parentId === orgId)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
}

/*
 * Readers of projected strings that fall back instead of throwing. Built once: a zod schema costs far more
 * to build than to run, and a 20-county matrix reads thousands of rows per request.
 */
const readMode = LinkageMode.catch('reference');
const readMethod = Method.catch('special_report');
const readLevel = ExpectationLevel.catch('not_applicable');
const readBody = SupervisedBody.catch('gov');

const toTopicLink = (row: ProjectedLink): TopicLink | null =>
  row.parentPlanId === null || row.parentTopicId === null
    ? null
    : {
        kind: 'topic',
        parentPlanId: row.parentPlanId,
        parentTopicId: row.parentTopicId,
        mode: readMode.parse(row.mode),
        contributes: row.contributes,
        primary: row.primary,
      };

const upstreamOfSummary = (topic: TopicSummary): UpstreamFields => ({
  title: topic.title,
  method: readMethod.parse(topic.method),
  month: topic.month,
  session: topic.session,
  sessionDate: topic.sessionDate,
});

/**
 * One chessboard (全市一盘棋), server-authoritative: the alignment matrix from the projection, a parent's
 * joint topics and expectations, a child's answers and links written into the child's document by the server
 * (after checking both plans, the permissions and the freeze), upstream changes, reminders, read receipts and
 * the notifications and live events that follow each change.
 */
export class AlignmentService {
  constructor(private readonly deps: AlignmentDeps) {}

  /**
   * The matrix of a plan's topics × those of its organisation's children whose plan of the year the reader may
   * read (`mayReadPlanOf`, as the dashboard), from the projection: the others are left out of every cell,
   * coverage and roll-up, and only counted.
   */
  matrix(plan: PlanRow, tree: OrgTree, reader: Actor): Promise<ReadableMatrix> {
    return this.alignment(plan, tree, null, reader);
  }

  /** One live parent topic's row of the reader's matrix, every cell in full (404 `topic_not_found` for any other). */
  async row(plan: PlanRow, tree: OrgTree, topicId: string, reader: Actor): Promise<AlignmentRow> {
    const [row] = (await this.alignment(plan, tree, topicId, reader)).rows;
    if (!row) throw topicNotFound();
    return row;
  }

  /**
   * The matrix, or only the row of `onlyTopicId` (its columns then count that row alone), over the children
   * `reader` may read; `EVERY_CHILD` for the server's own uses that address the children themselves.
   */
  private async alignment(
    plan: PlanRow,
    tree: OrgTree,
    onlyTopicId: string | null,
    reader: Actor | typeof EVERY_CHILD,
  ): Promise<ReadableMatrix> {
    const { projection, plans, planReads } = this.deps.db;
    const allPlans = await plans.list();
    const everyChild = childrenOf(tree, plan.orgId).map((org) => ({
      org,
      plan: planOfYear(allPlans, org.id, plan.year),
    }));
    const readable =
      reader === EVERY_CHILD
        ? everyChild
        : everyChild.filter((child) => mayReadPlanOf(reader, child.org.id, child.plan, tree.parents));
    const children = readable.map((child) => child.org);
    const childPlans = new Map(readable.map((child) => [child.org.id, child.plan]));
    const childPlanIds = [...childPlans.values()].flatMap((row) => (row ? [row.id] : []));
    const [parentTopics, expectations, childTopics, links, declines, reads] = await Promise.all([
      projection.topicSummaries([plan.id]),
      projection.expectationsOfPlans([plan.id]),
      projection.topicSummaries(childPlanIds),
      projection.linksToPlans([plan.id]),
      projection.declinesOfPlans(childPlanIds),
      planReads.ofPlan(plan.id),
    ]);
    const expectationsOf = new Map<string, Record<string, Expectation>>();
    for (const row of expectations) {
      const record = expectationsOf.get(row.topicId) ?? {};
      record[row.childOrgId] = {
        level: readLevel.parse(row.level),
        neededBy: row.neededBy,
      };
      expectationsOf.set(row.topicId, record);
    }
    const linksOf = new Map<string, TopicLink[]>();
    for (const row of links) {
      const link = toTopicLink(row);
      if (!link) continue;
      const key = `${row.planId}/${row.topicId}`;
      linksOf.set(key, [...(linksOf.get(key) ?? []), link]);
    }
    const readAt = new Map(reads.map((row) => [row.orgId, row.readAt.getTime()]));
    const matrix = computeAlignment({
      parentPlanId: plan.id,
      parentTopics: parentTopics
        .filter((topic) => !topic.archived && (onlyTopicId === null || topic.topicId === onlyTopicId))
        .map((topic): AlignmentParentTopic => ({
          ...upstreamOfSummary(topic),
          topicId: topic.topicId,
          joint: topic.joint,
          expectations: expectationsOf.get(topic.topicId) ?? {},
        })),
      children: children.map((child) => {
        const childPlan = childPlans.get(child.id) ?? null;
        return {
          orgId: child.id,
          name: child.name,
          planId: childPlan?.id ?? null,
          planStatus: childPlan?.status ?? null,
          readAt: readAt.get(child.id) ?? null,
        };
      }),
      childTopics: childTopics.map((topic) => ({
        ...topic,
        method: readMethod.parse(topic.method),
        links: linksOf.get(`${topic.planId}/${topic.topicId}`) ?? [],
      })),
      declines: declines.map((row) => ({
        orgId: row.orgId,
        parentTopicId: row.parentTopicId,
        reason: row.reason,
      })),
    });
    return { ...matrix, hiddenChildren: everyChild.length - readable.length };
  }

  /** What the higher levels ask of a child plan, how it answered, and which of its links saw their parent change. */
  async upstream(plan: PlanRow, who: AlignmentActor, tree: OrgTree): Promise<UpstreamResponse> {
    const { db } = this.deps;
    const allPlans = await db.plans.list();
    const parentPlans = ancestorsOf(tree.parents, plan.orgId)
      .map((orgId) => planOfYear(allPlans, orgId, plan.year))
      .filter((row): row is PlanRow => row !== null && this.can(who, 'read', row, tree));
    const parentIds = parentPlans.map((row) => row.id);
    const [topics, expectations, myLinks, myDeclines, myTopics] = await Promise.all([
      db.projection.topicSummaries(parentIds),
      db.projection.expectationsOfPlans(parentIds),
      db.projection.linksOfPlans([plan.id]),
      db.projection.declinesOfPlans([plan.id]),
      db.projection.topicSummaries([plan.id]),
    ]);
    const liveTopics = new Set(myTopics.filter((topic) => !topic.archived).map((topic) => topic.topicId));
    const key = (planId: string | null, topicId: string | null) => `${planId}/${topicId}`;
    const expectationOf = new Map(
      expectations
        .filter((row) => row.childOrgId === plan.orgId)
        .map((row) => [key(row.planId, row.topicId), row] as const),
    );
    const linkedTopics = new Map<string, string[]>();
    for (const link of myLinks)
      if (link.parentPlanId !== null && liveTopics.has(link.topicId)) {
        const parent = key(link.parentPlanId, link.parentTopicId);
        linkedTopics.set(parent, [...(linkedTopics.get(parent) ?? []), link.topicId]);
      }
    const declined = new Map(myDeclines.map((row) => [key(row.parentPlanId, row.parentTopicId), row.reason]));
    const parentTopics = topics
      .filter((topic) => !topic.archived)
      .map((topic): ParentTopic => {
        const id = key(topic.planId, topic.topicId);
        const expectation = topic.joint ? expectationOf.get(id) : undefined;
        const linked = linkedTopics.get(id);
        const reason = declined.get(id);
        return {
          parentPlanId: topic.planId,
          parentTopicId: topic.topicId,
          ...upstreamOfSummary(topic),
          supervisedBody: readBody.parse(topic.supervisedBody),
          leadCommittee: topic.leadCommittee,
          joint: topic.joint,
          expectation: expectation
            ? {
                level: readLevel.parse(expectation.level),
                neededBy: expectation.neededBy,
              }
            : null,
          answer: linked
            ? { state: 'linked', topicIds: linked }
            : reason !== undefined
              ? { state: 'declined', reason }
              : { state: 'none' },
        };
      });
    const byId = new Map(topics.map((topic) => [key(topic.planId, topic.topicId), topic]));
    const changes: UpstreamChangeNotice[] = [];
    for (const link of myLinks) {
      const parent = byId.get(key(link.parentPlanId, link.parentTopicId));
      if (
        !parent ||
        link.parentPlanId === null ||
        link.parentTopicId === null ||
        !liveTopics.has(link.topicId)
      )
        continue;
      const found = upstreamChanges(this.seenOf(link), upstreamOfSummary(parent));
      if (found.length > 0)
        changes.push({
          topicId: link.topicId,
          parentPlanId: link.parentPlanId,
          parentTopicId: link.parentTopicId,
          parentTitle: parent.title,
          changes: found,
        });
    }
    const canAnswer =
      this.can(who, 'write', plan, tree) &&
      parentPlans.some((parentPlan) => this.can(who, 'link', parentPlan, tree));
    return {
      parentPlans: parentPlans.map((row) => ({
        ...toPlanSummary(row),
        orgName: tree.byId.get(row.orgId)?.name ?? '',
      })),
      topics: parentTopics,
      changes,
      canAnswer,
    };
  }

  /** Marks a topic joint (or not) with what it expects of each child organisation. */
  async setJoint(
    plan: PlanRow,
    topicId: string,
    joint: TopicJoint,
    who: AlignmentActor,
    tree: OrgTree,
  ): Promise<void> {
    if (!this.can(who, 'write', plan, tree)) throw forbidden();
    const children = new Set(childrenOf(tree, plan.orgId).map((org) => org.id));
    if (Object.keys(joint.expectations).some((orgId) => !children.has(orgId))) throw notAChildOrg();
    await this.requireContentEdit(plan, who);
    await this.requireTopic(plan.id, topicId);
    await this.deps.docs.editDoc(planDocName(plan.id), who.id, (doc) => setTopicJoint(doc, topicId, joint));
    await this.audit(who, plan, {
      action: 'joint',
      topicId,
      joint: joint.joint,
      expected: Object.keys(joint.expectations).length,
    });
    await this.deps.flushProjection();
  }

  /** A child plan answers a parent topic: adopt, link an existing topic, decline with a reason, or withdraw a decline. */
  async answer(
    plan: PlanRow,
    request: AnswerRequest,
    who: AlignmentActor,
    tree: OrgTree,
  ): Promise<string | null> {
    if (!this.can(who, 'write', plan, tree)) throw forbidden();
    const parentPlan = await this.parentPlanFor(plan, request.parentPlanId, who, tree);
    const parent = await this.requireParentTopic(parentPlan.id, request.parentTopicId);
    const docName = planDocName(plan.id);
    let topicId: string | null = null;
    if (request.answer === 'adopt' || request.answer === 'link') {
      await this.requireContentEdit(plan, who);
      const mode = request.mode ?? (parent.joint ? 'joint' : 'reference');
      this.requireMode(mode, parentPlan, tree);
      const source = {
        parentPlanId: parentPlan.id,
        parentTopicId: parent.topic.id,
        parent: parent.topic,
        mode,
        contributes: request.contributes ?? mode === 'joint',
      };
      if (request.answer === 'link') {
        await this.requireTopic(plan.id, request.topicId);
        topicId = request.topicId;
        await this.deps.docs.editDoc(docName, who.id, (doc) =>
          linkExistingTopic(doc, request.topicId, source),
        );
      } else {
        topicId = await this.deps.docs.editDoc(docName, who.id, (doc) =>
          adoptParentTopic(doc, source, { author: who.id }),
        );
      }
    } else {
      const decline =
        request.answer === 'decline'
          ? { reason: request.reason, declinedBy: who.id, declinedAt: Date.now() }
          : null;
      await this.deps.docs.editDoc(docName, who.id, (doc) =>
        setDecline(doc, parentPlan.id, parent.topic.id, decline),
      );
    }
    await this.audit(who, plan, {
      action: request.answer,
      parentPlanId: parentPlan.id,
      parentTopicId: parent.topic.id,
      topicId,
    });
    if (request.answer !== 'withdraw') {
      const orgName = tree.byId.get(plan.orgId)?.name ?? '';
      const recipients = await this.deps.notifier.membersOf([parentPlan.orgId], ACTING_ROLES);
      await this.deps.notifier.notify(
        recipients,
        {
          kind: 'child_answered',
          detail: {
            orgName,
            topicTitle: parent.topic.title,
            answer: request.answer,
            ...(request.answer === 'decline' && { reason: request.reason }),
          },
        },
        parentPlan.id,
      );
    }
    await this.deps.flushProjection();
    return topicId;
  }

  /** Replaces a topic's links, checking every parent plan and topic; new links take their upstream snapshot. */
  async setLinks(
    plan: PlanRow,
    topicId: string,
    links: readonly TopicLink[],
    who: AlignmentActor,
    tree: OrgTree,
  ): Promise<void> {
    if (!this.can(who, 'write', plan, tree)) throw forbidden();
    await this.requireContentEdit(plan, who);
    await this.requireTopic(plan.id, topicId);
    const parents = new Map<string, Topic>();
    for (const link of links) {
      if (link.kind === 'external') continue;
      const parentPlan = await this.parentPlanFor(plan, link.parentPlanId, who, tree);
      this.requireMode(link.mode, parentPlan, tree);
      const { topic } = await this.requireParentTopic(parentPlan.id, link.parentTopicId);
      parents.set(`${parentPlan.id}/${topic.id}`, topic);
    }
    const docName = planDocName(plan.id);
    await this.deps.docs.editDoc(docName, who.id, (doc) => {
      const before = new Set(
        readLinks(doc, topicId).flatMap((link) =>
          link.kind === 'topic' ? [`${link.parentPlanId}/${link.parentTopicId}`] : [],
        ),
      );
      setLinks(doc, topicId, links);
      for (const link of links) {
        if (link.kind !== 'topic' || before.has(`${link.parentPlanId}/${link.parentTopicId}`)) continue;
        const parent = parents.get(`${link.parentPlanId}/${link.parentTopicId}`);
        if (parent) acknowledgeUpstream(doc, topicId, link.parentPlanId, link.parentTopicId, parent);
      }
    });
    await this.audit(who, plan, { action: 'links', topicId, links: links.length });
    await this.deps.flushProjection();
  }

  /** Takes a parent's change into the child topic (accept) or only acknowledges it (dismiss). */
  async upstreamAction(
    plan: PlanRow,
    request: UpstreamActionRequest,
    who: AlignmentActor,
    tree: OrgTree,
  ): Promise<void> {
    if (!this.can(who, 'write', plan, tree)) throw forbidden();
    const { topicId, parentPlanId, parentTopicId } = request;
    const linked = await this.deps.docs.readDoc(planDocName(plan.id), (doc) =>
      readLinks(doc, topicId).some(
        (link) =>
          link.kind === 'topic' && link.parentPlanId === parentPlanId && link.parentTopicId === parentTopicId,
      ),
    );
    if (!linked) throw topicNotFound();
    const parentPlan = await this.deps.db.plans.get(parentPlanId);
    if (!parentPlan || !this.can(who, 'read', parentPlan, tree)) throw parentTopicNotFound();
    const { topic: parent } = await this.requireParentTopic(parentPlanId, parentTopicId);
    if (request.action === 'accept') await this.requireContentEdit(plan, who);
    await this.deps.docs.editDoc(planDocName(plan.id), who.id, (doc) => {
      if (request.action === 'accept') updateTopic(doc, topicId, pickUpstream(parent));
      acknowledgeUpstream(doc, topicId, parentPlanId, parentTopicId, parent);
    });
    await this.audit(who, plan, {
      action: `upstream_${request.action}`,
      topicId,
      parentPlanId,
      parentTopicId,
    });
    await this.deps.flushProjection();
  }

  /** Reminds the children that have joint topics left to answer (all, or those asked); resolves who was reminded. */
  async remind(
    plan: PlanRow,
    orgIds: readonly string[] | undefined,
    who: AlignmentActor,
    tree: OrgTree,
  ): Promise<string[]> {
    if (!this.can(who, 'write', plan, tree)) throw forbidden();
    // Every child with something left to answer hears of it, whatever the sender may read of its plan.
    const matrix = await this.alignment(plan, tree, null, EVERY_CHILD);
    const asked = orgIds ? new Set(orgIds) : null;
    const reminded: string[] = [];
    const orgName = tree.byId.get(plan.orgId)?.name ?? '';
    for (const column of matrix.columns) {
      if (column.coverage.notAnswered === 0 || (asked && !asked.has(column.orgId))) continue;
      const recipients = await this.deps.notifier.membersOf([column.orgId], ACTING_ROLES);
      await this.deps.notifier.notify(
        recipients,
        {
          kind: 'reminder',
          detail: { orgName, planTitle: plan.title, pending: column.coverage.notAnswered },
        },
        column.planId ?? plan.id,
      );
      reminded.push(column.orgId);
    }
    await this.audit(who, plan, { action: 'reminder', orgIds: reminded });
    return reminded;
  }

  /** Records 已阅 for the reader's organisations below the plan's, once the plan is published. */
  async recordRead(plan: PlanRow, who: AlignmentActor, tree: OrgTree): Promise<boolean> {
    if (!this.can(who, 'read', plan, tree)) throw forbidden();
    if (!PUBLISHED_STATUSES.has(plan.status)) return false;
    let recorded = false;
    for (const { orgId } of who.actor.memberships) {
      if (!ancestorsOf(tree.parents, orgId).includes(plan.orgId)) continue;
      const isNew = await this.deps.db.planReads.record({
        planId: plan.id,
        orgId,
        userId: who.id,
        readAt: new Date(),
      });
      recorded ||= isNew;
    }
    if (recorded) this.board(plan.id).emit('plan:alignment', { planId: plan.id });
    return recorded;
  }

  /** A plan was published: its children's members hear of it, with how many joint topics expect them. */
  async planPublished(plan: PlanRow, tree: OrgTree): Promise<void> {
    const [topics, expectations] = await Promise.all([
      this.deps.db.projection.topicSummaries([plan.id]),
      this.deps.db.projection.expectationsOfPlans([plan.id]),
    ]);
    const joint = new Set(
      topics.filter((topic) => topic.joint && !topic.archived).map((topic) => topic.topicId),
    );
    const orgName = tree.byId.get(plan.orgId)?.name ?? '';
    for (const child of childrenOf(tree, plan.orgId)) {
      const jointCount = expectations.filter(
        (row) => row.childOrgId === child.id && joint.has(row.topicId) && row.level !== 'not_applicable',
      ).length;
      const recipients = await this.deps.notifier.membersOf([child.id], READING_ROLES);
      await this.deps.notifier.notify(
        recipients,
        { kind: 'plan_published', detail: { orgName, planTitle: plan.title, year: plan.year, jointCount } },
        plan.id,
        `published:${plan.id}`,
      );
    }
  }

  /**
   * After a plan's rows were rewritten: its own matrix and its parents' matrices may have changed, its
   * children's upstream view may have changed, and a child whose link now sees a changed parent hears of it.
   */
  async afterProjection(planId: string, tree: OrgTree): Promise<void> {
    try {
      const { db } = this.deps;
      const plan = await db.plans.get(planId);
      if (!plan) return;
      const allPlans = await db.plans.list();
      this.board(planId).emit('plan:alignment', { planId });
      for (const orgId of ancestorsOf(tree.parents, plan.orgId)) {
        const parentPlan = planOfYear(allPlans, orgId, plan.year);
        if (parentPlan) this.board(parentPlan.id).emit('plan:alignment', { planId: parentPlan.id });
      }
      for (const org of tree.orgs) {
        if (!ancestorsOf(tree.parents, org.id).includes(plan.orgId)) continue;
        const childPlan = planOfYear(allPlans, org.id, plan.year);
        if (childPlan) this.board(childPlan.id).emit('plan:upstream', { planId: childPlan.id });
      }
      await this.notifyUpstreamChanges(plan, tree);
    } catch (error) {
      this.deps.logger.error('failed to announce an alignment change', {
        plan: planId,
        ...errorFields(error),
      });
    }
  }

  private async notifyUpstreamChanges(plan: PlanRow, tree: OrgTree): Promise<void> {
    const { projection } = this.deps.db;
    const links = await projection.linksToPlans([plan.id]);
    if (links.length === 0) return;
    const parents = new Map(
      (await projection.topicSummaries([plan.id])).map((topic) => [topic.topicId, topic]),
    );
    const changed = links.flatMap((link) => {
      const parent = link.parentTopicId === null ? undefined : parents.get(link.parentTopicId);
      if (!parent) return [];
      const current = upstreamOfSummary(parent);
      const fields = upstreamChanges(this.seenOf(link), current).map((change) => change.field);
      return fields.length > 0 ? [{ link, parent, current, fields }] : [];
    });
    if (changed.length === 0) return;
    const childTitles = new Map(
      (await projection.topicSummaries([...new Set(changed.map(({ link }) => link.planId))])).map((topic) => [
        `${topic.planId}/${topic.topicId}`,
        topic.title,
      ]),
    );
    const orgName = tree.byId.get(plan.orgId)?.name ?? '';
    for (const { link, parent, current, fields } of changed) {
      const recipients = await this.deps.notifier.membersOf([link.orgId], ACTING_ROLES);
      await this.deps.notifier.notify(
        recipients,
        {
          kind: 'upstream_changed',
          detail: {
            orgName,
            parentTitle: parent.title,
            topicId: link.topicId,
            topicTitle: childTitles.get(`${link.planId}/${link.topicId}`) ?? '',
            fields,
          },
        },
        link.planId,
        `upstream:${link.planId}/${link.topicId}/${plan.id}/${parent.topicId}:${JSON.stringify(current)}`,
      );
    }
  }

  private seenOf(link: ProjectedLink): UpstreamFields | null {
    if (link.seen === null) return null;
    const seen = link.seen;
    return {
      title: typeof seen.title === 'string' ? seen.title : '',
      method: readMethod.parse(seen.method),
      month: typeof seen.month === 'number' ? seen.month : null,
      session: typeof seen.session === 'number' ? seen.session : null,
      sessionDate: typeof seen.sessionDate === 'string' ? seen.sessionDate : null,
    };
  }

  private can(who: AlignmentActor, action: 'read' | 'write' | 'link', plan: PlanRow, tree: OrgTree): boolean {
    return can(who.actor, action, { kind: 'plan', orgId: plan.orgId, status: plan.status }, tree.parents);
  }

  /** A same-year plan of an ancestor organisation the caller may link to; 404 unknown, 400 not a parent, 403 no link. */
  private async parentPlanFor(
    plan: PlanRow,
    parentPlanId: string,
    who: AlignmentActor,
    tree: OrgTree,
  ): Promise<PlanRow> {
    const parentPlan = await this.deps.db.plans.get(parentPlanId);
    if (!parentPlan) throw planNotFound();
    if (!ancestorsOf(tree.parents, plan.orgId).includes(parentPlan.orgId) || parentPlan.year !== plan.year)
      throw notAnAncestorPlan();
    if (!this.can(who, 'link', parentPlan, tree)) throw forbidden();
    return parentPlan;
  }

  /** `delegated` only under a province (DOMAIN.md). */
  private requireMode(mode: LinkageMode, parentPlan: PlanRow, tree: OrgTree): void {
    const level = tree.byId.get(parentPlan.orgId)?.level ?? 'city';
    if (!linkageModesUnder(level).includes(mode)) throw modeNotAllowed();
  }

  /** A frozen plan's content changes only in the caller's open adjustment (409 `adjustment_required`). */
  private async requireContentEdit(plan: PlanRow, who: AlignmentActor): Promise<void> {
    if (!isFrozen(plan.status)) return;
    const adjustments = await this.deps.db.lifecycle.adjustments(plan.id);
    if (!adjustments.some((row) => row.state === 'open' && row.openedBy === who.id))
      throw lifecycleError('adjustment_required');
  }

  private async requireTopic(planId: string, topicId: string): Promise<Topic> {
    const topic = await this.deps.docs.readDoc(planDocName(planId), (doc) => getTopic(doc, topicId));
    if (!topic || topic.archived) throw topicNotFound();
    return topic;
  }

  /** The parent topic as its document has it now (not the projection: the child copies it). */
  private async requireParentTopic(
    planId: string,
    topicId: string,
  ): Promise<{ topic: Topic; joint: boolean }> {
    const found = await this.deps.docs.readDoc(planDocName(planId), (doc) => {
      const topic = getTopic(doc, topicId);
      return topic && !topic.archived ? { topic, joint: readTopicJoint(doc, topicId).joint } : null;
    });
    if (!found) throw parentTopicNotFound();
    return found;
  }

  private async audit(who: AlignmentActor, plan: PlanRow, detail: Record<string, unknown>): Promise<void> {
    await this.deps.audit.record({
      kind: 'alignment',
      actorId: who.id,
      target: `plan:${plan.id}`,
      orgId: plan.orgId,
      ip: who.ip,
      detail: { planId: plan.id, ...detail },
    });
  }

  private board(planId: string) {
    return this.deps.io.of(BOARD_NAMESPACE).to(planRoom(planId));
  }
}
