import type { Notification } from '@yipan/protocol';
import { alignmentPath, planPath, planTopicPath } from '../routing/routes';

/**
 * Where opening a notification leads: a changed parent opens the reader's own linked topic, a child's
 * answer the matrix it changed, a publication or reminder the plan it is about; null when it names no plan.
 */
export function notificationTarget(notification: Notification): string | null {
  const { planId } = notification;
  if (!planId) return null;
  switch (notification.kind) {
    case 'upstream_changed':
      return planTopicPath(planId, notification.detail.topicId);
    case 'child_answered':
      return alignmentPath(planId);
    case 'plan_published':
    case 'reminder':
      return planPath(planId);
  }
}
