import { Button, Tooltip } from 'antd';
import PartitionOutlined from '@ant-design/icons/PartitionOutlined';
import { useT } from '../i18n/I18nProvider';
import { alignmentPath, navigate } from '../routing/useRoute';
import { usePlanChildOrgs } from '../shell/OrgsContext';

/**
 * The board's "一盘棋" button: opens the plan's alignment matrix, shown only when the plan's organisation
 * has organisations below it that the user can see (a township has none, so nothing to align).
 */
export function AlignmentPageButton({ planId }: { planId: string }) {
  const t = useT();
  const children = usePlanChildOrgs();
  if (children.length === 0) return null;
  const path = alignmentPath(planId);
  return (
    <Tooltip title={t('alignment.entryHint')}>
      <Button
        icon={<PartitionOutlined />}
        href={path}
        onClick={(event) => {
          event.preventDefault();
          navigate(path);
        }}
        data-testid="alignment-open"
      >
        {t('alignment.entry')}
      </Button>
    </Tooltip>
  );
}
