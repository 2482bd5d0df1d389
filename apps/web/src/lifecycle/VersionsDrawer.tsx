import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Drawer,
  Empty,
  Input,
  List,
  Modal,
  Select,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { METHOD_LABELS } from '@yipan/domain';
import { AdjustmentsResponse, VersionResponse, VersionsResponse, type VersionSummary } from '@yipan/protocol';
import { useRequest } from '../api/useRequest';
import { useStore } from '../collab/createStore';
import { absoluteTime } from '../history/relativeTime';
import { useI18n } from '../i18n/I18nProvider';
import { AdjustmentForm } from './AdjustmentForm';
import { decisionText, defaultDecider } from './AdjustmentBanner';
import { DiffList } from './DiffList';
import { DiffPanel } from './DiffPanel';
import { lifecyclePaths, restoreVersion, saveVersion } from './lifecycleApi';
import { lifecycleErrorText } from './lifecycleError';
import { lifecycleRevision } from './lifecycleEvents';
import { valueText } from './diffText';
import type { PlanLifecycle } from './PlanLifecycleContext';

/** Width of the drawer: a difference table with two long titles side by side stays readable. */
const DRAWER_WIDTH = 760;
/** The live plan as a side of a comparison (the protocol's name for it). */
const LIVE = 'live';
/** Longest version name (the protocol's limit). */
const VERSION_NAME_MAX = 100;

type Props = { lifecycle: PlanLifecycle; canWrite: boolean; open: boolean; onClose: () => void };

/** Re-reads a request whenever the lifecycle changes (a version saved, an adjustment closed). */
function useLifecycleReload(reload: () => void): void {
  const revision = useStore(lifecycleRevision);
  useEffect(() => {
    if (revision > 0) reload();
  }, [revision, reload]);
}

/** One version's topics, in plan order, as a read-only table. */
function VersionTopics({
  planId,
  version,
  onClose,
}: {
  planId: string;
  version: VersionSummary;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const { data, error, loading } = useRequest(lifecyclePaths.version(planId, version.id), VersionResponse);
  const topics = useMemo(
    () =>
      (data?.topics ?? [])
        .filter((topic) => !topic.archived)
        .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0)),
    [data],
  );
  const words = { t, label };
  return (
    <Modal
      open
      title={t('lifecycle.versions.viewTitle', { name: version.name })}
      onCancel={onClose}
      footer={null}
      width={880}
    >
      {error ? <Alert type="error" showIcon title={lifecycleErrorText(error, t, label)} /> : null}
      {loading ? (
        <Skeleton active />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={topics}
          data-testid="version-topics"
          columns={[
            {
              key: 'index',
              title: t('lifecycle.versions.index'),
              render: (_value, _topic, index) => index + 1,
              width: 56,
            },
            { key: 'title', title: t('field.title'), dataIndex: 'title' },
            {
              key: 'method',
              title: t('field.method'),
              render: (_value, topic) => label(METHOD_LABELS[topic.method]),
              width: 140,
            },
            {
              key: 'month',
              title: t('field.month'),
              render: (_value, topic) => valueText('month', topic.month, words),
              width: 90,
            },
            {
              key: 'lead',
              title: t('field.leadCommittee'),
              render: (_value, topic) => valueText('leadCommittee', topic.leadCommittee, words),
              width: 140,
            },
          ]}
        />
      )}
    </Modal>
  );
}

