import { useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Drawer, Progress, Select, Space, Typography, Upload } from 'antd';
import InboxOutlined from '@ant-design/icons/InboxOutlined';
import type { ColumnMapping } from '@yipan/domain';
import type { ImportPreview } from '@yipan/protocol';
import { ApiError } from '../api/fetchJson';
import { describeError } from '../api/describeError';
import { useI18n } from '../i18n/I18nProvider';
import { localizedMessage } from '../solicitation/localizedMessage';
import { ImportMappingEditor } from './ImportMappingEditor';
import { ImportPreviewTable } from './ImportPreviewTable';
import { problemText } from './problemText';
import { uploadImport, type UploadOptions, type UploadPhase } from './uploadImport';
import './planImport.css';

/** Width of the drawer: the preview table shows a long title beside the parsed values. */
const DRAWER_WIDTH = 1100;
/** What the file chooser offers; the server decides by the bytes, not by the name. */
const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

type Props = { planId: string; open: boolean; onClose: () => void };

/** Where the wizard stands. */
type Busy = UploadPhase | { phase: 'importing' } | null;

/**
 * The import wizard: pick or drop an .xlsx or .csv, watch it upload, correct the proposed column mapping
 * (each change re-previews), read every row with its parsed values and problems, then import all of
 * them in one go, which the server allows only when no row has an error. Nothing is written before that.
 */
export function PlanImportDrawer({ planId, open, onClose }: Props) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | undefined>(undefined);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const errorText = (caught: unknown) =>
    caught instanceof ApiError && caught.status >= 400 && caught.status < 500 && caught.status !== 401
      ? localizedMessage(caught.message, locale)
      : describeError(caught instanceof Error ? caught : new Error(String(caught)), t);

  async function run(chosen: File, options: Omit<UploadOptions, 'onProgress' | 'signal'>) {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setBusy(options.dryRun ? { phase: 'uploading', percent: 0 } : { phase: 'importing' });
    try {
      const outcome = await uploadImport(planId, chosen, {
        ...options,
        signal: controller.signal,
        onProgress: options.dryRun ? setBusy : undefined,
      });
      if (outcome.kind === 'imported') {
        void message.success(t('import.done', { count: outcome.result.imported }));
        reset();
        onClose();
        return;
      }
      setPreview(outcome.preview);
      if (outcome.kind === 'problems')
        setError(t('import.hasProblems', { count: outcome.preview.summary.errors }));
    } catch (caught) {
      if (controller.signal.aborted) return;
      setPreview(null);
      setError(errorText(caught));
    } finally {
      if (abort.current === controller) setBusy(null);
    }
  }

  function reset() {
    abort.current?.abort();
    setFile(null);
    setPreview(null);
    setMapping(undefined);
    setSheet(undefined);
    setError(null);
    setOnlyProblems(false);
  }

  const choose = (chosen: File) => {
    reset();
    setFile(chosen);
    void run(chosen, { dryRun: true });
    // Uploads go through our own request, with the wizard's progress and the CSRF token.
    return false;
  };

  const remap = (next: ColumnMapping) => {
    setMapping(next);
    if (file) void run(file, { dryRun: true, mapping: next, sheet });
  };

  const chooseSheet = (next: string) => {
    setSheet(next);
    setMapping(undefined);
    if (file) void run(file, { dryRun: true, sheet: next });
  };

  const rows = preview
    ? onlyProblems
      ? preview.rows.filter((row) => row.problems.length > 0)
      : preview.rows
    : [];
  const topicCount = preview?.summary.topics ?? 0;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('import.title')}
      size={DRAWER_WIDTH}
      closable={{ 'aria-label': t('topic.close') }}
      data-testid="import-drawer"
      footer={
        <Space className="plan-import-footer">
          <Button onClick={onClose}>{t('import.cancel')}</Button>
          <Button
            type="primary"
            disabled={!file || !preview?.importable || topicCount === 0 || busy !== null}
            loading={busy?.phase === 'importing'}
            onClick={() => file && void run(file, { dryRun: false, mapping, sheet })}
            data-testid="import-submit"
          >
            {t('import.submit', { count: topicCount })}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" size="middle" className="plan-import-body">
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          beforeUpload={choose}
          disabled={busy !== null}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{file ? file.name : t('import.drop')}</p>
          <p className="ant-upload-hint">{t('import.dropHint')}</p>
        </Upload.Dragger>

        {busy && busy.phase !== 'importing' ? (
          <div role="status" aria-live="polite" data-testid="import-progress">
            <Progress
              percent={busy.phase === 'uploading' ? busy.percent : 100}
              status="active"
              aria-label={t('import.progress')}
            />
            <Typography.Text type="secondary">
              {busy.phase === 'uploading' ? t('import.uploading') : t('import.parsing')}
            </Typography.Text>
          </div>
        ) : null}

        {error ? <Alert type="error" showIcon role="alert" title={error} data-testid="import-error" /> : null}

        {preview ? (
          <>
            {preview.sheets.length > 1 ? (
              <Space>
                <label htmlFor="import-sheet">{t('import.sheet')}</label>
                <Select
                  id="import-sheet"
                  value={preview.sheet}
                  onChange={chooseSheet}
                  options={preview.sheets.map((name) => ({ value: name, label: name }))}
                  disabled={busy !== null}
                  style={{ minWidth: 160 }}
                />
              </Space>
            ) : null}
            <ImportMappingEditor columns={preview.columns} disabled={busy !== null} onChange={remap} />
            <Space wrap className="plan-import-summary" data-testid="import-summary">
              <Typography.Text>
                {t('import.summary', {
                  header: preview.headerRow,
                  topics: preview.summary.topics,
                  sections: preview.summary.sections,
                })}
              </Typography.Text>
              <Typography.Text type={preview.summary.errors > 0 ? 'danger' : 'secondary'}>
                {t('import.errors', { count: preview.summary.errors })}
              </Typography.Text>
              <Typography.Text type={preview.summary.notices > 0 ? 'warning' : 'secondary'}>
                {t('import.notices', { count: preview.summary.notices })}
              </Typography.Text>
              <Checkbox
                checked={onlyProblems}
                onChange={(event) => setOnlyProblems(event.target.checked)}
                data-testid="import-only-problems"
              >
                {t('import.onlyProblems')}
              </Checkbox>
            </Space>
            {preview.problems.length > 0 ? (
              <Alert
                type="error"
                showIcon
                title={preview.problems.map((problem) => problemText(problem, t)).join('；')}
              />
            ) : null}
            <ImportPreviewTable rows={rows} />
          </>
        ) : null}
      </Space>
    </Drawer>
  );
}
