import { useCallback } from 'react';
import { App } from 'antd';
import type { Notification } from '@yipan/protocol';
import { markNotificationsRead } from '../alignment/alignmentApi';
import { describeError } from '../api/describeError';
import { useI18n } from '../i18n/I18nProvider';
import { navigate } from '../routing/useRoute';
import { unreadNotifications } from './notificationEvents';
import { notificationTarget } from './notificationTarget';

/**
 * Opens a notification: goes where it leads at once and marks it read (an unread one) on the way; a failed
 * mark is said in a message, the navigation stands. Resolves once the mark is answered.
 */
export function useOpenNotification(): (notification: Notification, unread?: boolean) => Promise<void> {
  const { t } = useI18n();
  const { message } = App.useApp();
  return useCallback(
    // `unread`: what the caller shows, which may be newer than the notification's own `readAt`.
    async (notification: Notification, unread = notification.readAt === null) => {
      const target = notificationTarget(notification);
      if (target) navigate(target);
      if (!unread) return;
      try {
        unreadNotifications.set(await markNotificationsRead({ ids: [notification.id] }));
      } catch (error) {
        const reason = describeError(error instanceof Error ? error : new Error(String(error)), t);
        void message.warning(t('notifications.markFailed', { reason }));
      }
    },
    [t, message],
  );
}
