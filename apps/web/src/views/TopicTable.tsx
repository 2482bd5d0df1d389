import { useMemo } from 'react';
import { Table, Tag, type TableColumnsType, type TableProps } from 'antd';
import {
  METHOD_LABELS,
  SUPERVISED_BODY_LABELS,
  TOPIC_STATUS_LABELS,
  type TableSort,
  type TableSortKey,
} from '@yipan/domain';
import { methodColor } from '../board/methodColor';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { Highlight } from './SearchTermsContext';
import { sortRows, type TableRow } from './tableRows';

type Props = {
  rows: readonly TableRow[];
  sort: TableSort;
  onSort: (sort: TableSort) => void;
  committees: readonly string[];
  onOpen: (topicId: string) => void;
};

/** Rows per page: a whole county plan on one page, a city's long plan in a few. */
const PAGE_SIZE = 50;

/** The colour of a status tag, echoing the board's own greys, blues and greens. */
const STATUS_COLOR = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
  archived: 'default',
};

/**
 * The plan as a sheet, for people who prefer one: the columns of a published plan table (序号, 议题,
 * 监督方式, 时间安排, 牵头委室, 报告单位…), each sortable; a row opens the topic (its title is the keyboard's button).
 */
export function TopicTable({ rows, sort, onSort, committees, onOpen }: Props) {
  const { t, label } = useI18n();
  const sorted = useMemo(() => sortRows(rows, sort, committees), [rows, sort, committees]);
  const sortOrder = (key: TableSortKey) => (sort?.key === key ? sort.direction : null);
  const column = (key: TableSortKey, title: MessageKey) => ({
    key,
    title: t(title),
    sorter: true,
    sortOrder: sortOrder(key),
    showSorterTooltip: false,
  });
  const schedule = (row: TableRow) =>
    [
      row.topic.month === null ? null : t(`month.${row.topic.month}` as MessageKey),
      row.topic.session === null ? null : t('card.session', { session: row.topic.session }),
    ]
      .filter(Boolean)
      .join(' · ') || t('board.unscheduled');

  const columns: TableColumnsType<TableRow> = [
    { ...column('order', 'view.col.number'), width: 72, render: (_, row) => row.index },
    {
      ...column('title', 'view.col.title'),
      // A real button: rows keep their table semantics, and the keyboard opens a topic from its title.
      render: (_, row) => (
        <button
          type="button"
          className="table-title"
          aria-label={t('view.rowOpen', { title: row.topic.title })}
          onClick={(event) => {
            event.stopPropagation();
            onOpen(row.topic.id);
          }}
        >
          <Highlight text={row.topic.title} />
        </button>
      ),
    },
    {
      ...column('method', 'view.col.method'),
      width: 150,
      render: (_, row) => (
        <Tag color={methodColor(row.topic.method)}>{label(METHOD_LABELS[row.topic.method])}</Tag>
      ),
    },
    { ...column('schedule', 'view.col.schedule'), width: 140, render: (_, row) => schedule(row) },
    {
      ...column('leadCommittee', 'view.col.leadCommittee'),
      width: 130,
      render: (_, row) => <Highlight text={row.topic.leadCommittee} />,
    },
    {
      ...column('reportingUnit', 'view.col.reportingUnit'),
      width: 180,
      render: (_, row) => <Highlight text={row.topic.reportingUnit} />,
    },
    {
      ...column('supervisedBody', 'view.col.supervisedBody'),
      width: 130,
      render: (_, row) => label(SUPERVISED_BODY_LABELS[row.topic.supervisedBody]),
    },
    {
      ...column('status', 'view.col.status'),
      width: 100,
      render: (_, row) => (
        <Tag color={STATUS_COLOR[row.status]}>{label(TOPIC_STATUS_LABELS[row.status])}</Tag>
      ),
    },
  ];

  const onChange: TableProps<TableRow>['onChange'] = (_pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = single?.columnKey;
    onSort(
      single?.order && typeof key === 'string' ? { key: key as TableSortKey, direction: single.order } : null,
    );
  };

  return (
    <Table<TableRow>
      className="topic-table"
      aria-label={t('view.tableLabel')}
      data-testid="topic-table"
      rowKey={(row) => row.topic.id}
      columns={columns}
      dataSource={sorted}
      onChange={onChange}
      size="middle"
      sticky
      pagination={{ pageSize: PAGE_SIZE, hideOnSinglePage: true, showSizeChanger: false }}
      onRow={(row) => ({
        'data-testid': 'table-row',
        'data-title': row.topic.title,
        className: 'table-row-open',
        onClick: () => onOpen(row.topic.id),
      })}
    />
  );
}
