import { useState } from 'react';
import { App, Button, Space, Typography } from 'antd';
import MinusOutlined from '@ant-design/icons/MinusOutlined';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { APPROVAL_CHOICES, APPROVAL_CHOICE_LABELS, type ApprovalChoice, type Ballot } from '@yipan/domain';
import type { MeetingAck, MeetingVote } from '@yipan/protocol';
import { useI18n } from '../i18n/I18nProvider';
import { addDot, dotsRemaining, removeDot, type DotAllocation } from './dots';
import { meetingRefusalText } from './meetingError';

type Props = {
  vote: MeetingVote;
  itemTitle: (itemId: string) => string;
  cast: (ballot: Ballot) => Promise<MeetingAck>;
};

/** A participant's ballot: 赞成 / 反对 / 弃权, or dots spread across the candidates with a counter of those left. */
export function BallotForm({ vote, itemTitle, cast }: Props) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [dots, setDots] = useState<DotAllocation>({});
  const [sending, setSending] = useState(false);

  const send = async (ballot: Ballot) => {
    setSending(true);
    const ack = await cast(ballot);
    setSending(false);
    if (ack.ok) void message.success(t('meetings.ballot.counted'));
    else void message.error(meetingRefusalText(ack, t));
  };

  if (vote.spec.kind === 'approval')
    return (
      <Space wrap role="group" aria-label={t('meetings.ballot.choose')} data-testid="ballot-form">
        {APPROVAL_CHOICES.map((choice: ApprovalChoice) => (
          <Button
            key={choice}
            size="large"
            type={choice === 'approve' ? 'primary' : 'default'}
            danger={choice === 'against'}
            disabled={sending}
            onClick={() => void send({ kind: 'approval', choice })}
            data-testid={`ballot-${choice}`}
          >
            {label(APPROVAL_CHOICE_LABELS[choice])}
          </Button>
        ))}
      </Space>
    );

  const { candidateItemIds, dotsPerParticipant } = vote.spec;
  const left = dotsRemaining(dots, dotsPerParticipant);
  return (
    <div className="ballot-dots" data-testid="ballot-form">
      <Typography.Text strong aria-live="polite" data-testid="dots-left" data-left={left}>
        {t('meetings.ballot.dotsLeft', { left, total: dotsPerParticipant })}
      </Typography.Text>
      <ul className="ballot-candidates">
        {candidateItemIds.map((itemId) => {
          const title = itemTitle(itemId);
          const count = dots[itemId] ?? 0;
          return (
            <li key={itemId} className="ballot-candidate" data-testid="ballot-candidate" data-title={title}>
              <span className="ballot-candidate-title">{title}</span>
              <span className="ballot-candidate-dots" aria-hidden="true">
                {'●'.repeat(count)}
              </span>
              <Button
                size="small"
                icon={<MinusOutlined />}
                aria-label={t('meetings.ballot.removeDot', { title })}
                disabled={count === 0}
                onClick={() => setDots((current) => removeDot(current, itemId))}
                data-testid="dot-remove"
              />
              <span
                className="ballot-candidate-count"
                aria-label={t('meetings.ballot.dotsOn', { title, count })}
              >
                {count}
              </span>
              <Button
                size="small"
                icon={<PlusOutlined />}
                aria-label={t('meetings.ballot.addDot', { title })}
                disabled={left === 0}
                onClick={() => setDots((current) => addDot(current, itemId, dotsPerParticipant))}
                data-testid="dot-add"
              />
            </li>
          );
        })}
      </ul>
      <Button
        type="primary"
        disabled={left === dotsPerParticipant || sending}
        loading={sending}
        onClick={() => void send({ kind: 'dots', dots })}
        data-testid="ballot-submit"
      >
        {t('meetings.ballot.submit')}
      </Button>
    </div>
  );
}
