import { Empty, Tag, Typography } from 'antd';
import type { TopicDiffJson } from '@yipan/protocol';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { changeTexts, diffCounts } from './diffText';
import './lifecycle.css';

/** How each kind of topic difference is tagged, and in which colour. */
const KIND_DISPLAY: Record<TopicDiffJson['kind'], { key: MessageKey; color: string }> = {
  added: { key: 'lifecycle.diff.added', color: 'green' },
  removed: { key: 'lifecycle.diff.removed', color: 'red' },
  changed: { key: 'lifecycle.diff.changed', color: 'blue' },
};

type Props = {
  diffs: readonly TopicDiffJson[];
  /** Said when there is no difference, e.g. "与审议通过稿相比没有变化". */
  emptyText: string;
};

/**
 * Differences topic by topic: added, removed, or changed field by field ("安排月份 6月 → 7月"), each
 * changed topic as a small table (field, before, after) so a screen reader reads it row by row.
 */
export function DiffList({ diffs, emptyText }: Props) {
  const { t, label } = useI18n();
  if (diffs.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} data-testid="diff-empty" />;
  const counts = diffCounts(diffs);
  return (
    <div className="lifecycle-diff" data-testid="diff-list">
      <Typography.Paragraph type="secondary" className="lifecycle-diff-summary">
        {t('lifecycle.diff.summary', counts)}
      </Typography.Paragraph>
      <ol className="lifecycle-diff-topics">
        {diffs.map((diff) => {
          const kind = KIND_DISPLAY[diff.kind];
          const rows = changeTexts(diff, { t, label });
          return (
            <li
              key={diff.topicId}
              className={`lifecycle-diff-topic lifecycle-diff-${diff.kind}`}
              data-testid="diff-topic"
              data-title={diff.title}
              data-kind={diff.kind}
            >
              <div className="lifecycle-diff-heading">
                <Tag color={kind.color}>{t(kind.key)}</Tag>
                <Typography.Text strong>{diff.title}</Typography.Text>
              </div>
              {rows.length > 0 ? (
                <table className="lifecycle-diff-table">
                  <caption className="lifecycle-sr-only">
                    {t('lifecycle.diff.caption', { title: diff.title })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('lifecycle.diff.field')}</th>
                      <th scope="col">{t('lifecycle.diff.before')}</th>
                      <th scope="col" aria-hidden="true" />
                      <th scope="col">{t('lifecycle.diff.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.field} data-testid="diff-field" data-field={row.field}>
                        <th scope="row">{row.label}</th>
                        <td className="lifecycle-diff-before" data-testid="diff-before">
                          {row.before}
                        </td>
                        <td className="lifecycle-diff-arrow" aria-hidden="true">
                          →
                        </td>
                        <td className="lifecycle-diff-after" data-testid="diff-after">
                          {row.after}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
