import { z } from 'zod';
import { labelledEnum } from './labelledEnum';
import { EntityId } from './planDoc';
import { lazySchema } from './lazySchema';

/*
 * Meeting mode (会议模式): the board used live in a council of chairs, a standing committee session or a
 * symposium. The server decides everything here (who controls, the focus, the timer, ballots, tallies);
 * these are the shared vocabulary and the pure rules both sides apply.
 */

const kinds = labelledEnum([
  ['council_of_chairs', { zh: '主任会议', en: 'Council of chairs' }],
  ['sc_session', { zh: '常委会会议', en: 'Standing committee session' }],
  ['symposium', { zh: '座谈会', en: 'Symposium' }],
  ['other', { zh: '其他会议', en: 'Other meeting' }],
] as const);
/** What kind of meeting. */
export const MeetingKind = kinds.schema;
export type MeetingKind = z.infer<typeof MeetingKind>;
export const MEETING_KINDS = kinds.values;
export const MEETING_KIND_LABELS = kinds.labels;

const statuses = labelledEnum([
  ['scheduled', { zh: '未开始', en: 'Scheduled' }],
  ['live', { zh: '进行中', en: 'In progress' }],
  ['ended', { zh: '已结束', en: 'Ended' }],
] as const);
/** scheduled → live → ended; focus, timers, hands and votes work only while live. */
export const MeetingStatus = statuses.schema;
export type MeetingStatus = z.infer<typeof MeetingStatus>;
export const MEETING_STATUS_LABELS = statuses.labels;

const roles = labelledEnum([
  ['facilitator', { zh: '主持人', en: 'Facilitator' }],
  ['participant', { zh: '出席', en: 'Participant' }],
  ['observer', { zh: '列席', en: 'Observer' }],
  ['secretary', { zh: '记录', en: 'Secretary' }],
] as const);
/**
 * A person's part in one meeting. Facilitators run it; participants (出席) vote; observers (列席, e.g.
 * reporting units) follow without a vote; secretaries (记录) edit the minutes with the facilitators.
 */
export const MeetingRole = roles.schema;
export type MeetingRole = z.infer<typeof MeetingRole>;
export const MEETING_ROLES = roles.values;
export const MEETING_ROLE_LABELS = roles.labels;

/** Roles whose holders cast ballots. */
export const VOTING_ROLES: ReadonlySet<MeetingRole> = new Set(['facilitator', 'participant']);
/** Roles whose holders edit the minutes. */
export const MINUTES_ROLES: ReadonlySet<MeetingRole> = new Set(['facilitator', 'secretary']);

const decisions = labelledEnum([
  ['accepted', { zh: '列入计划', en: 'Accepted into the plan' }],
  ['deferred', { zh: '暂缓', en: 'Deferred' }],
  ['assigned', { zh: '交办', en: 'Assigned' }],
  ['rejected', { zh: '不予采纳', en: 'Not accepted' }],
  ['noted', { zh: '其他', en: 'Other' }],
] as const);
/** A decision recorded against an agenda item; `assigned` names the committee (交办财经委). */
export const DecisionKind = decisions.schema;
export type DecisionKind = z.infer<typeof DecisionKind>;
export const DECISION_KINDS = decisions.values;
export const DECISION_KIND_LABELS = decisions.labels;

const choices = labelledEnum([
  ['approve', { zh: '赞成', en: 'For' }],
  ['against', { zh: '反对', en: 'Against' }],
  ['abstain', { zh: '弃权', en: 'Abstain' }],
] as const);
/** A choice in an approval vote. */
export const ApprovalChoice = choices.schema;
export type ApprovalChoice = z.infer<typeof ApprovalChoice>;
export const APPROVAL_CHOICES = choices.values;
export const APPROVAL_CHOICE_LABELS = choices.labels;

/** Longest meeting title, decision note or vote title. */
export const MEETING_TEXT_MAX = 300;
/** Most agenda items in one meeting. */
export const AGENDA_MAX = 100;
/** Most people in one meeting (a standing committee session with observers is well under this). */
export const MEETING_MEMBERS_MAX = 500;
/** Most dots one participant may be given in a dot vote. */
export const DOTS_MAX = 20;
/** Longest timer a facilitator may set (4 hours). */
export const TIMER_MAX_MS = 4 * 60 * 60 * 1000;

const Text = lazySchema(() => z.string().trim().min(1).max(MEETING_TEXT_MAX));

/**
 * An agenda item: a topic of a plan, a whole plan (审议计划草案), or a free item (a report, 其他事项).
 * `planId`/`topicId` reference what it discusses; `title` is what the agenda shows for free items and
 * the snapshot shown when the topic can no longer be read.
 */
export const AgendaItemInput = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('topic'), id: EntityId.optional(), planId: EntityId, topicId: EntityId }),
    z.object({ kind: z.literal('plan'), id: EntityId.optional(), planId: EntityId, title: Text.optional() }),
    z.object({ kind: z.literal('other'), id: EntityId.optional(), title: Text }),
  ]),
);
export type AgendaItemInput = z.infer<typeof AgendaItemInput>;

