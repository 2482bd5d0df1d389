import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type RefObject,
} from 'react';
import { Tooltip, type TooltipRef } from 'antd';
import WarningFilled from '@ant-design/icons/WarningFilled';
import {
  CELL_STATE_LABELS,
  EXPECTATION_LEVEL_LABELS,
  LINKAGE_MODE_LABELS,
  METHOD_LABELS,
  PLAN_STATUS_LABELS,
  type AlignmentCell,
  type AlignmentColumn,
  type CellTopic,
} from '@yipan/domain';
import type { MatrixCell, MatrixRow as MatrixRowData } from '@yipan/protocol';
import { createStore, useStore, type Store } from '../collab/createStore';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { navigate, planTopicPath } from '../routing/useRoute';
import { planStatusColor } from '../shell/planStatusColor';
import { LazyTooltip } from './LazyTooltip';
import { CELL_GLYPHS, cellWording, coverageText, drillTarget, type CellWording } from './matrixDisplay';
import { RowDetails, type RowCells } from './matrixRowDetails';

/** What the benchmark waits for: set once the grid of a loaded matrix is in the DOM (see MatrixGrid). */
export const MATRIX_RENDERED_MARK = 'yipan:alignment-matrix-rendered';

declare global {
  interface Window {
    /** `performance.now()` when the alignment matrix grid was last committed to the DOM; for the benchmark. */
    __yipanMatrixRendered?: number;
  }
}

/** Rows PageUp and PageDown move by: about one screen of rows. */
const PAGE_ROWS = 10;
/** The scroll area's most height, in % of the window's (`.matrix-scroll`'s max-height in matrix.css). */
const SCROLL_AREA_VH = 72;
/** A row's least height in px (a cell's min-height in matrix.css): the most rows a screen can show. */
const MIN_ROW_PX = 44;
/** Longest the rows below the first screen wait for an idle moment before they are rendered anyway. */
const SETTLE_TIMEOUT_MS = 1_000;

/** Rows the grid's first frame renders: as many as the scroll area can show at once, and one more. */
function firstScreenRows(): number {
  return Math.ceil((window.innerHeight * SCROLL_AREA_VH) / 100 / MIN_ROW_PX) + 1;
}

/**
 * Lets the rows below the first screen render (matrix.css `.matrix-row--later`) once the browser is idle
 * after the grid's first frame; the returned function does it at once (on scroll, and before the
 * keyboard moves focus, which a hidden row cannot take).
 */
function useSettle(grid: RefObject<HTMLDivElement | null>): () => void {
  const settle = useCallback(() => {
    if (grid.current && !('settled' in grid.current.dataset)) grid.current.dataset.settled = '';
  }, [grid]);
  useEffect(() => {
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = setTimeout(settle, 0);
      return () => clearTimeout(timer);
    }
    const idle = window.requestIdleCallback(settle, { timeout: SETTLE_TIMEOUT_MS });
    return () => window.cancelIdleCallback(idle);
  }, [settle]);
  return settle;
}

/** The cell under the pointer or focused, with its box inside the scroll area (for the one tooltip). */
type TipTarget = {
  topicId: string;
  orgId: string;
  left: number;
  top: number;
  width: number;
  height: number;
};

const sameTarget = (a: TipTarget | null, b: TipTarget | null) =>
  a === b || (a !== null && b !== null && a.topicId === b.topicId && a.orgId === b.orgId && a.top === b.top);

type Props = {
  /** The parent plan, whose rows' details the tooltip reads. */
  planId: string;
  rows: readonly MatrixRowData[];
  columns: readonly AlignmentColumn[];
  /** Show 已阅/未阅: read receipts exist only once the parent plan is published. */
  showReadReceipts: boolean;
};

/** A month or "未排期", and the session if there is one. */
function useScheduleText() {
  const { t } = useI18n();
  return useCallback(
    (month: number | null, session: number | null = null) => {
      const parts = [month === null ? t('board.unscheduled') : t(`month.${month}` as MessageKey)];
      if (session !== null) parts.push(t('alignment.session', { session }));
      return parts.join(' · ');
    },
    [t],
  );
}

/**
 * A child organisation's column head: name, plan status, 已阅/未阅 and coverage. The status is a tag in
 * plain CSS and the 已阅 tooltip mounts on first hover: antd's Tag and Tooltip run their hooks per
 * instance, twenty times in a city's matrix.
 */
