import { Alert, Badge, Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import ReloadOutlined from '@ant-design/icons/ReloadOutlined';
import FileExcelOutlined from '@ant-design/icons/FileExcelOutlined';
import { RECTIFICATION_STATE_LABELS, RectificationState } from '@yipan/domain';
import { FollowUpResponse, type FollowUpItem, type Org } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { useRequest } from '../api/useRequest';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { RatingSummary } from '../opinion/RatingSummary';
import { isRatingCurrent, STATE_COLOR } from '../opinion/rectificationDisplay';
import { DownloadButton } from '../planExport/DownloadButton';
import { exportPaths } from '../planExport/exportPaths';
import { navigate, planTopicPath } from '../routing/useRoute';
import './followUp.css';

type Bucket = Exclude<keyof FollowUpResponse, 'today'>;

/** The four columns, in the order the office works them: late first, then this month, then votes, then done. */
const BUCKETS: readonly { key: Bucket; title: MessageKey; empty: MessageKey }[] = [
  { key: 'overdue', title: 'followUp.overdue', empty: 'followUp.overdueEmpty' },
  { key: 'dueThisMonth', title: 'followUp.dueThisMonth', empty: 'followUp.dueThisMonthEmpty' },
  { key: 'awaitingRating', title: 'followUp.awaitingRating', empty: 'followUp.awaitingRatingEmpty' },
  { key: 'closed', title: 'followUp.closed', empty: 'followUp.closedEmpty' },
];

/** One item: what it asks, of whom, by when, where it stands, and a link to its topic's plan. */
function FollowUpCard({ item }: { item: FollowUpItem }) {
  const { t, label } = useI18n();
  const state = RectificationState.safeParse(item.state);
  return (
    <li className="follow-up-item" data-testid="follow-up-item" data-content={item.content}>
      <Typography.Paragraph
        className="follow-up-content"
        strong
        ellipsis={{ rows: 3, tooltip: item.content }}
      >
        {item.content}
      </Typography.Paragraph>
      <div className="follow-up-meta">
        {state.success ? (
          <Tag color={STATE_COLOR[state.data]} data-testid="follow-up-state">
            {label(RECTIFICATION_STATE_LABELS[state.data])}
          </Tag>
        ) : (
          <Tag>{item.state}</Tag>
        )}
        <span>
          {item.deadline ? t('followUp.deadline', { deadline: item.deadline }) : t('followUp.noDeadline')}
        </span>
      </div>
      <div className="follow-up-meta">
        {t('followUp.responsibleBody', { body: item.responsibleBody || t('opinion.none') })}
      </div>
      <div className="follow-up-meta">
        <a
          href={planTopicPath(item.planId, item.topicId)}
          onClick={(event) => {
            event.preventDefault();
            navigate(planTopicPath(item.planId, item.topicId));
          }}
          data-testid="follow-up-topic"
        >
          {item.topicTitle}
        </a>
        <span className="follow-up-plan"> · {item.planTitle}</span>
      </div>
      {item.rating ? (
        <div className="follow-up-meta">
          {state.success && isRatingCurrent(state.data) ? null : t('opinion.rating.previous')}
          <RatingSummary rating={item.rating} />
        </div>
      ) : null}
    </li>
  );
}

type Props = { orgId: string; orgs: readonly Org[] };

/**
 * 整改跟踪: every rectification item of an organisation's plans in four columns (overdue, due this month,
 * awaiting rating, closed), as the server buckets them from the projection.
 */
export function FollowUpPage({ orgId, orgs }: Props) {
  const { t } = useI18n();
  const request = useRequest(`/api/orgs/${encodeURIComponent(orgId)}/follow-up`, FollowUpResponse);
  const orgName = orgs.find((org) => org.id === orgId)?.name ?? '';
  const data = request.data;
  return (
    <div className="follow-up-page" data-testid="follow-up-page">
      <div className="follow-up-header">
        <div>
          <Typography.Title level={2} className="follow-up-title">
            {orgName ? t('followUp.titleOf', { org: orgName }) : t('followUp.title')}
          </Typography.Title>
          {data ? (
            <Typography.Text type="secondary">{t('followUp.today', { today: data.today })}</Typography.Text>
          ) : null}
        </div>
        <Space wrap>
          <DownloadButton
            url={exportPaths.followUpXlsx(orgId)}
            fallbackName="follow-up.xlsx"
            icon={<FileExcelOutlined />}
            testId="follow-up-export-xlsx"
          >
            {t('export.excel')}
          </DownloadButton>
          <Button icon={<ReloadOutlined />} onClick={request.reload} loading={request.fetching}>
            {t('followUp.reload')}
          </Button>
        </Space>
      </div>
      {request.error ? (
        <Alert
          type="error"
          showIcon
          title={t('followUp.loadFailed')}
          description={describeError(request.error, t)}
          action={
            <Button size="small" onClick={request.reload}>
              {t('error.retry')}
            </Button>
          }
        />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <div className="follow-up-columns">
          {BUCKETS.map((bucket) => {
            const items = data[bucket.key];
            const headingId = `follow-up-${bucket.key}`;
            return (
              <section
                key={bucket.key}
                aria-labelledby={headingId}
                className="follow-up-column"
                data-testid={`follow-up-${bucket.key}`}
              >
                <Card
                  size="small"
                  title={
                    <span id={headingId}>
                      {t(bucket.title)}{' '}
                      <Badge
                        count={items.length}
                        showZero
                        color={bucket.key === 'overdue' && items.length > 0 ? 'red' : 'blue'}
                        aria-label={t('followUp.count', { count: items.length })}
                      />
                    </span>
                  }
                >
                  {items.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(bucket.empty)} />
                  ) : (
                    <ul className="follow-up-list">
                      {items.map((item) => (
                        <FollowUpCard key={`${item.planId}/${item.itemId}`} item={item} />
                      ))}
                    </ul>
                  )}
                </Card>
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
