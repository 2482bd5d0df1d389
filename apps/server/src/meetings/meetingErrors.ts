import { MeetingErrorCode } from '@yipan/protocol';
import { HttpError } from '../http/HttpError';

/** HTTP status and bilingual message of each meeting refusal; sockets send the same code and message. */
const REFUSALS: Record<MeetingErrorCode, { status: number; zh: string; en: string }> = {
  [MeetingErrorCode.meetingNotFound]: { status: 404, zh: '会议不存在', en: 'Meeting not found' },
  [MeetingErrorCode.notAMember]: {
    status: 403,
    zh: '您不是本次会议的参会人员',
    en: 'You are not in this meeting',
  },
  [MeetingErrorCode.notFacilitator]: {
    status: 403,
    zh: '只有主持人可以进行此操作',
    en: 'Only a facilitator may do this',
  },
  [MeetingErrorCode.meetingNotLive]: {
    status: 409,
    zh: '会议尚未开始或已结束',
    en: 'The meeting is not in progress',
  },
  [MeetingErrorCode.meetingEnded]: { status: 409, zh: '会议已结束，不能再修改', en: 'The meeting has ended' },
  [MeetingErrorCode.invalidMeetingTransition]: {
    status: 409,
    zh: '会议状态不能这样变更',
    en: 'The meeting cannot move to that status',
  },
  [MeetingErrorCode.itemNotFound]: { status: 422, zh: '议程项不存在', en: 'Agenda item not found' },
  [MeetingErrorCode.planNotReadable]: {
    status: 422,
    zh: '有参会人员无权查看议程中的计划',
    en: 'A member may not read a plan on the agenda',
  },
  [MeetingErrorCode.userNotFound]: {
    status: 422,
    zh: '参会人员不存在，或不属于本级及上下级人大',
    en: 'A member has no account here, or belongs to no organisation above or below this one',
  },
  [MeetingErrorCode.facilitatorRequired]: {
    status: 422,
    zh: '会议至少需要一位主持人',
    en: 'A meeting needs at least one facilitator',
  },
  [MeetingErrorCode.voteNotFound]: { status: 404, zh: '表决不存在', en: 'Vote not found' },
  [MeetingErrorCode.voteClosed]: { status: 409, zh: '表决已结束', en: 'The vote is closed' },
  [MeetingErrorCode.voteAlreadyOpen]: {
    status: 409,
    zh: '已有一项表决正在进行',
    en: 'Another vote is open',
  },
  [MeetingErrorCode.notAVoter]: {
    status: 403,
    zh: '列席和记录人员不参加表决',
    en: 'Your role does not vote',
  },
  [MeetingErrorCode.alreadyVoted]: { status: 409, zh: '您已经投过票了', en: 'You have already voted' },
  [MeetingErrorCode.invalidBallot]: { status: 400, zh: '选票无效', en: 'Invalid ballot' },
  [MeetingErrorCode.decisionNotFound]: { status: 404, zh: '决定事项不存在', en: 'Decision not found' },
  [MeetingErrorCode.minutesNotEmpty]: {
    status: 409,
    zh: '纪要已有内容，请确认覆盖',
    en: 'The minutes already have text; confirm replacing it',
  },
};

/** A meeting refusal as an HttpError; `detail` (e.g. who cannot read which plan) is appended to both languages. */
export function meetingError(code: MeetingErrorCode, detail?: string): HttpError {
  const { status, zh, en } = REFUSALS[code];
  const message = detail ? `${zh}：${detail} / ${en}: ${detail}` : `${zh} / ${en}`;
  return new HttpError(status, code, message);
}
