import { lazy, Suspense, useEffect, useState } from 'react';
import { Badge, Button, Tooltip } from 'antd';
import BellOutlined from '@ant-design/icons/BellOutlined';
import { NotificationsResponse } from '@yipan/protocol';
import { alignmentPaths } from '../alignment/alignmentApi';
import { useRequest } from '../api/useRequest';
import { useStore } from '../collab/createStore';
import { useI18n } from '../i18n/I18nProvider';
import { notificationsResync, unreadNotifications } from './notificationEvents';
import './notifications.css';

// The inbox is opened now and then: its list and drawer load on the first click.
const NotificationInbox = lazy(() =>
  import('./NotificationInbox').then((module) => ({ default: module.NotificationInbox })),
);

/** Only the count matters to the bell: one row is the smallest page the server gives. */
const COUNT_ONLY = `${alignmentPaths.notifications()}?limit=1`;
/** Above this the badge says "99+": the exact number no longer helps. */
const BADGE_MAX = 99;

/**
 * The bell in the header (通知) with the unread count: read from the server on mount and again after a
 * reconnect or a return to the tab (useRequest refetches then), and from each pushed notification in between.
 */
export function NotificationBell() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [everOpened, setEverOpened] = useState(false);
  const { data, reload } = useRequest(COUNT_ONLY, NotificationsResponse);
  const resync = useStore(notificationsResync);
  useEffect(() => {
    if (resync > 0) reload();
  }, [resync, reload]);
  useEffect(() => {
    if (data) unreadNotifications.set(data.unread);
  }, [data]);
  // The count belongs to this session's user: the next one to sign in on this page starts from nothing.
  useEffect(() => () => unreadNotifications.set(null), []);
  const unread = useStore(unreadNotifications) ?? 0;
  const name = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');

  return (
    <>
      <Tooltip title={name}>
        <Badge count={unread} overflowCount={BADGE_MAX} size="small" offset={[-4, 4]}>
          <Button
            type="text"
            shape="circle"
            icon={<BellOutlined />}
            aria-label={name}
            aria-haspopup="dialog"
            aria-expanded={open}
            onClick={() => {
              setEverOpened(true);
              setOpen(true);
            }}
            data-testid="notification-bell"
            data-unread={unread}
          />
        </Badge>
      </Tooltip>
      {everOpened ? (
        <Suspense fallback={null}>
          <NotificationInbox open={open} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
