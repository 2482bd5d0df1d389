import { MeetingErrorCode } from '@yipan/protocol';
import { ApiError } from '../api/fetchJson';
import { describeError } from '../api/describeError';
import type { Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { ACK_TIMEOUT } from './useMeetingLive';

/** Our words for the meeting refusals; any other code shows the server's own (bilingual) message. */
const MESSAGES: Partial<Record<string, MessageKey>> = {
  [MeetingErrorCode.meetingNotFound]: 'meetings.error.meeting_not_found',
  [MeetingErrorCode.notAMember]: 'meetings.error.not_a_member',
  [MeetingErrorCode.notFacilitator]: 'meetings.error.not_facilitator',
  [MeetingErrorCode.meetingNotLive]: 'meetings.error.meeting_not_live',
  [MeetingErrorCode.meetingEnded]: 'meetings.error.meeting_ended',
  [MeetingErrorCode.invalidMeetingTransition]: 'meetings.error.invalid_meeting_transition',
  [MeetingErrorCode.itemNotFound]: 'meetings.error.agenda_item_not_found',
  [MeetingErrorCode.facilitatorRequired]: 'meetings.error.facilitator_required',
  [MeetingErrorCode.voteClosed]: 'meetings.error.vote_closed',
  [MeetingErrorCode.voteAlreadyOpen]: 'meetings.error.vote_already_open',
  [MeetingErrorCode.notAVoter]: 'meetings.error.not_a_voter',
  [MeetingErrorCode.alreadyVoted]: 'meetings.error.already_voted',
  [MeetingErrorCode.invalidBallot]: 'meetings.error.invalid_ballot',
  [MeetingErrorCode.minutesNotEmpty]: 'meetings.error.minutes_not_empty',
  [ACK_TIMEOUT]: 'meetings.error.ack_timeout',
};

/** What to tell the user about a refused live command (`code`, server `message`). */
export function meetingRefusalText(refusal: { code: string; message: string }, t: Translate): string {
  const key = MESSAGES[refusal.code];
  // A plan not readable by a member names the offender: only the server's message says which.
  return key ? t(key) : refusal.message;
}

/** What to tell the user about a failed meeting request. */
export function meetingErrorText(error: Error, t: Translate): string {
  if (error instanceof ApiError && MESSAGES[error.code]) return meetingRefusalText(error, t);
  if (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 404 &&
    error.status !== 401
  )
    return error.message;
  return describeError(error, t);
}
