import {
  ancestorsOf,
  applyTimerAction,
  ballotProblem,
  can,
  idleTimer,
  MINUTES_ROLES,
  minutesDocName,
  tallyIncrements,
  voteResult,
  VOTING_ROLES,
  type Actor,
  type AgendaItemInput,
  type Ballot,
  type MeetingRole,
  type TimerAction,
  type VoteSpec,
} from '@yipan/domain';
import type {
  AgendaItemRow,
  Database,
  MeetingMemberRow,
  MeetingRow,
  MembershipRow,
  PlanRow,
  VoteRow,
} from '@yipan/db';
import {
  BOARD_NAMESPACE,
  MeetingErrorCode,
  MeetingRef,
  type AgendaItem,
  type CreateMeetingRequest,
  type DecisionRequest,
  type InviteesResponse,
  type MeetingDecision,
  type MeetingFocus,
  type MeetingLiveState,
  type MeetingMember,
  type MeetingMemberInput,
  type MeetingResponse,
  type MeetingsResponse,
  type MeetingSummary,
  type MeetingVote,
  type PresenceEntry,
  type RaisedHand,
  type TopicMeetingRecordsResponse,
  type UpdateMeetingRequest,
} from '@yipan/protocol';
import type { AuditLog } from '../auth/AuditLog';
import type { LiveConnections } from '../auth/LiveConnections';
import { loadOrgTree, subtreeOf, type OrgTree } from '../auth/orgTree';
import { randomId } from '../auth/tokens';
import { meetingRoom, userRoom, type BoardServer } from '../board/attachBoard';
import { errorFields, type Logger } from '../createLogger';
import { forbidden, orgNotFound } from '../http/HttpError';
import { meetingError } from './meetingErrors';

/** Who acts over REST: their id, address and memberships (the policy decides organisers from them). */
export type MeetingCaller = { id: string; ip: string | null; actor: NonNullable<Actor> };
/** Who acts over a socket: the role is re-read from the database on every command. */
export type LiveCaller = { id: string; ip: string | null };

export type MeetingDeps = {
  db: Database;
  io: BoardServer;
  audit: AuditLog;
  logger: Logger;
  /** Re-applies access to a user's open connections (their minutes document) when their role changes. */
  live: Pick<LiveConnections, 'recheckUser'>;
  /** Server clock (ms since the epoch) of timers, votes and records. */
  now?: () => number;
};

/** What an agenda item shows to someone who may not read its plan. */
export const UNREADABLE_TITLE = '（无权查看）';
/** A new agenda item's timer: a typical slot for one topic at a council of chairs (主任会议). */
export const DEFAULT_ITEM_TIMER_MS = 10 * 60 * 1000;
/** Ballot count updates of an open vote go out at most this often, so 300 ballots in a second are ~4 events. */
export const BALLOT_COUNT_INTERVAL_MS = 250;

/** A meeting with what the caller is in it. */
type Access = { meeting: MeetingRow; role: MeetingRole | null; organiser: boolean; tree: OrgTree };

const iso = (date: Date) => date.toISOString();

/** Runs tasks one after another per key, so two facilitators cannot both open a vote or end a meeting. */
class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/**
 * Meeting mode's rules, in one place for REST and socket.io: who sees and organises a meeting, its agenda
 * and members, the transitions, and the live controls (focus, summon, timers, hands, votes, ballots). It
 * refuses with `meetingError` codes, audits every change (never a ballot's content) and announces it to
 * the meeting's room.
 */
export class MeetingService {
  private readonly queue = new KeyedQueue();
  /** Per open vote: a pending ballot-count announcement and when the last one went out. */
  private readonly counts = new Map<string, { timer: NodeJS.Timeout | null; last: number }>();
  private readonly now: () => number;
  /** Whether other server processes share the meeting rooms (set by `listenToPeers`). */
  private clustered = false;

