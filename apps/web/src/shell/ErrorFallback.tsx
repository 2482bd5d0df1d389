import { Button, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { StatusPanel } from './StatusPanel';

/** The readable page shown when rendering failed: what happened, that edits are safe, and a way out. */
export function ErrorFallback({ error, onReset }: { error: Error; onReset?: () => void }) {
  const t = useT();
  return (
    <StatusPanel
      status="error"
      title={t('error.title')}
      subTitle={t('error.body')}
      extra={
        <>
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('error.reload')}
          </Button>
          {onReset ? <Button onClick={onReset}>{t('error.retry')}</Button> : null}
        </>
      }
    >
      <Typography.Paragraph type="secondary" className="error-details">
        {t('error.details', { message: error.message })}
      </Typography.Paragraph>
    </StatusPanel>
  );
}
