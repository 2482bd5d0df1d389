import { lazy, Suspense, useCallback, useDeferredValue, useMemo, useState } from 'react';
import { App, Badge, Button, Empty, Skeleton, Spin } from 'antd';
import HistoryOutlined from '@ant-design/icons/HistoryOutlined';
import InboxOutlined from '@ant-design/icons/InboxOutlined';
import {
  archiveTopic,
  DEFAULT_COMMITTEES,
  filterCount,
  moveTopic,
  NO_FILTERS,
  restoreTopic,
  SUPERVISED_BODIES,
  TOPIC_STATUSES,
  readSteps,
  topicStatus,
  type TopicStatus,
  type ViewField,
} from '@yipan/domain';
import { OrgDetailResponse } from '@yipan/protocol';
import { useRequest } from '../api/useRequest';
import { useStore } from '../collab/createStore';
import type { PlanSession } from '../collab/PlanSession';
import { useT } from '../i18n/I18nProvider';
import type { EditorRequest } from '../topic/editorRequest';
import { SearchTermsContext } from '../views/SearchTermsContext';
import { tableRows } from '../views/tableRows';
import { useBoardView } from '../views/useBoardView';
import {
  canDragIn,
  cellPatch,
  fieldKeys,
  filterTopics,
  groupView,
  searchTerms,
  type ViewCell,
  type ViewContext,
} from '../views/viewGrouping';
import { ViewToolbar } from '../views/ViewToolbar';
import '../views/views.css';
import { BoardColumns } from './BoardColumns';
import { UpstreamButton } from '../alignment/UpstreamButton';
import { AlignmentPageButton } from '../alignment/AlignmentPageButton';
import type { LayoutPlacement } from './boardLayout';

// The table view is opened on demand; the board's cards are the first paint.
const TopicTable = lazy(() =>
  import('../views/TopicTable').then((module) => ({ default: module.TopicTable })),
);
// Archived topics are looked at now and then: their drawer loads when first opened.
const ArchivedPanel = lazy(() =>
  import('./ArchivedPanel').then((module) => ({ default: module.ArchivedPanel })),
);
// The history replays the plan's log on the server; its drawer is loaded when first opened.
const HistoryDrawer = lazy(() =>
  import('../history/HistoryDrawer').then((module) => ({ default: module.HistoryDrawer })),
);

type Props = {
  session: PlanSession;
  canWrite: boolean;
  onEdit: (request: EditorRequest) => void;
  /** The plan's organisation: its committees and supervised bodies are the board's columns. */
  orgId?: string | null;
};

/**
 * The open plan's board: the view toolbar (columns, swimlanes, filters, search, board or table, all kept
 * in the URL), archived topics, history, and the live topics as cards in cells or as table rows.
 */
