import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Layout, Spin } from 'antd';
import { OrgsResponse, PlanResponse } from '@yipan/protocol';
import { NO_PLAN_ACCESS, PlanAccessContext, type PlanAccess } from '../access/PlanAccessContext';
import { parentsOf, readOnlyReason } from '../access/readOnlyReason';
import { reasonText } from '../access/reasonText';
import { useRequest } from '../api/useRequest';
import { PlanSessionProvider, usePlanSession } from '../collab/PlanSessionContext';
import { useMe } from '../identity/MeContext';
import { userColor } from '../identity/userColor';
import { useI18n } from '../i18n/I18nProvider';
import { useBoardEvents } from '../realtime/useBoardEvents';
import { usePlanAccessSync } from '../realtime/usePlanAccessSync';
import { dropLocationHash, topicIdOfHash, type Route } from '../routing/useRoute';
import type { EditorRequest } from '../topic/editorRequest';
import { AppHeader } from './AppHeader';
import { OrgSidebar } from './OrgSidebar';
import { PlanView } from './PlanView';

// Administration is for a few people a few times a year: its tables and forms load on demand.
const AdminPage = lazy(() => import('../admin/AdminPage').then((module) => ({ default: module.AdminPage })));

// The follow-up board is its own page: a plan's board does not need its code.
const FollowUpPage = lazy(() =>
  import('../followUp/FollowUpPage').then((module) => ({ default: module.FollowUpPage })),
);

/** Width of the organisation column: fits a township name and its level tag. */
const SIDER_WIDTH = 264;

/** Re-checks the open plan's connection when access changes (needs the session, so it sits inside the provider). */
function PlanAccessSync({ plan }: { plan: PlanResponse['plan'] | null }) {
  usePlanAccessSync(usePlanSession(), plan);
  return null;
}

/** The signed-in page: header, then the organisation sidebar and the open plan's board, or administration. */
export function AppShell({ route }: { route: Route }) {
  const { t, label } = useI18n();
  const me = useMe();
  const planId = route.page === 'plan' ? route.planId : null;
  const presenceUser = useMemo(
    () => ({ name: me.user.displayName, color: userColor(me.user.id) }),
    [me.user.displayName, me.user.id],
  );
  useBoardEvents(planId);

  const orgsRequest = useRequest('/api/orgs', OrgsResponse);
  const orgs = useMemo(() => orgsRequest.data?.orgs ?? [], [orgsRequest.data]);
  const planRequest = useRequest(planId ? `/api/plans/${encodeURIComponent(planId)}` : null, PlanResponse);
  const plan = planRequest.data?.plan ?? null;

  const access = useMemo<PlanAccess>(() => {
    if (!plan) return NO_PLAN_ACCESS;
    const reason = readOnlyReason(
      plan.permissions,
      { orgId: plan.orgId, orgName: plan.org.name },
      me.memberships,
      parentsOf(orgs),
    );
    const text = reason ? reasonText(reason, t, label) : null;
    return {
      canWrite: reason === null,
      readOnlyReason: text,
      readOnlyHint: text ? t('readOnly.hint', { reason: text }) : null,
    };
  }, [plan, me.memberships, orgs, t, label]);

  const [editor, setEditor] = useState<EditorRequest | null>(null);
  useEffect(() => setEditor(null), [planId]);
  // A link to a topic (`/plans/<id>#topic=<topicId>`, e.g. from the follow-up board) opens its drawer. Read
  // while rendering: the board's own effects run first and may rewrite the URL.
  const linkedTopicId = useMemo(() => (planId ? topicIdOfHash(window.location.hash) : null), [planId]);
  useEffect(() => {
    if (!linkedTopicId) return;
    setEditor({ mode: 'edit', topicId: linkedTopicId });
    dropLocationHash();
  }, [linkedTopicId]);
  const newTopic = useCallback(() => setEditor({ mode: 'create', preset: {} }), []);

  return (
    <PlanSessionProvider planId={planId} user={presenceUser}>
      <PlanAccessContext.Provider value={access}>
        <PlanAccessSync plan={plan} />
        <Layout className="app-layout">
          <AppHeader plan={plan} orgs={orgs} page={route.page} onNewTopic={plan ? newTopic : undefined} />
          {route.page === 'admin' ? (
            <Layout.Content className="app-content admin-content">
              <Suspense fallback={<Spin className="page-spin" description={t('app.loading')} />}>
                <AdminPage tab={route.tab} orgId={route.orgId} />
              </Suspense>
            </Layout.Content>
          ) : (
            <Layout className="app-body">
              <Layout.Sider width={SIDER_WIDTH} className="app-sider" theme="light">
                <OrgSidebar orgsRequest={orgsRequest} currentPlan={plan} />
              </Layout.Sider>
              <Layout.Content className="app-content">
                {route.page === 'followUp' ? (
                  <Suspense fallback={<Spin className="page-spin" description={t('app.loading')} />}>
                    <FollowUpPage orgId={route.orgId} orgs={orgs} />
                  </Suspense>
                ) : (
                  <PlanView
                    planId={planId}
                    plan={plan}
                    planError={planRequest.error}
                    editor={editor}
                    onEditorChange={setEditor}
                    author={me.user.id}
                  />
                )}
              </Layout.Content>
            </Layout>
          )}
        </Layout>
      </PlanAccessContext.Provider>
    </PlanSessionProvider>
  );
}