  constructor(private readonly deps: MeetingDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Stops pending announcements (the server is closing). */
  close(): void {
    for (const state of this.counts.values()) if (state.timer) clearTimeout(state.timer);
    this.counts.clear();
  }

  /* Setup (REST). */

  /** Meetings the caller is in or organises: upcoming and live ones soonest first, then ended ones most recent first. */
  async list(caller: MeetingCaller): Promise<MeetingsResponse> {
    const { db } = this.deps;
    const tree = await loadOrgTree(db);
    const organised = tree.orgs
      .filter((org) => can(caller.actor, 'organise_meetings', { kind: 'org', orgId: org.id }, tree.parents))
      .map((org) => org.id);
    const rows = await db.meetings.listFor(caller.id, organised);
    const summaries = await Promise.all(
      rows.map(async (row) => this.summary(row, await db.meetings.memberRole(row.id, caller.id), tree)),
    );
    const open = summaries
      .filter((m) => m.status !== 'ended')
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const ended = summaries
      .filter((m) => m.status === 'ended')
      .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
    return { meetings: [...open, ...ended] };
  }

  /** Schedules a meeting of an organisation the caller organises. */
  async create(caller: MeetingCaller, input: CreateMeetingRequest): Promise<MeetingResponse> {
    const { db } = this.deps;
    const tree = await loadOrgTree(db);
    if (!tree.byId.has(input.orgId)) throw orgNotFound();
    if (!can(caller.actor, 'organise_meetings', { kind: 'org', orgId: input.orgId }, tree.parents))
      throw forbidden();
    const id = randomId('mtg');
    const members = await this.checkMembers(id, input.orgId, input.members, tree);
    const agenda = await this.buildAgenda(id, input.agenda, []);
    await this.checkReadable(agenda, members, caller, tree);
    await db.meetings.insert(
      {
        id,
        orgId: input.orgId,
        kind: input.kind,
        title: input.title,
        startsAt: new Date(input.startsAt),
        createdBy: caller.id,
        createdAt: new Date(this.now()),
      },
      agenda,
      members,
    );
    const meeting = await this.mustGet(id);
    await this.audit(caller, meeting, {
      action: 'created',
      agendaItems: agenda.length,
      members: members.length,
    });
    return this.detail(caller, id);
  }

  /** The meeting as its members and organisers see it; 404 for anyone else, who must not learn it exists. */
  async detail(caller: MeetingCaller, meetingId: string): Promise<MeetingResponse> {
    const { meeting, role, organiser, tree } = await this.access(meetingId, caller);
    const { db } = this.deps;
    const [agendaRows, memberRows, decisionRows, voteRows] = await Promise.all([
      db.meetings.agenda(meetingId),
      db.meetings.members(meetingId),
      db.meetings.decisions(meetingId),
      db.meetings.votes(meetingId),
    ]);
    const [agenda, members, votes] = await Promise.all([
      this.agendaView(agendaRows, caller.actor, tree),
      this.membersView(meeting.orgId, memberRows, tree),
      Promise.all(voteRows.map((row) => this.voteView(row))),
    ]);
    return {
      meeting: {
        ...this.summary(meeting, role, tree),
        startedAt: meeting.startedAt ? iso(meeting.startedAt) : null,
        endedAt: meeting.endedAt ? iso(meeting.endedAt) : null,
        agenda,
        members,
        decisions: decisionRows.map(toDecision),
        votes,
        minutesDocName: minutesDocName(meetingId),
      },
      canOrganise: organiser || role === 'facilitator',
      canFacilitate: role === 'facilitator',
      canMinute: role !== null && MINUTES_ROLES.has(role),
    };
  }

  /** Changes the title, kind or time (organisers and facilitators, until the meeting ends). */
  async update(
    caller: MeetingCaller,
    meetingId: string,
    patch: UpdateMeetingRequest,
  ): Promise<MeetingResponse> {
    const { meeting } = await this.setupAccess(meetingId, caller);
    await this.deps.db.meetings.update(meetingId, {
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.startsAt !== undefined && { startsAt: new Date(patch.startsAt) }),
    });
    await this.audit(caller, meeting, { action: 'updated', fields: Object.keys(patch) });
    this.announceChanged(meetingId);
    return this.detail(caller, meetingId);
  }

  /** Replaces the agenda; items keep their id (and timer) when the id is one of this meeting's items. */
  async setAgenda(
    caller: MeetingCaller,
    meetingId: string,
    items: AgendaItemInput[],
  ): Promise<MeetingResponse> {
    const { db } = this.deps;
    const { meeting, tree } = await this.setupAccess(meetingId, caller);
    const existing = await db.meetings.agenda(meetingId);
    const agenda = await this.buildAgenda(meetingId, items, existing);
    await this.checkReadable(agenda, await db.meetings.members(meetingId), caller, tree);
    await db.meetings.replaceAgenda(meetingId, agenda);
    // A focus on a removed item would point nowhere: the room goes back to no focus.
    if (meeting.focusItemId !== null && !agenda.some((item) => item.id === meeting.focusItemId)) {
      const seq = await db.meetings.setFocus(meetingId, null);
      this.room(meetingId).emit('meeting:focus', { meetingId, focus: { itemId: null, seq } });
    }
    await this.audit(caller, meeting, { action: 'agenda_set', agendaItems: agenda.length });
    this.announceChanged(meetingId);
    return this.detail(caller, meetingId);
  }

  /** Replaces the members; removed members' sockets leave the meeting's room at once. */
  async setMembers(
    caller: MeetingCaller,
    meetingId: string,
    input: MeetingMemberInput[],
  ): Promise<MeetingResponse> {
    const { db, io } = this.deps;
    const { meeting, tree } = await this.setupAccess(meetingId, caller);
    const members = await this.checkMembers(meetingId, meeting.orgId, input, tree);
    await this.checkReadable(await db.meetings.agenda(meetingId), members, caller, tree);
    const before = await db.meetings.members(meetingId);
    await db.meetings.replaceMembers(meetingId, members);
    const kept = new Set(members.map((member) => member.userId));
    const removed = before.filter((member) => !kept.has(member.userId)).map((member) => member.userId);
    for (const userId of removed) {
      const theirs = io.of(BOARD_NAMESPACE).in(userRoom(userId));
      theirs.emit('meeting:changed', { meetingId });
      theirs.socketsLeave(meetingRoom(meetingId));
      await db.meetings.lowerHands(meetingId, userId);
    }
    await this.audit(caller, meeting, {
      action: 'members_set',
      members: members.length,
      removed: removed.length,
    });
    if (removed.length > 0) await this.announceHands(meetingId);
    // A removed or re-roled member's open minutes connection is demoted or closed now, not at the next sweep.
    const roleAfter = new Map(members.map((member) => [member.userId, member.role]));
    for (const member of before)
      if (roleAfter.get(member.userId) !== member.role) await this.deps.live.recheckUser(member.userId);
    this.announceChanged(meetingId);
    return this.detail(caller, meetingId);
  }

