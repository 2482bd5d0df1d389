import { lazy, Suspense } from 'react';
import { Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

// The menu, its icons, the download code and the print stylesheet load just after the board, not with it:
// the board's first script has a size budget (DESIGN: initial JS ≤ 400 kB gzip).
const ExportMenu = lazy(() => import('./ExportMenu').then((module) => ({ default: module.ExportMenu })));

/** 导出 on the lifecycle bar, loaded on its own so the board's first paint does not wait for it. */
export function PlanExportMenu({ planId }: { planId: string }) {
  const { t } = useI18n();
  return (
    <Suspense fallback={<Button disabled>{t('export.menu')}</Button>}>
      <ExportMenu planId={planId} />
    </Suspense>
  );
}
