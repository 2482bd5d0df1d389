import { useContext, useEffect, useMemo, useState } from 'react';
import { App, Button, Checkbox, Drawer, Form, Input, List, Select, Space, Typography } from 'antd';
import ArrowDownOutlined from '@ant-design/icons/ArrowDownOutlined';
import ArrowUpOutlined from '@ant-design/icons/ArrowUpOutlined';
import DeleteOutlined from '@ant-design/icons/DeleteOutlined';
import {
  MeetingErrorCode,
  AlignmentResponse,
  InviteesResponse,
  PlansResponse,
  type MeetingResponse,
  type PlanSummary,
} from '@yipan/protocol';
import {
  MEETING_KINDS,
  MEETING_KIND_LABELS,
  MEETING_ROLES,
  MEETING_ROLE_LABELS,
  type AgendaItemInput,
  type MeetingRole,
} from '@yipan/domain';
import { ApiError, fetchJson } from '../api/fetchJson';
import { useRequest } from '../api/useRequest';
import { useI18n } from '../i18n/I18nProvider';
import { useMe } from '../identity/MeContext';
import { OrgsContext } from '../shell/OrgsContext';
import { createMeeting, meetingPaths, setAgenda, setMembers, updateMeeting } from './meetingApi';
import { meetingErrorText } from './meetingError';
import { agendaInputOf, localDateTime, meetingPatch, type MeetingFields } from './meetingSetup';

type Meeting = MeetingResponse['meeting'];

/** Scheduling a new meeting in one of `orgIds`, or editing `meeting`'s setup (until it has ended). */
type Props =
  | { orgIds: string[]; meeting?: undefined; onClose: () => void; onCreated: (meetingId: string) => void }
  | { meeting: Meeting; onClose: () => void; onSaved: () => void };

/** An agenda item being put together, with the title the form shows for it. */
type DraftItem = { key: string; input: AgendaItemInput; title: string; source: string | null };
type DraftMember = { userId: string; displayName: string; orgName: string; role: MeetingRole };
type Fields = MeetingFields & { orgId: string };

/** `YYYY-MM-DDTHH:mm` of the next full hour: what a `datetime-local` field takes. */
function nextHour(): string {
  const date = new Date();
  date.setHours(date.getHours() + 1, 0, 0, 0);
  return localDateTime(date);
}

/** The meeting's agenda as the form holds it: every item under its id, so that it keeps it when saved. */
function draftAgenda(meeting: Meeting | undefined): DraftItem[] {
  return (meeting?.agenda ?? []).map((item) => ({
    key: item.id,
    input: agendaInputOf(item),
    title: item.title,
    source: item.orgName,
  }));
}

