import { useEffect, useRef } from 'react';
import { App, Button } from 'antd';
import { useStore } from '../collab/createStore';
import { useI18n } from '../i18n/I18nProvider';
import { latestNotification } from './notificationEvents';
import { describeNotification, notificationHeading } from './notificationText';
import { useOpenNotification } from './useOpenNotification';

/** Seconds a toast stays: long enough to read a sentence with two quoted titles (hovering keeps it longer). */
const TOAST_SECONDS = 8;

/**
 * Live toasts: each notification pushed during this session shows once, worded in the reader's language,
 * with "查看" to go where it leads. Notifications listed by the inbox never toast: only pushes do.
 */
export function NotificationToasts() {
  const { t } = useI18n();
  const { notification: toasts } = App.useApp();
  const openNotification = useOpenNotification();
  const latest = useStore(latestNotification);
  // A push from before this shell mounted (a previous sign-in on this page) is not news any more.
  const shownSerial = useRef(latestNotification.get()?.serial ?? 0);
  const shownIds = useRef(new Set<number>());

  useEffect(() => {
    if (!latest || latest.serial <= shownSerial.current) return;
    shownSerial.current = latest.serial;
    const { notification } = latest;
    if (shownIds.current.has(notification.id)) return;
    shownIds.current.add(notification.id);
    const key = `notification-${notification.id}`;
    toasts.open({
      key,
      type: 'info',
      role: 'status',
      duration: TOAST_SECONDS,
      // Below, not over the header: the bell and its count stay in sight.
      placement: 'bottomRight',
      title: notificationHeading(notification.kind, t),
      description: describeNotification(notification, t),
      actions: (
        <Button
          type="primary"
          size="small"
          onClick={() => {
            toasts.destroy(key);
            void openNotification(notification);
          }}
          data-testid="notification-toast-view"
        >
          {t('notifications.view')}
        </Button>
      ),
      props: { 'data-testid': 'notification-toast' },
    });
  }, [latest, t, toasts, openNotification]);

  return null;
}
