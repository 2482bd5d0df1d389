import { z } from 'zod';
import { UPSTREAM_FIELDS, lazySchema } from '@yipan/domain';

/*
 * In-app notifications (通知): stored per user, listed in the inbox, pushed live as `notification:new`.
 * The server stores facts (names, counts); the board words them in the reader's language.
 */

const Name = lazySchema(() => z.string().max(300));

/** What a notification is about, with the facts its message needs. */
export const NotificationContent = lazySchema(() =>
  z.discriminatedUnion('kind', [
    /** A higher level published its plan; `jointCount` joint topics expect the reader's organisation. */
    z.object({
      kind: z.literal('plan_published'),
      detail: z.object({
        orgName: Name,
        planTitle: Name,
        year: z.number().int(),
        jointCount: z.number().int(),
      }),
    }),
    /** A higher level reminds the reader's organisation of `pending` joint topics it has not answered. */
    z.object({
      kind: z.literal('reminder'),
      detail: z.object({ orgName: Name, planTitle: Name, pending: z.number().int() }),
    }),
    /** A parent topic one of the reader's topics links to changed (上级议题已修改). */
    z.object({
      kind: z.literal('upstream_changed'),
      detail: z.object({
        orgName: Name,
        parentTitle: Name,
        topicId: z.string(),
        topicTitle: Name,
        fields: z.array(z.enum(UPSTREAM_FIELDS)),
      }),
    }),
    /** A child organisation answered one of the reader's plan's topics. */
    z.object({
      kind: z.literal('child_answered'),
      detail: z.object({
        orgName: Name,
        topicTitle: Name,
        answer: z.enum(['adopt', 'link', 'decline']),
        reason: z.string().max(600).optional(),
      }),
    }),
  ]),
);
export type NotificationContent = z.infer<typeof NotificationContent>;
export type NotificationKind = NotificationContent['kind'];

/** A notification as the inbox shows it; `planId` is where it leads (the board of that plan). */
export const Notification = lazySchema(() =>
  z.intersection(
    NotificationContent,
    z.object({
      id: z.number().int(),
      planId: z.string().nullable(),
      /** ISO instants. */
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
);
export type Notification = z.infer<typeof Notification>;

/** `GET /api/notifications?beforeId=&limit=`: the caller's notifications, newest first, and the unread count. */
export const NotificationsQuery = lazySchema(() =>
  z.object({
    beforeId: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  }),
);
export const NotificationsResponse = lazySchema(() =>
  z.object({
    notifications: z.array(Notification),
    unread: z.number().int(),
  }),
);
export type NotificationsResponse = z.infer<typeof NotificationsResponse>;

/** `POST /api/notifications/read`: mark some, or all, of the caller's notifications read. */
export const MarkReadRequest = lazySchema(() =>
  z.union([
    z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }),
    z.object({ all: z.literal(true) }),
  ]),
);
export type MarkReadRequest = z.infer<typeof MarkReadRequest>;
export const MarkReadResponse = lazySchema(() => z.object({ unread: z.number().int() }));
