import { useState } from 'react';
import { Checkbox, Form, Input, InputNumber, Modal, Radio, Switch, Typography } from 'antd';
import { DOTS_MAX, type VoteSpec } from '@yipan/domain';
import type { AgendaItem, MeetingAck } from '@yipan/protocol';
import { useI18n } from '../i18n/I18nProvider';
import { meetingRefusalText } from './meetingError';

type Props = {
  agenda: AgendaItem[];
  /** The item under discussion: what an approval vote is about. */
  focusItem: AgendaItem | null;
  onOpen: (spec: VoteSpec) => Promise<MeetingAck<{ voteId: string }>>;
  onClose: () => void;
};

/** Dots each participant gets unless the facilitator says otherwise: a few, to rank rather than to pick one. */
const DEFAULT_DOTS = 3;

/** The facilitator opens a vote: approve/against/abstain on the focused item, or dots across chosen items. */
export function OpenVoteModal({ agenda, focusItem, onOpen, onClose }: Props) {
  const { t } = useI18n();
  const [kind, setKind] = useState<'approval' | 'dots'>(focusItem ? 'approval' : 'dots');
  const [title, setTitle] = useState(() =>
    focusItem
      ? t('meetings.vote.defaultApprovalTitle', { title: focusItem.title })
      : t('meetings.vote.defaultDotsTitle'),
  );
  const readable = agenda.filter((item) => item.readable);
  const [candidates, setCandidates] = useState<string[]>(() => readable.map((item) => item.id));
  const [dots, setDots] = useState(DEFAULT_DOTS);
  const [anonymous, setAnonymous] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const changeKind = (next: 'approval' | 'dots') => {
    setKind(next);
    setTitle(
      next === 'approval' && focusItem
        ? t('meetings.vote.defaultApprovalTitle', { title: focusItem.title })
        : t('meetings.vote.defaultDotsTitle'),
    );
  };

  const submit = async () => {
    setError(null);
    if (!title.trim()) return setError(t('meetings.vote.titleRequired'));
    let spec: VoteSpec;
    if (kind === 'approval') {
      if (!focusItem) return setError(t('meetings.vote.needsFocus'));
      spec = { kind, title: title.trim(), itemId: focusItem.id, anonymous };
    } else {
      if (candidates.length < 2) return setError(t('meetings.vote.needsCandidates'));
      spec = { kind, title: title.trim(), candidateItemIds: candidates, dotsPerParticipant: dots, anonymous };
    }
    setSending(true);
    const ack = await onOpen(spec);
    setSending(false);
    if (ack.ok) onClose();
    else setError(meetingRefusalText(ack, t));
  };

  return (
    <Modal
      open
      title={t('meetings.vote.open')}
      okText={t('meetings.vote.openOk')}
      cancelText={t('topic.cancel')}
      confirmLoading={sending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'vote-open-submit' }}
    >
      <Form layout="vertical" data-testid="vote-open-form">
        <Form.Item label={t('meetings.vote.kind')}>
          <Radio.Group
            value={kind}
            onChange={(event) => changeKind(event.target.value as 'approval' | 'dots')}
          >
            <Radio value="approval" disabled={!focusItem} data-testid="vote-kind-approval">
              {t('meetings.vote.kindApproval')}
            </Radio>
            <Radio value="dots" data-testid="vote-kind-dots">
              {t('meetings.vote.kindDots')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('meetings.vote.title')} htmlFor="vote-title">
          <Input
            id="vote-title"
            value={title}
            maxLength={300}
            onChange={(event) => setTitle(event.target.value)}
          />
        </Form.Item>
        {kind === 'dots' ? (
          <>
            <Form.Item label={t('meetings.vote.candidates')}>
              <Checkbox.Group
                className="vote-candidates"
                value={candidates}
                onChange={(values) => setCandidates(values)}
                options={readable.map((item) => ({ value: item.id, label: item.title }))}
              />
            </Form.Item>
            <Form.Item label={t('meetings.vote.dotsPer')} htmlFor="vote-dots">
              <InputNumber
                id="vote-dots"
                min={1}
                max={DOTS_MAX}
                value={dots}
                onChange={(value) => setDots(value ?? DEFAULT_DOTS)}
                data-testid="vote-dots"
              />
            </Form.Item>
          </>
        ) : focusItem ? (
          <Typography.Paragraph type="secondary">
            {t('meetings.vote.onItem', { title: focusItem.title })}
          </Typography.Paragraph>
        ) : null}
        <Form.Item label={t('meetings.vote.anonymousSwitch')} htmlFor="vote-anonymous">
          <Switch id="vote-anonymous" checked={anonymous} onChange={setAnonymous} />
        </Form.Item>
        {error ? (
          <Typography.Text type="danger" role="alert">
            {error}
          </Typography.Text>
        ) : null}
      </Form>
    </Modal>
  );
}
