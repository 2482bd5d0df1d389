import { memo, useDeferredValue, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Empty, Popconfirm, Result, Skeleton, Spin, Typography } from 'antd';
import ArrowLeftOutlined from '@ant-design/icons/ArrowLeftOutlined';
import BellOutlined from '@ant-design/icons/BellOutlined';
import FileExcelOutlined from '@ant-design/icons/FileExcelOutlined';
import { CELL_STATE_LABELS, CELL_STATES, PUBLISHED_STATUSES, type AlignmentColumn } from '@yipan/domain';
import type { Org, PlanResponse } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { useI18n } from '../i18n/I18nProvider';
import { DownloadButton } from '../planExport/DownloadButton';
import { exportPaths } from '../planExport/exportPaths';
import { PrintButton } from '../planExport/PrintButton';
import { navigate, planPath } from '../routing/useRoute';
import { sendReminders } from './alignmentApi';
import { LazyTooltip } from './LazyTooltip';
import { CELL_GLYPHS, visibleRows } from './matrixDisplay';
import { MatrixGrid } from './MatrixGrid';
import { MatrixLocalTopics } from './MatrixLocalTopics';
import { useMatrixRequest } from './matrixRequest';
import './matrix.css';

type Props = {
  planId: string;
  plan: PlanResponse['plan'] | null;
  planError: Error | null;
  orgs: readonly Org[];
};

/** The cell states with their colour, glyph and name: colour is never the only cue. */
const Legend = memo(function Legend() {
  const { t, label } = useI18n();
  return (
    <ul className="matrix-legend" aria-label={t('alignment.legend')}>
      {CELL_STATES.map((state) => (
        <li key={state}>
          <span className={`matrix-swatch matrix-cell--${state}`} aria-hidden>
            {CELL_GLYPHS[state]}
          </span>
          {label(CELL_STATE_LABELS[state])}
        </li>
      ))}
    </ul>
  );
});

/**
 * 提醒未答复单位: after a confirmation, reminds the children that left an expectation unanswered, and
 * says by name whom it reminded (a toast, and a line that stays for screen readers and the record).
 */
function RemindButton({ planId, columns }: { planId: string; columns: readonly AlignmentColumn[] }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const send = async () => {
    setSending(true);
    try {
      const { orgIds } = await sendReminders(planId);
      const names = orgIds.map((orgId) => columns.find((column) => column.orgId === orgId)?.name ?? orgId);
      const text =
        names.length > 0
          ? t('alignment.reminded', { orgs: names.join(locale === 'zh-CN' ? '、' : ', ') })
          : t('alignment.remindedNone');
      setOutcome(text);
      void (names.length > 0 ? message.success(text) : message.info(text));
    } catch (error) {
      const reason = describeError(error instanceof Error ? error : new Error(String(error)), t);
      void message.error(t('alignment.remindFailed', { reason }));
    } finally {
      setSending(false);
    }
  };
  return (
    <>
      <Popconfirm
        title={t('alignment.remindConfirm')}
        okText={t('alignment.remindOk')}
        onConfirm={() => void send()}
      >
        <Button icon={<BellOutlined />} loading={sending} data-testid="alignment-remind">
          {t('alignment.remind')}
        </Button>
      </Popconfirm>
      <span className="matrix-remind-outcome" role="status" data-testid="alignment-reminded">
        {outcome}
      </span>
    </>
  );
}

/**
 * 一盘棋: the plan's topics × its organisation's children, with each cell's state, coverage per row, column
 * and overall, the joint topics' roll-ups and the children's own unlinked topics. Live: every
 * `plan:alignment` re-reads the matrix behind the one on screen.
 */