function draftMembers(meeting: Meeting | undefined): DraftMember[] {
  return (meeting?.members ?? []).map((member) => ({
    userId: member.userId,
    displayName: member.displayName,
    orgName: member.orgNames.join('、'),
    role: member.role,
  }));
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Saves the agenda and the members that changed. Each request checks that every member may read every
 * agenda plan: members go first (a new plan may be one only the new members can read), unless the old
 * agenda has a plan a new member may not read and the new agenda drops it, when the agenda must go first.
 */
async function saveAgendaAndMembers(
  meetingId: string,
  agenda: AgendaItemInput[] | null,
  members: { userId: string; role: MeetingRole }[] | null,
): Promise<void> {
  if (!members) {
    if (agenda) await setAgenda(meetingId, agenda);
    return;
  }
  try {
    await setMembers(meetingId, members);
  } catch (error) {
    if (!(agenda && error instanceof ApiError && error.code === MeetingErrorCode.planNotReadable))
      throw error;
    await setAgenda(meetingId, agenda);
    await setMembers(meetingId, members);
    return;
  }
  if (agenda) await setAgenda(meetingId, agenda);
}

/** The plans an agenda may take topics from: the organisation's own, its parent's and its children's. */
function useRelatedPlans(orgId: string | undefined): PlanSummary[] {
  const { orgs } = useContext(OrgsContext);
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const related = useMemo(() => {
    const org = orgs.find((candidate) => candidate.id === orgId);
    if (!org) return [];
    return [
      org.id,
      ...(org.parentId ? [org.parentId] : []),
      ...orgs.filter((o) => o.parentId === org.id).map((o) => o.id),
    ];
  }, [orgs, orgId]);
  useEffect(() => {
    let current = true;
    void Promise.all(
      related.map((id) =>
        fetchJson(`/api/orgs/${encodeURIComponent(id)}/plans`, PlansResponse).then(
          (response) => response.plans,
          () => [],
        ),
      ),
    ).then((lists) => {
      if (current) setPlans(lists.flat());
    });
    return () => {
      current = false;
    };
  }, [related]);
  return plans;
}

/**
 * Schedules a meeting: kind, title, time, the agenda (topics of related plans, whole plans, free items) and
 * the people. Given a `meeting`, the same form edits it, sending only what changed.
 */
export function CreateMeetingDrawer(props: Props) {
  const { onClose } = props;
  const editing = props.meeting;
  const orgIds = editing ? [editing.orgId] : props.orgIds;
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const { orgs } = useContext(OrgsContext);
  const [form] = Form.useForm<Fields>();
  const orgId = Form.useWatch('orgId', form) ?? orgIds[0];
  const plans = useRelatedPlans(orgId);
  const [planId, setPlanId] = useState<string | null>(null);
  const topics = useRequest(
    planId ? `/api/plans/${encodeURIComponent(planId)}/alignment` : null,
    AlignmentResponse,
  );
  const invitees = useRequest(orgId ? meetingPaths.invitees(orgId) : null, InviteesResponse);
  const [initialAgenda] = useState(() => draftAgenda(editing));
  const [initialMembers] = useState(() => draftMembers(editing));
  const [agenda, setDraftAgenda] = useState<DraftItem[]>(initialAgenda);
  const [freeTitle, setFreeTitle] = useState('');
  const [members, setDraftMembers] = useState<DraftMember[]>(initialMembers);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const orgName = (id: string) => orgs.find((org) => org.id === id)?.name ?? id;
  const plan = plans.find((candidate) => candidate.id === planId) ?? null;
  const planSource = plan ? `${orgName(plan.orgId)} · ${plan.title}` : null;

  const hasTopic = (topicId: string) =>
    agenda.some((item) => item.input.kind === 'topic' && item.input.topicId === topicId);
  const toggleTopic = (topicId: string, title: string, checked: boolean) => {
    if (!planId) return;
    // A topic taken off and put back keeps its item (and so its timer, decisions and votes).
    const known = initialAgenda.find(
      (item) => item.input.kind === 'topic' && item.input.topicId === topicId && item.input.planId === planId,
    );
    setDraftAgenda((items) =>
      checked
        ? [
            ...items,
            known ?? {
              key: `t:${planId}:${topicId}`,
              input: { kind: 'topic', planId, topicId },
              title,
              source: planSource,
            },
          ]
        : items.filter((item) => !(item.input.kind === 'topic' && item.input.topicId === topicId)),
    );
  };
  const addPlan = () => {
    if (!plan) return;
    setDraftAgenda((items) => [
      ...items,
      {
        key: `p:${plan.id}:${items.length}`,
        input: { kind: 'plan', planId: plan.id },
        title: plan.title,
        source: orgName(plan.orgId),
      },
    ]);
  };
  const addFree = () => {
    const title = freeTitle.trim();
    if (!title) return;
    setDraftAgenda((items) => [
      ...items,
      { key: `o:${items.length}:${title}`, input: { kind: 'other', title }, title, source: null },
    ]);
    setFreeTitle('');
  };
  const move = (index: number, by: number) =>
    setDraftAgenda((items) => {
      const next = [...items];
      const [item] = next.splice(index, 1);
      if (item) next.splice(Math.max(0, Math.min(next.length, index + by)), 0, item);
      return next;
    });

  // A facilitator who does not organise may not list invitees: the current members stay pickable.
  const people = useMemo(() => {
    const listed = invitees.data?.people ?? [];
    const current = initialMembers
      .filter((member) => !listed.some((person) => person.userId === member.userId))
      .map((member) => ({
        userId: member.userId,
        displayName: member.displayName,
        orgId: '',
        orgName: member.orgName,
      }));
    return [...current, ...listed];
  }, [invitees.data, initialMembers]);
  const addMembers = (userIds: string[]) =>
    setDraftMembers((current) => {
      const kept = current.filter((member) => userIds.includes(member.userId));
      const added = userIds
        .filter((id) => !kept.some((member) => member.userId === id))
        .map((id): DraftMember => {
          const person = people.find((candidate) => candidate.userId === id);
          return {
            userId: id,
            displayName: person?.displayName ?? id,
            orgName: person?.orgName ?? '',
            role: id === me.user.id ? 'facilitator' : 'participant',
          };
        });
      return [...kept, ...added];
    });

  const submit = async (fields: Fields) => {
    setError(null);
    if (!members.some((member) => member.role === 'facilitator')) {
      setError(t('meetings.error.facilitator_required'));
      return;
    }
    setSaving(true);
    try {
      if (editing) {
        await saveEdit(editing, fields);
        return;
      }
      const created = await createMeeting({
        orgId: fields.orgId,
        kind: fields.kind,
        title: fields.title,
        startsAt: new Date(fields.startsAt).toISOString(),
        agenda: agenda.map((item) => item.input),
        members: members.map(({ userId, role }) => ({ userId, role })),
      });
      void message.success(t('meetings.created'));
      if (!props.meeting) props.onCreated(created.meeting.id);
    } catch (caught) {
      setError(meetingErrorText(caught instanceof Error ? caught : new Error(String(caught)), t));
    } finally {
      setSaving(false);
    }
  };

  /** Sends what the form changed: title, kind and time; then the agenda and the members. */
  const saveEdit = async (meeting: Meeting, fields: Fields) => {
    const patch = meetingPatch(meeting, fields);
    if (patch) await updateMeeting(meeting.id, patch);
    const agendaInputs = agenda.map((item) => item.input);
    const memberInputs = members.map(({ userId, role }) => ({ userId, role }));
    await saveAgendaAndMembers(
      meeting.id,
      sameJson(
        agendaInputs,
        initialAgenda.map((item) => item.input),
      )
        ? null
        : agendaInputs,
      sameJson(
        memberInputs,
        initialMembers.map(({ userId, role }) => ({ userId, role })),
      )
        ? null
        : memberInputs,
    );
    void message.success(t('meetings.saved'));
    if (props.meeting) props.onSaved();
  };

  return (
    <Drawer
      open
      size="large"
      title={editing ? t('meetings.editTitle') : t('meetings.new')}
      onClose={onClose}
      destroyOnHidden
      data-testid={editing ? 'meeting-edit-drawer' : 'meeting-create'}
      extra={
        <Space>
          <Button onClick={onClose}>{t('topic.cancel')}</Button>
          <Button
            type="primary"
            loading={saving}
            onClick={() => form.submit()}
            data-testid={editing ? 'meeting-edit-submit' : 'meeting-create-submit'}
          >
            {editing ? t('meetings.save') : t('meetings.create')}
          </Button>
        </Space>
      }
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? {
                orgId: editing.orgId,
                kind: editing.kind,
                title: editing.title,
                startsAt: localDateTime(new Date(editing.startsAt)),
              }
            : { orgId: orgIds[0], kind: 'council_of_chairs', startsAt: nextHour() }
        }
        onFinish={(fields) => void submit(fields)}
      >
        {orgIds.length > 1 ? (
          <Form.Item name="orgId" label={t('meetings.field.org')} rules={[{ required: true }]}>
            <Select options={orgIds.map((id) => ({ value: id, label: orgName(id) }))} />
          </Form.Item>
        ) : (
          <Form.Item name="orgId" hidden>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('meetings.field.kind')} rules={[{ required: true }]}>
          <Select
            options={MEETING_KINDS.map((kind) => ({ value: kind, label: label(MEETING_KIND_LABELS[kind]) }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('meetings.field.title')}
          rules={[{ required: true, whitespace: true, message: t('meetings.field.titleRequired') }]}
        >
          <Input maxLength={300} data-testid="meeting-title-input" />
        </Form.Item>
        <Form.Item name="startsAt" label={t('meetings.field.startsAt')} rules={[{ required: true }]}>
          <Input type="datetime-local" />
        </Form.Item>

        <fieldset className="meeting-fieldset">
          <legend>{t('meetings.field.agenda')}</legend>
          <Form.Item label={t('meetings.agenda.plan')} htmlFor="meeting-agenda-plan">
            <Select
              id="meeting-agenda-plan"
              value={planId}
              onChange={setPlanId}
              placeholder={t('meetings.agenda.pickPlan')}
              options={plans.map((candidate) => ({
                value: candidate.id,
                label: `${orgName(candidate.orgId)} · ${candidate.title}`,
              }))}
            />
          </Form.Item>
          {planId ? (
            <div className="meeting-topic-pick" role="group" aria-label={t('meetings.agenda.topics')}>
              {(topics.data?.matrix.rows ?? []).map((row) => (
                <Checkbox
                  key={row.topicId}
                  checked={hasTopic(row.topicId)}
                  onChange={(event) => toggleTopic(row.topicId, row.title, event.target.checked)}
                >
                  {row.title}
                </Checkbox>
              ))}
              <Button size="small" onClick={addPlan}>
                {t('meetings.agenda.addPlan')}
              </Button>
            </div>
          ) : null}
          <Space.Compact className="meeting-free-item">
            <Input
              aria-label={t('meetings.agenda.free')}
              placeholder={t('meetings.agenda.free')}
              value={freeTitle}
              maxLength={300}
              data-testid="agenda-free-input"
              onChange={(event) => setFreeTitle(event.target.value)}
              onPressEnter={(event) => {
                event.preventDefault();
                addFree();
              }}
            />
            <Button onClick={addFree} data-testid="agenda-free-add">
              {t('meetings.agenda.addFree')}
            </Button>
          </Space.Compact>
          <List
            size="small"
            locale={{ emptyText: t('meetings.agenda.empty') }}
            dataSource={agenda}
            renderItem={(item, index) => (
              <List.Item
                data-testid="agenda-draft-item"
                data-title={item.title}
                actions={[
                  <Button
                    key="up"
                    type="text"
                    size="small"
                    icon={<ArrowUpOutlined />}
                    aria-label={t('meetings.agenda.up')}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  />,
                  <Button
                    key="down"
                    type="text"
                    size="small"
                    icon={<ArrowDownOutlined />}
                    aria-label={t('meetings.agenda.down')}
                    disabled={index === agenda.length - 1}
                    onClick={() => move(index, 1)}
                  />,
                  <Button
                    key="remove"
                    type="text"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('meetings.agenda.remove')}
                    onClick={() => setDraftAgenda((items) => items.filter((other) => other !== item))}
                  />,
                ]}
              >
                <Typography.Text>
                  {index + 1}. {item.title}
                </Typography.Text>
                {item.source ? <Typography.Text type="secondary"> （{item.source}）</Typography.Text> : null}
              </List.Item>
            )}
          />
        </fieldset>

        <fieldset className="meeting-fieldset">
          <legend>{t('meetings.field.members')}</legend>
          <Form.Item label={t('meetings.members.pick')} htmlFor="meeting-members-pick">
            <Select
              id="meeting-members-pick"
              mode="multiple"
              value={members.map((member) => member.userId)}
              onChange={addMembers}
              optionFilterProp="label"
              loading={invitees.loading}
              options={people.map((person) => ({
                value: person.userId,
                label: `${person.displayName}（${person.orgName}）`,
              }))}
            />
          </Form.Item>
          <List
            size="small"
            dataSource={members}
            renderItem={(member) => (
              <List.Item
                actions={[
                  <Select
                    key="role"
                    size="small"
                    aria-label={t('meetings.members.role', { name: member.displayName })}
                    value={member.role}
                    style={{ width: 110 }}
                    onChange={(role: MeetingRole) =>
                      setDraftMembers((current) =>
                        current.map((m) => (m.userId === member.userId ? { ...m, role } : m)),
                      )
                    }
                    options={MEETING_ROLES.map((role) => ({
                      value: role,
                      label: label(MEETING_ROLE_LABELS[role]),
                    }))}
                  />,
                ]}
              >
                {member.displayName}
                <Typography.Text type="secondary"> {member.orgName}</Typography.Text>
              </List.Item>
            )}
          />
        </fieldset>
        {error ? (
          <Typography.Text type="danger" role="alert" data-testid="meeting-create-error">
            {error}
          </Typography.Text>
        ) : null}
      </Form>
    </Drawer>
  );
}
