import type { ReactNode } from 'react';
import { Button } from 'antd';
import { useDownload } from './useDownload';

type Props = { url: string; fallbackName: string; icon: ReactNode; children: ReactNode; testId: string };

/** A button that downloads a generated file (Excel, Word), busy while the server builds it. */
export function DownloadButton({ url, fallbackName, icon, children, testId }: Props) {
  const { busy, download } = useDownload();
  return (
    <Button
      className="no-print"
      icon={icon}
      loading={busy}
      onClick={() => download(url, fallbackName)}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}