export function AlignmentPage({ planId, plan, planError, orgs }: Props) {
  const { t } = useI18n();
  const request = useMatrixRequest(planId);
  const [jointOnly, setJointOnly] = useState(false);
  const data = request.data;
  const matrix = data?.matrix;
  const rows = useMemo(() => (matrix ? visibleRows(matrix.rows, jointOnly) : []), [matrix, jointOnly]);
  // The children's own topics sit below the grid, off the first screen: they render just after it, so
  // that the grid reaches the screen without waiting for them.
  const localColumns = useDeferredValue(matrix?.columns ?? null, null);

  if (planError) {
    return <Result status="warning" title={t('plan.loadFailed')} subTitle={describeError(planError, t)} />;
  }
  const title = data?.plan.title ?? plan?.title ?? '';
  const orgId = data?.plan.orgId ?? plan?.orgId;
  const orgName = plan?.org.name ?? orgs.find((org) => org.id === orgId)?.name ?? '';
  const status = data?.plan.status ?? plan?.status;

  let body;
  if (!matrix) {
    body = request.error ? (
      <Alert
        type="error"
        showIcon
        title={t('alignment.loadFailed')}
        description={describeError(request.error, t)}
        action={
          <Button size="small" onClick={request.reload}>
            {t('error.retry')}
          </Button>
        }
      />
    ) : (
      <Skeleton active paragraph={{ rows: 8 }} />
    );
  } else if (matrix.columns.length === 0) {
    // Children the caller may not read are not "no children": the line below the summary says so instead.
    body =
      matrix.hiddenChildren > 0 ? null : (
        <Empty description={t('alignment.noChildren', { org: orgName })} data-testid="alignment-empty" />
      );
  } else if (matrix.rows.length === 0) {
    body = <Empty description={t('alignment.noTopics')} data-testid="alignment-empty" />;
  } else if (rows.length === 0) {
    body = (
      <Empty description={t('alignment.noJointTopics')} data-testid="alignment-empty">
        <Button onClick={() => setJointOnly(false)}>{t('alignment.showAll')}</Button>
      </Empty>
    );
  } else {
    body = (
      <MatrixGrid
        planId={planId}
        rows={rows}
        columns={matrix.columns}
        showReadReceipts={status !== undefined && PUBLISHED_STATUSES.has(status)}
      />
    );
  }

  return (
    <div className="alignment-page" data-testid="alignment-page">
      <div className="alignment-header">
        <div className="alignment-heading">
          <Typography.Title level={2} className="alignment-title">
            {title || t('alignment.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {orgName ? `${orgName} · ` : null}
            {t('alignment.title')}
          </Typography.Text>
        </div>
        <div className="alignment-actions">
          {request.fetching && matrix ? <Spin size="small" description={t('alignment.refreshing')} /> : null}
          <Button
            icon={<ArrowLeftOutlined />}
            href={planPath(planId)}
            onClick={(event) => {
              event.preventDefault();
              navigate(planPath(planId));
            }}
            data-testid="alignment-back"
          >
            {t('alignment.backToBoard')}
          </Button>
          {data?.canManage && matrix && matrix.columns.length > 0 ? (
            <RemindButton planId={planId} columns={matrix.columns} />
          ) : null}
          <DownloadButton
            url={exportPaths.alignmentXlsx(planId)}
            fallbackName="alignment.xlsx"
            icon={<FileExcelOutlined />}
            testId="alignment-export-xlsx"
          >
            {t('export.excel')}
          </DownloadButton>
          <PrintButton testId="alignment-print" />
        </div>
      </div>
      {matrix ? (
        <div className="alignment-summary">
          <LazyTooltip title={t('alignment.coverageHint')}>
            <span className="alignment-coverage" tabIndex={0} data-testid="alignment-coverage">
              {t('alignment.coverage', {
                linked: matrix.coverage.linkedExpected,
                expected: matrix.coverage.expected,
              })}
            </span>
          </LazyTooltip>
          <Checkbox checked={jointOnly} onChange={(event) => setJointOnly(event.target.checked)}>
            {t('alignment.jointOnly')}
          </Checkbox>
          <Legend />
        </div>
      ) : null}
      {matrix && matrix.hiddenChildren > 0 ? (
        <Typography.Paragraph type="secondary" className="alignment-hidden" data-testid="alignment-hidden">
          {t('alignment.hiddenChildren', { count: matrix.hiddenChildren })}
        </Typography.Paragraph>
      ) : null}
      {request.error && matrix ? (
        <Alert
          className="alignment-stale"
          type="warning"
          showIcon
          title={t('alignment.refreshFailed')}
          description={describeError(request.error, t)}
          action={
            <Button size="small" onClick={request.reload}>
              {t('error.retry')}
            </Button>
          }
        />
      ) : null}
      {body}
      {localColumns && localColumns.length > 0 ? <MatrixLocalTopics columns={localColumns} /> : null}
    </div>
  );
}
