import { Alert, Skeleton, Typography } from 'antd';
import { DiffResponse } from '@yipan/protocol';
import { useRequest } from '../api/useRequest';
import { useI18n } from '../i18n/I18nProvider';
import { DiffList } from './DiffList';
import { lifecyclePaths } from './lifecycleApi';
import { lifecycleErrorText } from './lifecycleError';

type Props = {
  planId: string;
  /** A version id; by default the approved version. */
  from?: string;
  /** A version id or `live`; by default the live plan. */
  to?: string;
};

/** Compares two sides of the plan as the server computes it, and names both sides above the list. */
export function DiffPanel({ planId, from, to }: Props) {
  const { t, label } = useI18n();
  const { data, error, loading } = useRequest(lifecyclePaths.diff(planId, from, to), DiffResponse);
  if (error) return <Alert type="error" showIcon role="alert" title={lifecycleErrorText(error, t, label)} />;
  if (loading || !data) return <Skeleton active />;
  const after = data.to
    ? t('lifecycle.versions.quoted', { name: data.to.name })
    : t('lifecycle.versions.live');
  return (
    <section aria-label={t('lifecycle.diff.title')} data-testid="diff-panel">
      <Typography.Paragraph strong>
        {t('lifecycle.diff.sides', {
          from: t('lifecycle.versions.quoted', { name: data.from.name }),
          to: after,
        })}
      </Typography.Paragraph>
      <DiffList diffs={data.diffs} emptyText={t('lifecycle.diff.none')} />
    </section>
  );
}
