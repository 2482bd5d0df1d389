import { lazy, Suspense, useState } from 'react';
import { Alert, App, Button, Modal } from 'antd';
import {
  adjustingBody,
  APPROVING_BODY_LABELS,
  DEFAULT_LIFECYCLE_SETTINGS,
  type ApprovingBody,
  type Label,
} from '@yipan/domain';
import type { AdjustmentRecord } from '@yipan/protocol';
import { usePlanAccess } from '../access/PlanAccessContext';
import { useI18n } from '../i18n/I18nProvider';
import { DiffList } from './DiffList';
import { closeAdjustment, openAdjustment } from './lifecycleApi';
import { lifecycleErrorText } from './lifecycleError';
import type { PlanLifecycle } from './PlanLifecycleContext';

// Opening an adjustment is rare: its form loads when asked for.
const AdjustmentForm = lazy(() =>
  import('./AdjustmentForm').then((module) => ({ default: module.AdjustmentForm })),
);

/** Who decides an adjustment unless the user says otherwise (the domain's rule, from the organisation's settings). */
export function defaultDecider(lifecycle: PlanLifecycle): ApprovingBody {
  return adjustingBody(lifecycle.data?.settings ?? DEFAULT_LIFECYCLE_SETTINGS);
}

/** "主任会议 第十二次主任会议 2021-07-05": the decision an adjustment records. */
export function decisionText(adjustment: AdjustmentRecord, label: (value: Label) => string): string {
  return [label(APPROVING_BODY_LABELS[adjustment.decidedBy]), adjustment.meeting, adjustment.decidedOn]
    .filter(Boolean)
    .join(' ');
}

/**
 * The frozen plan's notice above the board: approved plans change only as an adjustment (计划调整).
 * Without one open, it offers to open one; with the caller's own open, it offers to close it and then
 * shows what it changed; with someone else's open, it says whose.
 */
export function AdjustmentBanner({ lifecycle }: { lifecycle: PlanLifecycle }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const { canWrite } = usePlanAccess();
  const [opening, setOpening] = useState(false);
  const [closing, setClosing] = useState(false);
  const [closed, setClosed] = useState<AdjustmentRecord | null>(null);
  const { planId, frozen, openAdjustment: open, ownsAdjustment } = lifecycle;

  const finish = async () => {
    if (!open) return;
    setClosing(true);
    try {
      const { adjustment } = await closeAdjustment(planId, open.id);
      setClosed(adjustment);
    } catch (caught) {
      void message.error(
        lifecycleErrorText(caught instanceof Error ? caught : new Error(String(caught)), t, label),
      );
    } finally {
      setClosing(false);
    }
  };

  const summary = closed ? (
    <Modal
      open
      title={t('lifecycle.adjustment.closedTitle')}
      onCancel={() => setClosed(null)}
      footer={
        <Button type="primary" onClick={() => setClosed(null)} data-testid="adjustment-summary-close">
          {t('topic.close')}
        </Button>
      }
      width={720}
    >
      <p>
        {t('lifecycle.adjustment.closedIntro', {
          reason: closed.reason,
          decision: decisionText(closed, label),
        })}
      </p>
      <DiffList diffs={closed.changes} emptyText={t('lifecycle.adjustment.noChanges')} />
    </Modal>
  ) : null;

  if (!frozen) return summary;

  let banner;
  if (open && ownsAdjustment) {
    banner = (
      <Alert
        className="lifecycle-banner"
        type="info"
        showIcon
        banner
        role="status"
        data-testid="adjustment-open-banner"
        title={t('lifecycle.adjustment.openMine')}
        description={t('lifecycle.adjustment.openDetail', {
          reason: open.reason,
          decision: decisionText(open, label),
        })}
        action={
          <Button
            type="primary"
            loading={closing}
            onClick={() => void finish()}
            data-testid="adjustment-close"
          >
            {t('lifecycle.adjustment.close')}
          </Button>
        }
      />
    );
  } else if (open) {
    banner = (
      <Alert
        className="lifecycle-banner"
        type="warning"
        showIcon
        banner
        role="status"
        data-testid="adjustment-others-banner"
        title={t('lifecycle.lock.othersAdjustment', { name: open.openedBy.displayName })}
        description={t('lifecycle.adjustment.openDetail', {
          reason: open.reason,
          decision: decisionText(open, label),
        })}
      />
    );
  } else {
    banner = (
      <Alert
        className="lifecycle-banner"
        type="warning"
        showIcon
        banner
        role="status"
        data-testid="frozen-banner"
        title={t('lifecycle.lock.frozen')}
        action={
          canWrite ? (
            <Button onClick={() => setOpening(true)} data-testid="adjustment-open">
              {t('lifecycle.adjustment.open')}
            </Button>
          ) : null
        }
      />
    );
  }

  return (
    <>
      {banner}
      {summary}
      {opening ? (
        <Suspense fallback={null}>
          <AdjustmentForm
            title={t('lifecycle.adjustment.open')}
            okText={t('lifecycle.adjustment.openOk')}
            defaultDecider={defaultDecider(lifecycle)}
            intro={t('lifecycle.adjustment.openIntro')}
            onSubmit={async (adjustment) => {
              await openAdjustment(planId, adjustment);
              void message.success(t('lifecycle.adjustment.opened'));
            }}
            onClose={() => setOpening(false)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
