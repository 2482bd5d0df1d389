import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Drawer, Space, Typography } from 'antd';
import InboxOutlined from '@ant-design/icons/InboxOutlined';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import LinkOutlined from '@ant-design/icons/LinkOutlined';
import { isIntakeOpen, isSolicitationOpen, type SubmitterKind } from '@yipan/domain';
import { ProposalsResponse, publicProposePath, type PlanResponse } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { useRequest } from '../api/useRequest';
import { useStore } from '../collab/createStore';
import { useT } from '../i18n/I18nProvider';
import { proposalsUrl } from './proposalApi';
import { proposalsRevision } from './proposalEvents';
import { ProposalIntake } from './ProposalIntake';
import { SubmitProposalModal } from './SubmitProposalModal';
import './solicitation.css';

/** Width of the intake drawer: a proposal's title, tags and four buttons on one line. */
const INTAKE_DRAWER_WIDTH = 480;
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
  const [intakeOpen, setIntakeOpen] = useState(false);
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
      {write ? (
        <Drawer
          open={intakeOpen}
          onClose={() => setIntakeOpen(false)}
          title={t('solicitation.intake.title')}
          size={INTAKE_DRAWER_WIDTH}
          mask={false}
          closable={{ 'aria-label': t('topic.close') }}
        >
          {intake.error ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('solicitation.intake.loadFailed')}
              description={describeError(intake.error, t)}
            />
          ) : null}
          <ProposalIntake
            planId={plan.id}
            proposals={proposals}
            canDecide={intake.data?.intakeOpen ?? false}
          />
        </Drawer>
      ) : null}
      {submitting ? (
        <SubmitProposalModal
          planId={plan.id}
          kinds={write ? OFFICE_KINDS : DEPUTY_KINDS}
          onClose={() => setSubmitting(false)}
        />
      ) : null}
    </div>
  );
}