export function PlanBoard({ session, canWrite, onEdit, orgId = null }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const topics = useStore(session.topics);
  const peers = useStore(session.peers);
  const { everSynced, status } = useStore(session.connection);
  const [view, setView] = useBoardView();
  // Typing stays responsive on a large plan: the cards follow the search a moment later if need be.
  const query = useDeferredValue(view.query);
  const org = useRequest(orgId ? `/api/orgs/${encodeURIComponent(orgId)}` : null, OrgDetailResponse);
  // null until first opened, as the history below.
  const [archivedOpen, setArchivedOpen] = useState<boolean | null>(null);
  // null until first opened: the drawer's code loads then, and stays for the closing animation.
  const [historyOpen, setHistoryOpen] = useState<boolean | null>(null);

  const live = useMemo(() => topics.filter((topic) => !topic.archived), [topics]);
  const archived = useMemo(() => topics.filter((topic) => topic.archived), [topics]);
  // Read from the steps only when a view asks (status columns, lanes or filter, the table), once per
  // snapshot of the topics: a step's change is a change of its topic's map, so the store re-reads then too.
  const statusOf = useMemo(() => {
    const cache = new Map<string, TopicStatus>();
    const archivedIds = new Set(topics.filter((topic) => topic.archived).map((topic) => topic.id));
    return (id: string): TopicStatus => {
      let status = cache.get(id);
      if (status === undefined) {
        status = topicStatus(readSteps(session.doc, id), archivedIds.has(id));
        cache.set(id, status);
      }
      return status;
    };
  }, [session.doc, topics]);
  const orgDetail = org.data?.org;
  const ctx = useMemo<ViewContext>(
    () => ({
      statusOf,
      committees: orgDetail?.committees ?? DEFAULT_COMMITTEES,
      supervisedBodies: orgDetail?.supervisedBodies ?? SUPERVISED_BODIES,
    }),
    [statusOf, orgDetail],
  );
  const { group, lanes: laneField, filters, mode, sort } = view;
  const shown = useMemo(
    () => filterTopics(topics, { filters, query }, statusOf),
    [topics, filters, query, statusOf],
  );
  const narrowed = filterCount(filters) > 0 || query.trim() !== '';
  const lanes = useMemo(
    () => groupView(shown, { group, lanes: laneField, filters }, ctx, { onlyUsed: narrowed }),
    [shown, group, laneField, filters, ctx, narrowed],
  );
  const cells = useMemo(
    () => new Map<string, ViewCell>(lanes.flatMap((lane) => lane.cells).map((c) => [c.key, c])),
    [lanes],
  );
  const terms = useMemo(() => searchTerms(query), [query]);
  const filterOptions = useMemo(() => {
    const keys = (field: ViewField) => fieldKeys(field, live, ctx);
    const options: Record<ViewField, readonly string[]> = {
      month: keys('month'),
      session: keys('session'),
      method: keys('method'),
      leadCommittee: keys('leadCommittee'),
      supervisedBody: keys('supervisedBody'),
      status: TOPIC_STATUSES,
    };
    return options;
  }, [live, ctx]);
  // 序号: live topics in plan order, then the archived ones.
  const numbers = useMemo(
    () => new Map([...live, ...archived].map((topic, index) => [topic.id, index + 1])),
    [live, archived],
  );
  const rows = useMemo(
    () => (mode === 'table' ? tableRows(shown, (id) => numbers.get(id) ?? 0, statusOf) : []),
    [mode, shown, numbers, statusOf],
  );
  const canDrag = canDragIn(view);
  // Read from the store, not this render's topics: the callbacks below stay the same across edits,
  // and the memoised cards they are given do not re-render for them.
  const titleOf = useCallback(
    (id: string) => session.topics.get().find((topic) => topic.id === id)?.title ?? '',
    [session],
  );

  const onOpen = useCallback((topicId: string) => onEdit({ mode: 'edit', topicId }), [onEdit]);
  const onCreate = useCallback(
    (key: string) => {
      const cell = cells.get(key);
      onEdit({ mode: 'create', preset: (cell && cellPatch({ group, lanes: laneField }, cell)) ?? {} });
    },
    [onEdit, cells, group, laneField],
  );
  const onMove = useCallback(
    (id: string, { columnKey, afterId, beforeId }: LayoutPlacement) => {
      const cell = cells.get(columnKey);
      const patch = cell && cellPatch({ group, lanes: laneField }, cell);
      if (canWrite && patch) moveTopic(session.doc, id, { afterId, beforeId }, patch);
    },
    [session, cells, group, laneField, canWrite],
  );
  const onArchive = useCallback(
    (id: string) => {
      if (!canWrite) return;
      archiveTopic(session.doc, id);
      void message.success(t('archive.archived', { title: titleOf(id) }));
    },
    [session, message, t, titleOf, canWrite],
  );
  const onRestore = useCallback(
    (id: string) => {
      if (!canWrite) return;
      restoreTopic(session.doc, id);
      void message.success(t('archive.restored', { title: titleOf(id) }));
    },
    [session, message, t, titleOf, canWrite],
  );

  const loading = !everSynced && status === 'connecting';
  const clearAll = () => setView({ query: '', filters: NO_FILTERS });
  const noMatch = (
    <Empty className="board-empty" description={t('view.noMatch')} data-testid="board-no-match">
      <Button onClick={clearAll}>{t('view.clearAll')}</Button>
    </Empty>
  );
  const emptyBoard = lanes.length === 0 || lanes.every((lane) => lane.cells.length === 0);
  let content;
  if (mode === 'table') {
    content =
      rows.length === 0 && narrowed ? (
        noMatch
      ) : (
        <div className="topic-table-wrap">
          <Suspense fallback={<Skeleton active title={false} paragraph={{ rows: 6 }} />}>
            <TopicTable
              rows={rows}
              sort={sort}
              onSort={(next) => setView({ sort: next })}
              committees={ctx.committees}
              onOpen={onOpen}
            />
          </Suspense>
        </div>
      );
  } else if (emptyBoard || (narrowed && shown.length === 0)) {
    content = narrowed ? (
      noMatch
    ) : (
      <Empty className="board-empty" description={t('board.emptyMethods')} data-testid="board" />
    );
  } else {
    content = (
      <BoardColumns
        lanes={lanes}
        view={{ group, lanes: laneField }}
        peers={peers}
        canWrite={canWrite}
        canDrag={canDrag}
        onOpen={onOpen}
        onArchive={onArchive}
        onCreate={onCreate}
        onMove={onMove}
      />
    );
  }

  return (
    <div className="plan-board">
      <div className="board-toolbar">
        <ViewToolbar view={view} onChange={setView} filterOptions={filterOptions} />
        <span className="board-total" role="status" data-testid="board-total">
          {narrowed
            ? t('view.shown', { shown: shown.length, total: live.length })
            : t('board.total', { count: live.length })}
        </span>
        <span className="toolbar-spacer" />
        {/* What the higher levels ask of this plan, and how the levels below answer it. */}
        <UpstreamButton planId={session.planId} onOpenTopic={onOpen} />
        <AlignmentPageButton planId={session.planId} />
        <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="history-toggle">
          {t('history.button')}
        </Button>
        <Button icon={<InboxOutlined />} onClick={() => setArchivedOpen(true)} data-testid="archived-toggle">
          {t('board.archived')}
          <Badge count={archived.length} showZero={false} size="small" color="#8c8c8c" />
        </Button>
      </div>
      {mode === 'board' && canWrite && !canDrag ? (
        <div className="view-drag-off" role="note">
          {t('view.dragOff')}
        </div>
      ) : null}
      <Spin
        spinning={loading}
        description={t('board.loading')}
        classNames={{ root: 'board-spin', container: 'board-spin-container' }}
      >
        <SearchTermsContext.Provider value={terms}>{content}</SearchTermsContext.Provider>
      </Spin>
      {archivedOpen === null ? null : (
        <Suspense fallback={null}>
          <ArchivedPanel
            open={archivedOpen}
            topics={archived}
            canWrite={canWrite}
            onRestore={onRestore}
            onClose={() => setArchivedOpen(false)}
          />
        </Suspense>
      )}
      {historyOpen === null ? null : (
        <Suspense fallback={null}>
          <HistoryDrawer planId={session.planId} open={historyOpen} onClose={() => setHistoryOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
