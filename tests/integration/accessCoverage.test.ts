import { beforeAll, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { hashPassword } from '@yipan/server';
import { BoardErrorCode, ErrorCode, MeetingErrorCode } from '@yipan/protocol';
import { eventAccess, routeAccess, type ProbeIds } from '../support/accessTable';
import { connectBoardSocket, type BoardSocket } from '../support/boardSocket';
import { describeEachDialect } from '../support/dialects';
import { registeredRoutes } from '../support/registeredRoutes';
import { signIn, TEST_PASSWORD, type SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';

/*
 * Issue 10's authorization regression: every route Express has registered and every event the `/board`
 * namespace listens to must be in the access table (tests/support/accessTable.ts), so a new endpoint cannot
 * ship without someone deciding who may call it. Both lists are read from the running server, not written
 * by hand. Then each entry is probed: signed out (401 unless public) and as the administrator of an
 * unrelated city, with the ids of an unpublished demo plan, its organisation and a demo meeting (refused
 * unless the route only answers about the caller).
 */

/** Events socket.io itself emits on a server-side socket; everything else was registered by Yipan. */
const RESERVED_EVENTS = new Set(['disconnect', 'disconnecting', 'error', 'newListener', 'removeListener']);

/** Rules under which an unrelated city's administrator is answered (about themselves) rather than refused. */
const ANSWERED_ABOUT_CALLER = new Set(['anyone', 'metrics', 'session', 'manager']);

const OUTSIDER_ORG = 'coverage-city';
/**
 * What of the demo city an outsider must not be told about themselves: its people, and 示范区 (county-2),
 * whose plan is not published. Organisations with published plans (示范市, 示范县) are readable by design.
 */
const UNPUBLISHED_CITY_NAMES = /示范区|county-2|city\.(?:admin|editor|viewer|deputy)|user-city-/;
const OUTSIDER = { id: 'user-coverage-admin', username: 'coverage.admin', displayName: '另一市管理员' };

describeEachDialect('every route and event is in the access table', (dialect) => {
  const { running } = useTestServer(dialect);
  let ids: ProbeIds;
  let outsider: SignedIn;
  let outsiderBoard: BoardSocket;

  beforeAll(async () => {
    const { db } = running().server;
    await db.orgs.insert({
      id: OUTSIDER_ORG,
      name: '另一市',
      level: 'city',
      parentId: null,
      sortOrder: 99,
      committees: [],
      supervisedBodies: ['gov'],
      reportingUnits: [],
    });
    await db.users.insert({ ...OUTSIDER, passwordHash: await hashPassword(TEST_PASSWORD) });
    await db.users.addMembership({ userId: OUTSIDER.id, orgId: OUTSIDER_ORG, role: 'admin' });
    outsider = await signIn(running().baseUrl, OUTSIDER.username);
    const board = await connectBoardSocket(running().baseUrl, { token: await outsider.syncToken() });
    if (!board.ok) throw new Error(`board refused the outsider: ${board.code}`);
    outsiderBoard = board.socket;

    const cityEditor = await signIn(running().baseUrl, 'city.editor');
    const [meeting] = await db.meetings.listFor('user-city-admin', ['city']);
    if (!meeting) throw new Error('the demo has no city meeting');
    const [item] = await db.meetings.agenda(meeting.id);
    // 示范区's plan is approved but not published: no one outside the city's tree may read it.
    ids = {
      planId: 'county-2-2021',
      orgId: 'county-2',
      topicId: 'topic-probe',
      meetingId: meeting.id,
      agendaItemId: item?.id ?? 'item-none',
      userId: cityEditor.me.user.id,
      sessionId: cityEditor.me.sessionId,
    };
  });

  /** A route's path with the probe's ids in place of its parameters. */
  function concretePath(path: string): string {
    const values: Record<string, string> = {
      ...ids,
      method: 'special_report',
      versionId: 'version-probe',
      adjustmentId: 'adjustment-probe',
      proposalId: 'proposal-probe',
      decisionId: 'decision-probe',
    };
    return path.replace(/:(\w+)/g, (_match, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`no probe value for :${name} in ${path}`);
      return encodeURIComponent(value);
    });
  }

  it('lists every registered route and every board event, and nothing else', () => {
    const routes = registeredRoutes(running().server.app).map((route) => `${route.method} ${route.path}`);
    expect(routes.length, 'routes found by walking the router').toBeGreaterThan(50);
    expect(new Set(routes).size, 'no route registered twice').toBe(routes.length);
    const table = Object.keys(routeAccess(ids));
    expect(
      routes.filter((route) => !table.includes(route)),
      'routes missing from tests/support/accessTable.ts',
    ).toEqual([]);
    expect(
      table.filter((route) => !routes.includes(route)),
      'table entries no route answers',
    ).toEqual([]);

    // The events a real, connected socket listens to, as registered by attachBoard and attachMeetingEvents.
    const { io } = running().server;
    const socket = [...io.of('/board').sockets.values()].find((s) => s.data.userId === OUTSIDER.id);
    if (!socket) throw new Error('the outsider has no board socket on the server');
    const events = socket
      .eventNames()
      .map(String)
      .filter((name) => !RESERVED_EVENTS.has(name));
    expect(events.length, 'events found on a connected socket').toBeGreaterThan(5);
    expect(events.sort(), 'board events vs tests/support/accessTable.ts').toEqual(
      Object.keys(eventAccess(ids)).sort(),
    );
  });

  it('signed out: every route but the public ones answers 401', async () => {
    const answers: Record<string, number | 'public'> = {};
    const wanted: Record<string, number | 'public'> = {};
    for (const [route, entry] of Object.entries(routeAccess(ids))) {
      if (entry.rule === 'metrics') continue;
      const [method = 'GET', path = ''] = route.split(' ');
      const response = await fetch(`${running().baseUrl}${concretePath(path)}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : JSON.stringify(entry.body ?? {}),
      });
      await response.arrayBuffer();
      // A public route answers with whatever fits the request, but never asks for a session.
      const publicRoute = entry.rule === 'anyone';
      answers[route] = publicRoute && response.status !== 401 ? 'public' : response.status;
      wanted[route] = publicRoute ? 'public' : 401;
    }
    expect(answers).toEqual(wanted);
  });

  it("an unrelated city's administrator is refused every route about the demo city", async () => {
    const refused = new Set([403, 404]);
    const answers: Record<string, number | 'refused'> = {};
    const wanted: Record<string, 'refused'> = {};
    for (const [route, entry] of Object.entries(routeAccess(ids))) {
      if (ANSWERED_ABOUT_CALLER.has(entry.rule)) continue;
      const [method = 'GET', path = ''] = route.split(' ');
      const response = await outsider.fetch(concretePath(path), {
        method,
        body: method === 'GET' ? undefined : JSON.stringify(entry.body ?? {}),
      });
      const body = await response.text();
      answers[route] = refused.has(response.status) ? 'refused' : response.status;
      wanted[route] = 'refused';
      if (refused.has(response.status)) expect(body, route).toMatch(/"code"|<html|<!doctype/i);
    }
    expect(answers, 'refusals (403 or 404) of the outsider').toEqual(wanted);
  });

  it("what answers an unrelated city's administrator about themselves names no one and nothing unpublished of the demo city", async () => {
    const leaks: Record<string, number | 'clean'> = {};
    const wanted: Record<string, 'clean'> = {};
    for (const [route, entry] of Object.entries(routeAccess(ids))) {
      const [method, path = ''] = route.split(' ');
      if (method !== 'GET' || (entry.rule !== 'session' && entry.rule !== 'manager')) continue;
      const response = await outsider.fetch(concretePath(path));
      const body = await response.text();
      leaks[route] =
        response.status === 200 && !UNPUBLISHED_CITY_NAMES.test(body) ? 'clean' : response.status;
      wanted[route] = 'clean';
    }
    expect(leaks).toEqual(wanted);
  });

  it("an unrelated city's administrator is refused every board event about the demo city", async () => {
    const refusals = new Set<string>([
      BoardErrorCode.forbidden,
      BoardErrorCode.notFound,
      MeetingErrorCode.notAMember,
      MeetingErrorCode.meetingNotFound,
      ErrorCode.forbidden,
    ]);
    const answers: Record<string, unknown> = {};
    const wanted: Record<string, unknown> = {};
    for (const [event, entry] of Object.entries(eventAccess(ids))) {
      if (ANSWERED_ABOUT_CALLER.has(entry.rule)) continue;
      // Untyped: the table's payloads are data, and the point is to send every event by its name.
      const untyped = outsiderBoard as unknown as Socket;
      const ack = (await untyped.timeout(10_000).emitWithAck(event, entry.body)) as {
        ok: boolean;
        code?: string;
      };
      answers[event] = ack.ok === false && refusals.has(ack.code ?? '') ? 'refused' : ack;
      wanted[event] = 'refused';
    }
    expect(answers).toEqual(wanted);
  });
});
