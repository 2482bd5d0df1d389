import { z } from 'zod';
import {
  AGENDA_MAX,
  AgendaItemInput,
  Ballot,
  DecisionKind,
  EntityId,
  MEETING_MEMBERS_MAX,
  MEETING_TEXT_MAX,
  MeetingKind,
  MeetingRole,
  MeetingStatus,
  TimerAction,
  TimerState,
  VoteSpec,
  lazySchema,
} from '@yipan/domain';

/*
 * The wire contract of meeting mode. Setup (the meeting, its agenda and members, decisions, the
 * minutes draft) goes over REST under /api/meetings; the live part (focus, summon, timer, hands,
 * presence, votes and ballots) over socket.io `/board` with acknowledgements. The server decides;
 * every payload is validated with these schemas.
 */

/** Stable codes of meeting refusals (REST errors and socket acknowledgements), besides `forbidden` and `invalid_payload`. */
export const MeetingErrorCode = {
  meetingNotFound: 'meeting_not_found',
  /** The caller is not in the meeting (REST: 403 `forbidden`; sockets: this code). */
  notAMember: 'not_a_member',
  /** Only a facilitator may do this (focus, summon, timer, votes, clearing hands). */
  notFacilitator: 'not_facilitator',
  /** Live controls need a live meeting; setup changes need one that has not ended. */
  meetingNotLive: 'meeting_not_live',
  meetingEnded: 'meeting_ended',
  /** scheduled → live → ended only. */
  invalidMeetingTransition: 'invalid_meeting_transition',
  itemNotFound: 'agenda_item_not_found',
  /** An agenda plan is one a member may not read (a plan is never shown to someone who may not see it). */
  planNotReadable: 'plan_not_readable',
  /** A member has no account, or the meeting has no facilitator. */
  userNotFound: 'user_not_found',
  facilitatorRequired: 'facilitator_required',
  voteNotFound: 'vote_not_found',
  voteClosed: 'vote_closed',
  /** Another vote is open: one at a time. */
  voteAlreadyOpen: 'vote_already_open',
  /** The caller's role does not vote (列席, 记录). */
  notAVoter: 'not_a_voter',
  /** A second ballot from the same participant. */
  alreadyVoted: 'already_voted',
  /** The ballot does not fit the vote (kind, candidates, number of dots). */
  invalidBallot: 'invalid_ballot',
  /** The decision to delete is not (or no longer) recorded in this meeting. */
  decisionNotFound: 'decision_not_found',
  /** The minutes already have text: drafting again needs `replace: true`. */
  minutesNotEmpty: 'minutes_not_empty',
} as const;
export type MeetingErrorCode = (typeof MeetingErrorCode)[keyof typeof MeetingErrorCode];

const Text = lazySchema(() => z.string().trim().min(1).max(MEETING_TEXT_MAX));
/** An instant on the wire: ISO 8601 with offset. */
const Instant = lazySchema(() => z.iso.datetime({ offset: true }));

/** A member as set by the organiser. */
export const MeetingMemberInput = lazySchema(() => z.object({ userId: EntityId, role: MeetingRole }));
export type MeetingMemberInput = z.infer<typeof MeetingMemberInput>;

const Members = lazySchema(() =>
  z
    .array(MeetingMemberInput)
    .max(MEETING_MEMBERS_MAX)
    .refine((members) => new Set(members.map((m) => m.userId)).size === members.length, 'members repeat'),
);
const Agenda = lazySchema(() => z.array(AgendaItemInput).max(AGENDA_MAX));

/** `POST /api/meetings`: an organiser (admin or editor of `orgId`) schedules a meeting. */
export const CreateMeetingRequest = lazySchema(() =>
  z.object({
    orgId: EntityId,
    kind: MeetingKind,
    title: Text,
    startsAt: Instant,
    agenda: Agenda.default([]),
    /** Must include at least one facilitator; the organiser is not added implicitly. */
    members: Members,
  }),
);
export type CreateMeetingRequest = z.infer<typeof CreateMeetingRequest>;

/** `PATCH /api/meetings/:meetingId`: change the title, kind or time (not once ended). */
export const UpdateMeetingRequest = lazySchema(() =>
  z
    .object({ kind: MeetingKind, title: Text, startsAt: Instant })
    .partial()
    .refine((patch) => Object.keys(patch).length > 0, 'nothing to change'),
);
export type UpdateMeetingRequest = z.infer<typeof UpdateMeetingRequest>;

/** `PUT /api/meetings/:meetingId/agenda`: the whole agenda in order; items keep their id when given. */
export const AgendaRequest = lazySchema(() => z.object({ items: Agenda }));
export type AgendaRequest = z.infer<typeof AgendaRequest>;

