import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Layout, Spin } from 'antd';
import { OrgsResponse, PlanResponse } from '@yipan/protocol';
import { NO_PLAN_ACCESS, PlanAccessContext, type PlanAccess } from '../access/PlanAccessContext';
import { parentsOf, readOnlyReason } from '../access/readOnlyReason';
import { reasonText } from '../access/reasonText';
import { useRequest } from '../api/useRequest';
import { PlanSessionProvider, preopenPlanSession, usePlanSession } from '../collab/PlanSessionContext';
import { useMe } from '../identity/MeContext';
import { userColor } from '../identity/userColor';
import { useI18n } from '../i18n/I18nProvider';
import { recordRead } from '../alignment/alignmentApi';
import { prefetchMatrix } from '../alignment/matrixRequest';
import { NotificationToasts } from '../notifications/NotificationToasts';
import { useBoardEvents } from '../realtime/useBoardEvents';
import { usePlanAccessSync } from '../realtime/usePlanAccessSync';
import { lazyPage } from '../routing/lazyPage';
import { dropLocationHash, topicIdOfHash, useLocationHash, type Route } from '../routing/useRoute';
import type { EditorRequest } from '../topic/editorRequest';
import { AppHeader } from './AppHeader';
import { OrgSidebar } from './OrgSidebar';
import { OrgsContext } from './OrgsContext';
import { PlanView } from './PlanView';

// Administration is for a few people a few times a year: its tables and forms load on demand. So do the
// follow-up board, the alignment matrix, the dashboard (with its charts) and meeting mode (会议): a
// plan's board does not need their code.
const adminPage = lazyPage(() => import('../admin/AdminPage').then((module) => module.AdminPage));
const followUpPage = lazyPage(() => import('../followUp/FollowUpPage').then((module) => module.FollowUpPage));
const alignmentPage = lazyPage(() =>
  import('../alignment/AlignmentPage').then((module) => module.AlignmentPage),
);
const dashboardPage = lazyPage(() =>
  import('../dashboard/DashboardPage').then((module) => module.DashboardPage),
);
const meetingsPage = lazyPage(() => import('../meetings/MeetingsPage').then((module) => module.MeetingsPage));
const meetingRoom = lazyPage(() => import('../meetings/MeetingRoom').then((module) => module.MeetingRoom));
const minutesPage = lazyPage(() => import('../meetings/MinutesPage').then((module) => module.MinutesPage));
const projectorPage = lazyPage(() =>
  import('../meetings/ProjectorPage').then((module) => module.ProjectorPage),
);
const AdminPage = adminPage.Page;
const FollowUpPage = followUpPage.Page;
const AlignmentPage = alignmentPage.Page;
const DashboardPage = dashboardPage.Page;
const MeetingsPage = meetingsPage.Page;
const MeetingRoom = meetingRoom.Page;
const MeetingMinutesPage = minutesPage.Page;
const ProjectorPage = projectorPage.Page;

/**
 * Starts loading the code (for the matrix, also its data; for a plan, its document) of the page the app
 * was opened on, alongside the app's own start-up requests rather than after them. Called once, before
 * the first render.
 */
