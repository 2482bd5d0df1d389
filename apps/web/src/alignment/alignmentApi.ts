import {
  AnswerResponse,
  MarkReadResponse,
  ReadReceiptResponse,
  ReminderResponse,
  type AnswerRequest,
  type JointRequest,
  type LinksRequest,
  type MarkReadRequest,
  type ReminderRequest,
  type UpstreamActionRequest,
} from '@yipan/protocol';
import { sendJson } from '../api/fetchJson';
import { alignmentChanged, upstreamChanged } from './alignmentEvents';

const plan = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;

/** REST paths of one chessboard (packages/protocol/src/alignment.ts and notifications.ts). */
export const alignmentPaths = {
  alignment: (planId: string) => `${plan(planId)}/alignment`,
  upstream: (planId: string) => `${plan(planId)}/upstream`,
  answers: (planId: string) => `${plan(planId)}/answers`,
  reminders: (planId: string) => `${plan(planId)}/reminders`,
  read: (planId: string) => `${plan(planId)}/read`,
  joint: (planId: string, topicId: string) => `${plan(planId)}/topics/${encodeURIComponent(topicId)}/joint`,
  links: (planId: string, topicId: string) => `${plan(planId)}/topics/${encodeURIComponent(topicId)}/links`,
  dashboard: (orgId: string, year?: number | null) =>
    `/api/orgs/${encodeURIComponent(orgId)}/dashboard${year ? `?year=${year}` : ''}`,
  notifications: (beforeId?: number) => `/api/notifications${beforeId ? `?beforeId=${beforeId}` : ''}`,
  markRead: () => '/api/notifications/read',
};

/** Every change re-reads the views at once, not only when the socket event arrives. */
async function changed<T>(request: Promise<T>): Promise<T> {
  const result = await request;
  alignmentChanged();
  upstreamChanged();
  return result;
}

/** Answers a parent topic: adopt, link, decline or withdraw; resolves the child topic adopted or linked. */
export function answerParentTopic(planId: string, answer: AnswerRequest): Promise<AnswerResponse> {
  return changed(sendJson('POST', alignmentPaths.answers(planId), answer, AnswerResponse));
}

/** Marks a topic joint (or not) with its expectations of the children. */
export function setTopicJoint(planId: string, topicId: string, joint: JointRequest): Promise<void> {
  return changed(sendJson('PUT', alignmentPaths.joint(planId, topicId), joint));
}

/** Replaces a topic's links to higher levels. */
export function setTopicLinks(planId: string, topicId: string, links: LinksRequest): Promise<void> {
  return changed(sendJson('PUT', alignmentPaths.links(planId, topicId), links));
}

/** Accepts a parent's change into the child topic, or dismisses it. */
export function actOnUpstream(planId: string, action: UpstreamActionRequest): Promise<void> {
  return changed(sendJson('POST', alignmentPaths.upstream(planId), action));
}

/** Reminds the children that have not answered (all, or those named). */
export function sendReminders(planId: string, request: ReminderRequest = {}): Promise<ReminderResponse> {
  return sendJson('POST', alignmentPaths.reminders(planId), request, ReminderResponse);
}

/** Tells the server the plan was opened (已阅 for a published parent plan); failures are not the user's concern. */
export async function recordRead(planId: string): Promise<void> {
  try {
    await sendJson('POST', alignmentPaths.read(planId), undefined, ReadReceiptResponse);
  } catch {
    // A missed receipt only leaves a 未阅 mark; the next opening records it.
  }
}

/** Marks notifications read; resolves the unread count after it. */
export async function markNotificationsRead(request: MarkReadRequest): Promise<number> {
  const { unread } = await sendJson('POST', alignmentPaths.markRead(), request, MarkReadResponse);
  return unread;
}
