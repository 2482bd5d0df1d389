import { APPROVAL_CHOICE_LABELS, ApprovalChoice } from '@yipan/domain';
import type { MeetingVote } from '@yipan/protocol';
import { useI18n } from '../i18n/I18nProvider';
import { resultRows } from './liveState';

/**
 * A closed vote's result as a bar list: each option with its count written out (so it reads as text to a
 * screen reader and on a projector from the back row) and a bar as long as its share of the largest.
 */
export function VoteResult({
  vote,
  itemTitle,
}: {
  vote: MeetingVote;
  itemTitle: (itemId: string) => string;
}) {
  const { t, label } = useI18n();
  const rows = resultRows(vote);
  const optionLabel = (key: string) => {
    const choice = ApprovalChoice.safeParse(key);
    return choice.success ? label(APPROVAL_CHOICE_LABELS[choice.data]) : itemTitle(key);
  };
  const unit = vote.spec.kind === 'dots' ? 'meetings.vote.dotsCount' : 'meetings.vote.votesCount';
  return (
    <div className="vote-result" data-testid="vote-result" data-vote-id={vote.id}>
      <ol className="vote-result-list" aria-label={t('meetings.vote.resultOf', { title: vote.spec.title })}>
        {rows.map((row) => (
          <li
            key={row.key}
            className={`vote-result-row vote-option-${row.key}`}
            data-testid="vote-result-row"
            data-title={optionLabel(row.key)}
            data-count={row.count}
          >
            <span className="vote-result-label">{optionLabel(row.key)}</span>
            <span className="vote-result-bar" aria-hidden="true">
              <span className="vote-result-fill" style={{ width: `${Math.round(row.share * 100)}%` }} />
            </span>
            <span className="vote-result-count">{t(unit, { count: row.count })}</span>
          </li>
        ))}
      </ol>
      <div className="vote-result-foot">
        {t('meetings.vote.turnout', { cast: vote.ballotCount, eligible: vote.eligibleCount })}
        {vote.spec.anonymous ? ` · ${t('meetings.vote.anonymous')}` : ''}
      </div>
      {vote.ballots && vote.ballots.length > 0 ? (
        <details className="vote-named">
          <summary>{t('meetings.vote.named')}</summary>
          <ul>
            {vote.ballots.map((entry) => (
              <li key={entry.userId}>
                {entry.displayName}：
                {entry.ballot.kind === 'approval'
                  ? label(APPROVAL_CHOICE_LABELS[entry.ballot.choice])
                  : Object.entries(entry.ballot.dots)
                      .filter(([, dots]) => dots > 0)
                      .map(([itemId, dots]) => `${itemTitle(itemId)} ×${dots}`)
                      .join('，')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