/** The adjustments made so far, newest first, each with its decision and what it changed. */
function AdjustmentLog({ planId }: { planId: string }) {
  const { t, label, locale } = useI18n();
  const { data, error, loading, reload } = useRequest(
    lifecyclePaths.adjustments(planId),
    AdjustmentsResponse,
  );
  useLifecycleReload(reload);
  if (error) return <Alert type="error" showIcon title={lifecycleErrorText(error, t, label)} />;
  if (loading) return <Skeleton active />;
  const adjustments = data?.adjustments ?? [];
  if (adjustments.length === 0) return <Empty description={t('lifecycle.adjustments.none')} />;
  return (
    <ol className="lifecycle-adjustments" data-testid="adjustment-log">
      {adjustments.map((adjustment) => (
        <li key={adjustment.id} className="lifecycle-adjustment">
          <Typography.Paragraph>
            <Tag color={adjustment.state === 'open' ? 'processing' : 'default'}>
              {t(adjustment.state === 'open' ? 'lifecycle.adjustments.open' : 'lifecycle.adjustments.closed')}
            </Tag>
            <Typography.Text strong>{adjustment.reason}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {t('lifecycle.adjustments.meta', {
              decision: decisionText(adjustment, label),
              name: adjustment.openedBy.displayName,
              at: absoluteTime(adjustment.openedAt, locale),
            })}
          </Typography.Paragraph>
          {adjustment.state === 'closed' ? (
            <DiffList diffs={adjustment.changes} emptyText={t('lifecycle.adjustment.noChanges')} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * Named versions of the plan (版本): the approved text and those saved by hand. A version can be
 * viewed, compared with another or with the live plan, and restored into the live plan as an
 * adjustment (history is never rewritten). The adjustments tab lists every adjustment made.
 */
export function VersionsDrawer({ lifecycle, canWrite, open, onClose }: Props) {
  const { t, label, locale } = useI18n();
  const { message } = App.useApp();
  const { planId } = lifecycle;
  const { data, error, loading, reload } = useRequest(
    open ? lifecyclePaths.versions(planId) : null,
    VersionsResponse,
  );
  useLifecycleReload(reload);
  const versions = useMemo(() => data?.versions ?? [], [data]);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [viewing, setViewing] = useState<VersionSummary | null>(null);
  const [restoring, setRestoring] = useState<VersionSummary | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string>(LIVE);
  const [comparison, setComparison] = useState<{ from: string; to: string } | null>(null);

  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed) {
      void message.warning(t('lifecycle.versions.nameRequired'));
      return;
    }
    setSaving(true);
    try {
      await saveVersion(planId, { name: trimmed });
      setName('');
      void message.success(t('lifecycle.versions.saved', { name: trimmed }));
    } catch (caught) {
      void message.error(
        lifecycleErrorText(caught instanceof Error ? caught : new Error(String(caught)), t, label),
      );
    } finally {
      setSaving(false);
    }
  };

  const sideOptions = versions.map((version) => ({ value: version.id, label: version.name }));
  const fromValue =
    from ?? versions.find((version) => version.kind === 'approved')?.id ?? versions[0]?.id ?? null;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('lifecycle.versions.title')}
      size={DRAWER_WIDTH}
      closable={{ 'aria-label': t('topic.close') }}
      destroyOnHidden
      data-testid="versions-drawer"
    >
      <Tabs
        items={[
          {
            key: 'versions',
            label: t('lifecycle.versions.tab'),
            children: (
              <Space orientation="vertical" size="large" className="lifecycle-versions">
                {canWrite ? (
                  <Space.Compact className="lifecycle-save-version">
                    <Input
                      aria-label={t('lifecycle.versions.name')}
                      placeholder={t('lifecycle.versions.namePlaceholder')}
                      value={name}
                      maxLength={VERSION_NAME_MAX}
                      onChange={(event) => setName(event.target.value)}
                      onPressEnter={() => void save()}
                      data-testid="version-name"
                    />
                    <Button
                      type="primary"
                      loading={saving}
                      onClick={() => void save()}
                      data-testid="version-save"
                    >
                      {t('lifecycle.versions.save')}
                    </Button>
                  </Space.Compact>
                ) : null}
                {error ? <Alert type="error" showIcon title={lifecycleErrorText(error, t, label)} /> : null}
                <List
                  loading={loading}
                  dataSource={versions}
                  locale={{ emptyText: t('lifecycle.versions.none') }}
                  data-testid="version-list"
                  renderItem={(version) => (
                    <List.Item
                      data-testid="version-item"
                      data-name={version.name}
                      actions={[
                        <Button key="view" type="link" onClick={() => setViewing(version)}>
                          {t('lifecycle.versions.view')}
                        </Button>,
                        <Button
                          key="compare"
                          type="link"
                          onClick={() => setComparison({ from: version.id, to: LIVE })}
                        >
                          {t('lifecycle.versions.compareLive')}
                        </Button>,
                        ...(canWrite && lifecycle.frozen
                          ? [
                              <Button key="restore" type="link" danger onClick={() => setRestoring(version)}>
                                {t('lifecycle.versions.restore')}
                              </Button>,
                            ]
                          : []),
                      ]}
                    >
                      <List.Item.Meta
                        title={
                          <Space>
                            {version.name}
                            <Tag color={version.kind === 'approved' ? 'gold' : 'default'}>
                              {t(
                                version.kind === 'approved'
                                  ? 'lifecycle.versions.approved'
                                  : 'lifecycle.versions.manual',
                              )}
                            </Tag>
                          </Space>
                        }
                        description={t('lifecycle.versions.meta', {
                          name: version.createdBy.displayName,
                          at: absoluteTime(version.createdAt, locale),
                        })}
                      />
                    </List.Item>
                  )}
                />
                {versions.length > 0 ? (
                  <Space wrap aria-label={t('lifecycle.versions.compare')} role="group">
                    <Select
                      aria-label={t('lifecycle.versions.compareFrom')}
                      className="lifecycle-side-select"
                      value={fromValue}
                      options={sideOptions}
                      onChange={setFrom}
                    />
                    <span aria-hidden="true">→</span>
                    <Select
                      aria-label={t('lifecycle.versions.compareTo')}
                      className="lifecycle-side-select"
                      value={to}
                      options={[{ value: LIVE, label: t('lifecycle.versions.live') }, ...sideOptions]}
                      onChange={setTo}
                    />
                    <Button
                      onClick={() => fromValue && setComparison({ from: fromValue, to })}
                      data-testid="version-compare"
                    >
                      {t('lifecycle.versions.compare')}
                    </Button>
                  </Space>
                ) : null}
                {comparison ? <DiffPanel planId={planId} from={comparison.from} to={comparison.to} /> : null}
              </Space>
            ),
          },
          {
            key: 'adjustments',
            label: t('lifecycle.adjustments.tab'),
            children: <AdjustmentLog planId={planId} />,
          },
        ]}
      />
      {viewing ? <VersionTopics planId={planId} version={viewing} onClose={() => setViewing(null)} /> : null}
      {restoring ? (
        <AdjustmentForm
          title={t('lifecycle.versions.restoreTitle', { name: restoring.name })}
          okText={t('lifecycle.versions.restore')}
          intro={t('lifecycle.versions.restoreIntro')}
          defaultDecider={defaultDecider(lifecycle)}
          onSubmit={async (adjustment) => {
            const { adjustment: record } = await restoreVersion(planId, restoring.id, adjustment);
            void message.success(
              t('lifecycle.versions.restored', { name: restoring.name, count: record.changes.length }),
            );
          }}
          onClose={() => setRestoring(null)}
        />
      ) : null}
    </Drawer>
  );
}