export function preloadStartPage(route: Route): void {
  const preload = (page: { preload: () => Promise<unknown> }) => void page.preload().catch(() => {});
  switch (route.page) {
    case 'admin':
      return preload(adminPage);
    case 'followUp':
      return preload(followUpPage);
    case 'alignment':
      preload(alignmentPage);
      if (route.planId) prefetchMatrix(route.planId);
      return;
    case 'dashboard':
      return preload(dashboardPage);
    case 'plan':
      return preopenPlanSession(route.planId);
    case 'meetings':
      return preload(meetingsPage);
    case 'meeting':
      return preload(
        route.view === 'projector' ? projectorPage : route.view === 'minutes' ? minutesPage : meetingRoom,
      );
    default:
      return;
  }
}

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
  // The plan on screen: a board, or a matrix (which needs the plan and its events, not its document).
  const planId = route.page === 'plan' || route.page === 'alignment' ? route.planId : null;
  const boardPlanId = route.page === 'plan' ? route.planId : null;
  const presenceUser = useMemo(
    () => ({ name: me.user.displayName, color: userColor(me.user.id) }),
    [me.user.displayName, me.user.id],
  );
  useBoardEvents(planId);

  const orgsRequest = useRequest('/api/orgs', OrgsResponse);
  const orgs = useMemo(() => orgsRequest.data?.orgs ?? [], [orgsRequest.data]);
  const planRequest = useRequest(planId ? `/api/plans/${encodeURIComponent(planId)}` : null, PlanResponse);
  const plan = planRequest.data?.plan ?? null;
  const planOrgId = plan?.orgId ?? null;
  const orgsView = useMemo(() => ({ orgs, planOrgId }), [orgs, planOrgId]);
  // A matrix opened by its URL starts its read while the page's code is still loading.
  const matrixPlanId = route.page === 'alignment' ? route.planId : null;
  useEffect(() => {
    if (matrixPlanId) prefetchMatrix(matrixPlanId);
  }, [matrixPlanId]);
  // 已阅: opening a published plan of a higher level tells its office (the server decides whether it counts).
  const planStatus = plan?.status;
  useEffect(() => {
    if (planId && planStatus) void recordRead(planId);
  }, [planId, planStatus]);

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
  // A link to a topic (`/plans/<id>#topic=<topicId>`, e.g. from the follow-up board or a notification, also
  // on the plan already open) opens its drawer. Read while rendering: the board's own effects run first and
  // may rewrite the URL.
  const hash = useLocationHash();
  const linkedTopicId = useMemo(() => (boardPlanId ? topicIdOfHash(hash) : null), [boardPlanId, hash]);
  useEffect(() => {
    if (!linkedTopicId) return;
    setEditor({ mode: 'edit', topicId: linkedTopicId });
    dropLocationHash();
  }, [linkedTopicId]);
  const newTopic = useCallback(() => setEditor({ mode: 'create', preset: {} }), []);

  return (
    <PlanSessionProvider planId={boardPlanId} user={presenceUser}>
      <PlanAccessContext.Provider value={access}>
        <OrgsContext.Provider value={orgsView}>
          <PlanAccessSync plan={plan} />
          <NotificationToasts />
          {route.page === 'meeting' && route.view === 'projector' ? (
            // The projector shows the room, not the app: no header, no sidebar, nothing to edit.
            <Suspense fallback={<Spin className="page-spin" description={t('app.loading')} />}>
              <ProjectorPage meetingId={route.meetingId} />
            </Suspense>
          ) : (
            <Layout className="app-layout">
              <AppHeader
                plan={plan}
                orgs={orgs}
                page={route.page}
                onNewTopic={plan && boardPlanId ? newTopic : undefined}
              />
              {route.page === 'admin' ? (
                <Layout.Content className="app-content admin-content">
                  <Suspense fallback={<Spin className="page-spin" description={t('app.loading')} />}>
                    <AdminPage tab={route.tab} orgId={route.orgId} />
                  </Suspense>
                </Layout.Content>
              ) : route.page === 'meetings' || route.page === 'meeting' ? (
                <Layout.Content className="app-content meetings-content">
                  <Suspense fallback={<Spin className="page-spin" description={t('app.loading')} />}>
                    {route.page === 'meetings' ? (
                      <MeetingsPage />
                    ) : route.view === 'minutes' ? (
                      <MeetingMinutesPage meetingId={route.meetingId} />
                    ) : (
                      <MeetingRoom meetingId={route.meetingId} />
                    )}
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
                    ) : route.page === 'alignment' ? (
                      <Suspense fallback={<Spin className="page-spin" description={t('app.loading')} />}>
                        <AlignmentPage
                          planId={route.planId}
                          plan={plan}
                          planError={planRequest.error}
                          orgs={orgs}
                        />
                      </Suspense>
                    ) : route.page === 'dashboard' ? (
                      <Suspense fallback={<Spin className="page-spin" description={t('app.loading')} />}>
                        <DashboardPage orgId={route.orgId} year={route.year} orgs={orgs} />
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
          )}
        </OrgsContext.Provider>
      </PlanAccessContext.Provider>
    </PlanSessionProvider>
  );
}
