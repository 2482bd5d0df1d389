import { lazy, Suspense, useEffect } from 'react';
import { Alert, Spin } from 'antd';
import type { PlanResponse } from '@yipan/protocol';
import { usePlanAccess } from '../access/PlanAccessContext';
import { usePlanSession } from '../collab/PlanSessionContext';
import { useStore } from '../collab/createStore';
import type { PlanSession } from '../collab/PlanSession';
import { useT } from '../i18n/I18nProvider';
import { describeError } from '../api/describeError';
import { PlanBoard } from '../board/PlanBoard';
import { LifecycleBar } from '../lifecycle/LifecycleBar';
import { SolicitationBar } from '../solicitation/SolicitationBar';
import { PlanFieldsAccess, PlanLifecycleProvider } from '../lifecycle/PlanLifecycleContext';
import type { EditorRequest } from '../topic/editorRequest';
import { CONNECTION_DISPLAY } from './ConnectionIndicator';
import { ErrorBoundary } from './ErrorBoundary';
import { StatusPanel } from './StatusPanel';

// The drawer's form (selects, inputs, the notes binding) is only needed once a topic is opened…
const loadTopicDrawer = () => import('../topic/TopicDrawer');
const TopicDrawer = lazy(() => loadTopicDrawer().then((module) => ({ default: module.TopicDrawer })));
/** …but is fetched soon after the board shows, so that it still opens if the network drops meanwhile. */
const PREFETCH_DELAY_MS = 1_500;

type Props = {
  planId: string | null;
  plan: PlanResponse['plan'] | null;
  planError: Error | null;
  editor: EditorRequest | null;
  onEditorChange: (editor: EditorRequest | null) => void;
  /** The signed-in user's id, recorded as the creator of new topics. */
  author: string;
};

/** The read-only notice: what the user may do here and why not more, e.g. "这是上级（示范市）的计划。". */
function ReadOnlyBanner() {
  const t = useT();
  const { canWrite, readOnlyReason } = usePlanAccess();
  if (canWrite || !readOnlyReason) return null;
  return (
    <Alert
      className="read-only-banner"
      type="info"
      showIcon
      banner
      role="status"
      title={t('readOnly.title')}
      description={readOnlyReason}
      data-testid="read-only-banner"
    />
  );
}

/** A banner for connection problems the user must know about (offline, refused). */
function ConnectionBanner({ session }: { session: PlanSession }) {
  const t = useT();
  const { status } = useStore(session.connection);
  const hint = CONNECTION_DISPLAY[status].hint;
  // A refusal (4403) is re-checked at once (see usePlanAccessSync); the read-only banner or the plan's error tells the outcome.
  if (!hint || status === 'forbidden') return null;
  const severe = status !== 'offline';
  return (
    <Alert
      className="connection-banner"
      type={severe ? 'error' : 'warning'}
      showIcon
      banner
      title={t(hint)}
    />
  );
}

/** The right-hand side: a prompt to choose a plan, the plan's error, or its live board and topic drawer. */
export function PlanView({ planId, plan, planError, editor, onEditorChange, author }: Props) {
  const t = useT();
  const session = usePlanSession();
  useEffect(() => {
    // When the main thread is idle (where the browser can say): a large plan's board may still be drawing.
    let cancelIdle = () => {};
    const timer = setTimeout(() => {
      if (typeof requestIdleCallback !== 'function') return void loadTopicDrawer();
      const idle = requestIdleCallback(() => void loadTopicDrawer(), { timeout: PREFETCH_DELAY_MS });
      cancelIdle = () => cancelIdleCallback(idle);
    }, PREFETCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      cancelIdle();
    };
  }, []);
  if (planId === null) {
    return (
      <StatusPanel
        className="plan-placeholder"
        status="info"
        title={t('plan.none')}
        subTitle={t('plan.noneHint')}
      />
    );
  }
  if (planError) {
    return (
      <StatusPanel status="warning" title={t('plan.loadFailed')} subTitle={describeError(planError, t)} />
    );
  }
  if (!session) return <Spin className="board-spin" description={t('board.loading')} />;
  return (
    <PlanLifecycleProvider planId={planId} plan={plan}>
      <div className="plan-view">
        <ConnectionBanner session={session} />
        {plan ? <ReadOnlyBanner /> : null}
        {plan ? <LifecycleBar /> : null}
        {plan ? <SolicitationBar plan={plan} /> : null}
        <ErrorBoundary key={planId}>
          {/* A frozen plan's board is read-only outside the user's own adjustment (add, move, archive). */}
          <PlanFieldsAccess>
            {(canEditPlanFields) => (
              <PlanBoard
                session={session}
                canWrite={canEditPlanFields}
                onEdit={onEditorChange}
                orgId={plan?.org.id ?? null}
              />
            )}
          </PlanFieldsAccess>
          {editor ? (
            <Suspense fallback={null}>
              <TopicDrawer
                session={session}
                request={editor}
                author={author}
                onRequestChange={onEditorChange}
              />
            </Suspense>
          ) : null}
        </ErrorBoundary>
      </div>
    </PlanLifecycleProvider>
  );
}
