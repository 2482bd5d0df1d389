import { useMemo, useState } from 'react';
import { Button, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import EditOutlined from '@ant-design/icons/EditOutlined';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import TeamOutlined from '@ant-design/icons/TeamOutlined';
import { ORG_LEVEL_LABELS, SUPERVISED_BODY_LABELS } from '@yipan/domain';
import type { OrgDetail } from '@yipan/protocol';
import { useI18n } from '../i18n/I18nProvider';
import { adminPath, navigate } from '../routing/useRoute';
import { OrgFormModal, type OrgFormTarget } from './OrgFormModal';
import { CHILD_LEVELS, orgForest, type OrgTreeNode } from './orgForest';

/** Most names of a list shown in a cell before "等 N 个". */
const CELL_NAMES = 3;

type Props = { orgs: OrgDetail[]; onChanged: () => void };

/** The organisations the user administers as a tree: edit one's name and lists, or create one below it. */
export function OrgsTab({ orgs, onChanged }: Props) {
  const { t, label } = useI18n();
  const [target, setTarget] = useState<OrgFormTarget | null>(null);
  const forest = useMemo(() => orgForest(orgs), [orgs]);

  const names = (list: readonly string[]) =>
    list.length === 0 ? (
      <Typography.Text type="secondary">{t('admin.none')}</Typography.Text>
    ) : list.length > CELL_NAMES ? (
      t('admin.namesMore', { names: list.slice(0, CELL_NAMES).join(t('list.separator')), count: list.length })
    ) : (
      list.join(t('list.separator'))
    );

  const columns: TableColumnsType<OrgTreeNode<OrgDetail>> = [
    {
      title: t('admin.org.name'),
      dataIndex: 'name',
      width: 280,
      render: (name: string, org) => (
        <Space size={6} className="admin-org">
          <span className="admin-org-name">{name}</span>
          <Tag>{label(ORG_LEVEL_LABELS[org.level])}</Tag>
        </Space>
      ),
    },
    { title: t('admin.org.committees'), dataIndex: 'committees', render: names },
    {
      title: t('admin.org.supervisedBodies'),
      dataIndex: 'supervisedBodies',
      render: (_value, org) => names(org.supervisedBodies.map((body) => label(SUPERVISED_BODY_LABELS[body]))),
    },
    { title: t('admin.org.reportingUnits'), dataIndex: 'reportingUnits', render: names },
    {
      title: t('admin.actions'),
      key: 'actions',
      width: 280,
      render: (_value, org) => (
        <Space size={4} wrap>
          <Button
            size="small"
            icon={<EditOutlined />}
            aria-label={t('admin.org.editLabel', { name: org.name })}
            onClick={() => setTarget({ mode: 'edit', org })}
          >
            {t('admin.edit')}
          </Button>
          {CHILD_LEVELS[org.level].length > 0 ? (
            <Button
              size="small"
              icon={<PlusOutlined />}
              aria-label={t('admin.org.createUnder', { name: org.name })}
              onClick={() => setTarget({ mode: 'create', parent: org })}
            >
              {t('admin.org.createChild')}
            </Button>
          ) : null}
          <Button
            size="small"
            type="link"
            icon={<TeamOutlined />}
            aria-label={t('admin.org.membersOf', { name: org.name })}
            onClick={() => navigate(adminPath('members', org.id))}
          >
            {t('admin.tab.members')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <section aria-label={t('admin.tab.orgs')}>
      <Typography.Paragraph type="secondary">{t('admin.org.hint')}</Typography.Paragraph>
      <Table<OrgTreeNode<OrgDetail>>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={forest}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        data-testid="admin-orgs"
      />
      {target ? (
        <OrgFormModal
          target={target}
          onClose={() => setTarget(null)}
          onSaved={() => {
            setTarget(null);
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}
