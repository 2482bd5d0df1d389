import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Empty, Skeleton, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { ORG_LEVEL_LABELS } from '@yipan/domain';
import { OrgsResponse, type PlanResponse } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { useRequest } from '../api/useRequest';
import { useI18n } from '../i18n/I18nProvider';
import { ancestorIds, buildOrgTree, type OrgNode } from './orgTree';
import { PlanList } from './PlanList';

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

/** The left column: the organisation tree (city → counties → townships) and the selected organisation's plans. */
export function OrgSidebar({ currentPlan }: { currentPlan: PlanResponse['plan'] | null }) {
  const { t, label } = useI18n();
  const { data, error, loading, reload } = useRequest('/api/orgs', OrgsResponse);
  const orgs = useMemo(() => data?.orgs ?? [], [data]);
  const [selectedOrgId, setSelectedOrgId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);

  // Open the tree at the organisation of the plan in the URL, and the top level on first load.
  const currentOrgId = currentPlan?.orgId ?? null;
  useEffect(() => {
    if (orgs.length === 0) return;
    const roots = orgs.filter((org) => org.parentId === null).map((org) => org.id);
    const path = currentOrgId ? ancestorIds(orgs, currentOrgId) : [];
    setExpanded((open) => [...new Set([...open, ...roots, ...path])]);
    if (currentOrgId) setSelectedOrgId(currentOrgId);
  }, [orgs, currentOrgId]);

  const treeData = useMemo(
    () => toTreeData(buildOrgTree(orgs), (node) => label(ORG_LEVEL_LABELS[node.level])),
    [orgs, label],
  );

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
        <Skeleton active paragraph={{ rows: 4 }} title={false} />
      ) : orgs.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sidebar.noOrgs')} />
      ) : (
        <Tree
          className="org-tree"
          blockNode
          treeData={treeData}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys.map(String))}
          selectedKeys={selectedOrgId ? [selectedOrgId] : []}
          onSelect={(keys) => {
            const key = keys[0];
            if (key !== undefined) setSelectedOrgId(String(key));
          }}
        />
      )}
      <Typography.Title level={2} className="sidebar-title">
        {t('sidebar.plans')}
      </Typography.Title>
      {selectedOrgId ? (
        <PlanList orgId={selectedOrgId} currentPlanId={currentPlan?.id ?? null} />
      ) : (
        <Typography.Text type="secondary" className="sidebar-hint">
          {t('sidebar.pickOrg')}
        </Typography.Text>
      )}
    </nav>
  );
}
