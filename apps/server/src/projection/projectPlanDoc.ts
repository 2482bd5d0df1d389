import type * as Y from 'yjs';
import {
  listTopics,
  readDeclines,
  readLinks,
  readOpinion,
  readSteps,
  readTopicJoint,
  readUpstreamSeen,
} from '@yipan/domain';
import type {
  PlanProjection,
  ProjectedDecline,
  ProjectedExpectation,
  ProjectedItem,
  ProjectedLink,
  ProjectedStep,
  ProjectedTopic,
} from '@yipan/db';

/** Which plan a document belongs to: the rows carry both ids so cross-plan queries need no join. */
export type PlanRef = { planId: string; orgId: string };

/**
 * The relational rows of one plan document (DESIGN.md truth 3): every topic in board order (archived ones
 * included, flagged), every step of each, every rectification item of each opinion, every link to a higher
 * level (with what it last saw of its parent), every expectation of a joint topic, and every decline. Pure: the same
 * document state always gives the same rows, which is what makes the projection rebuildable.
 */
export function projectPlanDoc(doc: Y.Doc, { planId, orgId }: PlanRef): PlanProjection {
  const topics: ProjectedTopic[] = [];
  const steps: ProjectedStep[] = [];
  const items: ProjectedItem[] = [];
  const links: ProjectedLink[] = [];
  const expectations: ProjectedExpectation[] = [];
  listTopics(doc, { includeArchived: true }).forEach((topic, position) => {
    const { id: topicId } = topic;
    const { joint, expectations: expected } = readTopicJoint(doc, topicId);
    topics.push({
      planId,
      topicId,
      orgId,
      position,
      title: topic.title,
      method: topic.method,
      supervisedBody: topic.supervisedBody,
      leadCommittee: topic.leadCommittee,
      reportingUnit: topic.reportingUnit,
      month: topic.month,
      session: topic.session,
      sessionDate: topic.sessionDate,
      archived: topic.archived,
      joint,
      fields: { ...topic },
    });
    if (joint)
      for (const [childOrgId, { level, neededBy }] of Object.entries(expected))
        expectations.push({ planId, topicId, childOrgId, level, neededBy });
    readLinks(doc, topicId).forEach((link, index) => {
      const common = {
        planId,
        topicId,
        orgId,
        position: index,
        mode: link.mode,
        contributes: link.contributes,
        primary: link.primary,
      };
      if (link.kind === 'external') {
        links.push({
          ...common,
          parentPlanId: null,
          parentTopicId: null,
          external: link.external,
          seen: null,
        });
        return;
      }
      const { parentPlanId, parentTopicId } = link;
      const seen = readUpstreamSeen(doc, topicId, parentPlanId, parentTopicId);
      links.push({ ...common, parentPlanId, parentTopicId, external: null, seen });
    });
    readSteps(doc, topicId).forEach((step, index) => {
      steps.push({
        planId,
        topicId,
        stepId: step.id,
        position: index,
        templateKey: step.templateKey,
        title: step.title.zh,
        state: step.state,
        date: step.date,
        dueDate: step.dueDate,
        owner: step.owner,
      });
    });
    readOpinion(doc, topicId)?.items.forEach((item, index) => {
      items.push({
        planId,
        topicId,
        itemId: item.id,
        orgId,
        position: index,
        content: item.content,
        responsibleBody: item.responsibleBody,
        deadline: item.deadline,
        state: item.state,
        rating: item.rating,
        closedAt: item.closedAt === null ? null : new Date(item.closedAt),
        closedBy: item.closedBy,
      });
    });
  });
  const declines = readDeclines(doc).map((decline): ProjectedDecline => ({
    planId,
    orgId,
    parentPlanId: decline.parentPlanId,
    parentTopicId: decline.parentTopicId,
    reason: decline.reason,
    declinedBy: decline.declinedBy,
    declinedAt: new Date(decline.declinedAt),
  }));
  return { topics, steps, items, links, expectations, declines };
}
