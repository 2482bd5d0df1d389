import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import ArrowUpOutlined from '@ant-design/icons/ArrowUpOutlined';
import ArrowDownOutlined from '@ant-design/icons/ArrowDownOutlined';
import {
  PROPOSAL_DECLINE_REASON_MAX,
  PROPOSAL_INTAKE_STATE_LABELS,
  SUBMITTER_KIND_LABELS,
  TOPIC_SOURCE_LABELS,
  type ProposalIntakeState,
} from '@yipan/domain';
import type { ProposalSummary } from '@yipan/protocol';
import { absoluteTime } from '../history/relativeTime';
import { useI18n } from '../i18n/I18nProvider';
import { intakeActions } from './proposalApi';
import { proposalErrorText } from './proposalError';

/** Tag colours of the intake states: waiting, folded away, taken, turned down. */
const STATE_COLORS: Record<ProposalIntakeState, string> = {
  received: 'gold',
  merged: 'default',
  accepted: 'green',
  declined: 'red',
};

type Props = {
  planId: string;
  proposals: readonly ProposalSummary[];
  /** False once the plan is past consulting: the list is shown, nothing can be decided. */
  canDecide: boolean;
};

/** What a proposal says and who sent it: the part shared by waiting and decided ones. */
function ProposalBody({ proposal }: { proposal: ProposalSummary }) {
  const { t, label } = useI18n();
  return (
    <>
      <p className="proposal-item-text">{t('solicitation.intake.reason', { text: proposal.reason })}</p>
      <p className="proposal-item-text">{t('solicitation.intake.problem', { text: proposal.problem })}</p>
      <div className="proposal-item-tags">
        <Tag>{label(SUBMITTER_KIND_LABELS[proposal.submitterKind])}</Tag>
        <Tag color="blue">{label(TOPIC_SOURCE_LABELS[proposal.source])}</Tag>
        {proposal.submittedBy ? (
          <Typography.Text type="secondary">
            {t('solicitation.intake.submittedBy', { name: proposal.submittedBy.displayName })}
          </Typography.Text>
        ) : null}
      </div>
      {proposal.contact ? (
        <p className="proposal-item-text">
          {t('solicitation.intake.contact', { contact: proposal.contact })}
        </p>
      ) : null}
    </>
  );
}

/**
 * The office's intake (征集建议): received proposals in rank order with 上移/下移, 合并, 采纳 and 不采纳
 * (a reason is required), then the decided ones with who decided and why. Every action is a button,
 * reachable by keyboard and named for screen readers with the proposal it acts on.
 */
