import { Tag, Typography } from 'antd';
import { RATING_PASS_PERCENT, ratingPasses, ratingPercent, type Rating } from '@yipan/domain';
import { useT } from '../i18n/I18nProvider';

/** The three counts of a satisfaction vote, the share of satisfied plus basically satisfied, and pass or fail. */
export function RatingSummary({ rating, testId }: { rating: Rating; testId?: string }) {
  const t = useT();
  const passes = ratingPasses(rating);
  return (
    <span className="rating-summary" data-testid={testId} data-passes={passes}>
      <Typography.Text>
        {t('opinion.rating.counts', {
          satisfied: rating.satisfied,
          basicallySatisfied: rating.basicallySatisfied,
          unsatisfied: rating.unsatisfied,
        })}
      </Typography.Text>{' '}
      <Tag color={passes ? 'success' : 'error'}>
        {t(passes ? 'opinion.rating.passes' : 'opinion.rating.fails', {
          percent: ratingPercent(rating),
          threshold: RATING_PASS_PERCENT,
        })}
      </Tag>
    </span>
  );
}
