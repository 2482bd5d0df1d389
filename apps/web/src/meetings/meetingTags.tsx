import { Tag } from 'antd';
import {
  DECISION_KIND_LABELS,
  MEETING_KIND_LABELS,
  MEETING_ROLE_LABELS,
  MEETING_STATUS_LABELS,
} from '@yipan/domain';
import type { DecisionKind, MeetingKind, MeetingRole, MeetingStatus } from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';

const STATUS_COLORS: Record<MeetingStatus, string> = { scheduled: 'blue', live: 'red', ended: 'default' };
const DECISION_COLORS: Record<DecisionKind, string> = {
  accepted: 'green',
  deferred: 'orange',
  assigned: 'blue',
  rejected: 'red',
  noted: 'default',
};

/** The kind of a meeting (主任会议, 常委会会议 …). */
export function MeetingKindTag({ kind }: { kind: MeetingKind }) {
  const { label } = useI18n();
  return <Tag color="geekblue">{label(MEETING_KIND_LABELS[kind])}</Tag>;
}

/** Scheduled, live (red, as a light over a studio door) or ended. */
export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const { label } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="meeting-status" data-status={status}>
      {label(MEETING_STATUS_LABELS[status])}
    </Tag>
  );
}

/** A person's part in the meeting. */
export function MeetingRoleTag({ role }: { role: MeetingRole }) {
  const { label } = useI18n();
  return <Tag color={role === 'facilitator' ? 'gold' : undefined}>{label(MEETING_ROLE_LABELS[role])}</Tag>;
}

/** A decision on an agenda item (列入计划, 暂缓, 交办 …). */
export function DecisionKindTag({ kind }: { kind: DecisionKind }) {
  const { label } = useI18n();
  return <Tag color={DECISION_COLORS[kind]}>{label(DECISION_KIND_LABELS[kind])}</Tag>;
}
