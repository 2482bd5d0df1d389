import { Tree, type TreeDataNode } from 'antd';

type Props = {
  treeData: TreeDataNode[];
  expanded: string[];
  onExpand: (keys: string[]) => void;
  selectedOrgId: string | null;
  onSelect: (orgId: string) => void;
};

/** The organisation tree of the sidebar (city → counties → townships), one organisation selected at most. */
export function OrgTree({ treeData, expanded, onExpand, selectedOrgId, onSelect }: Props) {
  return (
    <Tree
      className="org-tree"
      blockNode
      treeData={treeData}
      expandedKeys={expanded}
      onExpand={(keys) => onExpand(keys.map(String))}
      selectedKeys={selectedOrgId ? [selectedOrgId] : []}
      onSelect={(keys) => {
        const key = keys[0];
        if (key !== undefined) onSelect(String(key));
      }}
    />
  );
}