  /**
   * Starts (scheduled → live) or ends (live → ended) the meeting: facilitators or organisers. Ending
   * pauses running timers, closes an open vote with its tally and lowers every hand.
   */
  async transition(caller: MeetingCaller, meetingId: string, to: 'live' | 'ended'): Promise<MeetingResponse> {
    const { role, organiser } = await this.access(meetingId, caller);
    if (!organiser && role !== 'facilitator') throw forbidden();
    await this.queue.run(meetingId, async () => {
      const { db } = this.deps;
      const meeting = await this.mustGet(meetingId);
      const from = meeting.status;
      if (!((from === 'scheduled' && to === 'live') || (from === 'live' && to === 'ended')))
        throw meetingError(MeetingErrorCode.invalidMeetingTransition);
      const at = new Date(this.now());
      if (to === 'ended') {
        for (const item of await db.meetings.agenda(meetingId))
          if (item.timer.runningSince !== null) {
            const timer = applyTimerAction(item.timer, { action: 'pause' }, at.getTime());
            await db.meetings.setTimer(item.id, timer);
            this.room(meetingId).emit('meeting:timer', {
              meetingId,
              itemId: item.id,
              timer,
              serverNow: at.getTime(),
            });
          }
        const open = (await db.meetings.votes(meetingId)).find((vote) => vote.status === 'open');
        if (open) await this.closeVoteNow(open, at, caller);
        if ((await db.meetings.lowerHands(meetingId)) > 0) await this.announceHands(meetingId);
      }
      // The status last, so a crash before it leaves a meeting that can be ended again; and conditional on
      // the status read above, since another server process may have moved it meanwhile (what this one
      // did for ending it, that one did too: the vote closes once, timers and hands end up the same).
      const moved = await db.meetings.transition(
        meetingId,
        from,
        to === 'live' ? { status: 'live', startedAt: at } : { status: 'ended', endedAt: at },
      );
      if (!moved) throw meetingError(MeetingErrorCode.invalidMeetingTransition);
      await this.audit(caller, meeting, { action: to === 'live' ? 'started' : 'ended', from, to });
    });
    this.announceChanged(meetingId);
    return this.detail(caller, meetingId);
  }

  /** Records a decision on an agenda item (facilitators and secretaries, while live or after the end). */
  async recordDecision(
    caller: MeetingCaller,
    meetingId: string,
    input: DecisionRequest,
  ): Promise<MeetingDecision> {
    const { db } = this.deps;
    const { meeting } = await this.minuteAccess(meetingId, caller);
    if (!(await db.meetings.agenda(meetingId)).some((item) => item.id === input.itemId))
      throw meetingError(MeetingErrorCode.itemNotFound);
    const row = {
      id: randomId('dec'),
      meetingId,
      itemId: input.itemId,
      kind: input.kind,
      assignee: input.kind === 'assigned' ? (input.assignee ?? null) : null,
      note: input.note,
      recordedBy: caller.id,
      recordedAt: new Date(this.now()),
    };
    await db.meetings.insertDecision(row);
    await this.audit(caller, meeting, {
      action: 'decision_recorded',
      decisionId: row.id,
      itemId: row.itemId,
      decision: row.kind,
    });
    this.announceChanged(meetingId);
    return toDecision(row);
  }

  /** Deletes a recorded decision (same rights as recording one). */
  async deleteDecision(caller: MeetingCaller, meetingId: string, decisionId: string): Promise<void> {
    const { meeting } = await this.minuteAccess(meetingId, caller);
    if (!(await this.deps.db.meetings.deleteDecision(meetingId, decisionId)))
      throw meetingError(MeetingErrorCode.decisionNotFound);
    await this.audit(caller, meeting, { action: 'decision_deleted', decisionId });
    this.announceChanged(meetingId);
  }

  /** People an organiser of `orgId` may invite: members of it, of its ancestors and of its descendants. */
  async invitees(caller: MeetingCaller, orgId: string): Promise<InviteesResponse> {
    const { db } = this.deps;
    const tree = await loadOrgTree(db);
    if (!tree.byId.has(orgId)) throw orgNotFound();
    if (!can(caller.actor, 'organise_meetings', { kind: 'org', orgId }, tree.parents)) throw forbidden();
    const orgIds = relatedOrgIds(tree, orgId);
    const memberships = await db.users.membershipsIn(orgIds);
    const users = new Map(
      (await db.users.getMany([...new Set(memberships.map((m) => m.userId))])).map((u) => [u.id, u]),
    );
    const rank = new Map(orgIds.map((id, index) => [id, index]));
    const seen = new Set<string>();
    const people: InviteesResponse['people'] = [];
    const ordered = [...memberships].sort(
      (a, b) =>
        (rank.get(a.orgId) ?? 0) - (rank.get(b.orgId) ?? 0) ||
        (users.get(a.userId)?.displayName ?? '').localeCompare(
          users.get(b.userId)?.displayName ?? '',
          'zh-CN',
        ),
    );
    for (const membership of ordered) {
      const user = users.get(membership.userId);
      if (!user || seen.has(user.id)) continue;
      seen.add(user.id);
      people.push({
        userId: user.id,
        displayName: user.displayName,
        orgId: membership.orgId,
        orgName: tree.byId.get(membership.orgId)?.name ?? '',
      });
    }
    return { people };
  }

