import { lazy, Suspense, useEffect } from 'react';
import { Alert, Result, Spin } from 'antd';
import type { PlanResponse } from '@yipan/protocol';
import { usePlanSession } from '../collab/PlanSessionContext';
import { useStore } from '../collab/createStore';
import type { PlanSession } from '../collab/PlanSession';
import type { LocalUser } from '../identity/localUser';
import { useT } from '../i18n/I18nProvider';
import { describeError } from '../api/describeError';
import { PlanBoard } from '../board/PlanBoard';
import type { EditorRequest } from '../topic/editorRequest';
import { CONNECTION_DISPLAY } from './ConnectionIndicator';
import { ErrorBoundary } from './ErrorBoundary';

// The drawer's form (selects, inputs, the notes binding) is only needed once a topic is opened…
const loadTopicDrawer = () => import('../topic/TopicDrawer');
const TopicDrawer = lazy(() => loadTopicDrawer().then((module) => ({ default: module.TopicDrawer })));
/** …but is fetched soon after the board shows, so that it still opens if the network drops meanwhile. */
const PREFETCH_DELAY_MS = 1_500;

type Props = {
  planId: string | null;
  plan: PlanResponse['plan'] | null;
  planError: Error | null;
  canWrite: boolean;
  editor: EditorRequest | null;
  onEditorChange: (editor: EditorRequest | null) => void;
  user: LocalUser;
};

/** A banner for connection problems the user must know about (offline, refused). */
function ConnectionBanner({ session }: { session: PlanSession }) {
  const t = useT();
  const { status } = useStore(session.connection);
  const hint = CONNECTION_DISPLAY[status].hint;
  if (!hint) return null;
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
export function PlanView({ planId, plan, planError, canWrite, editor, onEditorChange, user }: Props) {
  const t = useT();
  const session = usePlanSession();
  useEffect(() => {
    const timer = setTimeout(() => void loadTopicDrawer(), PREFETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  if (planId === null) {
    return (
      <Result
        className="plan-placeholder"
        status="info"
        title={t('plan.none')}
        subTitle={t('plan.noneHint')}
      />
    );
  }
  if (planError) {
    return <Result status="warning" title={t('plan.loadFailed')} subTitle={describeError(planError, t)} />;
  }
  if (!session) return <Spin className="board-spin" description={t('board.loading')} />;
  return (
    <div className="plan-view">
      <ConnectionBanner session={session} />
      <ErrorBoundary key={planId}>
        <PlanBoard session={session} canWrite={canWrite && plan !== null} onEdit={onEditorChange} />
        {editor ? (
          <Suspense fallback={null}>
            <TopicDrawer
              session={session}
              request={editor}
              canWrite={canWrite}
              author={user.name}
              onRequestChange={onEditorChange}
            />
          </Suspense>
        ) : null}
      </ErrorBoundary>
    </div>
  );
}