const ColumnHead = memo(function ColumnHead({
  column,
  index,
  showReadReceipt,
}: {
  column: AlignmentColumn;
  index: number;
  showReadReceipt: boolean;
}) {
  const { t, label, locale } = useI18n();
  const read = column.readAt !== null;
  return (
    <div
      role="columnheader"
      aria-colindex={index + 2}
      className="matrix-col-head"
      data-testid="alignment-column"
      data-org={column.name}
    >
      <div className="matrix-col-name" title={column.name}>
        {column.name}
      </div>
      <div className="matrix-col-meta">
        {column.planStatus ? (
          <span className={`matrix-col-status matrix-col-status--${planStatusColor(column.planStatus)}`}>
            {label(PLAN_STATUS_LABELS[column.planStatus])}
          </span>
        ) : (
          <span className="matrix-muted">{t('alignment.noPlan')}</span>
        )}
        {showReadReceipt ? (
          <LazyTooltip
            title={
              column.readAt !== null
                ? t('alignment.readAt', { time: new Date(column.readAt).toLocaleString(locale) })
                : t('alignment.unreadHint')
            }
          >
            <span
              className={read ? 'matrix-read' : 'matrix-unread'}
              tabIndex={0}
              data-testid="alignment-read-receipt"
            >
              {read ? t('alignment.read') : t('alignment.unread')}
            </span>
          </LazyTooltip>
        ) : null}
      </div>
      <div className="matrix-col-coverage">
        {t('alignment.columnCoverage', { coverage: coverageText(column.coverage) })}
      </div>
    </div>
  );
});

/** A parent topic's row head: title, method and schedule, 联动, coverage and the roll-up across children. */
function RowHead({ row }: { row: MatrixRowData }) {
  const { t, label } = useI18n();
  const schedule = useScheduleText();
  const { rollup, coverage } = row;
  // Coverage for a joint topic; for any topic the children took up, the roll-up of their progress.
  const progress: string[] = [];
  if (row.joint) progress.push(t('alignment.rowCoverage', { coverage: coverageText(coverage) }));
  else if (coverage.linked > 0) progress.push(t('alignment.rowLinked', { count: coverage.linked }));
  if (coverage.linked > 0)
    progress.push(
      t('alignment.rollup.steps', { finished: rollup.stepsFinished, total: rollup.stepsTotal }),
      t('alignment.rollup.items', { closed: rollup.itemsClosed, total: rollup.itemsTotal }),
      t('alignment.rollup.rated', { count: rollup.itemsRated }),
    );
  return (
    <div role="rowheader" className="matrix-row-head">
      <div className="matrix-row-title" title={row.title}>
        {row.joint ? <span className="matrix-joint">{t('alignment.joint')}</span> : null}
        {row.title}
      </div>
      <div className="matrix-row-meta">
        {label(METHOD_LABELS[row.method])} · {schedule(row.month, row.session)}
      </div>
      {progress.length > 0 ? <div className="matrix-row-meta">{progress.join(' · ')}</div> : null}
      {rollup.conflicts > 0 ? (
        <div className="matrix-row-conflicts" data-testid="alignment-conflicts">
          <WarningFilled aria-hidden /> {t('alignment.rollup.conflicts', { count: rollup.conflicts })}
        </div>
      ) : null}
    </div>
  );
}

/** One row: its head and a plain cell per child (no antd component per cell: a matrix has thousands). */
const MatrixRow = memo(function MatrixRow({
  row,
  rowIndex,
  columns,
  wording,
  activeColumn,
  later,
}: {
  row: MatrixRowData;
  rowIndex: number;
  columns: readonly AlignmentColumn[];
  wording: CellWording;
  /** The column of the grid's one tab stop when it is in this row, else null. */
  activeColumn: number | null;
  /** Below the first screen: left out of the grid's first frame (`.matrix-row--later` in matrix.css). */
  later: boolean;
}) {
  return (
    <div
      role="row"
      aria-rowindex={rowIndex + 2}
      className={later ? 'matrix-row matrix-row--later' : 'matrix-row'}
      data-testid="alignment-row"
      data-topic={row.title}
    >
      <RowHead row={row} />
      {row.cells.map((cell, index) => {
        const column = columns[index];
        const orgName = column?.name ?? '';
        return (
          <div
            key={column?.orgId ?? index}
            role="gridcell"
            tabIndex={activeColumn === index ? 0 : -1}
            aria-label={wording.ariaLabel(cell, { orgName, topicTitle: row.title })}
            // The state's glyph is drawn by CSS from the class; the cell's place is its place in the DOM
            // (cellPlace): each attribute less is 2,000 fewer for the browser to set.
            className={cellClass(cell)}
            data-testid="alignment-cell"
            data-org={orgName}
            data-state={cell.state}
          >
            {wording.text(cell)}
          </div>
        );
      })}
    </div>
  );
});

