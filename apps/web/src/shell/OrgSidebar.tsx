import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Empty, Skeleton, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { ORG_LEVEL_LABELS } from '@yipan/domain';
import type { OrgsResponse, PlanResponse } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import type { RequestState } from '../api/useRequest';
import { useMe } from '../identity/MeContext';
import { useI18n } from '../i18n/I18nProvider';
import { ancestorIds, buildOrgTree, type OrgNode } from './orgTree';
import { PlanList } from './PlanList';
import { dashboardPath, followUpPath, navigate } from '../routing/useRoute';

// The tree's code is fetched while `/api/orgs` is (see the effect below), not with the first script.
const loadOrgTree = () => import('./OrgTree');
const OrgTree = lazy(() => loadOrgTree().then((module) => ({ default: module.OrgTree })));

function toTreeData(nodes: OrgNode[], levelLabel: (node: OrgNode) => string): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.id,
    title: (
      <span className="org-node">
        <span className="org-name">{node.name}</span>
        <span className="org-level">{levelLabel(node)}</span>
      </span>
    ),
    children: toTreeData(node.children, levelLabel),
  }));
}

type Props = {
  /** `/api/orgs`: the organisations the user may see, as the server filters them. */
  orgsRequest: RequestState<OrgsResponse>;
  currentPlan: PlanResponse['plan'] | null;
};

/** The left column: the organisation tree (city → counties → townships) and the selected organisation's plans. */
export function OrgSidebar({ orgsRequest, currentPlan }: Props) {
  const { t, label } = useI18n();
  const { data, error, loading, reload } = orgsRequest;
  useEffect(() => void loadOrgTree(), []);
  const orgs = useMemo(() => data?.orgs ?? [], [data]);
  const [selectedOrgId, setSelectedOrgId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);

  // Open the tree at the organisation of the plan in the URL, else at the user's own, and the top level.
  const homeOrgId = useMe().memberships[0]?.orgId ?? null;
  const focusOrgId = currentPlan?.orgId ?? homeOrgId;
  useEffect(() => {
    if (orgs.length === 0) {
      if (data) setSelectedOrgId(null);
      return;
    }
    const roots = orgs.filter((org) => org.parentId === null).map((org) => org.id);
    const known = focusOrgId !== null && orgs.some((org) => org.id === focusOrgId);
    const path = known ? ancestorIds(orgs, focusOrgId) : [];
    setExpanded((open) => [...new Set([...open, ...roots, ...path])]);
    if (known) setSelectedOrgId(focusOrgId);
    // An organisation that is no longer visible (access changed) is no longer selected.
    else setSelectedOrgId((selected) => (orgs.some((org) => org.id === selected) ? selected : null));
  }, [data, orgs, focusOrgId]);

  const treeData = useMemo(
    () => toTreeData(buildOrgTree(orgs), (node) => label(ORG_LEVEL_LABELS[node.level])),
    [orgs, label],
  );

  const orgsSkeleton = <Skeleton active paragraph={{ rows: 4 }} title={false} />;

  return (
    <nav className="sidebar" aria-label={t('sidebar.orgs')}>
      <Typography.Title level={2} className="sidebar-title">
        {t('sidebar.orgs')}
      </Typography.Title>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={describeError(error, t)}
          action={
            <Button size="small" onClick={reload}>
              {t('error.retry')}
            </Button>
          }
        />
      ) : loading ? (
        orgsSkeleton
      ) : orgs.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sidebar.noOrgs')} />
      ) : (
        <Suspense fallback={orgsSkeleton}>
          <OrgTree
            treeData={treeData}
            expanded={expanded}
            onExpand={setExpanded}
            selectedOrgId={selectedOrgId}
            onSelect={setSelectedOrgId}
          />
        </Suspense>
      )}
      <Typography.Title level={2} className="sidebar-title">
        {t('sidebar.plans')}
      </Typography.Title>
      {selectedOrgId ? (
        <>
          <PlanList
            orgId={selectedOrgId}
            org={orgs.find((org) => org.id === selectedOrgId) ?? null}
            currentPlanId={currentPlan?.id ?? null}
          />
          <Button
            type="link"
            className="follow-up-link"
            href={followUpPath(selectedOrgId)}
            onClick={(event) => {
              event.preventDefault();
              navigate(followUpPath(selectedOrgId));
            }}
            data-testid="follow-up-link"
          >
            {t('followUp.link')}
          </Button>
          <Button
            type="link"
            className="follow-up-link"
            href={dashboardPath(selectedOrgId)}
            onClick={(event) => {
              event.preventDefault();
              navigate(dashboardPath(selectedOrgId));
            }}
            data-testid="dashboard-link"
          >
            {t('dashboard.link')}
          </Button>
        </>
      ) : (
        <Typography.Text type="secondary" className="sidebar-hint">
          {t('sidebar.pickOrg')}
        </Typography.Text>
      )}
    </nav>
  );
}
