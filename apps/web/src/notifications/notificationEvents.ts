import { Notification } from '@yipan/protocol';
import { createStore } from '../collab/createStore';

/** A notification pushed live, with the unread count after it and a serial so two in a row both show. */
export type PushedNotification = { notification: Notification; unread: number; serial: number };

/** The latest `notification:new` of this session, or null: the inbox badge and the toasts follow it. */
export const latestNotification = createStore<PushedNotification | null>(null);

/**
 * The signed-in user's unread count as last heard (an inbox answer, a push or a mark-read answer); null
 * until the first of them, so the bell shows no stale number.
 */
export const unreadNotifications = createStore<number | null>(null);

/** Called for `notification:new`; a payload that does not read as a notification is ignored. */
export function notificationReceived(payload: unknown): void {
  if (typeof payload !== 'object' || payload === null) return;
  const { notification, unread } = payload as { notification?: unknown; unread?: unknown };
  const parsed = Notification.safeParse(notification);
  if (!parsed.success || typeof unread !== 'number') return;
  unreadNotifications.set(unread);
  latestNotification.set({
    notification: parsed.data,
    unread,
    serial: (latestNotification.get()?.serial ?? 0) + 1,
  });
}

/**
 * Bumped each time the live connection (re)connects: a notification pushed while it was not connected
 * (before the first connect, or during an outage) is lost, so the bell re-reads the count then.
 */
export const notificationsResync = createStore(0);

/** Called on every connect of the `/board` socket. */
export function boardConnected(): void {
  notificationsResync.set(notificationsResync.get() + 1);
}