function cellClass(cell: MatrixCell): string {
  let name = `matrix-cell matrix-cell--${cell.state}`;
  if (cell.conflict) name += ' matrix-cell--conflict';
  if (cell.lead) name += ' matrix-cell--drill';
  return name;
}

/** One linked child topic in the tooltip: title, how it links, when, and its progress. */
function TipTopic({ topic }: { topic: CellTopic }) {
  const { t, label } = useI18n();
  const schedule = useScheduleText();
  return (
    <li>
      <div className="matrix-tip-topic">{topic.title}</div>
      <div className="matrix-tip-meta">
        {label(LINKAGE_MODE_LABELS[topic.mode])} · {topic.sessionDate ?? schedule(topic.month)}
        {' · '}
        {t('alignment.tip.steps', { finished: topic.stepsFinished, total: topic.stepsTotal })}
        {topic.itemsTotal > 0
          ? ` · ${t('alignment.tip.items', { closed: topic.itemsClosed, total: topic.itemsTotal })}`
          : null}
      </div>
    </li>
  );
}

/**
 * The details of one cell: state, what was expected by when, the child topics or the decline's reason.
 * The state, a conflict and the hint come with the matrix; the rest with the row's details (`full`),
 * read as the tooltip opens.
 */
function CellDetails({
  row,
  column,
  cell,
  full,
}: {
  row: MatrixRowData;
  column: AlignmentColumn;
  cell: MatrixCell;
  /** The cell in full; undefined while its row is read, null if the read failed. */
  full: AlignmentCell | null | undefined;
}) {
  const { t, label } = useI18n();
  const expectation = full?.expectation;
  return (
    <div className="matrix-tip" data-testid="alignment-tip" aria-busy={full === undefined}>
      <div className="matrix-tip-head">
        {column.name} · {row.title}
      </div>
      <div className="matrix-tip-state">
        <span aria-hidden>{CELL_GLYPHS[cell.state]}</span> {label(CELL_STATE_LABELS[cell.state])}
      </div>
      {full === undefined ? (
        <div className="matrix-tip-meta">{t('app.loading')}</div>
      ) : full === null ? (
        <div className="matrix-tip-meta">{t('alignment.loadFailed')}</div>
      ) : (
        <>
          <div className="matrix-tip-meta">
            {expectation
              ? t('alignment.tip.expectation', { level: label(EXPECTATION_LEVEL_LABELS[expectation.level]) })
              : t('alignment.tip.noExpectation')}
            {expectation?.neededBy
              ? ` · ${t('alignment.tip.neededBy', { date: expectation.neededBy })}`
              : null}
          </div>
          {full.declineReason ? (
            <div className="matrix-tip-meta">
              {t('alignment.tip.declineReason', { reason: full.declineReason })}
            </div>
          ) : null}
          {full.topics.length > 0 ? (
            <ul className="matrix-tip-topics">
              {full.topics.map((topic) => (
                <TipTopic key={`${topic.planId}/${topic.topicId}`} topic={topic} />
              ))}
            </ul>
          ) : null}
        </>
      )}
      {cell.conflict ? (
        <div className="matrix-tip-conflict">
          <WarningFilled aria-hidden /> {t('alignment.tip.conflict')}
        </div>
      ) : null}
      {cell.lead ? <div className="matrix-tip-hint">{t('alignment.tip.open')}</div> : null}
    </div>
  );
}

/** The cells of a row in full from `details`: undefined while read, null if the read failed. */
function useRowCells(details: RowDetails, topicId: string | null): RowCells | null | undefined {
  const [read, setRead] = useState<{ details: RowDetails; topicId: string; cells: RowCells | null }>();
  useEffect(() => {
    if (topicId === null || details.peek(topicId)) return;
    let live = true;
    details.read(topicId).then(
      (cells) => live && setRead({ details, topicId, cells }),
      () => live && setRead({ details, topicId, cells: null }),
    );
    return () => {
      live = false;
    };
  }, [details, topicId]);
  if (topicId === null) return undefined;
  const known = details.peek(topicId);
  if (known) return known;
  return read?.details === details && read.topicId === topicId ? read.cells : undefined;
}

/**
 * The one tooltip of the grid, over whichever cell is hovered or focused: an invisible anchor placed on
 * that cell inside the scroll area (so it scrolls with it) and a single antd Tooltip aligned to it.
 */