export function ProposalIntake({ planId, proposals, canDecide }: Props) {
  const { t, label, locale } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [merging, setMerging] = useState<ProposalSummary | null>(null);
  const [declining, setDeclining] = useState<ProposalSummary | null>(null);
  const [mergeForm] = Form.useForm<{ into: string }>();
  const [declineForm] = Form.useForm<{ reason: string }>();

  const received = proposals.filter((proposal) => proposal.state === 'received');
  const decided = proposals.filter((proposal) => proposal.state !== 'received');
  const titleOf = (id: string | null) => proposals.find((proposal) => proposal.id === id)?.title ?? '';

  /** Runs one action on one proposal; says what went wrong in the user's language. */
  const run = async (proposalId: string, action: () => Promise<void>, done?: string) => {
    setBusy(proposalId);
    try {
      await action();
      if (done) void message.success(done);
      return true;
    } catch (error) {
      void message.error(proposalErrorText(error, t, locale));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const mergeTargets = merging
    ? proposals.filter(
        (other) => other.id !== merging.id && (other.state === 'received' || other.state === 'accepted'),
      )
    : [];

  const confirmMerge = async () => {
    if (!merging) return;
    const values = await mergeForm.validateFields().catch(() => null);
    if (!values) return;
    if (await run(merging.id, () => intakeActions.merge(planId, merging.id, values.into))) setMerging(null);
  };

  const confirmDecline = async () => {
    if (!declining) return;
    const values = await declineForm.validateFields().catch(() => null);
    if (!values) return;
    if (await run(declining.id, () => intakeActions.decline(planId, declining.id, values.reason)))
      setDeclining(null);
  };

  return (
    <div className="proposal-intake" data-testid="proposal-intake">
      {proposals.length === 0 ? <Empty description={t('solicitation.intake.empty')} /> : null}
      {!canDecide && received.length > 0 ? (
        <Alert type="info" showIcon role="status" title={t('solicitation.intake.readOnly')} />
      ) : null}
      {received.length > 0 ? (
        <Typography.Title level={3} className="proposal-section-title">
          {t('solicitation.intake.received', { count: received.length })}
        </Typography.Title>
      ) : null}
      <ol
        className="proposal-list"
        aria-label={t('solicitation.intake.received', { count: received.length })}
      >
        {received.map((proposal, index) => (
          <li key={proposal.id} className="proposal-item" data-testid="proposal-item">
            <div className="proposal-item-head">
              <Tag color="gold">{t('solicitation.intake.rank', { rank: index + 1 })}</Tag>
              <span className="proposal-item-title">{proposal.title}</span>
              {canDecide ? (
                <Space.Compact size="small">
                  <Tooltip title={t('solicitation.intake.up')}>
                    <Button
                      icon={<ArrowUpOutlined />}
                      aria-label={t('solicitation.intake.upLabel', { title: proposal.title })}
                      disabled={index === 0 || busy !== null}
                      onClick={() =>
                        void run(proposal.id, () => intakeActions.rank(planId, proposal.id, index))
                      }
                    />
                  </Tooltip>
                  <Tooltip title={t('solicitation.intake.down')}>
                    <Button
                      icon={<ArrowDownOutlined />}
                      aria-label={t('solicitation.intake.downLabel', { title: proposal.title })}
                      disabled={index === received.length - 1 || busy !== null}
                      onClick={() =>
                        void run(proposal.id, () => intakeActions.rank(planId, proposal.id, index + 2))
                      }
                    />
                  </Tooltip>
                </Space.Compact>
              ) : null}
            </div>
            <ProposalBody proposal={proposal} />
            {canDecide ? (
              <Space className="proposal-item-actions" size="small" wrap>
                <Popconfirm
                  title={t('solicitation.intake.acceptConfirm', { title: proposal.title })}
                  okText={t('solicitation.intake.accept')}
                  cancelText={t('solicitation.cancel')}
                  onConfirm={() =>
                    void run(
                      proposal.id,
                      () => intakeActions.accept(planId, proposal.id),
                      t('solicitation.intake.acceptDone', { title: proposal.title }),
                    )
                  }
                >
                  <Button
                    type="primary"
                    size="small"
                    loading={busy === proposal.id}
                    aria-label={`${t('solicitation.intake.accept')}：${proposal.title}`}
                  >
                    {t('solicitation.intake.accept')}
                  </Button>
                </Popconfirm>
                <Button
                  size="small"
                  disabled={busy !== null}
                  aria-label={`${t('solicitation.intake.merge')}：${proposal.title}`}
                  onClick={() => {
                    mergeForm.resetFields();
                    setMerging(proposal);
                  }}
                >
                  {t('solicitation.intake.merge')}
                </Button>
                <Button
                  size="small"
                  danger
                  disabled={busy !== null}
                  aria-label={`${t('solicitation.intake.decline')}：${proposal.title}`}
                  onClick={() => {
                    declineForm.resetFields();
                    setDeclining(proposal);
                  }}
                >
                  {t('solicitation.intake.decline')}
                </Button>
              </Space>
            ) : null}
          </li>
        ))}
      </ol>
      {decided.length > 0 ? (
        <Typography.Title level={3} className="proposal-section-title">
          {t('solicitation.intake.decided', { count: decided.length })}
        </Typography.Title>
      ) : null}
      <ul className="proposal-list" aria-label={t('solicitation.intake.decided', { count: decided.length })}>
        {decided.map((proposal) => (
          <li
            key={proposal.id}
            className="proposal-item proposal-item-decided"
            data-testid="proposal-decided"
          >
            <div className="proposal-item-head">
              <Tag color={STATE_COLORS[proposal.state]}>
                {label(PROPOSAL_INTAKE_STATE_LABELS[proposal.state])}
              </Tag>
              <span className="proposal-item-title">{proposal.title}</span>
            </div>
            <ProposalBody proposal={proposal} />
            {proposal.state === 'merged' ? (
              <p className="proposal-item-text">
                {t('solicitation.intake.mergedInto', { title: titleOf(proposal.mergedInto) })}
              </p>
            ) : null}
            {proposal.decisionReason ? (
              <p className="proposal-item-text">
                {t('solicitation.intake.declinedReason', { reason: proposal.decisionReason })}
              </p>
            ) : null}
            {proposal.decidedBy && proposal.decidedAt ? (
              <Typography.Text type="secondary" className="proposal-item-text">
                {t('solicitation.intake.decidedBy', {
                  name: proposal.decidedBy.displayName,
                  at: absoluteTime(proposal.decidedAt, locale),
                })}
              </Typography.Text>
            ) : null}
          </li>
        ))}
      </ul>

      <Modal
        open={merging !== null}
        title={merging ? t('solicitation.intake.mergeTitle', { title: merging.title }) : ''}
        okText={t('solicitation.intake.merge')}
        cancelText={t('solicitation.cancel')}
        confirmLoading={merging !== null && busy === merging.id}
        onCancel={() => setMerging(null)}
        onOk={() => void confirmMerge()}
        destroyOnHidden
      >
        <Form form={mergeForm} name="merge-proposal" layout="vertical">
          <Form.Item
            name="into"
            label={t('solicitation.intake.mergeInto')}
            rules={[{ required: true, message: t('solicitation.intake.mergeIntoRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={mergeTargets.map((other) => ({
                value: other.id,
                label: `${other.title}（${label(PROPOSAL_INTAKE_STATE_LABELS[other.state])}）`,
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={declining !== null}
        title={declining ? t('solicitation.intake.declineTitle', { title: declining.title }) : ''}
        okText={t('solicitation.intake.decline')}
        okButtonProps={{ danger: true }}
        cancelText={t('solicitation.cancel')}
        confirmLoading={declining !== null && busy === declining.id}
        onCancel={() => setDeclining(null)}
        onOk={() => void confirmDecline()}
        destroyOnHidden
      >
        <Form form={declineForm} name="decline-proposal" layout="vertical">
          <Form.Item
            name="reason"
            label={t('solicitation.intake.declineReason')}
            rules={[{ required: true, whitespace: true, message: t('solicitation.intake.reasonRequired') }]}
          >
            <Input.TextArea rows={4} showCount maxLength={PROPOSAL_DECLINE_REASON_MAX} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
