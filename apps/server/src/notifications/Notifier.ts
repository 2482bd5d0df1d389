import type { Role } from '@yipan/domain';
import type { Database, NotificationRow } from '@yipan/db';
import { BOARD_NAMESPACE, NotificationContent, type Notification } from '@yipan/protocol';
import { userRoom, type BoardServer } from '../board/attachBoard';
import { errorFields, type Logger } from '../createLogger';

/** The roles that act on a plan (answer, adopt, remind); viewers and deputies only hear of publications. */
export const ACTING_ROLES: readonly Role[] = ['admin', 'editor'];
/** Everyone who reads an organisation's plans as a member. */
export const READING_ROLES: readonly Role[] = ['admin', 'editor', 'viewer'];

/** A notification as the wire carries it, or null when a stored row no longer reads as one. */
export function toNotification(row: NotificationRow): Notification | null {
  const content = NotificationContent.safeParse({ kind: row.kind, detail: row.detail });
  if (!content.success) return null;
  return {
    ...content.data,
    id: row.id,
    planId: row.planId,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

/**
 * Stores notifications and pushes each to its user's board sockets (`notification:new`, with the new unread
 * count). A notification is a courtesy, never part of the change that caused it: a failure is logged and the
 * change stands.
 */
export class Notifier {
  constructor(
    private readonly db: Database,
    private readonly io: BoardServer,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The members of these organisations with one of these roles, each once. */
  async membersOf(orgIds: readonly string[], roles: readonly Role[]): Promise<string[]> {
    if (orgIds.length === 0) return [];
    const memberships = await this.db.users.membershipsIn(orgIds);
    return [...new Set(memberships.filter((row) => roles.includes(row.role)).map((row) => row.userId))];
  }

  /**
   * Notifies users of one thing. `dedupeKey` makes a repeat for the same user a no-op (e.g. one upstream change
   * noticed by several projections). Resolves how many were stored.
   */
  async notify(
    userIds: readonly string[],
    content: NotificationContent,
    planId: string | null,
    dedupeKey: string | null = null,
  ): Promise<number> {
    if (userIds.length === 0) return 0;
    try {
      const valid = NotificationContent.parse(content);
      const createdAt = new Date(this.now());
      const stored = await this.db.notifications.add(
        userIds.map((userId) => ({
          userId,
          kind: valid.kind,
          detail: valid.detail,
          planId,
          dedupeKey,
          createdAt,
        })),
      );
      for (const row of stored) {
        const notification = toNotification(row);
        if (!notification) continue;
        const unread = await this.db.notifications.unreadCount(row.userId);
        this.io
          .of(BOARD_NAMESPACE)
          .to(userRoom(row.userId))
          .emit('notification:new', { notification, unread });
      }
      return stored.length;
    } catch (error) {
      this.logger.error('failed to notify', { kind: content.kind, ...errorFields(error) });
      return 0;
    }
  }
}
