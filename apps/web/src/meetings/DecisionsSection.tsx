import { useState } from 'react';
import { AutoComplete, Button, Form, Input, List, Select, Typography } from 'antd';
import { DECISION_KINDS, DECISION_KIND_LABELS, type DecisionKind } from '@yipan/domain';
import { OrgDetailResponse, type MeetingDecision, type MeetingMember } from '@yipan/protocol';
import { useRequest } from '../api/useRequest';
import { useI18n } from '../i18n/I18nProvider';
import { recordDecision } from './meetingApi';
import { meetingErrorText } from './meetingError';
import { DecisionKindTag } from './meetingTags';

type Props = {
  meetingId: string;
  orgId: string;
  itemId: string;
  decisions: MeetingDecision[];
  members: MeetingMember[];
  canMinute: boolean;
  /** Decisions are recorded while live and after the meeting (minutes are finished afterwards). */
  canRecord: boolean;
  locale: string;
  onRecorded: () => void;
};

/** The decisions recorded on an agenda item, and (for facilitators and secretaries) the form to record one. */
export function DecisionsSection(props: Props) {
  const { meetingId, orgId, itemId, decisions, members, canMinute, canRecord, locale, onRecorded } = props;
  const { t, label } = useI18n();
  const [kind, setKind] = useState<DecisionKind>('accepted');
  const [assignee, setAssignee] = useState('');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const org = useRequest(canMinute ? `/api/orgs/${encodeURIComponent(orgId)}` : null, OrgDetailResponse);
  const committees = org.data?.org.committees ?? [];
  const mine = decisions.filter((decision) => decision.itemId === itemId);
  const nameOf = (userId: string) => members.find((m) => m.userId === userId)?.displayName ?? '';

  const submit = async () => {
    setError(null);
    if (kind === 'assigned' && !assignee.trim()) return setError(t('meetings.decision.assigneeRequired'));
    setSaving(true);
    try {
      await recordDecision(meetingId, {
        itemId,
        kind,
        ...(kind === 'assigned' ? { assignee: assignee.trim() } : {}),
        note: note.trim(),
      });
      setNote('');
      setAssignee('');
      onRecorded();
    } catch (caught) {
      setError(meetingErrorText(caught instanceof Error ? caught : new Error(String(caught)), t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="meeting-decisions" aria-labelledby={`decisions-${itemId}`} data-testid="decisions">
      <h3 id={`decisions-${itemId}`}>{t('meetings.decision.heading')}</h3>
      <List
        size="small"
        locale={{ emptyText: t('meetings.decision.none') }}
        dataSource={mine}
        renderItem={(decision) => (
          <List.Item data-testid="decision" data-kind={decision.kind}>
            <span>
              <DecisionKindTag kind={decision.kind} />
              {decision.assignee ? <Typography.Text strong>{decision.assignee} </Typography.Text> : null}
              {decision.note}
            </span>
            <Typography.Text type="secondary" className="meeting-decision-by">
              {nameOf(decision.recordedBy)} ·{' '}
              {new Date(decision.recordedAt).toLocaleTimeString(locale, { timeStyle: 'short' })}
            </Typography.Text>
          </List.Item>
        )}
      />
      {canMinute && canRecord ? (
        <Form layout="inline" className="meeting-decision-form" onFinish={() => void submit()}>
          <Form.Item label={t('meetings.decision.kind')} htmlFor={`decision-kind-${itemId}`}>
            <Select
              id={`decision-kind-${itemId}`}
              value={kind}
              onChange={setKind}
              style={{ width: 130 }}
              options={DECISION_KINDS.map((value) => ({ value, label: label(DECISION_KIND_LABELS[value]) }))}
              data-testid="decision-kind"
            />
          </Form.Item>
          {kind === 'assigned' ? (
            <Form.Item label={t('meetings.decision.assignee')} htmlFor={`decision-assignee-${itemId}`}>
              <AutoComplete
                id={`decision-assignee-${itemId}`}
                value={assignee}
                onChange={setAssignee}
                style={{ width: 160 }}
                options={committees.map((name) => ({ value: name }))}
                filterOption
              />
            </Form.Item>
          ) : null}
          <Form.Item
            label={t('meetings.decision.note')}
            htmlFor={`decision-note-${itemId}`}
            className="meeting-decision-note"
          >
            <Input
              id={`decision-note-${itemId}`}
              value={note}
              maxLength={300}
              onChange={(event) => setNote(event.target.value)}
            />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" type="primary" loading={saving} data-testid="decision-record">
              {t('meetings.decision.record')}
            </Button>
          </Form.Item>
          {error ? (
            <Typography.Text type="danger" role="alert">
              {error}
            </Typography.Text>
          ) : null}
        </Form>
      ) : null}
    </section>
  );
}
