import { useCallback, useEffect, useState } from 'react';
import { Layout } from 'antd';
import { PlanResponse } from '@yipan/protocol';
import { useRequest } from '../api/useRequest';
import { PlanSessionProvider } from '../collab/PlanSessionContext';
import { useLocalUser } from '../identity/useLocalUser';
import { useRoute } from '../routing/useRoute';
import type { EditorRequest } from '../topic/editorRequest';
import { AppHeader } from './AppHeader';
import { OrgSidebar } from './OrgSidebar';
import { PlanView } from './PlanView';

/** Width of the organisation column: fits a township name and its level tag. */
const SIDER_WIDTH = 264;

/** The page: header, organisation sidebar and the open plan's board, with the plan taken from the URL. */
export function AppShell() {
  const { planId } = useRoute();
  const { user, rename } = useLocalUser();
  const planRequest = useRequest(planId ? `/api/plans/${encodeURIComponent(planId)}` : null, PlanResponse);
  const plan = planRequest.data?.plan ?? null;
  const canWrite = plan?.permissions.write ?? false;
  const [editor, setEditor] = useState<EditorRequest | null>(null);
  useEffect(() => setEditor(null), [planId]);
  const newTopic = useCallback(() => setEditor({ mode: 'create', preset: {} }), []);

  return (
    <PlanSessionProvider planId={planId} user={user}>
      <Layout className="app-layout">
        <AppHeader
          plan={plan}
          user={user}
          onRename={rename}
          onNewTopic={plan && canWrite ? newTopic : undefined}
        />
        <Layout className="app-body">
          <Layout.Sider width={SIDER_WIDTH} className="app-sider" theme="light">
            <OrgSidebar currentPlan={plan} />
          </Layout.Sider>
          <Layout.Content className="app-content">
            <PlanView
              planId={planId}
              plan={plan}
              planError={planRequest.error}
              canWrite={canWrite}
              editor={editor}
              onEditorChange={setEditor}
              user={user}
            />
          </Layout.Content>
        </Layout>
      </Layout>
    </PlanSessionProvider>
  );
}