function MatrixTip({
  store,
  details,
  rows,
  columns,
  area,
}: {
  store: Store<TipTarget | null>;
  details: RowDetails;
  rows: readonly MatrixRowData[];
  columns: readonly AlignmentColumn[];
  area: RefObject<HTMLDivElement | null>;
}) {
  const target = useStore(store);
  const tooltip = useRef<TooltipRef>(null);
  const row = target ? rows.find((candidate) => candidate.topicId === target.topicId) : undefined;
  const columnIndex = target ? columns.findIndex((column) => column.orgId === target.orgId) : -1;
  const column = columns[columnIndex];
  const cell = row?.cells[columnIndex];
  const rowCells = useRowCells(details, row?.topicId ?? null);
  const full = rowCells
    ? (rowCells.find((candidate) => candidate.orgId === column?.orgId) ?? null)
    : rowCells;
  // Again once the details arrive: the tooltip grows, and must stay aligned to its cell.
  useLayoutEffect(() => {
    if (target) tooltip.current?.forceAlign();
  }, [target, full]);
  // The anchor scrolls with the cells; the tooltip, portalled to the body, follows it.
  useEffect(() => {
    const element = area.current;
    if (!target || !element) return;
    const follow = () => tooltip.current?.forceAlign();
    element.addEventListener('scroll', follow, { passive: true });
    return () => element.removeEventListener('scroll', follow);
  }, [target, area]);
  // Mounted on the first hover or focus, then kept: the grid's first render runs no Tooltip hooks.
  const [used, setUsed] = useState(false);
  if (target && !used) setUsed(true);
  if (!used && !target) return null;
  return (
    <Tooltip
      ref={tooltip}
      open={Boolean(row && column && cell)}
      title={row && column && cell ? <CellDetails row={row} column={column} cell={cell} full={full} /> : null}
      placement="top"
      classNames={{ root: 'matrix-tip-overlay' }}
    >
      <span
        className="matrix-tip-anchor"
        aria-hidden
        style={
          target
            ? { left: target.left, top: target.top, width: target.width, height: target.height }
            : undefined
        }
      />
    </Tooltip>
  );
}

/** The cell element an event happened in, if any. */
function cellOf(event: { target: EventTarget }): HTMLElement | null {
  return event.target instanceof Element ? event.target.closest<HTMLElement>(CELL_SELECTOR) : null;
}

/** A grid cell (not a legend swatch, which shares the state classes). */
const CELL_SELECTOR = '[role="gridcell"]';

/** A cell's row and column indexes, from its place: each row is its head, then a cell per column. */
function cellPlace(element: HTMLElement): { row: number; column: number } {
  const row = element.parentElement;
  return {
    row: Number(row?.getAttribute('aria-rowindex')) - 2,
    column: row ? Array.prototype.indexOf.call(row.children, element) - 1 : -1,
  };
}

/** The cell element at a row and column of the grid (its first child is the head row). */
function cellAt(grid: Element, row: number, column: number): HTMLElement | null {
  const cell = grid.children[row + 1]?.children[column + 1];
  return cell instanceof HTMLElement ? cell : null;
}

/** Where a cell sits inside the scroll area, for the tooltip's anchor. */
function tipTargetOf(
  element: HTMLElement,
  area: HTMLElement,
  rows: readonly MatrixRowData[],
  columns: readonly AlignmentColumn[],
): TipTarget | null {
  const place = cellPlace(element);
  const row = rows[place.row];
  const column = columns[place.column];
  if (!row || !column) return null;
  const box = element.getBoundingClientRect();
  const frame = area.getBoundingClientRect();
  return {
    topicId: row.topicId,
    orgId: column.orgId,
    left: box.left - frame.left + area.scrollLeft,
    top: box.top - frame.top + area.scrollTop,
    width: box.width,
    height: box.height,
  };
}

/** Records when the grid of a loaded matrix reached the DOM, for the benchmark (see MATRIX_RENDERED_MARK). */
function useRenderedMark(root: RefObject<HTMLDivElement | null>): void {
  useLayoutEffect(() => {
    const at = performance.now();
    if (root.current) root.current.dataset.renderedAt = String(at);
    window.__yipanMatrixRendered = at;
    performance.mark(MATRIX_RENDERED_MARK);
  }, [root]);
}

/**
 * The matrix as an ARIA grid of plain elements: parent topics down, child organisations across, the
 * first column and the header sticky. One tab stop moves with the arrow keys (roving focus); Enter or a
 * click drills into the linked child topic. Renders 100 × 20 cells without an antd component per cell,
 * and rows off screen are not laid out or painted until they scroll into view (matrix.css); the first
 * frame draws only the first screen's rows (useSettle).
 */