/** `PUT /api/meetings/:meetingId/members`: everyone in the meeting and their role. */
export const MembersRequest = lazySchema(() => z.object({ members: Members }));
export type MembersRequest = z.infer<typeof MembersRequest>;

/** `POST /api/meetings/:meetingId/transitions`: start (live) or end the meeting; facilitators or organisers. */
export const MeetingTransitionRequest = lazySchema(() => z.object({ to: z.enum(['live', 'ended']) }));
export type MeetingTransitionRequest = z.infer<typeof MeetingTransitionRequest>;

/** `POST /api/meetings/:meetingId/decisions`: a facilitator or secretary records a decision on an item. */
export const DecisionRequest = lazySchema(() =>
  z
    .object({
      itemId: EntityId,
      kind: DecisionKind,
      /** The committee an `assigned` item goes to (交办), from the organisation's committees or free text. */
      assignee: Text.optional(),
      note: z.string().trim().max(MEETING_TEXT_MAX).default(''),
    })
    .refine((decision) => decision.kind !== 'assigned' || decision.assignee !== undefined, {
      message: 'assigned needs an assignee',
      path: ['assignee'],
    }),
);
export type DecisionRequest = z.infer<typeof DecisionRequest>;

/** `POST /api/meetings/:meetingId/minutes/draft`: write the auto-drafted minutes into the minutes document. */
export const MinutesDraftRequest = lazySchema(() => z.object({ replace: z.boolean().default(false) }));
export type MinutesDraftRequest = z.infer<typeof MinutesDraftRequest>;

/** The answer to a minutes draft: the text now in the minutes document (`minutesDocName`). */
export const MinutesDraftResponse = lazySchema(() =>
  z.object({ minutesDocName: z.string(), text: z.string() }),
);
export type MinutesDraftResponse = z.infer<typeof MinutesDraftResponse>;

/** An agenda item as read back: what it discusses, resolved to current titles the caller may read. */
export const AgendaItem = lazySchema(() =>
  z.object({
    id: z.string(),
    position: z.number().int(),
    kind: z.enum(['topic', 'plan', 'other']),
    planId: z.string().nullable(),
    topicId: z.string().nullable(),
    /** The topic's or plan's current title (or the free item's); `（无权查看）` when the caller may not read the plan. */
    title: z.string(),
    /** The plan's organisation name, for items from other levels' plans. */
    orgName: z.string().nullable(),
    /** False when the caller may not read the item's plan: only the placeholder title is shown. */
    readable: z.boolean(),
    timer: TimerState,
  }),
);
export type AgendaItem = z.infer<typeof AgendaItem>;

/** A person in the meeting. */
export const MeetingMember = lazySchema(() =>
  z.object({
    userId: z.string(),
    displayName: z.string(),
    /** Their organisations' names (an invited county director shows their county). */
    orgNames: z.array(z.string()),
    role: MeetingRole,
  }),
);
export type MeetingMember = z.infer<typeof MeetingMember>;

/** A decision recorded on an agenda item. */
export const MeetingDecision = lazySchema(() =>
  z.object({
    id: z.string(),
    itemId: z.string(),
    kind: DecisionKind,
    assignee: z.string().nullable(),
    note: z.string(),
    recordedBy: z.string(),
    recordedAt: Instant,
  }),
);
export type MeetingDecision = z.infer<typeof MeetingDecision>;

/**
 * A vote as everyone sees it. While open: how many ballots were cast, never what they say. Once
 * closed: `result` (counts per option key: an approval choice, or a candidate item id) and, for a named
 * vote only, `ballots` (who chose what). An anonymous vote never carries `ballots`, in any event or API.
 */
export const MeetingVote = lazySchema(() =>
  z.object({
    id: z.string(),
    spec: VoteSpec,
    status: z.enum(['open', 'closed']),
    ballotCount: z.number().int(),
    /** How many members may vote (facilitators and participants). */
    eligibleCount: z.number().int(),
    openedAt: Instant,
    closedAt: Instant.nullable(),
    result: z.record(z.string(), z.number().int()).nullable(),
    ballots: z.array(z.object({ userId: z.string(), displayName: z.string(), ballot: Ballot })).nullable(),
  }),
);
export type MeetingVote = z.infer<typeof MeetingVote>;

