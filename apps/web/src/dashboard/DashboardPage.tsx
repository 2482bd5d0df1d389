import { useEffect, useMemo, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Empty, Select, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import ReloadOutlined from '@ant-design/icons/ReloadOutlined';
import { DashboardResponse, type DashboardJointTopic, type Org } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { useRequest } from '../api/useRequest';
import { alignmentPaths } from '../alignment/alignmentApi';
import { alignmentRevision } from '../alignment/alignmentEvents';
import { useStore } from '../collab/createStore';
import { useI18n } from '../i18n/I18nProvider';
import { alignmentPath, dashboardPath, navigate, planTopicPath } from '../routing/useRoute';
import { AppLink } from '../routing/AppLink';
import { DashboardChart } from './DashboardChart';
import {
  bodyChart,
  coverageChart,
  coverageText,
  followUpChart,
  methodChart,
  monthChart,
  type ChartWords,
} from './dashboardCharts';
import './dashboard.css';

type Props = { orgId: string; year: number | null; orgs: readonly Org[] };

/** The joint topics' progress across all the children; a child scheduled after the date needed shows red. */
function JointTopicsTable({ planId, topics }: { planId: string | null; topics: DashboardJointTopic[] }) {
  const { t } = useI18n();
  const columns: TableColumnsType<DashboardJointTopic> = [
    {
      key: 'title',
      title: t('dashboard.joint.topic'),
      render: (_, topic) =>
        planId ? <AppLink href={planTopicPath(planId, topic.topicId)}>{topic.title}</AppLink> : topic.title,
    },
    {
      key: 'coverage',
      title: t('dashboard.joint.coverage'),
      render: (_, topic) => coverageText(topic.coverage, t),
    },
    {
      key: 'steps',
      title: t('dashboard.joint.steps'),
      render: (_, { rollup }) => `${rollup.stepsFinished}/${rollup.stepsTotal}`,
    },
    {
      key: 'items',
      title: t('dashboard.joint.items'),
      render: (_, { rollup }) => `${rollup.itemsClosed}/${rollup.itemsTotal}`,
    },
    { key: 'rated', title: t('dashboard.joint.rated'), render: (_, { rollup }) => rollup.itemsRated },
    {
      key: 'conflicts',
      title: t('dashboard.joint.conflicts'),
      render: (_, { rollup }) =>
        rollup.conflicts > 0 ? (
          <Tag color="red" data-testid="dashboard-conflict">
            {t('dashboard.joint.conflictCount', { count: rollup.conflicts })}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('dashboard.joint.noConflict')}</Typography.Text>
        ),
    },
  ];
  return (
    <Card size="small" title={t('dashboard.joint.title')} className="dashboard-joint">
      <Table<DashboardJointTopic>
        size="small"
        rowKey="topicId"
        columns={columns}
        dataSource={topics}
        pagination={false}
        rowClassName={(topic) => (topic.rollup.conflicts > 0 ? 'dashboard-row-conflict' : '')}
        onRow={(topic) =>
          ({ 'data-testid': 'dashboard-joint-row', 'data-title': topic.title }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: t('dashboard.joint.empty') }}
        data-testid="dashboard-joint"
      />
    </Card>
  );
}

/**
 * 统计: an organisation's plan of a year and its children's in figures. Topics by method, supervised body and
 * month, follow-up completion per organisation, each child's coverage of the joint topics, and the joint topics'
 * roll-up. The server decides what the caller may see; the charts only draw it.
 */