export const MatrixGrid = memo(function MatrixGrid({ planId, rows, columns, showReadReceipts }: Props) {
  const { t, label } = useI18n();
  const wording = useMemo(() => cellWording(t, label), [t, label]);
  const area = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const settle = useSettle(grid);
  const [firstRows] = useState(firstScreenRows);
  const [tip] = useState(() => createStore<TipTarget | null>(null, sameTarget));
  // Details belong to the matrix on screen: a new answer (or filter) reads them again.
  const details = useMemo(() => new RowDetails(planId), [planId, rows]);
  const [active, setActive] = useState({ row: 0, column: 0 });
  useRenderedMark(area);
  // The tab stop stays inside the grid when rows are filtered away.
  const activeRow = Math.min(active.row, rows.length - 1);
  const activeColumn = Math.min(active.column, columns.length - 1);
  useEffect(() => tip.set(null), [tip, rows, columns]);

  const showTipFor = useCallback(
    (element: HTMLElement | null) => {
      tip.set(element && area.current ? tipTargetOf(element, area.current, rows, columns) : null);
    },
    [tip, rows, columns],
  );
  const focusedCell = () => {
    const focused = document.activeElement;
    return focused instanceof HTMLElement && area.current?.contains(focused) && focused.matches(CELL_SELECTOR)
      ? focused
      : null;
  };
  const open = useCallback(
    (element: HTMLElement) => {
      const place = cellPlace(element);
      const cell = rows[place.row]?.cells[place.column];
      const column = columns[place.column];
      const target = cell && column && drillTarget(cell, column);
      if (target) navigate(planTopicPath(target.planId, target.topicId));
    },
    [rows, columns],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const element = cellOf(event);
    if (!element) return;
    settle();
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(element);
      return;
    }
    const { row, column } = cellPlace(element);
    const moves: Record<string, [number, number]> = {
      ArrowUp: [row - 1, column],
      ArrowDown: [row + 1, column],
      ArrowLeft: [row, column - 1],
      ArrowRight: [row, column + 1],
      PageUp: [row - PAGE_ROWS, column],
      PageDown: [row + PAGE_ROWS, column],
      Home: event.ctrlKey ? [0, 0] : [row, 0],
      End: event.ctrlKey ? [rows.length - 1, columns.length - 1] : [row, columns.length - 1],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const nextRow = Math.max(0, Math.min(rows.length - 1, move[0]));
    const nextColumn = Math.max(0, Math.min(columns.length - 1, move[1]));
    const grid = element.closest('[role="grid"]');
    if (grid) cellAt(grid, nextRow, nextColumn)?.focus();
  };
  const onFocus = (event: FocusEvent) => {
    const element = cellOf(event);
    if (!element) return;
    const next = cellPlace(element);
    setActive((current) => (current.row === next.row && current.column === next.column ? current : next));
    showTipFor(element);
  };
  const onBlur = (event: FocusEvent) => {
    if (!(event.relatedTarget instanceof Node && area.current?.contains(event.relatedTarget)))
      showTipFor(null);
  };
  const onPointerOver = (event: PointerEvent) => showTipFor(cellOf(event) ?? focusedCell());
  const onPointerLeave = () => showTipFor(focusedCell());
  const onClick = (event: MouseEvent) => {
    const element = cellOf(event);
    if (element) open(element);
  };

  return (
    <div
      ref={area}
      className="matrix-scroll"
      data-testid="alignment-matrix"
      onPointerLeave={onPointerLeave}
      onScroll={settle}
      // The grid's width from its column count, so that no cell's content has to be measured to lay it out.
      style={{ '--matrix-columns': columns.length } as CSSProperties}
    >
      <div
        ref={grid}
        role="grid"
        aria-label={t('alignment.matrixLabel')}
        aria-rowcount={rows.length + 1}
        aria-colcount={columns.length + 1}
        className="matrix-grid"
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={onBlur}
        onPointerOver={onPointerOver}
        onClick={onClick}
      >
        <div role="row" aria-rowindex={1} className="matrix-head">
          <div role="columnheader" aria-colindex={1} className="matrix-corner">
            {t('alignment.topicColumn')}
          </div>
          {columns.map((column, index) => (
            <ColumnHead key={column.orgId} column={column} index={index} showReadReceipt={showReadReceipts} />
          ))}
        </div>
        {rows.map((row, index) => (
          <MatrixRow
            key={row.topicId}
            row={row}
            rowIndex={index}
            columns={columns}
            wording={wording}
            activeColumn={index === activeRow ? activeColumn : null}
            later={index >= firstRows}
          />
        ))}
      </div>
      <MatrixTip store={tip} details={details} rows={rows} columns={columns} area={area} />
    </div>
  );
});