/** A meeting as lists show it. */
export const MeetingSummary = lazySchema(() =>
  z.object({
    id: z.string(),
    orgId: z.string(),
    orgName: z.string(),
    kind: MeetingKind,
    title: z.string(),
    startsAt: Instant,
    status: MeetingStatus,
    /** The caller's role, or null for an organiser who is not in the meeting. */
    myRole: MeetingRole.nullable(),
  }),
);
export type MeetingSummary = z.infer<typeof MeetingSummary>;

/** `GET /api/meetings`: meetings the caller is in or organises, soonest first then most recent. */
export const MeetingsResponse = lazySchema(() => z.object({ meetings: z.array(MeetingSummary) }));
export type MeetingsResponse = z.infer<typeof MeetingsResponse>;

/** `GET /api/meetings/:meetingId` (and every setup change's response). */
export const MeetingResponse = lazySchema(() =>
  z.object({
    meeting: MeetingSummary.extend({
      startedAt: Instant.nullable(),
      endedAt: Instant.nullable(),
      agenda: z.array(AgendaItem),
      members: z.array(MeetingMember),
      decisions: z.array(MeetingDecision),
      votes: z.array(MeetingVote),
      /** `minutes:<id>` on `/yjs/`. */
      minutesDocName: z.string(),
    }),
    /** May the caller change the setup (organisers and facilitators) and run it live (facilitators)? */
    canOrganise: z.boolean(),
    canFacilitate: z.boolean(),
    /** May the caller edit the minutes and record decisions (facilitators and secretaries)? */
    canMinute: z.boolean(),
  }),
);
export type MeetingResponse = z.infer<typeof MeetingResponse>;

/** `GET /api/orgs/:orgId/meeting-invitees`: people an organiser may add: its own members, its parent's and its children's. */
export const InviteesResponse = lazySchema(() =>
  z.object({
    people: z.array(
      z.object({ userId: z.string(), displayName: z.string(), orgId: z.string(), orgName: z.string() }),
    ),
  }),
);
export type InviteesResponse = z.infer<typeof InviteesResponse>;

/** `GET /api/plans/:planId/meeting-records`: closed votes and decisions about the plan's topics, per topic. */
export const TopicMeetingRecordsResponse = lazySchema(() =>
  z.object({
    records: z.array(
      z.object({
        topicId: z.string(),
        /** The agenda item about the topic: a decision's item, or the vote candidate whose counts are the topic's. */
        itemId: z.string(),
        meetingId: z.string(),
        meetingTitle: z.string(),
        meetingKind: MeetingKind,
        /** When the meeting was held (or is to be): the date a topic's record shows. */
        meetingStartsAt: Instant,
        /** When the decision was recorded or the vote closed. */
        at: Instant,
        entry: z.discriminatedUnion('type', [
          z.object({ type: z.literal('decision'), decision: MeetingDecision }),
          z.object({ type: z.literal('vote'), vote: MeetingVote }),
        ]),
      }),
    ),
  }),
);
export type TopicMeetingRecordsResponse = z.infer<typeof TopicMeetingRecordsResponse>;

/* Live part (socket.io `/board`). */

/** Payloads that name only the meeting. */
export const MeetingRef = lazySchema(() => z.object({ meetingId: EntityId }));
export type MeetingRef = z.infer<typeof MeetingRef>;

/** The facilitator's focus: the agenda item under discussion; `seq` increases with every move. */
export const MeetingFocus = lazySchema(() =>
  z.object({ itemId: z.string().nullable(), seq: z.number().int() }),
);
export type MeetingFocus = z.infer<typeof MeetingFocus>;

/** A raised hand, in queue order. */
export const RaisedHand = lazySchema(() =>
  z.object({ userId: z.string(), displayName: z.string(), raisedAt: Instant }),
);
export type RaisedHand = z.infer<typeof RaisedHand>;

/** Who is connected to the meeting now, and whether they follow the presenter. */
export const PresenceEntry = lazySchema(() => z.object({ userId: z.string(), following: z.boolean() }));
export type PresenceEntry = z.infer<typeof PresenceEntry>;

/**
 * Everything live, sent in the acknowledgement of `meeting:join` (and so again on every reconnection):
 * the client replaces its state with it. `serverNow` lets clients correct their clock for timers.
 */
export const MeetingLiveState = lazySchema(() =>
  z.object({
    meetingId: z.string(),
    status: MeetingStatus,
    focus: MeetingFocus,
    /** Timers by agenda item id. */
    timers: z.record(z.string(), TimerState),
    hands: z.array(RaisedHand),
    online: z.array(PresenceEntry),
    /** Every vote of the meeting, open and closed (closed ones with their results). */
    votes: z.array(MeetingVote),
    /** The caller's own ballots by vote id: the ballot of a named vote, `cast` for an anonymous one. */
    myBallots: z.record(z.string(), z.union([Ballot, z.literal('cast')])),
    serverNow: z.number().int(),
  }),
);
export type MeetingLiveState = z.infer<typeof MeetingLiveState>;