/** A timer of one agenda item. Remaining time = durationMs − elapsedMs − (now − runningSince) while running. */
export const TimerState = lazySchema(() =>
  z.object({
    durationMs: z.number().int().min(0).max(TIMER_MAX_MS),
    elapsedMs: z.number().int().min(0),
    /** Server epoch ms when it was last started; null when paused or never started. */
    runningSince: z.number().int().nullable(),
  }),
);
export type TimerState = z.infer<typeof TimerState>;

/** A stopped timer of the given length. */
export function idleTimer(durationMs: number): TimerState {
  return { durationMs, elapsedMs: 0, runningSince: null };
}

/** Milliseconds left on a timer at server time `now`; negative once overrun (shown as 超时). */
export function timerRemainingMs(timer: TimerState, now: number): number {
  const running = timer.runningSince === null ? 0 : Math.max(0, now - timer.runningSince);
  return timer.durationMs - timer.elapsedMs - running;
}

/** What a facilitator does to a timer. */
export const TimerAction = lazySchema(() =>
  z.discriminatedUnion('action', [
    z.object({ action: z.literal('start') }),
    z.object({ action: z.literal('pause') }),
    z.object({ action: z.literal('reset') }),
    z.object({ action: z.literal('set'), durationMs: z.number().int().min(1000).max(TIMER_MAX_MS) }),
  ]),
);
export type TimerAction = z.infer<typeof TimerAction>;

/** Applies a facilitator's action to a timer at server time `now`. */
export function applyTimerAction(timer: TimerState, action: TimerAction, now: number): TimerState {
  switch (action.action) {
    case 'start':
      return timer.runningSince === null ? { ...timer, runningSince: now } : timer;
    case 'pause':
      return timer.runningSince === null
        ? timer
        : {
            ...timer,
            elapsedMs: timer.elapsedMs + Math.max(0, now - timer.runningSince),
            runningSince: null,
          };
    case 'reset':
      return idleTimer(timer.durationMs);
    case 'set':
      return { ...timer, durationMs: action.durationMs };
  }
}

/** What the facilitator opens: approve/against/abstain on one agenda item, or N dots across candidates. */
export const VoteSpec = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('approval'),
      title: Text,
      itemId: EntityId,
      anonymous: z.boolean(),
    }),
    z.object({
      kind: z.literal('dots'),
      title: Text,
      /** Agenda items to spread dots across (at least two, no repeats). */
      candidateItemIds: z
        .array(EntityId)
        .min(2)
        .max(AGENDA_MAX)
        .refine((ids) => new Set(ids).size === ids.length, 'candidates repeat'),
      dotsPerParticipant: z.number().int().min(1).max(DOTS_MAX),
      anonymous: z.boolean(),
    }),
  ]),
);
export type VoteSpec = z.infer<typeof VoteSpec>;

/** One participant's ballot. Dots: candidate item id → dots (≥ 1 dot in all, ≤ dotsPerParticipant). */
export const Ballot = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('approval'), choice: ApprovalChoice }),
    z.object({
      kind: z.literal('dots'),
      dots: z.record(EntityId, z.number().int().min(0).max(DOTS_MAX)),
    }),
  ]),
);
export type Ballot = z.infer<typeof Ballot>;

/** Why a well-formed ballot does not fit its vote. */
export type BallotProblem = 'wrong_kind' | 'unknown_candidate' | 'too_many_dots' | 'no_dots';

/** Checks a ballot against its vote; null when it may be cast. */
export function ballotProblem(vote: VoteSpec, ballot: Ballot): BallotProblem | null {
  if (vote.kind !== ballot.kind) return 'wrong_kind';
  if (vote.kind === 'approval' || ballot.kind === 'approval') return null;
  const candidates = new Set(vote.candidateItemIds);
  let total = 0;
  for (const [itemId, dots] of Object.entries(ballot.dots)) {
    if (!candidates.has(itemId)) return 'unknown_candidate';
    total += dots;
  }
  if (total === 0) return 'no_dots';
  return total > vote.dotsPerParticipant ? 'too_many_dots' : null;
}

/**
 * The counts a ballot adds to its vote's tally, by option key: an approval choice, or each candidate's
 * item id with its dots. Tallies are kept per option so that an anonymous vote stores no choice per voter.
 */
export function tallyIncrements(ballot: Ballot): Record<string, number> {
  if (ballot.kind === 'approval') return { [ballot.choice]: 1 };
  return Object.fromEntries(Object.entries(ballot.dots).filter(([, dots]) => dots > 0));
}

/** A closed vote's result: counts per option key, every option present (0 when nobody chose it). */
export function voteResult(vote: VoteSpec, tally: Readonly<Record<string, number>>): Record<string, number> {
  const keys = vote.kind === 'approval' ? APPROVAL_CHOICES : vote.candidateItemIds;
  return Object.fromEntries(keys.map((key) => [key, tally[key] ?? 0]));
}

/** Document name of a meeting's minutes (纪要) on `/yjs/`; its text lives in the `body` Y.Text. */
export function minutesDocName(meetingId: string): string {
  return `minutes:${meetingId}`;
}

/** The meeting id of a minutes document name, or null when it is not one. */
export function meetingIdFromMinutesDocName(docName: string): string | null {
  if (!docName.startsWith('minutes:')) return null;
  const id = docName.slice('minutes:'.length);
  return EntityId.safeParse(id).success ? id : null;
}

/** The Y.Text of a minutes document that holds its text. */
export const MINUTES_TEXT = 'body';
