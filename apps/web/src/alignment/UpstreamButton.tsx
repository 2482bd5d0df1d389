import { lazy, Suspense, useState } from 'react';
import { Badge, Button } from 'antd';
import ApartmentOutlined from '@ant-design/icons/ApartmentOutlined';
import { useT } from '../i18n/I18nProvider';
import { countAwaiting } from './upstreamView';
import { useUpstream } from './useUpstream';

// The drawer's lists, forms and modal load when it is first opened, not with the board.
const UpstreamDrawer = lazy(() =>
  import('./UpstreamDrawer').then((module) => ({ default: module.UpstreamDrawer })),
);

type Props = {
  planId: string;
  /** Opens a topic of this plan in the topic drawer (after adopting, or from an answer's link). */
  onOpenTopic: (topicId: string) => void;
};

/**
 * The board's "上级议题" button: shown when higher levels have a plan of the same year, with a badge
 * counting the joint topics awaiting this plan's answer and the parent changes to look at.
 */
export function UpstreamButton({ planId, onOpenTopic }: Props) {
  const t = useT();
  const upstream = useUpstream(planId);
  // null until first opened: the drawer's code loads then, and stays for the closing animation.
  const [open, setOpen] = useState<boolean | null>(null);
  const data = upstream.data;
  if (!data || data.parentPlans.length === 0) return null;
  const pending = countAwaiting(data);
  return (
    <>
      <Button
        icon={<ApartmentOutlined />}
        onClick={() => setOpen(true)}
        data-testid="upstream-toggle"
        data-pending={pending}
        aria-label={pending > 0 ? t('upstream.buttonPending', { count: pending }) : t('upstream.button')}
      >
        {t('upstream.button')}
        <Badge count={pending} showZero={false} size="small" />
      </Button>
      {open === null ? null : (
        <Suspense fallback={null}>
          <UpstreamDrawer
            planId={planId}
            upstream={upstream}
            open={open}
            onClose={() => setOpen(false)}
            onOpenTopic={(topicId) => {
              setOpen(false);
              onOpenTopic(topicId);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