export const FocusRequest = lazySchema(() => MeetingRef.extend({ itemId: EntityId.nullable() }));
export const FollowRequest = lazySchema(() => MeetingRef.extend({ following: z.boolean() }));
export const TimerRequest = lazySchema(() => MeetingRef.extend({ itemId: EntityId, timer: TimerAction }));
export const HandRequest = lazySchema(() => MeetingRef.extend({ raised: z.boolean() }));
/** Clear one hand (`userId`) or the whole queue. */
export const ClearHandsRequest = lazySchema(() => MeetingRef.extend({ userId: EntityId.optional() }));
export const OpenVoteRequest = lazySchema(() => MeetingRef.extend({ spec: VoteSpec }));
export const VoteRef = lazySchema(() => MeetingRef.extend({ voteId: EntityId }));
export const BallotRequest = lazySchema(() => VoteRef.extend({ ballot: Ballot }));

/** A refusal in an acknowledgement. */
export type MeetingAckError = { ok: false; code: string; message: string };
/** The acknowledgement of a live command. */
export type MeetingAck<T = Record<string, never>> = ({ ok: true } & T) | MeetingAckError;

/** Events the server sends about meetings, to the room of the meeting's connected members. */
export interface MeetingServerEvents {
  /** The focus moved; followers go there. */
  'meeting:focus': (payload: { meetingId: string; focus: MeetingFocus }) => void;
  /** "Bring everyone here": every client follows the presenter again and goes to the focus. */
  'meeting:summon': (payload: { meetingId: string; focus: MeetingFocus }) => void;
  'meeting:timer': (payload: {
    meetingId: string;
    itemId: string;
    timer: TimerState;
    serverNow: number;
  }) => void;
  'meeting:hands': (payload: { meetingId: string; hands: RaisedHand[] }) => void;
  /** One member's presence changed. */
  'meeting:presence': (payload: {
    meetingId: string;
    userId: string;
    online: boolean;
    following: boolean;
  }) => void;
  /** A vote opened, its ballot count changed (at most every 250 ms) or it closed (with its result). */
  'meeting:vote': (payload: { meetingId: string; vote: MeetingVote }) => void;
  /** Sent to the voter's own sockets only: their ballot was counted (`cast` for an anonymous vote). */
  'meeting:ballot': (payload: { meetingId: string; voteId: string; ballot: Ballot | 'cast' }) => void;
  /** The setup (status, agenda, members, decisions) changed: re-read `GET /api/meetings/:meetingId`. */
  'meeting:changed': (payload: { meetingId: string }) => void;
}

/** Events clients send about meetings; every one is acknowledged, refused with a MeetingErrorCode when not allowed. */
export interface MeetingClientEvents {
  /** Join the meeting's room (members only); the ack carries the whole live state. */
  'meeting:join': (
    payload: MeetingRef,
    ack: (result: MeetingAck<{ state: MeetingLiveState }>) => void,
  ) => void;
  'meeting:leave': (payload: MeetingRef) => void;
  'meeting:focus': (payload: z.infer<typeof FocusRequest>, ack: (result: MeetingAck) => void) => void;
  'meeting:summon': (payload: MeetingRef, ack: (result: MeetingAck) => void) => void;
  /** Tell the facilitator whether the caller follows the presenter (no ack needed, one is sent when given). */
  'meeting:follow': (payload: z.infer<typeof FollowRequest>, ack?: (result: MeetingAck) => void) => void;
  'meeting:timer': (payload: z.infer<typeof TimerRequest>, ack: (result: MeetingAck) => void) => void;
  'meeting:hand': (payload: z.infer<typeof HandRequest>, ack: (result: MeetingAck) => void) => void;
  'meeting:hands:clear': (
    payload: z.infer<typeof ClearHandsRequest>,
    ack: (result: MeetingAck) => void,
  ) => void;
  'meeting:vote:open': (
    payload: z.infer<typeof OpenVoteRequest>,
    ack: (result: MeetingAck<{ voteId: string }>) => void,
  ) => void;
  'meeting:vote:close': (
    payload: z.infer<typeof VoteRef>,
    ack: (result: MeetingAck<{ vote: MeetingVote }>) => void,
  ) => void;
  'meeting:ballot': (payload: z.infer<typeof BallotRequest>, ack: (result: MeetingAck) => void) => void;
}
