import { Alert, Drawer } from 'antd';
import type { ProposalSummary } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { useT } from '../i18n/I18nProvider';
import { ProposalIntake } from './ProposalIntake';

/** Width of the intake drawer: a proposal's title, tags and four buttons on one line. */
const INTAKE_DRAWER_WIDTH = 480;

type Props = {
  planId: string;
  open: boolean;
  onClose: () => void;
  proposals: readonly ProposalSummary[];
  canDecide: boolean;
  /** Why the proposals could not be read, if they could not. */
  error: Error | null;
};

/** The office's intake (征集建议) in a side panel without a mask, so the board stays usable. */
export function IntakeDrawer({ planId, open, onClose, proposals, canDecide, error }: Props) {
  const t = useT();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('solicitation.intake.title')}
      size={INTAKE_DRAWER_WIDTH}
      mask={false}
      closable={{ 'aria-label': t('topic.close') }}
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('solicitation.intake.loadFailed')}
          description={describeError(error, t)}
        />
      ) : null}
      <ProposalIntake planId={planId} proposals={proposals} canDecide={canDecide} />
    </Drawer>
  );
}
