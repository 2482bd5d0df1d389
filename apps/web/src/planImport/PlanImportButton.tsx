import { lazy, Suspense, useState } from 'react';
import { Button } from 'antd';
import UploadOutlined from '@ant-design/icons/UploadOutlined';
import { usePlanAccess } from '../access/PlanAccessContext';
import { useI18n } from '../i18n/I18nProvider';

// The wizard, its table and its upload code load when first opened, not with the board.
const PlanImportDrawer = lazy(() =>
  import('./PlanImportDrawer').then((module) => ({ default: module.PlanImportDrawer })),
);

/**
 * 导入 on the plan's lifecycle bar: opens the import wizard. Shown only to those who may write the plan
 * while it is not frozen (after approval, topics change only through an adjustment).
 */
export function PlanImportButton({ planId, frozen }: { planId: string; frozen: boolean }) {
  const { t } = useI18n();
  const { canWrite } = usePlanAccess();
  // null until first opened: the drawer's code loads then, and stays for the closing animation.
  const [open, setOpen] = useState<boolean | null>(null);
  if (!canWrite || frozen) return null;
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="import-button">
        {t('import.button')}
      </Button>
      {open === null ? null : (
        <Suspense fallback={null}>
          <PlanImportDrawer planId={planId} open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
