import { useCallback, useState } from 'react';
import { App } from 'antd';
import { describeError } from '../api/describeError';
import { useI18n } from '../i18n/I18nProvider';
import { downloadFile } from './downloadFile';

/** Starts a download, with a busy flag for the button and the reason in a message when the server refuses. */
export function useDownload(): { busy: boolean; download: (url: string, fallbackName: string) => void } {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = useCallback(
    (url: string, fallbackName: string) => {
      setBusy(true);
      downloadFile(url, fallbackName)
        .catch((error: unknown) => {
          const reason = describeError(error instanceof Error ? error : new Error(String(error)), t);
          void message.error(t('export.failed', { reason }));
        })
        .finally(() => setBusy(false));
    },
    [message, t],
  );
  return { busy, download };
}
