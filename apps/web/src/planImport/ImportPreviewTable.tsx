import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { METHOD_LABELS, scheduleText, SUPERVISED_BODY_LABELS, type ImportedRow } from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';
import { columnName, problemText } from './problemText';

/** Rows per page: a year's plan fits on one or two pages. */
const PAGE_SIZE = 50;

/** Every row of the preview with its parsed values and its problems (errors red, notices amber). */
export function ImportPreviewTable({ rows }: { rows: readonly ImportedRow[] }) {
  const { t, label } = useI18n();
  const columns: ColumnsType<ImportedRow> = [
    { title: t('import.preview.row'), dataIndex: 'row', width: 64 },
    {
      title: columnName('title', t),
      key: 'title',
      render: (_, row) =>
        row.kind === 'section' ? (
          <Typography.Text strong>{row.section}</Typography.Text>
        ) : row.kind === 'skipped' ? (
          <Typography.Text type="secondary">{t('import.preview.skipped')}</Typography.Text>
        ) : (
          row.topic?.title
        ),
    },
    {
      title: columnName('method', t),
      key: 'method',
      render: (_, row) =>
        row.topic
          ? [row.topic.method, ...row.topic.addonMethods]
              .map((method) => label(METHOD_LABELS[method]))
              .join('、')
          : null,
    },
    {
      title: columnName('schedule', t),
      key: 'schedule',
      width: 140,
      render: (_, row) => (row.topic ? scheduleText(row.topic) : null),
    },
    {
      title: columnName('supervisedBody', t),
      key: 'body',
      width: 110,
      render: (_, row) => (row.topic ? label(SUPERVISED_BODY_LABELS[row.topic.supervisedBody]) : null),
    },
    { title: columnName('leadCommittee', t), key: 'lead', render: (_, row) => row.topic?.leadCommittee },
    { title: columnName('reportingUnit', t), key: 'unit', render: (_, row) => row.topic?.reportingUnit },
    {
      title: t('import.preview.problems'),
      key: 'problems',
      render: (_, row) => (
        <ul className="plan-import-problems">
          {row.problems.map((problem, index) => (
            <li key={index}>
              <Tag color={problem.level === 'error' ? 'red' : 'gold'} className="plan-import-problem">
                {problem.level === 'error' ? t('import.preview.error') : t('import.preview.notice')}
              </Tag>
              <span data-level={problem.level}>{problemText(problem, t)}</span>
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <Table<ImportedRow>
      size="small"
      rowKey="row"
      columns={columns}
      dataSource={[...rows]}
      pagination={rows.length > PAGE_SIZE ? { pageSize: PAGE_SIZE, showSizeChanger: false } : false}
      rowClassName={(row) =>
        row.problems.some((problem) => problem.level === 'error')
          ? 'plan-import-row-error'
          : row.kind === 'section'
            ? 'plan-import-row-section'
            : ''
      }
      locale={{ emptyText: t('import.preview.empty') }}
      data-testid="import-preview"
      scroll={{ x: true }}
    />
  );
}