  /**
   * Closed votes and decisions about a plan's topics, for anyone who may read the plan (the route checks):
   * anonymous votes carry only their counts.
   */
  async planRecords(plan: PlanRow): Promise<TopicMeetingRecordsResponse> {
    const { db } = this.deps;
    const items = (await db.meetings.agendaItemsOfPlan(plan.id)).filter(
      (item) => item.kind === 'topic' && item.topicId !== null,
    );
    const topicOf = new Map(items.map((item) => [item.id, item.topicId as string]));
    const meetingIds = [...new Set(items.map((item) => item.meetingId))];
    const meetings = new Map<string, MeetingRow>();
    for (const id of meetingIds) {
      const row = await db.meetings.get(id);
      if (row) meetings.set(id, row);
    }
    const records: TopicMeetingRecordsResponse['records'] = [];
    const base = (meetingId: string, itemId: string, topicId: string, at: Date) => {
      const meeting = meetings.get(meetingId);
      return meeting
        ? {
            topicId,
            itemId,
            meetingId,
            meetingTitle: meeting.title,
            meetingKind: meeting.kind,
            meetingStartsAt: iso(meeting.startsAt),
            at: iso(at),
          }
        : null;
    };
    for (const decision of await db.meetings.decisionsOnItems([...topicOf.keys()])) {
      const topicId = topicOf.get(decision.itemId);
      const head = topicId ? base(decision.meetingId, decision.itemId, topicId, decision.recordedAt) : null;
      if (head) records.push({ ...head, entry: { type: 'decision', decision: toDecision(decision) } });
    }
    for (const meetingId of meetings.keys()) {
      for (const vote of await db.meetings.votes(meetingId)) {
        if (vote.status !== 'closed') continue;
        const itemIds = vote.spec.kind === 'approval' ? [vote.spec.itemId] : vote.spec.candidateItemIds;
        // Each topic once, with the first of its items in the vote (whose counts are the topic's).
        const topics = new Map<string, string>();
        for (const itemId of itemIds) {
          const topicId = topicOf.get(itemId);
          if (topicId !== undefined && !topics.has(topicId)) topics.set(topicId, itemId);
        }
        if (topics.size === 0) continue;
        // Counts only: who chose what in a named vote is for the meeting's members, not every reader of the plan.
        const view = { ...(await this.voteView(vote)), ballots: null };
        for (const [topicId, itemId] of topics) {
          const head = base(meetingId, itemId, topicId, vote.closedAt ?? vote.openedAt);
          if (head) records.push({ ...head, entry: { type: 'vote', vote: view } });
        }
      }
    }
    records.sort((a, b) => a.at.localeCompare(b.at));
    return { records };
  }

  /* Live controls (socket.io). */

  /** The whole live state for a member joining (or rejoining) the room; `not_a_member` for anyone else. */
  async liveState(caller: LiveCaller, meetingId: string): Promise<MeetingLiveState> {
    const { db } = this.deps;
    await this.memberRole(meetingId, caller.id);
    const meeting = await this.mustGet(meetingId);
    const [agenda, voteRows, mine] = await Promise.all([
      db.meetings.agenda(meetingId),
      db.meetings.votes(meetingId),
      db.meetings.ballotsOf(meetingId, caller.id),
    ]);
    return {
      meetingId,
      status: meeting.status,
      focus: { itemId: meeting.focusItemId, seq: meeting.focusSeq },
      timers: Object.fromEntries(agenda.map((item) => [item.id, item.timer])),
      hands: await this.handsView(meetingId),
      online: await this.online(meetingId),
      votes: await Promise.all(voteRows.map((row) => this.voteView(row))),
      myBallots: Object.fromEntries(mine.map((row) => [row.voteId, row.ballot ?? ('cast' as const)])),
      serverNow: this.now(),
    };
  }

  /** Checks that the caller is a member now (every live command re-reads it); resolves their role. */
  async memberRole(meetingId: string, userId: string): Promise<MeetingRole> {
    const { db } = this.deps;
    const role = await db.meetings.memberRole(meetingId, userId);
    if (role !== null) return role;
    if (!(await db.meetings.get(meetingId))) throw meetingError(MeetingErrorCode.meetingNotFound);
    throw meetingError(MeetingErrorCode.notAMember);
  }

  /** Moves the facilitator's focus; followers go there. */
  async focus(caller: LiveCaller, meetingId: string, itemId: string | null): Promise<MeetingFocus> {
    await this.facilitating(caller, meetingId);
    if (itemId !== null) await this.agendaItem(meetingId, itemId);
    const seq = await this.deps.db.meetings.setFocus(meetingId, itemId);
    const focus = { itemId, seq };
    this.room(meetingId).emit('meeting:focus', { meetingId, focus });
    return focus;
  }

  /** "Bring everyone here": every socket in the room, on every server process, follows the presenter again. */
  async summon(caller: LiveCaller, meetingId: string): Promise<void> {
    const meeting = await this.facilitating(caller, meetingId);
    const focus = { itemId: meeting.focusItemId, seq: meeting.focusSeq };
    this.room(meetingId).emit('meeting:summon', { meetingId, focus });
    if (this.clustered) this.deps.io.of(BOARD_NAMESPACE).serverSideEmit('meeting:summoned', { meetingId });
    this.followAgainHere(meetingId);
  }

  /**
   * Several processes: summons made on the others reach the sockets held here (a socket's `following`
   * lives on the process that holds it).
   */
  listenToPeers(): void {
    this.clustered = true;
    this.deps.io.of(BOARD_NAMESPACE).on('meeting:summoned', (payload: unknown) => {
      const parsed = MeetingRef.safeParse(payload);
      if (parsed.success) this.followAgainHere(parsed.data.meetingId);
    });
  }