export function DashboardPage({ orgId, year, orgs }: Props) {
  const { t, label, locale } = useI18n();
  const request = useRequest(alignmentPaths.dashboard(orgId, year), DashboardResponse);
  const { reload } = request;
  // A change to the chessboard made in this tab (or announced for a watched plan) shows here too.
  const revision = useStore(alignmentRevision);
  useEffect(() => {
    if (revision > 0) reload();
  }, [revision, reload]);
  const data = request.data;
  const orgName = orgs.find((org) => org.id === orgId)?.name ?? data?.orgs[0]?.name ?? '';
  const words: ChartWords = useMemo(() => ({ t, label, locale }), [t, label, locale]);
  const charts = useMemo(
    () =>
      data && {
        method: methodChart(data, words),
        body: bodyChart(data, words),
        month: monthChart(data, words),
        followUp: followUpChart(data, words),
        coverage: coverageChart(data, words),
      },
    [data, words],
  );

  const shownYear = data?.year ?? year;
  const years = data ? [...new Set([...data.years, data.year])].sort((a, b) => b - a) : [];
  const totals = data && {
    topics: data.orgs.reduce((sum, org) => sum + org.topics, 0),
    itemsTotal: data.orgs.reduce((sum, org) => sum + org.itemsTotal, 0),
    itemsClosed: data.orgs.reduce((sum, org) => sum + org.itemsClosed, 0),
  };
  const categoryHeadings = [t('dashboard.table.category'), t('dashboard.table.count')] as const;
  const orgHeadings = [t('dashboard.table.org'), t('dashboard.table.value')] as const;

  return (
    <div className="dashboard-page" data-testid="dashboard-page">
      <div className="dashboard-header">
        <div>
          <Typography.Title level={2} className="dashboard-title">
            {orgName && shownYear
              ? t('dashboard.titleOf', { org: orgName, year: shownYear })
              : t('dashboard.title')}
          </Typography.Title>
          {data ? (
            <Typography.Text type="secondary" data-testid="dashboard-scope">
              {t('dashboard.scope', { count: data.orgs.length - 1 })}
            </Typography.Text>
          ) : null}
        </div>
        <div className="dashboard-actions">
          {data && years.length > 0 ? (
            <Select<number>
              aria-label={t('dashboard.year')}
              value={data.year}
              options={years.map((value) => ({ value, label: t('dashboard.yearOption', { year: value }) }))}
              onChange={(value) => navigate(dashboardPath(orgId, value))}
              className="dashboard-year"
              data-testid="dashboard-year"
            />
          ) : null}
          {data?.planId ? (
            <Button
              href={alignmentPath(data.planId)}
              onClick={(event) => {
                event.preventDefault();
                if (data.planId) navigate(alignmentPath(data.planId));
              }}
              data-testid="dashboard-alignment-link"
            >
              {t('dashboard.alignmentLink')}
            </Button>
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={reload} loading={request.fetching}>
            {t('dashboard.reload')}
          </Button>
        </div>
      </div>
      {request.error ? (
        <Alert
          type="error"
          showIcon
          title={t('dashboard.loadFailed')}
          description={describeError(request.error, t)}
          action={
            <Button size="small" onClick={reload}>
              {t('error.retry')}
            </Button>
          }
        />
      ) : !data || !charts || !totals ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          {data.planId === null ? (
            <Alert
              type="info"
              showIcon
              className="dashboard-no-plan"
              title={t('dashboard.noPlan', { org: orgName, year: data.year })}
            />
          ) : null}
          <div className="dashboard-stats" data-testid="dashboard-stats">
            <Card size="small">
              <Statistic title={t('dashboard.stat.topics')} value={totals.topics} />
            </Card>
            <Card size="small">
              <Statistic title={t('dashboard.stat.joint')} value={data.jointTopics.length} />
            </Card>
            <Card size="small">
              <Statistic
                title={t('dashboard.stat.items')}
                value={totals.itemsClosed}
                suffix={`/ ${totals.itemsTotal}`}
              />
            </Card>
          </div>
          <div className="dashboard-charts">
            <DashboardChart
              title={t('dashboard.chart.byMethod')}
              testId="dashboard-chart-method"
              headings={categoryHeadings}
              {...charts.method}
            />
            <DashboardChart
              title={t('dashboard.chart.bySupervisedBody')}
              testId="dashboard-chart-body"
              headings={categoryHeadings}
              {...charts.body}
            />
            <DashboardChart
              title={t('dashboard.chart.byMonth')}
              testId="dashboard-chart-month"
              headings={categoryHeadings}
              {...charts.month}
            />
            <DashboardChart
              title={t('dashboard.chart.followUp')}
              testId="dashboard-chart-follow-up"
              headings={orgHeadings}
              {...charts.followUp}
            />
            {data.orgs.length > 1 ? (
              <DashboardChart
                title={t('dashboard.chart.coverage')}
                testId="dashboard-chart-coverage"
                headings={orgHeadings}
                {...charts.coverage}
              />
            ) : (
              <Card size="small" title={t('dashboard.chart.coverage')} className="dashboard-chart">
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noChildren')} />
              </Card>
            )}
          </div>
          <JointTopicsTable planId={data.planId} topics={data.jointTopics} />
        </>
      )}
    </div>
  );
}
