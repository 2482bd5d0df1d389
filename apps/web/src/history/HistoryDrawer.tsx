import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Drawer, Empty, Skeleton, Typography } from 'antd';
import ReloadOutlined from '@ant-design/icons/ReloadOutlined';
import { DEFAULT_PAGE_LIMIT, PlanHistoryResponse } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { useRequest } from '../api/useRequest';
import { userColor } from '../identity/userColor';
import { useI18n } from '../i18n/I18nProvider';
import { InitialsBadge } from '../shell/InitialsBadge';
import { authorName, describeChange } from './describeChange';
import { absoluteTime, relativeTime } from './relativeTime';

/** Width of the drawer: a sentence with a long topic title fits on two lines. */
const DRAWER_WIDTH = 520;
/** How often "3分钟前" is brought up to date while the drawer is open. */
const CLOCK_TICK_MS = 30_000;

type Props = { planId: string; open: boolean; onClose: () => void };

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

/**
 * The plan's history (历史记录): who created, archived, restored or changed which topic and when,
 * newest first, in plain sentences ("王敏 将「执行难」的监督方式改为 专题询问 · 3分钟前"). Fetched when
 * opened; the refresh button asks again.
 */
export function HistoryDrawer({ planId, open, onClose }: Props) {
  const { t, label, locale } = useI18n();
  const now = useNow(open);
  const url = open ? `/api/plans/${encodeURIComponent(planId)}/history?limit=${DEFAULT_PAGE_LIMIT}` : null;
  const { data, error, loading, fetching, reload } = useRequest(url, PlanHistoryResponse);
  const rows = useMemo(
    () =>
      (data?.entries ?? []).flatMap((entry) =>
        entry.changes.map((change, index) => {
          const author = authorName(entry.author, t);
          return {
            key: `${entry.seq}-${index}`,
            at: entry.at,
            authorId: entry.author.id,
            author,
            sentence: describeChange(change, author, { t, label }),
          };
        }),
      ),
    [data, t, label],
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('history.title')}
      size={DRAWER_WIDTH}
      closable={{ 'aria-label': t('topic.close') }}
      rootClassName="history-drawer"
      data-testid="history-drawer"
      extra={
        <Button
          icon={<ReloadOutlined />}
          onClick={reload}
          loading={fetching && !loading}
          data-testid="history-refresh"
        >
          {t('history.refresh')}
        </Button>
      }
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('history.loadFailed')}
          description={describeError(error, t)}
          action={
            <Button size="small" onClick={reload}>
              {t('error.retry')}
            </Button>
          }
        />
      ) : loading ? (
        <Skeleton active avatar paragraph={{ rows: 2 }} />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" className="history-hint">
            {data && data.entries.length >= DEFAULT_PAGE_LIMIT
              ? t('history.hintLimited', { count: DEFAULT_PAGE_LIMIT })
              : t('history.hint')}
          </Typography.Paragraph>
          <ol className="history-list" data-testid="history-list" aria-busy={fetching}>
            {rows.map((row) => (
              <li key={row.key} className="history-item" data-testid="history-entry">
                <InitialsBadge name={row.author} color={userColor(row.authorId)} />
                <div className="history-text">
                  <span className="history-sentence">{row.sentence}</span>
                  <time className="history-time" dateTime={row.at} title={absoluteTime(row.at, locale)}>
                    {relativeTime(row.at, now, locale, t)}
                  </time>
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </Drawer>
  );
}
