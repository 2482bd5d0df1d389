import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Drawer, Popover, Space, Steps, Tag, Timeline, Typography } from 'antd';
import HistoryOutlined from '@ant-design/icons/HistoryOutlined';
import DiffOutlined from '@ant-design/icons/DiffOutlined';
import BranchesOutlined from '@ant-design/icons/BranchesOutlined';
import { PLAN_STATUS_LABELS, type PlanStatus } from '@yipan/domain';
import type { TransitionOption, TransitionRecord } from '@yipan/protocol';
import { usePlanAccess } from '../access/PlanAccessContext';
import { useStore } from '../collab/createStore';
import { resyncPlanSession } from '../collab/PlanSessionContext';
import { absoluteTime } from '../history/relativeTime';
import { useI18n } from '../i18n/I18nProvider';
import { AdjustmentBanner } from './AdjustmentBanner';
import { DiffPanel } from './DiffPanel';
import { latestRefusal, lifecycleChanged } from './lifecycleEvents';
import { lifecycleErrorText } from './lifecycleError';
import { usePlanLifecycle } from './PlanLifecycleContext';
import { TransitionModal } from './TransitionModal';
import { transitionLabel } from './transitionLabel';
import { VersionsDrawer } from './VersionsDrawer';
import './lifecycle.css';

/** Width of the difference drawer: field, before and after side by side. */
const DIFF_DRAWER_WIDTH = 720;

/** Where a status sits on the main path; the adjustment loop (`adjusted`) is shown on `executing`. */
function pathIndex(path: readonly PlanStatus[], status: PlanStatus): number {
  const index = path.indexOf(status === 'adjusted' ? 'executing' : status);
  return index < 0 ? 0 : index;
}

/** The transition log, oldest first: who moved the plan from where to where, when, and why. */
function TransitionLog({ log }: { log: readonly TransitionRecord[] }) {
  const { t, label, locale } = useI18n();
  if (log.length === 0) return <Typography.Text type="secondary">{t('lifecycle.log.empty')}</Typography.Text>;
  return (
    <Timeline
      className="lifecycle-log"
      data-testid="transition-log"
      items={log.map((record) => ({
        key: record.id,
        content: (
          <div data-testid="transition-record">
            <Typography.Text strong>
              {label(PLAN_STATUS_LABELS[record.from])} → {label(PLAN_STATUS_LABELS[record.to])}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {t('lifecycle.log.byAt', {
                  name: record.actor.displayName,
                  at: absoluteTime(record.at, locale),
                })}
              </Typography.Text>
            </div>
            {record.note ? <div className="lifecycle-log-note">{record.note}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

/**
 * An edit the server dropped (`plan:refused`, the plan is frozen and no adjustment of the user's is
 * open): says why in words, and reopens the document from the server so the local change disappears.
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
    void message.warning({ content: t('lifecycle.refused'), duration: 6 });
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
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [diffOpen, setDiffOpen] = useState(false);
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
  const current = pathIndex(data.path, data.status);
  return (
    <section
      className="lifecycle-bar"
      aria-label={t('lifecycle.bar')}
      data-testid="lifecycle-bar"
      data-status={data.status}
    >
      <RefusalWatcher planId={planId} />
      <div className="lifecycle-row">
        <Steps
          className="lifecycle-steps"
          size="small"
          current={current}
          items={data.path.map((status, index) => ({
            key: status,
            title:
              index === current && data.status === 'adjusted'
                ? `${label(PLAN_STATUS_LABELS[status])}（${label(PLAN_STATUS_LABELS.adjusted)}）`
                : label(PLAN_STATUS_LABELS[status]),
          }))}
          aria-label={t('lifecycle.status', { status: label(PLAN_STATUS_LABELS[data.status]) })}
          data-testid="lifecycle-steps"
        />
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
            content={<TransitionLog log={data.log} />}
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
        </Space>
      </div>
      <AdjustmentBanner lifecycle={lifecycle} />
      {choice ? (
        <TransitionModal planId={planId} from={data.status} option={choice} onClose={() => setChoice(null)} />
      ) : null}
      <VersionsDrawer
        lifecycle={lifecycle}
        canWrite={canWrite}
        open={versionsOpen}
        onClose={() => setVersionsOpen(false)}
      />
      <Drawer
        open={diffOpen}
        onClose={() => setDiffOpen(false)}
        title={t('lifecycle.diff.title')}
        size={DIFF_DRAWER_WIDTH}
        closable={{ 'aria-label': t('topic.close') }}
        destroyOnHidden
        data-testid="diff-drawer"
      >
        <DiffPanel planId={planId} />
      </Drawer>
    </section>
  );
}
