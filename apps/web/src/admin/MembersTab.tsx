import { useMemo, useState } from 'react';
import { App, Button, Empty, Popconfirm, Select, Space, Table, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import DeleteOutlined from '@ant-design/icons/DeleteOutlined';
import UserAddOutlined from '@ant-design/icons/UserAddOutlined';
import UsergroupAddOutlined from '@ant-design/icons/UsergroupAddOutlined';
import { ROLE_LABELS, type Role } from '@yipan/domain';
import { MemberResponse, MembersResponse, type Member, type OrgDetail } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { sendJson } from '../api/fetchJson';
import { useRequest } from '../api/useRequest';
import { useMe } from '../identity/MeContext';
import { useI18n } from '../i18n/I18nProvider';
import { adminPath, navigate } from '../routing/useRoute';
import { adminErrorMessage } from './adminError';
import { AddMemberModal } from './AddMemberModal';
import { CreateUserModal } from './CreateUserModal';
import { useRoleOptions } from './FormModal';
import { orgForest, type OrgTreeNode } from './orgForest';

type TreeOption = { value: string; title: string; children?: TreeOption[] };

function treeOptions(nodes: OrgTreeNode<OrgDetail>[]): TreeOption[] {
  return nodes.map((node) => ({
    value: node.id,
    title: node.name,
    children: node.children ? treeOptions(node.children) : undefined,
  }));
}

type Props = { orgs: OrgDetail[]; orgId: string | null };

/** The members of one organisation the user administers: roles, removal, adding people and new accounts. */
export function MembersTab({ orgs, orgId }: Props) {
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const me = useMe();
  const selected = orgs.find((org) => org.id === orgId) ?? orgForest(orgs)[0] ?? null;
  const url = selected ? `/api/admin/orgs/${encodeURIComponent(selected.id)}/members` : null;
  const { data, error, loading, fetching, reload } = useRequest(url, MembersResponse);
  const [dialog, setDialog] = useState<'add' | 'create' | null>(null);
  const [busyUserId, setBusyUserId] = useState<string | null>(null);
  const options = useMemo(() => treeOptions(orgForest(orgs)), [orgs]);
  const roleOptions = useRoleOptions();

  if (!selected) return <Empty description={t('admin.noOrgs')} />;
  const memberPath = (userId: string) =>
    `/api/admin/orgs/${encodeURIComponent(selected.id)}/members/${encodeURIComponent(userId)}`;

  const changeRole = async (member: Member, role: Role) => {
    setBusyUserId(member.user.id);
    try {
      await sendJson('PUT', memberPath(member.user.id), { role }, MemberResponse);
      void message.success(
        t('admin.member.roleChanged', { name: member.user.displayName, role: label(ROLE_LABELS[role]) }),
      );
      reload();
    } catch (caught) {
      void message.error(adminErrorMessage(caught, t));
    } finally {
      setBusyUserId(null);
    }
  };

  /** Taking admin rights away, or changing one's own role, is asked about first: it may lock someone out. */
  const requestRole = (member: Member, role: Role) => {
    const own = member.user.id === me.user.id;
    if (!own && member.role !== 'admin') {
      void changeRole(member, role);
      return;
    }
    modal.confirm({
      title: t('admin.member.roleConfirmTitle'),
      content: t(own ? 'admin.member.roleConfirmOwn' : 'admin.member.roleConfirmAdmin', {
        name: member.user.displayName,
        role: label(ROLE_LABELS[role]),
      }),
      okText: t('admin.member.roleConfirmOk'),
      cancelText: t('topic.cancel'),
      onOk: () => changeRole(member, role),
    });
  };

  const remove = async (member: Member) => {
    setBusyUserId(member.user.id);
    try {
      await sendJson('DELETE', memberPath(member.user.id));
      void message.success(t('admin.member.removed', { name: member.user.displayName, org: selected.name }));
      reload();
    } catch (caught) {
      void message.error(adminErrorMessage(caught, t));
    } finally {
      setBusyUserId(null);
    }
  };

  const columns: TableColumnsType<Member> = [
    {
      title: t('admin.member.name'),
      key: 'name',
      render: (_value, member) => (
        <Space size={6}>
          <span>{member.user.displayName}</span>
          {member.user.id === me.user.id ? (
            <Typography.Text type="secondary">{t('admin.member.you')}</Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('admin.member.username'), key: 'username', render: (_value, member) => member.user.username },
    {
      title: t('admin.member.role'),
      key: 'role',
      width: 160,
      render: (_value, member) => (
        <Select<Role>
          value={member.role}
          options={roleOptions}
          style={{ width: 120 }}
          loading={busyUserId === member.user.id}
          disabled={busyUserId === member.user.id}
          aria-label={t('admin.member.roleOf', { name: member.user.displayName })}
          data-testid={`role-${member.user.username}`}
          onChange={(role) => requestRole(member, role)}
        />
      ),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      width: 120,
      render: (_value, member) => (
        <Popconfirm
          title={t('admin.member.removeTitle')}
          description={t('admin.member.removeConfirm', { name: member.user.displayName, org: selected.name })}
          okText={t('admin.member.remove')}
          okButtonProps={{ danger: true }}
          cancelText={t('topic.cancel')}
          onConfirm={() => void remove(member)}
        >
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            disabled={busyUserId === member.user.id}
            aria-label={t('admin.member.removeLabel', { name: member.user.displayName })}
          >
            {t('admin.member.remove')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <section aria-label={t('admin.tab.members')}>
      <div className="admin-toolbar">
        <label className="admin-field">
          <span>{t('admin.member.org')}</span>
          <TreeSelect
            value={selected.id}
            treeData={options}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            style={{ width: 240 }}
            aria-label={t('admin.member.org')}
            onChange={(value: string) => navigate(adminPath('members', value), { replace: true })}
          />
        </label>
        <span className="toolbar-spacer" />
        <Button icon={<UsergroupAddOutlined />} onClick={() => setDialog('add')}>
          {t('admin.member.addExisting')}
        </Button>
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setDialog('create')}>
          {t('admin.member.createUser')}
        </Button>
      </div>
      {error ? (
        <Typography.Text type="danger">{describeError(error, t)}</Typography.Text>
      ) : (
        <Table<Member>
          rowKey={(member) => member.user.id}
          size="middle"
          columns={columns}
          dataSource={data?.members ?? []}
          loading={loading || fetching}
          pagination={false}
          locale={{ emptyText: t('admin.member.empty') }}
          data-testid="admin-members"
        />
      )}
      {dialog === 'add' ? (
        <AddMemberModal
          org={selected}
          members={data?.members ?? []}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      ) : null}
      {dialog === 'create' ? (
        <CreateUserModal
          org={selected}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      ) : null}
    </section>
  );
}
