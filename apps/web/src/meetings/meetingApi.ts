import type { MeetingTransitionRequest } from '@yipan/protocol';
import type { AgendaItemInput } from '@yipan/domain';
import {
  DecisionRequest,
  MeetingResponse,
  type CreateMeetingRequest,
  type MeetingMemberInput,
  type MinutesDraftRequest,
  type UpdateMeetingRequest,
} from '@yipan/protocol';
import { sendJson } from '../api/fetchJson';

const base = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`;

/** The REST paths of meeting mode. */
export const meetingPaths = {
  list: () => '/api/meetings',
  meeting: base,
  invitees: (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/meeting-invitees`,
  minutesText: (meetingId: string) => `${base(meetingId)}/minutes.txt`,
  records: (planId: string) => `/api/plans/${encodeURIComponent(planId)}/meeting-records`,
};

/** Schedules a meeting; answers the new meeting. */
export function createMeeting(request: CreateMeetingRequest): Promise<MeetingResponse> {
  return sendJson('POST', meetingPaths.list(), request, MeetingResponse);
}

/** Changes the title, kind or time. */
export function updateMeeting(meetingId: string, patch: UpdateMeetingRequest): Promise<MeetingResponse> {
  return sendJson('PATCH', base(meetingId), patch, MeetingResponse);
}

/** Replaces the agenda in order; items sent with their id keep their timer, decisions and votes. */
export function setAgenda(meetingId: string, items: AgendaItemInput[]): Promise<MeetingResponse> {
  return sendJson('PUT', `${base(meetingId)}/agenda`, { items }, MeetingResponse);
}

/** Replaces the members and their roles. */
export function setMembers(meetingId: string, members: MeetingMemberInput[]): Promise<MeetingResponse> {
  return sendJson('PUT', `${base(meetingId)}/members`, { members }, MeetingResponse);
}

/** Starts (live) or ends the meeting. */
export function transitionMeeting(
  meetingId: string,
  to: MeetingTransitionRequest['to'],
): Promise<MeetingResponse> {
  return sendJson('POST', `${base(meetingId)}/transitions`, { to }, MeetingResponse);
}

/** Records a decision on an agenda item. */
export function recordDecision(meetingId: string, decision: DecisionRequest): Promise<MeetingResponse> {
  return sendJson('POST', `${base(meetingId)}/decisions`, DecisionRequest.parse(decision), MeetingResponse);
}

/** Writes the auto-drafted minutes into the minutes document (replacing its text only when asked). */
export function draftMinutes(meetingId: string, request: MinutesDraftRequest): Promise<void> {
  return sendJson('POST', `${base(meetingId)}/minutes/draft`, request);
}
