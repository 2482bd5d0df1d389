import { lazy, Suspense, useEffect, useState } from 'react';
import { Badge, Button, Space, Typography } from 'antd';
import InboxOutlined from '@ant-design/icons/InboxOutlined';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import LinkOutlined from '@ant-design/icons/LinkOutlined';
import { isIntakeOpen, isSolicitationOpen, type SubmitterKind } from '@yipan/domain';
import { ProposalsResponse, publicProposePath, type PlanResponse } from '@yipan/protocol';
import { useRequest } from '../api/useRequest';
import { useStore } from '../collab/createStore';
import { useT } from '../i18n/I18nProvider';
import { proposalsUrl } from './proposalApi';
import { proposalsRevision } from './proposalEvents';
import './solicitation.css';

// The intake and the proposal form open on demand: their lists and forms load then, not with the board.
const IntakeDrawer = lazy(() =>
  import('./IntakeDrawer').then((module) => ({ default: module.IntakeDrawer })),
);
const SubmitProposalModal = lazy(() =>
  import('./SubmitProposalModal').then((module) => ({ default: module.SubmitProposalModal })),
);

/** Kinds the office may record (a committee's own, a deputy's handed in, a letter from the public). */
const OFFICE_KINDS: readonly SubmitterKind[] = ['committee', 'deputy', 'public'];
/** A deputy proposes as a deputy. */
const DEPUTY_KINDS: readonly SubmitterKind[] = ['deputy'];

/**
 * The solicitation strip above the board while a plan solicits, collates or consults: 提交建议 for
 * deputies and committee staff, the public form's link, and for the office the intake (征集建议) in a
 * side panel that leaves the board usable, kept live by `plan:proposals`.
 */
export function SolicitationBar({ plan }: { plan: PlanResponse['plan'] }) {
  const t = useT();
  const { write, propose } = plan.permissions;
  const shown = isIntakeOpen(plan.status) && (write || propose);
  const soliciting = isSolicitationOpen(plan.status);
  const intake = useRequest(shown && write ? proposalsUrl(plan.id) : null, ProposalsResponse);
  const revision = useStore(proposalsRevision);
  const { reload } = intake;
  useEffect(() => {
    if (revision > 0) reload();
  }, [revision, reload]);
  // null until first opened: the intake's code loads then, and stays for the closing animation.
  const [intakeOpen, setIntakeOpen] = useState<boolean | null>(null);
  const [submitting, setSubmitting] = useState(false);
  if (!shown) return null;
  const proposals = intake.data?.proposals ?? [];
  const pending = proposals.filter((proposal) => proposal.state === 'received').length;

  return (
    <div className="solicitation-bar" role="region" aria-label={t('solicitation.bar.title')}>
      <span className="solicitation-bar-title">{t('solicitation.bar.title')}</span>
      {write ? (
        <Badge
          count={pending}
          showZero
          color="gold"
          aria-label={t('solicitation.bar.pending', { count: pending })}
        />
      ) : null}
      {!soliciting ? (
        <Typography.Text type="secondary">{t('solicitation.bar.closedForNew')}</Typography.Text>
      ) : null}
      <Space size="small" wrap>
        {write ? (
          <Button size="small" icon={<InboxOutlined />} onClick={() => setIntakeOpen(true)}>
            {t('solicitation.bar.open')}
          </Button>
        ) : null}
        {soliciting ? (
          <Button
            size="small"
            type="primary"
            ghost
            icon={<PlusOutlined />}
            onClick={() => setSubmitting(true)}
          >
            {t('solicitation.bar.submit')}
          </Button>
        ) : null}
        {soliciting ? (
          <Button
            size="small"
            type="link"
            icon={<LinkOutlined />}
            href={publicProposePath(plan.id)}
            target="_blank"
            rel="noopener"
          >
            {t('solicitation.bar.publicLink')}
          </Button>
        ) : null}
      </Space>
      {write && intakeOpen !== null ? (
        <Suspense fallback={null}>
          <IntakeDrawer
            planId={plan.id}
            open={intakeOpen}
            onClose={() => setIntakeOpen(false)}
            proposals={proposals}
            canDecide={intake.data?.intakeOpen ?? false}
            error={intake.error}
          />
        </Suspense>
      ) : null}
      {submitting ? (
        <Suspense fallback={null}>
          <SubmitProposalModal
            planId={plan.id}
            kinds={write ? OFFICE_KINDS : DEPUTY_KINDS}
            onClose={() => setSubmitting(false)}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
