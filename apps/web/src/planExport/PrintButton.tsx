import { Button } from 'antd';
import PrinterOutlined from '@ant-design/icons/PrinterOutlined';
import { useI18n } from '../i18n/I18nProvider';
import './print.css';

/** 打印: the browser's print dialog, laid out by the print stylesheet (A4 landscape, no app chrome). */
export function PrintButton({ testId }: { testId: string }) {
  const { t } = useI18n();
  return (
    <Button
      className="no-print"
      icon={<PrinterOutlined />}
      onClick={() => window.print()}
      data-testid={testId}
    >
      {t('export.print')}
    </Button>
  );
}
