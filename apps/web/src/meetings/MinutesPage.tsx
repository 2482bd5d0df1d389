import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Space, Spin, Tag, Typography } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import EditOutlined from '@ant-design/icons/EditOutlined';
import FileWordOutlined from '@ant-design/icons/FileWordOutlined';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { MINUTES_TEXT } from '@yipan/domain';
import { MeetingResponse, YJS_PATH_PREFIX } from '@yipan/protocol';
import { useRequest } from '../api/useRequest';
import { bindTextarea } from '../collab/bindTextarea';
import { shouldReconnect } from '../collab/connectionStore';
import { useI18n } from '../i18n/I18nProvider';
import { DownloadButton } from '../planExport/DownloadButton';
import { exportPaths } from '../planExport/exportPaths';
import { meetingPath, navigate } from '../routing/useRoute';
import { draftMinutes, meetingPaths } from './meetingApi';
import { meetingErrorText } from './meetingError';
import './meetings.css';

/** `ws(s)://<host>/yjs`: the provider appends `/<room>`. */
function syncServerUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}${YJS_PATH_PREFIX.replace(/\/$/, '')}`;
}

/** The minutes document of a meeting, synced like a plan; its text and whether it has arrived. */
function useMinutesText(docName: string | null): { text: Y.Text | null; synced: boolean } {
  const [value, setValue] = useState<{ text: Y.Text | null; synced: boolean }>({ text: null, synced: false });
  useEffect(() => {
    if (!docName) return;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(syncServerUrl(), docName, doc, { shouldReconnect });
    const text = doc.getText(MINUTES_TEXT);
    setValue({ text, synced: provider.synced });
    const onSync = (synced: boolean) => setValue({ text, synced });
    provider.on('sync', onSync);
    return () => {
      provider.off('sync', onSync);
      provider.destroy();
      doc.destroy();
      setValue({ text: null, synced: false });
    };
  }, [docName]);
  return value;
}

/**
 * The minutes (纪要) of a meeting: one text that facilitators and secretaries edit together, drafted from
 * the meeting's record on request and exported as text (docx comes with the documents feature).
 */
export function MinutesPage({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const request = useRequest(meetingPaths.meeting(meetingId), MeetingResponse);
  const meeting = request.data?.meeting ?? null;
  const canMinute = request.data?.canMinute ?? false;
  const { text, synced } = useMinutesText(meeting?.minutesDocName ?? null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const [drafting, setDrafting] = useState(false);

  useEffect(() => {
    const textarea = ref.current;
    return textarea && text ? bindTextarea(textarea, text) : undefined;
  }, [text, synced]);

  const draft = async (replace: boolean) => {
    setDrafting(true);
    try {
      await draftMinutes(meetingId, { replace });
      void message.success(t('meetings.minutesPage.drafted'));
    } catch (caught) {
      void message.error(meetingErrorText(caught instanceof Error ? caught : new Error(String(caught)), t));
    } finally {
      setDrafting(false);
    }
  };
  const askDraft = () => {
    if (!text || text.length === 0) return void draft(false);
    modal.confirm({
      title: t('meetings.minutesPage.replaceTitle'),
      content: t('meetings.minutesPage.replaceBody'),
      okText: t('meetings.minutesPage.replace'),
      cancelText: t('topic.cancel'),
      okButtonProps: { danger: true },
      onOk: () => draft(true),
    });
  };

  if (request.error)
    return (
      <Alert type="error" showIcon className="meeting-minutes" title={meetingErrorText(request.error, t)} />
    );
  if (!meeting) return <Spin className="page-spin" description={t('app.loading')} />;
  const roomPath = meetingPath(meeting.id);
  return (
    <div className="meeting-minutes" data-testid="minutes-page">
      <div className="meeting-minutes-head">
        <div>
          <a
            href={roomPath}
            onClick={(event) => {
              event.preventDefault();
              navigate(roomPath);
            }}
          >
            {meeting.title}
          </a>
          <Typography.Title level={1} className="meeting-title">
            {t('meetings.minutes')}
          </Typography.Title>
          {canMinute ? null : <Tag color="gold">{t('plan.readOnly')}</Tag>}
        </div>
        <Space wrap>
          {canMinute ? (
            <Button
              icon={<EditOutlined />}
              loading={drafting}
              disabled={!synced}
              onClick={askDraft}
              data-testid="minutes-draft"
            >
              {t('meetings.minutesPage.draft')}
            </Button>
          ) : null}
          <Button
            icon={<DownloadOutlined />}
            href={meetingPaths.minutesText(meeting.id)}
            download
            data-testid="minutes-export"
          >
            {t('meetings.minutesPage.export')}
          </Button>
          <DownloadButton
            url={exportPaths.minutesDocx(meeting.id)}
            fallbackName="minutes.docx"
            icon={<FileWordOutlined />}
            testId="minutes-export-docx"
          >
            {t('export.minutesWord')}
          </DownloadButton>
        </Space>
      </div>
      {synced ? null : <Spin size="small" description={t('meetings.minutesPage.syncing')} />}
      <label htmlFor="minutes-body" className="meeting-minutes-label">
        {t('meetings.minutesPage.body')}
      </label>
      <textarea
        ref={ref}
        id="minutes-body"
        className="meeting-minutes-text"
        readOnly={!canMinute || !synced}
        placeholder={canMinute ? t('meetings.minutesPage.placeholder') : ''}
        data-testid="minutes-text"
      />
    </div>
  );
}
