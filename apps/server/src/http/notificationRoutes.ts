import { Router } from 'express';
import {
  MarkReadRequest,
  NotificationsQuery,
  type Notification,
  type NotificationsResponse,
} from '@yipan/protocol';
import { toNotification } from '../notifications/Notifier';
import { parseInput, requireAuth, type ApiContext } from './apiContext';

/** The signed-in user's inbox: their own notifications only, newest first; marking read touches only theirs. */
export function notificationRoutes(context: ApiContext): Router {
  const { db } = context;
  const routes = Router();

  routes.get('/notifications', async (request, response) => {
    const auth = await requireAuth(request, context);
    const query = parseInput(NotificationsQuery, request.query);
    const rows = await db.notifications.list(auth.user.id, { limit: query.limit, beforeId: query.beforeId });
    const body: NotificationsResponse = {
      notifications: rows.map(toNotification).filter((row): row is Notification => row !== null),
      unread: await db.notifications.unreadCount(auth.user.id),
    };
    response.json(body);
  });

  routes.post('/notifications/read', async (request, response) => {
    const auth = await requireAuth(request, context);
    const input = parseInput(MarkReadRequest, request.body);
    await db.notifications.markRead(auth.user.id, 'all' in input ? 'all' : input.ids, new Date());
    response.json({ unread: await db.notifications.unreadCount(auth.user.id) });
  });

  return routes;
}