  /** Makes this process's sockets in the meeting follow again, and tells the room who now follows. */
  private followAgainHere(meetingId: string): void {
    const board = this.deps.io.of(BOARD_NAMESPACE);
    const strays = new Set<string>();
    for (const socketId of board.adapter.rooms.get(meetingRoom(meetingId)) ?? []) {
      const socket = board.sockets.get(socketId);
      if (!socket || socket.data.following[meetingId] === true) continue;
      socket.data.following[meetingId] = true;
      strays.add(socket.data.userId);
    }
    for (const userId of strays)
      this.room(meetingId).emit('meeting:presence', { meetingId, userId, online: true, following: true });
  }

  /** Starts, pauses, resets or sets an agenda item's timer. */
  async timer(caller: LiveCaller, meetingId: string, itemId: string, action: TimerAction): Promise<void> {
    await this.facilitating(caller, meetingId);
    const item = await this.agendaItem(meetingId, itemId);
    const now = this.now();
    const timer = applyTimerAction(item.timer, action, now);
    await this.deps.db.meetings.setTimer(itemId, timer);
    this.room(meetingId).emit('meeting:timer', { meetingId, itemId, timer, serverNow: now });
  }

  /** Raises or lowers the caller's hand (any member, while live). */
  async hand(caller: LiveCaller, meetingId: string, raised: boolean): Promise<void> {
    await this.memberRole(meetingId, caller.id);
    await this.requireLive(meetingId);
    const { db } = this.deps;
    const changed = raised
      ? await db.meetings.raiseHand({ meetingId, userId: caller.id, raisedAt: new Date(this.now()) })
      : (await db.meetings.lowerHands(meetingId, caller.id)) > 0;
    if (changed) await this.announceHands(meetingId);
  }

  /** Lowers one hand or the whole queue (facilitators). */
  async clearHands(caller: LiveCaller, meetingId: string, userId?: string): Promise<void> {
    await this.facilitating(caller, meetingId);
    if ((await this.deps.db.meetings.lowerHands(meetingId, userId)) > 0) await this.announceHands(meetingId);
  }

  /** Opens a vote on agenda items (facilitators, one open vote at a time); resolves its id. */
  async openVote(caller: LiveCaller, meetingId: string, spec: VoteSpec): Promise<string> {
    return this.queue.run(meetingId, async () => {
      const { db } = this.deps;
      const meeting = await this.facilitating(caller, meetingId);
      const agenda = new Set((await db.meetings.agenda(meetingId)).map((item) => item.id));
      const itemIds = spec.kind === 'approval' ? [spec.itemId] : spec.candidateItemIds;
      if (!itemIds.every((id) => agenda.has(id))) throw meetingError(MeetingErrorCode.itemNotFound);
      const members = await db.meetings.members(meetingId);
      const row = {
        id: randomId('vote'),
        meetingId,
        spec,
        eligibleCount: members.filter((member) => VOTING_ROLES.has(member.role)).length,
        openedBy: caller.id,
        openedAt: new Date(this.now()),
      };
      // One open vote per meeting is the schema's rule, so it holds across server processes too.
      if (!(await db.meetings.insertVote(row))) throw meetingError(MeetingErrorCode.voteAlreadyOpen);
      await this.audit(caller, meeting, {
        action: 'vote_opened',
        voteId: row.id,
        voteKind: spec.kind,
        anonymous: spec.anonymous,
        title: spec.title,
      });
      this.room(meetingId).emit('meeting:vote', {
        meetingId,
        vote: await this.voteView({ ...row, status: 'open', closedAt: null }),
      });
      return row.id;
    });
  }

  /** Closes an open vote and announces its result (with who chose what for a named vote only). */
  async closeVote(caller: LiveCaller, meetingId: string, voteId: string): Promise<MeetingVote> {
    return this.queue.run(meetingId, async () => {
      await this.facilitating(caller, meetingId);
      const vote = await this.deps.db.meetings.getVote(voteId);
      if (!vote || vote.meetingId !== meetingId) throw meetingError(MeetingErrorCode.voteNotFound);
      if (vote.status !== 'open') throw meetingError(MeetingErrorCode.voteClosed);
      const closed = await this.closeVoteNow(vote, new Date(this.now()), caller);
      if (!closed) throw meetingError(MeetingErrorCode.voteClosed);
      return closed;
    });
  }

  /**
   * Casts the caller's ballot: voters only, once, fitting the vote. Resolves after it is committed; the
   * voter's own sockets hear it, the room hears the new count (throttled), nobody hears the choice.
   */
  async ballot(caller: LiveCaller, meetingId: string, voteId: string, ballot: Ballot): Promise<void> {
    const { db } = this.deps;
    const role = await this.memberRole(meetingId, caller.id);
    if (!VOTING_ROLES.has(role)) throw meetingError(MeetingErrorCode.notAVoter);
    const vote = await db.meetings.getVote(voteId);
    if (!vote || vote.meetingId !== meetingId) throw meetingError(MeetingErrorCode.voteNotFound);
    if (vote.status !== 'open') throw meetingError(MeetingErrorCode.voteClosed);
    const problem = ballotProblem(vote.spec, ballot);
    if (problem !== null) throw meetingError(MeetingErrorCode.invalidBallot, problem);
    const outcome = await db.meetings.castBallot(
      { voteId, userId: caller.id, ballot: vote.spec.anonymous ? null : ballot },
      tallyIncrements(ballot),
    );
    if (outcome === 'already_voted') throw meetingError(MeetingErrorCode.alreadyVoted);
    // The vote closed between the check above and the ballot's transaction: it was not counted.
    if (outcome === 'closed') throw meetingError(MeetingErrorCode.voteClosed);
    this.deps.io
      .of(BOARD_NAMESPACE)
      .to(userRoom(caller.id))
      .emit('meeting:ballot', { meetingId, voteId, ballot: vote.spec.anonymous ? 'cast' : ballot });
    this.scheduleCount(meetingId, voteId);
  }

