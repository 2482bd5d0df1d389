import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Drawer, Empty, Skeleton } from 'antd';
import CheckOutlined from '@ant-design/icons/CheckOutlined';
import { NotificationsQuery, NotificationsResponse, type Notification } from '@yipan/protocol';
import { alignmentPaths, markNotificationsRead } from '../alignment/alignmentApi';
import { describeError } from '../api/describeError';
import { fetchJson } from '../api/fetchJson';
import { useRequest } from '../api/useRequest';
import { useStore } from '../collab/createStore';
import { absoluteTime, relativeTime } from '../history/relativeTime';
import { useI18n } from '../i18n/I18nProvider';
import { latestNotification, unreadNotifications } from './notificationEvents';
import { describeNotification, notificationHeading } from './notificationText';
import { useOpenNotification } from './useOpenNotification';

/** Width of the drawer: a sentence with two quoted titles fits on three lines. */
const DRAWER_WIDTH = 440;
/** How often "3分钟前" is brought up to date while the inbox is open. */
const CLOCK_TICK_MS = 30_000;
/** The server's page size when none is asked for: a full page means there may be more. */
const PAGE_SIZE = NotificationsQuery.parse({}).limit;

type Props = { open: boolean; onClose: () => void };

/** The current time, refreshed every CLOCK_TICK_MS while `running`. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The inbox (通知): the user's notifications newest first, unread ones marked, older pages on demand
 * ("加载更多"), notifications pushed while it is open added on top and announced to screen readers.
 * Opening one marks it read and goes where it leads; "全部标为已读" clears the badge.
 */
export function NotificationInbox({ open, onClose }: Props) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const openNotification = useOpenNotification();
  const now = useNow(open);
  const unread = useStore(unreadNotifications) ?? 0;
  // The newest page is asked for whenever the inbox opens, and again after a reconnect (useRequest).
  const first = useRequest(open ? alignmentPaths.notifications() : null, NotificationsResponse);
  const [older, setOlder] = useState<Notification[]>([]);
  /** Whether the last page fetched was full; null while only the newest page is known. */
  const [moreAfterOlder, setMoreAfterOlder] = useState<boolean | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Error | null>(null);
  const [arrived, setArrived] = useState<Notification[]>([]);
  const [announcement, setAnnouncement] = useState('');
  // Read marks made here, shown before (and without) a reload: by id, and "all up to this id".
  const [readIds, setReadIds] = useState<ReadonlySet<number>>(() => new Set());
  const [readUpTo, setReadUpTo] = useState(0);
  const [markingAll, setMarkingAll] = useState(false);

  useEffect(() => {
    if (first.data) unreadNotifications.set(first.data.unread);
  }, [first.data]);

  // Pushed notifications join the top of the list; only those that arrive after the inbox mounted.
  const latest = useStore(latestNotification);
  const seenSerial = useRef(latestNotification.get()?.serial ?? 0);
  useEffect(() => {
    if (!latest || latest.serial <= seenSerial.current) return;
    seenSerial.current = latest.serial;
    setArrived((list) => [latest.notification, ...list]);
    setAnnouncement(t('notifications.arrived', { text: describeNotification(latest.notification, t) }));
  }, [latest, t]);

  const items = useMemo(() => {
    // The server's copy first: it knows about reads made in other tabs.
    const byId = new Map<number, Notification>();
    for (const notification of [...(first.data?.notifications ?? []), ...arrived, ...older])
      if (!byId.has(notification.id)) byId.set(notification.id, notification);
    return [...byId.values()].sort((a, b) => b.id - a.id);
  }, [first.data, arrived, older]);

  const isRead = (notification: Notification) =>
    notification.readAt !== null || readIds.has(notification.id) || notification.id <= readUpTo;
  const hasMore = moreAfterOlder ?? (first.data?.notifications.length ?? 0) >= PAGE_SIZE;

  const loadMore = async () => {
    const fetched = [...(first.data?.notifications ?? []), ...older];
    const oldest = Math.min(...fetched.map((notification) => notification.id));
    if (!Number.isFinite(oldest)) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await fetchJson(alignmentPaths.notifications(oldest), NotificationsResponse);
      setOlder((list) => [...list, ...page.notifications]);
      setMoreAfterOlder(page.notifications.length >= PAGE_SIZE);
      unreadNotifications.set(page.unread);
    } catch (error) {
      setMoreError(asError(error));
    } finally {
      setLoadingMore(false);
    }
  };

  const markAllRead = async () => {
    setMarkingAll(true);
    try {
      unreadNotifications.set(await markNotificationsRead({ all: true }));
      setReadUpTo(Math.max(readUpTo, ...items.map((notification) => notification.id)));
    } catch (error) {
      void message.warning(t('notifications.markFailed', { reason: describeError(asError(error), t) }));
    } finally {
      setMarkingAll(false);
    }
  };

  const openItem = (notification: Notification) => {
    const read = isRead(notification);
    setReadIds((ids) => new Set(ids).add(notification.id));
    onClose();
    void openNotification(notification, !read);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('notifications.title')}
      size={DRAWER_WIDTH}
      closable={{ 'aria-label': t('topic.close') }}
      rootClassName="notification-drawer"
      data-testid="notification-inbox"
      extra={
        <Button
          icon={<CheckOutlined />}
          onClick={() => void markAllRead()}
          loading={markingAll}
          disabled={unread === 0}
          data-testid="notification-mark-all"
        >
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      <div className="notifications-sr-only" aria-live="polite" role="status">
        {announcement}
      </div>
      {first.error && items.length === 0 ? (
        <Alert
          type="error"
          showIcon
          title={t('notifications.loadFailed')}
          description={describeError(first.error, t)}
          action={
            <Button size="small" onClick={first.reload}>
              {t('error.retry')}
            </Button>
          }
        />
      ) : first.loading && items.length === 0 ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <>
          <ul
            className="notification-list"
            role="list"
            aria-label={t('notifications.title')}
            aria-busy={first.fetching || loadingMore}
            data-testid="notification-list"
          >
            {items.map((notification) => {
              const read = isRead(notification);
              return (
                <li
                  key={notification.id}
                  className={read ? 'notification-item' : 'notification-item notification-item-unread'}
                  data-testid="notification-item"
                  data-read={read}
                >
                  <button type="button" className="notification-open" onClick={() => openItem(notification)}>
                    <span className="notification-heading">
                      {read ? null : <span className="notification-dot" aria-hidden="true" />}
                      {read ? null : (
                        <span className="notifications-sr-only">{t('notifications.unread')}</span>
                      )}
                      {notificationHeading(notification.kind, t)}
                    </span>
                    <span className="notification-text">{describeNotification(notification, t)}</span>
                    <time
                      className="notification-time"
                      dateTime={notification.createdAt}
                      title={absoluteTime(notification.createdAt, locale)}
                    >
                      {relativeTime(notification.createdAt, now, locale, t)}
                    </time>
                  </button>
                </li>
              );
            })}
          </ul>
          {moreError ? (
            <Alert
              type="error"
              showIcon
              className="notification-more-error"
              title={t('notifications.loadFailed')}
              description={describeError(moreError, t)}
            />
          ) : null}
          {hasMore ? (
            <Button
              block
              className="notification-more"
              onClick={() => void loadMore()}
              loading={loadingMore}
              data-testid="notification-more"
            >
              {t('notifications.loadMore')}
            </Button>
          ) : null}
        </>
      )}
    </Drawer>
  );
}
