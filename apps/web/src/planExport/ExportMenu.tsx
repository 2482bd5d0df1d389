import { Button, Dropdown, type MenuProps } from 'antd';
import DownOutlined from '@ant-design/icons/DownOutlined';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import FileExcelOutlined from '@ant-design/icons/FileExcelOutlined';
import FileWordOutlined from '@ant-design/icons/FileWordOutlined';
import PrinterOutlined from '@ant-design/icons/PrinterOutlined';
import { useI18n } from '../i18n/I18nProvider';
import { exportPaths } from './exportPaths';
import { useDownload } from './useDownload';
import './print.css';

type ExportKey = 'docx' | 'xlsx' | 'print';

/**
 * 导出 on the plan's lifecycle bar: the issued plan as Word, the plan table as Excel (which imports back), and
 * printing the board. Files are fetched first, so a refusal shows as a message, not as a downloaded error.
 */
export function ExportMenu({ planId }: { planId: string }) {
  const { t } = useI18n();
  const { busy, download } = useDownload();
  const items: MenuProps['items'] = [
    {
      key: 'docx',
      icon: <FileWordOutlined />,
      label: <span data-testid="export-docx">{t('export.word')}</span>,
    },
    {
      key: 'xlsx',
      icon: <FileExcelOutlined />,
      label: <span data-testid="export-xlsx">{t('export.excel')}</span>,
    },
    {
      key: 'print',
      icon: <PrinterOutlined />,
      label: <span data-testid="export-print">{t('export.print')}</span>,
    },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    const choice = key as ExportKey;
    if (choice === 'docx') download(exportPaths.planDocx(planId), 'plan.docx');
    else if (choice === 'xlsx') download(exportPaths.planXlsx(planId), 'plan.xlsx');
    else window.print();
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="export-menu">
        {t('export.menu')}
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
