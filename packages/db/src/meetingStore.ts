import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { Ballot, DecisionKind, MeetingKind, MeetingRole, MeetingStatus, VoteSpec } from '@yipan/domain';
import type { z } from 'zod';
import type { Db, Driver } from './driver';
import { atomically, type Statement } from './projectionStore';
import type {
  AgendaItemRow,
  BallotRow,
  DecisionRow,
  MeetingMemberRow,
  MeetingRow,
  MeetingStore,
  VoteRow,
} from './types';

/** A JSON column read with its domain schema; null when it is missing, not JSON or not valid. */
function parseJson<T>(schema: z.ZodType<T>, text: string | null): T | null {
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** An enum column: its value when valid, else the fallback (a hand-edited row must not crash a list). */
function parseEnum<T>(schema: z.ZodType<T>, value: string, fallback: T): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

const AGENDA_KINDS: ReadonlySet<string> = new Set(['topic', 'plan', 'other']);

/** At run time the SQLite driver's builders are better-sqlite3 ones (see Driver's shim). */
type SyncQuery = { all(): unknown[]; run(): unknown };
type SyncDb = { transaction<T>(run: (tx: Db) => T): T };
const sync = (query: unknown) => query as SyncQuery;

/** Meetings and their live state, written once for both dialects like createStores. */
export function createMeetingStore(driver: Driver): MeetingStore {
  const { db, tables } = driver;
  const {
    meetings,
    meetingMembers,
    meetingAgendaItems,
    meetingHands,
    meetingVotes,
    meetingBallots,
    meetingVoteTallies,
    meetingDecisions,
  } = tables;

  const toMeeting = (record: typeof meetings.$inferSelect): MeetingRow => ({
    ...record,
    kind: parseEnum(MeetingKind, record.kind, 'other'),
    status: parseEnum(MeetingStatus, record.status, 'scheduled'),
  });
  // An unknown role reads as the one with the fewest rights.
  const toMember = (record: typeof meetingMembers.$inferSelect): MeetingMemberRow => ({
    ...record,
    role: parseEnum(MeetingRole, record.role, 'observer'),
  });
  const agendaRecord = (item: AgendaItemRow, meetingId: string) => ({
    id: item.id,
    meetingId,
    position: item.position,
    kind: item.kind,
    planId: item.planId,
    topicId: item.topicId,
    title: item.title,
    timerDurationMs: item.timer.durationMs,
    timerElapsedMs: item.timer.elapsedMs,
    timerRunningSince: item.timer.runningSince === null ? null : new Date(item.timer.runningSince),
  });
  const toAgendaItem = (record: typeof meetingAgendaItems.$inferSelect): AgendaItemRow => ({
    id: record.id,
    meetingId: record.meetingId,
    position: record.position,
    kind: AGENDA_KINDS.has(record.kind) ? (record.kind as AgendaItemRow['kind']) : 'other',
    planId: record.planId,
    topicId: record.topicId,
    title: record.title,
    timer: {
      durationMs: record.timerDurationMs,
      elapsedMs: record.timerElapsedMs,
      runningSince: record.timerRunningSince === null ? null : record.timerRunningSince.getTime(),
    },
  });
  /** A vote whose spec no longer parses is left out (null): nothing could show or tally it. */
  const toVote = (record: typeof meetingVotes.$inferSelect): VoteRow | null => {
    const spec = parseJson(VoteSpec, record.spec);
    if (spec === null) return null;
    return { ...record, spec, status: record.status === 'open' ? 'open' : 'closed' };
  };
  const toBallot = (record: typeof meetingBallots.$inferSelect): BallotRow => ({
    voteId: record.voteId,
    userId: record.userId,
    ballot: parseJson(Ballot, record.ballot),
  });
  const toDecision = (record: typeof meetingDecisions.$inferSelect): DecisionRow => ({
    ...record,
    kind: parseEnum(DecisionKind, record.kind, 'noted'),
  });
  const memberRecords = (meetingId: string, members: readonly MeetingMemberRow[]) =>
    members.map((member) => ({ meetingId, userId: member.userId, role: member.role }));

  const memberStatements = (meetingId: string, members: readonly MeetingMemberRow[]): Statement[] =>
    members.length === 0
      ? []
      : [(tx: Db) => tx.insert(meetingMembers).values(memberRecords(meetingId, members))];
  const agendaStatements = (meetingId: string, items: readonly AgendaItemRow[]): Statement[] =>
    items.length === 0
      ? []
      : [
          (tx: Db) =>
            tx.insert(meetingAgendaItems).values(items.map((item) => agendaRecord(item, meetingId))),
        ];

  const tallyRecords = (voteId: string, increments: Readonly<Record<string, number>>) =>
    Object.entries(increments)
      .filter(([, count]) => count > 0)
      .map(([optionKey, count]) => ({ voteId, optionKey, count }));
  const ballotRecord = (row: BallotRow) => ({
    voteId: row.voteId,
    userId: row.userId,
    ballot: row.ballot === null ? null : JSON.stringify(row.ballot),
  });
  // `excluded.count` is the increment just offered: count = count + n, atomically per row.
  const addTallies = (tx: Db, records: ReturnType<typeof tallyRecords>) =>
    tx
      .insert(meetingVoteTallies)
      .values(records)
      .onConflictDoUpdate({
        target: [meetingVoteTallies.voteId, meetingVoteTallies.optionKey],
        set: { count: sql`${meetingVoteTallies.count} + excluded.count` },
      });
  const insertBallot = (tx: Db, row: BallotRow) =>
    tx
      .insert(meetingBallots)
      .values(ballotRecord(row))
      .onConflictDoNothing()
      .returning({ userId: meetingBallots.userId });

  return {
    async insert(meeting, agenda, members) {
      await atomically(driver, [
        (tx) =>
          tx.insert(meetings).values({ ...meeting, status: 'scheduled', focusItemId: null, focusSeq: 0 }),
        ...agendaStatements(meeting.id, agenda),
        ...memberStatements(meeting.id, members),
      ]);
    },

    async get(id) {
      const [record] = await db.select().from(meetings).where(eq(meetings.id, id));
      return record ? toMeeting(record) : null;
    },

    async listFor(userId, orgIds) {
      const scopes: SQL[] = [
        inArray(
          meetings.id,
          db
            .select({ id: meetingMembers.meetingId })
            .from(meetingMembers)
            .where(eq(meetingMembers.userId, userId)),
        ),
      ];
      if (orgIds.length > 0) scopes.push(inArray(meetings.orgId, [...orgIds]));
      const records = await db
        .select()
        .from(meetings)
        .where(or(...scopes))
        .orderBy(desc(meetings.startsAt), asc(meetings.id));
      return records.map(toMeeting);
    },

    async update(id, patch) {
      const set = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      if (Object.keys(set).length === 0) {
        const [record] = await db.select().from(meetings).where(eq(meetings.id, id));
        return record ? toMeeting(record) : null;
      }
      const [record] = await db.update(meetings).set(set).where(eq(meetings.id, id)).returning();
      return record ? toMeeting(record) : null;
    },

    async transition(id, from, patch) {
      const [record] = await db
        .update(meetings)
        .set(patch)
        .where(and(eq(meetings.id, id), eq(meetings.status, from)))
        .returning();
      return record ? toMeeting(record) : null;
    },

    async setFocus(id, itemId) {
      const [record] = await db
        .update(meetings)
        .set({ focusItemId: itemId, focusSeq: sql`${meetings.focusSeq} + 1` })
        .where(eq(meetings.id, id))
        .returning({ focusSeq: meetings.focusSeq });
      if (!record) throw new Error(`setFocus: no meeting ${id}`);
      return record.focusSeq;
    },

    async members(meetingId) {
      const records = await db
        .select()
        .from(meetingMembers)
        .where(eq(meetingMembers.meetingId, meetingId))
        .orderBy(asc(meetingMembers.userId));
      return records.map(toMember);
    },

    async memberRole(meetingId, userId) {
      const [record] = await db
        .select()
        .from(meetingMembers)
        .where(and(eq(meetingMembers.meetingId, meetingId), eq(meetingMembers.userId, userId)));
      return record ? toMember(record).role : null;
    },

    async replaceMembers(meetingId, members) {
      await atomically(driver, [
        (tx) => tx.delete(meetingMembers).where(eq(meetingMembers.meetingId, meetingId)),
        ...memberStatements(meetingId, members),
      ]);
    },

    async agenda(meetingId) {
      const records = await db
        .select()
        .from(meetingAgendaItems)
        .where(eq(meetingAgendaItems.meetingId, meetingId))
        .orderBy(asc(meetingAgendaItems.position), asc(meetingAgendaItems.id));
      return records.map(toAgendaItem);
    },

    async replaceAgenda(meetingId, items) {
      await atomically(driver, [
        (tx) => tx.delete(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, meetingId)),
        ...agendaStatements(meetingId, items),
      ]);
    },

    async agendaItemsOfPlan(planId) {
      const records = await db
        .select()
        .from(meetingAgendaItems)
        .where(eq(meetingAgendaItems.planId, planId))
        .orderBy(asc(meetingAgendaItems.meetingId), asc(meetingAgendaItems.position));
      return records.map(toAgendaItem);
    },

    async setTimer(itemId, timer) {
      await db
        .update(meetingAgendaItems)
        .set({
          timerDurationMs: timer.durationMs,
          timerElapsedMs: timer.elapsedMs,
          timerRunningSince: timer.runningSince === null ? null : new Date(timer.runningSince),
        })
        .where(eq(meetingAgendaItems.id, itemId));
    },

    async hands(meetingId) {
      return db
        .select()
        .from(meetingHands)
        .where(eq(meetingHands.meetingId, meetingId))
        .orderBy(asc(meetingHands.raisedAt), asc(meetingHands.userId));
    },

    async raiseHand(row) {
      const inserted = await db
        .insert(meetingHands)
        .values(row)
        .onConflictDoNothing()
        .returning({ userId: meetingHands.userId });
      return inserted.length > 0;
    },

    async lowerHands(meetingId, userId) {
      const lowered = await db
        .delete(meetingHands)
        .where(
          and(
            eq(meetingHands.meetingId, meetingId),
            userId === undefined ? undefined : eq(meetingHands.userId, userId),
          ),
        )
        .returning({ userId: meetingHands.userId });
      return lowered.length;
    },

    async votes(meetingId) {
      const records = await db
        .select()
        .from(meetingVotes)
        .where(eq(meetingVotes.meetingId, meetingId))
        .orderBy(asc(meetingVotes.openedAt), asc(meetingVotes.id));
      return records.map(toVote).filter((vote): vote is VoteRow => vote !== null);
    },

    async getVote(voteId) {
      const [record] = await db.select().from(meetingVotes).where(eq(meetingVotes.id, voteId));
      return record ? toVote(record) : null;
    },

    async insertVote(row) {
      const inserted = await db
        .insert(meetingVotes)
        .values({ ...row, spec: JSON.stringify(row.spec), status: 'open', closedAt: null })
        .onConflictDoNothing()
        .returning({ id: meetingVotes.id });
      return inserted.length > 0;
    },

    async closeVote(voteId, at) {
      // Conditional: only an open vote closes, so two closes never both succeed. On PostgreSQL the
      // update waits for ballots being cast (they hold the vote row FOR SHARE), so a tally read after
      // closing counts every ballot that was accepted.
      const [record] = await db
        .update(meetingVotes)
        .set({ status: 'closed', closedAt: at })
        .where(and(eq(meetingVotes.id, voteId), eq(meetingVotes.status, 'open')))
        .returning();
      return record ? toVote(record) : null;
    },

    async castBallot(row, increments) {
      const tallies = tallyRecords(row.voteId, increments);
      const voteStatus = (tx: Db) =>
        tx.select({ status: meetingVotes.status }).from(meetingVotes).where(eq(meetingVotes.id, row.voteId));
      if (driver.dialect === 'postgres') {
        return db.transaction(async (tx) => {
          // FOR SHARE: a concurrent close waits for this ballot, and a ballot after a close sees it closed.
          const [vote] = await voteStatus(tx).for('share');
          if (vote?.status !== 'open') return 'closed' as const;
          // A second ballot (even a concurrent one: it waits on the key) inserts nothing.
          const inserted = await insertBallot(tx, row);
          if (inserted.length === 0) return 'already_voted' as const;
          if (tallies.length > 0) await addTallies(tx, tallies);
          return 'cast' as const;
        });
      }
      // better-sqlite3 transactions are synchronous; the single connection serialises them.
      return (db as unknown as SyncDb).transaction((tx) => {
        const [vote] = sync(voteStatus(tx)).all() as { status: string }[];
        if (vote?.status !== 'open') return 'closed' as const;
        if (sync(insertBallot(tx, row)).all().length === 0) return 'already_voted' as const;
        if (tallies.length > 0) sync(addTallies(tx, tallies)).run();
        return 'cast' as const;
      });
    },

    async ballots(voteId) {
      const records = await db
        .select()
        .from(meetingBallots)
        .where(eq(meetingBallots.voteId, voteId))
        .orderBy(asc(meetingBallots.userId));
      return records.map(toBallot);
    },

    async ballotsOf(meetingId, userId) {
      const records = await db
        .select()
        .from(meetingBallots)
        .where(
          and(
            eq(meetingBallots.userId, userId),
            inArray(
              meetingBallots.voteId,
              db
                .select({ id: meetingVotes.id })
                .from(meetingVotes)
                .where(eq(meetingVotes.meetingId, meetingId)),
            ),
          ),
        )
        .orderBy(asc(meetingBallots.voteId));
      return records.map(toBallot);
    },

    async tally(voteId) {
      const records = await db
        .select({ optionKey: meetingVoteTallies.optionKey, count: meetingVoteTallies.count })
        .from(meetingVoteTallies)
        .where(eq(meetingVoteTallies.voteId, voteId));
      return Object.fromEntries(records.map((record) => [record.optionKey, Number(record.count)]));
    },

    async decisions(meetingId) {
      const records = await db
        .select()
        .from(meetingDecisions)
        .where(eq(meetingDecisions.meetingId, meetingId))
        .orderBy(asc(meetingDecisions.recordedAt), asc(meetingDecisions.id));
      return records.map(toDecision);
    },

    async decisionsOnItems(itemIds) {
      if (itemIds.length === 0) return [];
      const records = await db
        .select()
        .from(meetingDecisions)
        .where(inArray(meetingDecisions.itemId, [...itemIds]))
        .orderBy(asc(meetingDecisions.recordedAt), asc(meetingDecisions.id));
      return records.map(toDecision);
    },

    async insertDecision(row) {
      await db.insert(meetingDecisions).values(row);
    },

    async deleteDecision(meetingId, id) {
      const deleted = await db
        .delete(meetingDecisions)
        .where(and(eq(meetingDecisions.meetingId, meetingId), eq(meetingDecisions.id, id)))
        .returning({ id: meetingDecisions.id });
      return deleted.length > 0;
    },
  };
}
