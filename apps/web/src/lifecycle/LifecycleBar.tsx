import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Popover, Skeleton, Space, Tag } from 'antd';
import HistoryOutlined from '@ant-design/icons/HistoryOutlined';
import DiffOutlined from '@ant-design/icons/DiffOutlined';
import BranchesOutlined from '@ant-design/icons/BranchesOutlined';
import { PLAN_STATUS_LABELS } from '@yipan/domain';
import type { TransitionOption } from '@yipan/protocol';
import { usePlanAccess } from '../access/PlanAccessContext';
import { useStore } from '../collab/createStore';
import { resyncPlanSession } from '../collab/PlanSessionContext';
import { useI18n } from '../i18n/I18nProvider';
import { PlanExportMenu } from '../planExport/PlanExportMenu';
import { PlanImportButton } from '../planImport/PlanImportButton';
import { AdjustmentBanner } from './AdjustmentBanner';
import { latestRefusal, lifecycleChanged } from './lifecycleEvents';
import { lifecycleErrorText } from './lifecycleError';
import { usePlanLifecycle } from './PlanLifecycleContext';
import { transitionLabel } from './transitionLabel';
import './lifecycle.css';

// Moves, versions and differences open on demand: their forms and tables load then, not with the board.
const TransitionModal = lazy(() =>
  import('./TransitionModal').then((module) => ({ default: module.TransitionModal })),
);
const VersionsDrawer = lazy(() =>
  import('./VersionsDrawer').then((module) => ({ default: module.VersionsDrawer })),
);
const DiffDrawer = lazy(() => import('./DiffDrawer').then((module) => ({ default: module.DiffDrawer })));
const TransitionLog = lazy(() =>
  import('./TransitionLog').then((module) => ({ default: module.TransitionLog })),
);

// The status path shows once `/lifecycle` has answered; its code is fetched meanwhile (see LifecycleBar).
const loadLifecycleSteps = () => import('./LifecycleSteps');
const LifecycleSteps = lazy(() =>
  loadLifecycleSteps().then((module) => ({ default: module.LifecycleSteps })),
);

/**
 * An edit the server dropped (`plan:refused`: the plan is frozen and no adjustment of the user's is
 * open, or the document reached its size limit): says why in words, and reopens the document from
 * the server so the local change disappears.
 */
function RefusalWatcher({ planId }: { planId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const refusal = useStore(latestRefusal);
  const handled = useRef(refusal?.serial ?? 0);
  useEffect(() => {
    if (!refusal || refusal.serial <= handled.current) return;
    handled.current = refusal.serial;
    if (refusal.planId !== planId) return;
    const content = t(
      refusal.code === 'document_too_large' ? 'lifecycle.refusedTooLarge' : 'lifecycle.refused',
    );
    void message.warning({ content, duration: 6 });
    resyncPlanSession();
    // The refusal means what this board knows of the adjustment is out of date.
    lifecycleChanged();
  }, [refusal, planId, message, t]);
  return null;
}

/**
 * The plan's lifecycle above the board: its statuses along the main path with the current one
 * highlighted, the moves the caller may make (each confirmed with a note and its decider), the
 * transition log, named versions, the differences from the approved version, and the frozen plan's
 * adjustment banner. The server decides every move; this bar re-reads it on each socket event.
 */
export function LifecycleBar() {
  const { t, label } = useI18n();
  const lifecycle = usePlanLifecycle();
  const { canWrite } = usePlanAccess();
  const [choice, setChoice] = useState<TransitionOption | null>(null);
  // null until first opened: the drawer's code loads then, and stays for the closing animation.
  const [versionsOpen, setVersionsOpen] = useState<boolean | null>(null);
  const [diffOpen, setDiffOpen] = useState<boolean | null>(null);
  useEffect(() => void loadLifecycleSteps(), []);
  if (!lifecycle) return null;
  const { data, error, planId } = lifecycle;
  if (!data) {
    return (
      <>
        <RefusalWatcher planId={planId} />
        {error ? (
          <Alert
            className="lifecycle-banner"
            type="error"
            banner
            showIcon
            role="alert"
            title={t('lifecycle.loadFailed', { reason: lifecycleErrorText(error, t, label) })}
          />
        ) : null}
      </>
    );
  }
  return (
    <section
      className="lifecycle-bar"
      aria-label={t('lifecycle.bar')}
      data-testid="lifecycle-bar"
      data-status={data.status}
    >
      <RefusalWatcher planId={planId} />
      <div className="lifecycle-row">
        <Suspense fallback={<div className="lifecycle-steps" />}>
          <LifecycleSteps path={data.path} status={data.status} />
        </Suspense>
        <Space wrap className="lifecycle-actions">
          <Tag color="blue" data-testid="lifecycle-status">
            {label(PLAN_STATUS_LABELS[data.status])}
          </Tag>
          {data.transitions.map((option) => (
            <Button
              key={`${option.kind}-${option.to}`}
              type={option.kind === 'advance' ? 'primary' : 'default'}
              danger={option.kind === 'return'}
              onClick={() => setChoice(option)}
              data-testid={`transition-${option.to}`}
            >
              {transitionLabel(option, t, label)}
            </Button>
          ))}
          <Popover
            trigger="click"
            title={t('lifecycle.log.title')}
            content={
              <Suspense fallback={<Skeleton active title={false} paragraph={{ rows: 3 }} />}>
                <TransitionLog log={data.log} />
              </Suspense>
            }
            placement="bottomRight"
          >
            <Button icon={<HistoryOutlined />} data-testid="transition-log-button">
              {t('lifecycle.log.button', { count: data.log.length })}
            </Button>
          </Popover>
          <Button
            icon={<BranchesOutlined />}
            onClick={() => setVersionsOpen(true)}
            data-testid="versions-button"
          >
            {t('lifecycle.versions.title')}
          </Button>
          {data.frozen ? (
            <Button icon={<DiffOutlined />} onClick={() => setDiffOpen(true)} data-testid="diff-button">
              {t('lifecycle.diff.title')}
            </Button>
          ) : null}
          <PlanExportMenu planId={planId} />
          <PlanImportButton planId={planId} frozen={data.frozen} />
        </Space>
      </div>
      <AdjustmentBanner lifecycle={lifecycle} />
      {choice ? (
        <Suspense fallback={null}>
          <TransitionModal
            planId={planId}
            from={data.status}
            option={choice}
            onClose={() => setChoice(null)}
          />
        </Suspense>
      ) : null}
      {versionsOpen === null ? null : (
        <Suspense fallback={null}>
          <VersionsDrawer
            lifecycle={lifecycle}
            canWrite={canWrite}
            open={versionsOpen}
            onClose={() => setVersionsOpen(false)}
          />
        </Suspense>
      )}
      {diffOpen === null ? null : (
        <Suspense fallback={null}>
          <DiffDrawer planId={planId} open={diffOpen} onClose={() => setDiffOpen(false)} />
        </Suspense>
      )}
    </section>
  );
}