  /** Who is connected to the meeting now (every process's sockets), one entry per user. */
  async online(meetingId: string): Promise<PresenceEntry[]> {
    const board = this.deps.io.of(BOARD_NAMESPACE);
    // Without Redis the other processes cannot be asked: this process's own sockets are what is known.
    const sockets = await board
      .in(meetingRoom(meetingId))
      .fetchSockets()
      .catch(() => board.local.in(meetingRoom(meetingId)).fetchSockets());
    const byUser = new Map<string, boolean>();
    for (const socket of sockets) {
      const following = socket.data.following?.[meetingId] !== false;
      byUser.set(socket.data.userId, (byUser.get(socket.data.userId) ?? false) || following);
    }
    return [...byUser].map(([userId, following]) => ({ userId, following }));
  }

  /* Helpers. */

  private async mustGet(meetingId: string): Promise<MeetingRow> {
    const meeting = await this.deps.db.meetings.get(meetingId);
    if (!meeting) throw meetingError(MeetingErrorCode.meetingNotFound);
    return meeting;
  }

  /** The meeting and the caller's part in it; 404 when they may not see it at all. */
  private async access(meetingId: string, caller: MeetingCaller): Promise<Access> {
    const { db } = this.deps;
    const meeting = await this.mustGet(meetingId);
    const tree = await loadOrgTree(db);
    const role = await db.meetings.memberRole(meetingId, caller.id);
    const organiser = can(
      caller.actor,
      'organise_meetings',
      { kind: 'org', orgId: meeting.orgId },
      tree.parents,
    );
    if (role === null && !organiser) throw meetingError(MeetingErrorCode.meetingNotFound);
    return { meeting, role, organiser, tree };
  }

  /** Access for a setup change: organisers and facilitators, not once ended. */
  private async setupAccess(meetingId: string, caller: MeetingCaller): Promise<Access> {
    const access = await this.access(meetingId, caller);
    if (!access.organiser && access.role !== 'facilitator') throw forbidden();
    if (access.meeting.status === 'ended') throw meetingError(MeetingErrorCode.meetingEnded);
    return access;
  }

  /** Access for decisions: facilitators and secretaries, once the meeting has started. */
  private async minuteAccess(meetingId: string, caller: MeetingCaller): Promise<Access> {
    const access = await this.access(meetingId, caller);
    if (access.role === null || !MINUTES_ROLES.has(access.role)) throw forbidden();
    if (access.meeting.status === 'scheduled') throw meetingError(MeetingErrorCode.meetingNotLive);
    return access;
  }

  /** The live meeting a facilitator controls; refuses members of other roles and meetings not live. */
  private async facilitating(caller: LiveCaller, meetingId: string): Promise<MeetingRow> {
    const role = await this.memberRole(meetingId, caller.id);
    if (role !== 'facilitator') throw meetingError(MeetingErrorCode.notFacilitator);
    return this.requireLive(meetingId);
  }

  private async requireLive(meetingId: string): Promise<MeetingRow> {
    const meeting = await this.mustGet(meetingId);
    if (meeting.status !== 'live') throw meetingError(MeetingErrorCode.meetingNotLive);
    return meeting;
  }

  private async agendaItem(meetingId: string, itemId: string): Promise<AgendaItemRow> {
    const item = (await this.deps.db.meetings.agenda(meetingId)).find((row) => row.id === itemId);
    if (!item) throw meetingError(MeetingErrorCode.itemNotFound);
    return item;
  }

  /**
   * Validates members: accounts exist, someone facilitates, and each belongs to the organisation, an
   * ancestor or a descendant of it (an invited county director at a city symposium).
   */
  private async checkMembers(
    meetingId: string,
    orgId: string,
    input: readonly MeetingMemberInput[],
    tree: OrgTree,
  ): Promise<MeetingMemberRow[]> {
    const { db } = this.deps;
    if (!input.some((member) => member.role === 'facilitator'))
      throw meetingError(MeetingErrorCode.facilitatorRequired);
    const ids = input.map((member) => member.userId);
    const users = new Set((await db.users.getMany(ids)).map((user) => user.id));
    const missing = ids.find((id) => !users.has(id));
    if (missing !== undefined) throw meetingError(MeetingErrorCode.userNotFound, missing);
    const related = new Set(relatedOrgIds(tree, orgId));
    const invitable = new Set(
      (await db.users.membershipsIn([...related])).filter((m) => users.has(m.userId)).map((m) => m.userId),
    );
    const outsider = ids.find((id) => !invitable.has(id));
    if (outsider !== undefined) throw meetingError(MeetingErrorCode.userNotFound, outsider);
    return input.map((member) => ({ meetingId, userId: member.userId, role: member.role }));
  }

