import type { AgendaItemInput, MeetingKind } from '@yipan/domain';
import type { AgendaItem, UpdateMeetingRequest } from '@yipan/protocol';

/*
 * The meeting form's conversions between what the server reads back and what it takes, so that editing a
 * meeting sends only what changed and every kept agenda item keeps its id (its timer, decisions and votes).
 */

/** `YYYY-MM-DDTHH:mm` in local time: what a `datetime-local` field takes. */
export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An agenda item as read back, as the input that keeps it (same id, same plan, topic or title). */
export function agendaInputOf(item: AgendaItem): AgendaItemInput {
  if (item.kind === 'topic' && item.planId !== null && item.topicId !== null)
    return { kind: 'topic', id: item.id, planId: item.planId, topicId: item.topicId };
  if (item.kind === 'plan' && item.planId !== null)
    // An unreadable plan's title is only a placeholder: without one, the server keeps the plan's own.
    return item.readable
      ? { kind: 'plan', id: item.id, planId: item.planId, title: item.title }
      : { kind: 'plan', id: item.id, planId: item.planId };
  return { kind: 'other', id: item.id, title: item.title };
}

/** The meeting form's title, kind and time (local, as the field holds it). */
export type MeetingFields = { kind: MeetingKind; title: string; startsAt: string };

/** What the form changed of the title, kind and time, or null when nothing. */
export function meetingPatch(
  meeting: { kind: MeetingKind; title: string; startsAt: string },
  fields: MeetingFields,
): UpdateMeetingRequest | null {
  const patch: UpdateMeetingRequest = {};
  if (fields.kind !== meeting.kind) patch.kind = fields.kind;
  const title = fields.title.trim();
  if (title !== meeting.title) patch.title = title;
  // Compared as the field shows it: the field has no seconds, so an untouched time is not a change.
  if (fields.startsAt !== localDateTime(new Date(meeting.startsAt)))
    patch.startsAt = new Date(fields.startsAt).toISOString();
  return Object.keys(patch).length > 0 ? patch : null;
}
