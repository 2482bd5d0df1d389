import { memo } from 'react';
import { Collapse, Tag, Typography } from 'antd';
import { METHOD_LABELS, type AlignmentColumn } from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { navigate, planTopicPath } from '../routing/useRoute';

/**
 * 各单位自选议题（未关联）: each child organisation's topics that answer none of the parent plan's, one
 * collapsible list per organisation. Legitimate local choices, flagged so the office sees them at all.
 */
export const MatrixLocalTopics = memo(function MatrixLocalTopics({
  columns,
}: {
  columns: readonly AlignmentColumn[];
}) {
  const { t, label, locale } = useI18n();
  const withTopics = columns.filter((column) => column.localTopics.length > 0);
  const without = columns.filter((column) => column.localTopics.length === 0);
  return (
    <section className="matrix-local" aria-labelledby="alignment-local-title" data-testid="alignment-local">
      <Typography.Title level={4} id="alignment-local-title" className="matrix-local-title">
        {t('alignment.local.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('alignment.local.hint')}</Typography.Paragraph>
      {withTopics.length > 0 ? (
        <Collapse
          size="small"
          items={withTopics.map((column) => ({
            key: column.orgId,
            label: (
              <span data-testid="alignment-local-org">
                {column.name}{' '}
                <Typography.Text type="secondary">
                  {t('alignment.local.count', { count: column.localTopics.length })}
                </Typography.Text>
              </span>
            ),
            children: (
              <ul className="matrix-local-list">
                {column.localTopics.map((topic) => {
                  const path = planTopicPath(topic.planId, topic.topicId);
                  return (
                    <li key={topic.topicId}>
                      <Tag className="matrix-local-flag">{t('alignment.local.unlinked')}</Tag>
                      <a
                        href={path}
                        onClick={(event) => {
                          event.preventDefault();
                          navigate(path);
                        }}
                      >
                        {topic.title}
                      </a>
                      <Typography.Text type="secondary">
                        {' · '}
                        {label(METHOD_LABELS[topic.method])}
                        {' · '}
                        {topic.month === null
                          ? t('board.unscheduled')
                          : t(`month.${topic.month}` as MessageKey)}
                      </Typography.Text>
                    </li>
                  );
                })}
              </ul>
            ),
          }))}
        />
      ) : null}
      {without.length > 0 ? (
        <Typography.Paragraph type="secondary" className="matrix-local-none">
          {t('alignment.local.none', {
            orgs: without.map((column) => column.name).join(locale === 'zh-CN' ? '、' : ', '),
          })}
        </Typography.Paragraph>
      ) : null}
    </section>
  );
});