  /**
   * Builds agenda rows: plans exist, topics exist in their plan's projection (title snapshotted), ids kept
   * when they are this meeting's items (with their timers) and generated otherwise.
   */
  private async buildAgenda(
    meetingId: string,
    input: readonly AgendaItemInput[],
    existing: readonly AgendaItemRow[],
  ): Promise<AgendaItemRow[]> {
    const { db } = this.deps;
    const known = new Map(existing.map((item) => [item.id, item]));
    const planIds = [...new Set(input.flatMap((item) => (item.kind === 'other' ? [] : [item.planId])))];
    const plans = new Map<string, PlanRow>();
    for (const planId of planIds) {
      const plan = await db.plans.get(planId);
      if (!plan) throw meetingError(MeetingErrorCode.itemNotFound, planId);
      plans.set(planId, plan);
    }
    const topics = new Map(
      (await db.projection.topicSummaries(planIds))
        .filter((topic) => !topic.archived)
        .map((topic) => [`${topic.planId}/${topic.topicId}`, topic.title]),
    );
    const used = new Set<string>();
    return input.map((item, position) => {
      const previous = item.id !== undefined && !used.has(item.id) ? known.get(item.id) : undefined;
      const id = previous?.id ?? randomId('item');
      used.add(id);
      const timer = previous?.timer ?? idleTimer(DEFAULT_ITEM_TIMER_MS);
      const base = { id, meetingId, position, timer };
      if (item.kind === 'other')
        return {
          ...base,
          kind: 'other',
          planId: null,
          topicId: null,
          title: item.title,
        } satisfies AgendaItemRow;
      if (item.kind === 'plan') {
        const plan = plans.get(item.planId) as PlanRow;
        return {
          ...base,
          kind: 'plan',
          planId: plan.id,
          topicId: null,
          title: item.title ?? plan.title,
        } satisfies AgendaItemRow;
      }
      const title = topics.get(`${item.planId}/${item.topicId}`);
      if (title === undefined) throw meetingError(MeetingErrorCode.itemNotFound, item.topicId);
      return {
        ...base,
        kind: 'topic',
        planId: item.planId,
        topicId: item.topicId,
        title,
      } satisfies AgendaItemRow;
    });
  }

  /**
   * Every member, and the organiser setting it up, must be able to read every agenda plan: a plan is
   * never shown to someone who may not see it. Refuses naming the first member and plan that fail.
   */
  private async checkReadable(
    agenda: readonly AgendaItemRow[],
    members: readonly MeetingMemberRow[],
    caller: MeetingCaller,
    tree: OrgTree,
  ): Promise<void> {
    const { db } = this.deps;
    const planIds = [...new Set(agenda.flatMap((item) => (item.planId === null ? [] : [item.planId])))];
    if (planIds.length === 0) return;
    const plans = (await Promise.all(planIds.map((id) => db.plans.get(id)))).filter((plan) => plan !== null);
    const userIds = members.map((member) => member.userId);
    const memberships = await db.users.membershipsIn(tree.orgs.map((org) => org.id));
    const actors: NonNullable<Actor>[] = [
      caller.actor,
      ...userIds.filter((id) => id !== caller.id).map((id) => actorOf(id, memberships)),
    ];
    for (const actor of actors)
      for (const plan of plans)
        if (!can(actor, 'read', { kind: 'plan', orgId: plan.orgId, status: plan.status }, tree.parents)) {
          const user = await db.users.get(actor.userId);
          throw meetingError(
            MeetingErrorCode.planNotReadable,
            `${user?.displayName ?? actor.userId}（${plan.title}）`,
          );
        }
  }

  private summary(meeting: MeetingRow, role: MeetingRole | null, tree: OrgTree): MeetingSummary {
    return {
      id: meeting.id,
      orgId: meeting.orgId,
      orgName: tree.byId.get(meeting.orgId)?.name ?? '',
      kind: meeting.kind,
      title: meeting.title,
      startsAt: iso(meeting.startsAt),
      status: meeting.status,
      myRole: role,
    };
  }

  /** Agenda items with current titles; an item whose plan the caller may not read shows only a placeholder. */
  private async agendaView(
    rows: readonly AgendaItemRow[],
    actor: Actor,
    tree: OrgTree,
  ): Promise<AgendaItem[]> {
    const { db } = this.deps;
    const planIds = [...new Set(rows.flatMap((row) => (row.planId === null ? [] : [row.planId])))];
    const plans = new Map<string, PlanRow>();
    for (const planId of planIds) {
      const plan = await db.plans.get(planId);
      if (plan) plans.set(planId, plan);
    }
    const titles = new Map(
      (await db.projection.topicSummaries(planIds)).map((topic) => [
        `${topic.planId}/${topic.topicId}`,
        topic.title,
      ]),
    );
    return rows.map((row) => {
      const plan = row.planId === null ? undefined : plans.get(row.planId);
      const readable =
        row.kind === 'other' ||
        (plan !== undefined &&
          can(actor, 'read', { kind: 'plan', orgId: plan.orgId, status: plan.status }, tree.parents));
      const title = !readable
        ? UNREADABLE_TITLE
        : row.kind === 'topic'
          ? (titles.get(`${row.planId}/${row.topicId}`) ?? row.title)
          : row.title;
      return {
        id: row.id,
        position: row.position,
        kind: row.kind,
        planId: row.planId,
        topicId: row.topicId,
        title,
        orgName: readable && plan ? (tree.byId.get(plan.orgId)?.name ?? null) : null,
        readable,
        timer: row.timer,
      };
    });
  }

  private async membersView(
    orgId: string,
    rows: readonly MeetingMemberRow[],
    tree: OrgTree,
  ): Promise<MeetingMember[]> {
    const { db } = this.deps;
    const users = new Map(
      (await db.users.getMany(rows.map((row) => row.userId))).map((user) => [user.id, user]),
    );
    const memberships = await db.users.membershipsIn(relatedOrgIds(tree, orgId));
    return rows.map((row) => ({
      userId: row.userId,
      displayName: users.get(row.userId)?.displayName ?? row.userId,
      orgNames: memberships
        .filter((membership) => membership.userId === row.userId)
        .map((membership) => tree.byId.get(membership.orgId)?.name ?? membership.orgId),
      role: row.role,
    }));
  }

