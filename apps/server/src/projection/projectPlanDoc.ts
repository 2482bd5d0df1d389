import type * as Y from 'yjs';
import { listTopics, readOpinion, readSteps } from '@yipan/domain';
import type { PlanProjection, ProjectedItem, ProjectedStep, ProjectedTopic } from '@yipan/db';

/** Which plan a document belongs to: the rows carry both ids so cross-plan queries need no join. */
export type PlanRef = { planId: string; orgId: string };

/**
 * The relational rows of one plan document (DESIGN.md truth 3): every topic in board order (archived ones
 * included, flagged), every step of each, and every rectification item of each opinion. Pure: the same
 * document state always gives the same rows, which is what makes the projection rebuildable.
 */
export function projectPlanDoc(doc: Y.Doc, { planId, orgId }: PlanRef): PlanProjection {
  const topics: ProjectedTopic[] = [];
  const steps: ProjectedStep[] = [];
  const items: ProjectedItem[] = [];
  listTopics(doc, { includeArchived: true }).forEach((topic, position) => {
    const { id: topicId } = topic;
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
      archived: topic.archived,
      fields: { ...topic },
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
  return { topics, steps, items };
}
