import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { App, Badge, Button, Empty, Segmented, Spin } from 'antd';
import HistoryOutlined from '@ant-design/icons/HistoryOutlined';
import InboxOutlined from '@ant-design/icons/InboxOutlined';
import {
  archiveTopic,
  boardColumns,
  columnPatch,
  moveTopic,
  restoreTopic,
  type BoardGrouping,
} from '@yipan/domain';
import { useStore } from '../collab/createStore';
import type { PlanSession } from '../collab/PlanSession';
import { useT } from '../i18n/I18nProvider';
import type { EditorRequest } from '../topic/editorRequest';
import { ArchivedPanel } from './ArchivedPanel';
import { BoardColumns } from './BoardColumns';
import type { LayoutPlacement } from './boardLayout';

// The history replays the plan's log on the server; its drawer is loaded when first opened.
const HistoryDrawer = lazy(() =>
  import('../history/HistoryDrawer').then((module) => ({ default: module.HistoryDrawer })),
);

type Props = {
  session: PlanSession;
  canWrite: boolean;
  onEdit: (request: EditorRequest) => void;
};

/** The open plan's board: grouping switch, archived topics, and the live columns of topic cards. */
export function PlanBoard({ session, canWrite, onEdit }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const topics = useStore(session.topics);
  const peers = useStore(session.peers);
  const { everSynced, status } = useStore(session.connection);
  const [grouping, setGrouping] = useState<BoardGrouping>('month');
  const [archivedOpen, setArchivedOpen] = useState(false);
  // null until first opened: the drawer's code loads then, and stays for the closing animation.
  const [historyOpen, setHistoryOpen] = useState<boolean | null>(null);

  const live = useMemo(() => topics.filter((topic) => !topic.archived), [topics]);
  const archived = useMemo(() => topics.filter((topic) => topic.archived), [topics]);
  const columns = useMemo(() => boardColumns(live, grouping), [live, grouping]);
  const titleOf = useCallback((id: string) => topics.find((topic) => topic.id === id)?.title ?? '', [topics]);

  const onOpen = useCallback((topicId: string) => onEdit({ mode: 'edit', topicId }), [onEdit]);
  const onCreate = useCallback(
    (columnKey: string) => onEdit({ mode: 'create', preset: columnPatch(grouping, columnKey) }),
    [onEdit, grouping],
  );
  const onMove = useCallback(
    (id: string, { columnKey, afterId, beforeId }: LayoutPlacement) => {
      if (canWrite) moveTopic(session.doc, id, { afterId, beforeId }, columnPatch(grouping, columnKey));
    },
    [session, grouping, canWrite],
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
  return (
    <div className="plan-board">
      <div className="board-toolbar">
        <Segmented<BoardGrouping>
          aria-label={t('board.groupBy')}
          value={grouping}
          onChange={setGrouping}
          options={[
            { value: 'month', label: t('board.byMonth') },
            { value: 'method', label: t('board.byMethod') },
          ]}
        />
        <span className="board-total">{t('board.total', { count: live.length })}</span>
        <span className="toolbar-spacer" />
        <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="history-toggle">
          {t('history.button')}
        </Button>
        <Button icon={<InboxOutlined />} onClick={() => setArchivedOpen(true)} data-testid="archived-toggle">
          {t('board.archived')}
          <Badge count={archived.length} showZero={false} size="small" color="#8c8c8c" />
        </Button>
      </div>
      <Spin
        spinning={loading}
        description={t('board.loading')}
        classNames={{ root: 'board-spin', container: 'board-spin-container' }}
      >
        {columns.length === 0 ? (
          <Empty className="board-empty" description={t('board.emptyMethods')} data-testid="board" />
        ) : (
          <BoardColumns
            columns={columns}
            grouping={grouping}
            peers={peers}
            canWrite={canWrite}
            onOpen={onOpen}
            onArchive={onArchive}
            onCreate={onCreate}
            onMove={onMove}
          />
        )}
      </Spin>
      <ArchivedPanel
        open={archivedOpen}
        topics={archived}
        canWrite={canWrite}
        onRestore={onRestore}
        onClose={() => setArchivedOpen(false)}
      />
      {historyOpen === null ? null : (
        <Suspense fallback={null}>
          <HistoryDrawer planId={session.planId} open={historyOpen} onClose={() => setHistoryOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