  /** A vote as everyone sees it: the count while open; the result once closed; who chose what only for a named vote. */
  private async voteView(row: VoteRow): Promise<MeetingVote> {
    const { db } = this.deps;
    const ballotRows = await db.meetings.ballots(row.id);
    const closed = row.status === 'closed';
    let ballots: MeetingVote['ballots'] = null;
    if (closed && !row.spec.anonymous) {
      const names = new Map(
        (await db.users.getMany(ballotRows.map((b) => b.userId))).map((u) => [u.id, u.displayName]),
      );
      ballots = ballotRows.flatMap((b) =>
        b.ballot === null
          ? []
          : [{ userId: b.userId, displayName: names.get(b.userId) ?? b.userId, ballot: b.ballot }],
      );
    }
    return {
      id: row.id,
      spec: row.spec,
      status: row.status,
      ballotCount: ballotRows.length,
      eligibleCount: row.eligibleCount,
      openedAt: iso(row.openedAt),
      closedAt: row.closedAt ? iso(row.closedAt) : null,
      result: closed ? voteResult(row.spec, await db.meetings.tally(row.id)) : null,
      ballots,
    };
  }

  private async handsView(meetingId: string): Promise<RaisedHand[]> {
    const { db } = this.deps;
    const rows = await db.meetings.hands(meetingId);
    const names = new Map(
      (await db.users.getMany(rows.map((row) => row.userId))).map((u) => [u.id, u.displayName]),
    );
    return rows.map((row) => ({
      userId: row.userId,
      displayName: names.get(row.userId) ?? row.userId,
      raisedAt: iso(row.raisedAt),
    }));
  }

  /** Closes a vote, stops its pending count and announces the result; null when it was no longer open. */
  private async closeVoteNow(vote: VoteRow, at: Date, caller: LiveCaller): Promise<MeetingVote | null> {
    const closed = await this.deps.db.meetings.closeVote(vote.id, at);
    if (!closed) return null;
    const pending = this.counts.get(vote.id);
    if (pending?.timer) clearTimeout(pending.timer);
    this.counts.delete(vote.id);
    const view = await this.voteView(closed);
    const meeting = await this.mustGet(vote.meetingId);
    await this.audit(caller, meeting, {
      action: 'vote_closed',
      voteId: vote.id,
      ballotCount: view.ballotCount,
      result: view.result,
    });
    this.room(vote.meetingId).emit('meeting:vote', { meetingId: vote.meetingId, vote: view });
    return view;
  }

  /** Announces an open vote's ballot count, at most once per BALLOT_COUNT_INTERVAL_MS. */
  private scheduleCount(meetingId: string, voteId: string): void {
    const state = this.counts.get(voteId) ?? { timer: null, last: 0 };
    this.counts.set(voteId, state);
    if (state.timer) return;
    const wait = Math.max(0, state.last + BALLOT_COUNT_INTERVAL_MS - Date.now());
    state.timer = setTimeout(() => {
      state.timer = null;
      state.last = Date.now();
      void (async () => {
        const vote = await this.deps.db.meetings.getVote(voteId);
        // A vote closed meanwhile was announced with its result; a stale count must not follow it.
        if (vote?.status !== 'open' || !this.counts.has(voteId)) return;
        this.room(meetingId).emit('meeting:vote', { meetingId, vote: await this.voteView(vote) });
      })().catch((error: unknown) =>
        this.deps.logger.error('failed to announce a ballot count', {
          meetingId,
          voteId,
          ...errorFields(error),
        }),
      );
    }, wait);
  }

  private async announceHands(meetingId: string): Promise<void> {
    this.room(meetingId).emit('meeting:hands', { meetingId, hands: await this.handsView(meetingId) });
  }

  private announceChanged(meetingId: string): void {
    this.room(meetingId).emit('meeting:changed', { meetingId });
  }

  private room(meetingId: string) {
    return this.deps.io.of(BOARD_NAMESPACE).to(meetingRoom(meetingId));
  }

  private async audit(
    caller: LiveCaller,
    meeting: MeetingRow,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.deps.audit.record({
      kind: 'meeting',
      actorId: caller.id,
      target: `meeting:${meeting.id}`,
      orgId: meeting.orgId,
      ip: caller.ip,
      detail: { meetingId: meeting.id, ...detail },
    });
  }
}

/** The organisation, its ancestors (nearest first) and its descendants: whose members a meeting may invite. */
export function relatedOrgIds(tree: OrgTree, orgId: string): string[] {
  return [...new Set([orgId, ...ancestorsOf(tree.parents, orgId), ...subtreeOf(tree, orgId)])];
}

function actorOf(userId: string, memberships: readonly MembershipRow[]): NonNullable<Actor> {
  return {
    userId,
    memberships: memberships.filter((m) => m.userId === userId).map(({ orgId, role }) => ({ orgId, role })),
  };
}

function toDecision(row: {
  id: string;
  itemId: string;
  kind: MeetingDecision['kind'];
  assignee: string | null;
  note: string;
  recordedBy: string;
  recordedAt: Date;
}): MeetingDecision {
  return {
    id: row.id,
    itemId: row.itemId,
    kind: row.kind,
    assignee: row.assignee,
    note: row.note,
    recordedBy: row.recordedBy,
    recordedAt: iso(row.recordedAt),
  };
}
