import { Drawer } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { DiffPanel } from './DiffPanel';

/** Width of the difference drawer: field, before and after side by side. */
const DIFF_DRAWER_WIDTH = 720;

/** The frozen plan's differences from its approved version, in a side drawer. */
export function DiffDrawer({
  planId,
  open,
  onClose,
}: {
  planId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('lifecycle.diff.title')}
      size={DIFF_DRAWER_WIDTH}
      closable={{ 'aria-label': t('topic.close') }}
      destroyOnHidden
      data-testid="diff-drawer"
    >
      <DiffPanel planId={planId} />
    </Drawer>
  );
}
