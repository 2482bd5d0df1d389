import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { addTopic, planDocName } from '@yipan/domain';
import {
  CloseCode,
  CreatePlanResponse,
  ErrorBody,
  ErrorCode,
  IMPORT_FILE_MAX_BYTES,
  IMPORT_TEXT_MAX_CHARS,
  PlanImportErrorCode,
} from '@yipan/protocol';
import type WebSocket from 'ws';
import { describeEachDialect } from '../support/dialects';
import { bytes, frame, uint } from '../support/frames';
import { boardOf, connectSynced, type PlanClient } from '../support/connectClient';
import { connectBoardSocket, type BoardSocket } from '../support/boardSocket';
import { closeCodeForUrl, closeCodeOf, EMPTY_SYNC_STEP1, openRaw } from '../support/rawSocket';
import { blockEventLoop, startSteadySender } from '../support/steadySender';
import type { SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

/** Limits lowered so that each can be reached quickly; the production values are in DEFAULT_LIMITS. */
const LIMITS = {
  yjsMaxPayloadBytes: 512 * 1024,
  maxDocBytes: 256 * 1024,
  yjsConnectionRate: { burst: 60, perSecond: 30 },
  yjsUserRate: { burst: 100, perSecond: 20 },
  boardRefusalsBeforeDisconnect: 30,
};
const COUNTY = 'county-1';
/** How long a raw connection is watched to see that the server keeps it open. */
const REACTION_MS = 1_500;

/** How a WebSocket was closed: its code and reason. */
function closeOf(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

/** An awareness frame announcing one client whose state is `json`. */
function awarenessFrame(clientId: number, json: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarString(encoder, json);
  return frame(uint(1), bytes(encoding.toUint8Array(encoder)));
}

async function codeOf(response: Response): Promise<string> {
  return ErrorBody.parse(await response.json()).error.code;
}

/** Posts a file to the plan import as the web app does (multipart). */
async function postImport(client: SignedIn, planId: string, name: string, content: Uint8Array) {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(content)]), name);
  const encoded = new Request('http://localhost/', { method: 'POST', body: form });
  return client.fetch(`/api/plans/${planId}/import`, {
    method: 'POST',
    headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
    body: await encoded.arrayBuffer(),
  });
}

/**
 * A ZIP (so read as an .xlsx) whose one stored entry claims to unpack to 300 MB: a zip bomb as its
 * central directory describes it. The data itself is a few bytes; the claim is what must be refused.
 */
function forgedZipBomb(): Uint8Array {
  const name = Buffer.from('xl/sharedStrings.xml');
  const data = Buffer.from('<sst/>');
  const claimed = 300 * 1024 * 1024;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(claimed, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(claimed, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}

describeEachDialect('hard limits', (dialect) => {
  const { running, track } = useTestServer(dialect, { limits: LIMITS });
  let planId = '';
  let editor: SignedIn;
  let editorToken = '';

  /** A client of the test plan as the county editor. */
  const connect = async (): Promise<PlanClient> =>
    track(await connectSynced(running().syncUrl, planId, { token: editorToken }));
  const planUrl = (token = editorToken) =>
    `${running().syncUrl}/${planDocName(planId)}?token=${encodeURIComponent(token)}`;

  beforeAll(async () => {
    const admin = await running().signIn('county.admin');
    const created = await admin.fetch(`/api/orgs/${COUNTY}/plans`, {
      method: 'POST',
      body: JSON.stringify({ year: 2023 }),
    });
    expect(created.status).toBe(201);
    planId = CreatePlanResponse.parse(await created.json()).plan.id;
    editor = await running().signIn('county.editor');
    editorToken = await editor.syncToken();
  });

  describe('/yjs', () => {
    it('closes a connection sending an oversized frame with 1009, and only that one: others keep syncing', async () => {
      const alice = await connect();
      const bob = await connect();
      const attacker = await openRaw(planUrl());
      const closed = closeOf(attacker);
      attacker.send(new Uint8Array(LIMITS.yjsMaxPayloadBytes + 1));
      expect((await closed).code).toBe(1009);

      addTopic(alice.doc, { title: '超大帧之后的议题' });
      await waitFor('bob to receive alice’s topic', () => boardOf(bob) === boardOf(alice));
      expect(bob.topics().map((topic) => topic.title)).toContain('超大帧之后的议题');
      expect((await fetch(`${running().baseUrl}/api/health`)).status).toBe(200);
    });

    it('closes a connection that sends faster than its rate with 4429 rate_limited; others keep syncing', async () => {
      const alice = await connect();
      const bob = await connect();
      // Let the user's shared bucket refill after the clients' own handshakes.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const flooder = await openRaw(planUrl());
      const closed = closeOf(flooder);
      for (let i = 0; i < LIMITS.yjsConnectionRate.burst + 20; i++) flooder.send(EMPTY_SYNC_STEP1);
      expect(await closed).toEqual({ code: CloseCode.rateLimited, reason: 'rate_limited' });

      addTopic(alice.doc, { title: '限流之后的议题' });
      await waitFor('bob to receive alice’s topic', () => boardOf(bob) === boardOf(alice));
    });

    it('keeps a client sending under its rate while the server stalls: the backlog read at once is not a flood', async () => {
      // Under both the connection's 30 a second and the user's 20.
      const perSecond = 18;
      const sender = await startSteadySender(planUrl(), EMPTY_SYNC_STEP1, perSecond);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The server's event loop is this thread's: block it while the sender's messages queue in the socket.
      blockEventLoop(4_500);
      // Read at once: about 80 messages, over the connection's burst of 60.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const result = await sender.stop();
      expect(result.sent).toBeGreaterThan(LIMITS.yjsConnectionRate.burst + 10);
      expect(result.closeCode).toBeNull();
      // Each sync step 1 is answered with a step 2: nothing was refused. The last few may still be on the wire.
      expect(result.replies).toBeGreaterThanOrEqual(result.sent - perSecond);
    });

    it('limits a user’s connections together: each under its own rate, over the user’s, one is closed 4429', async () => {
      const sockets = await Promise.all([0, 1, 2].map(() => openRaw(planUrl())));
      const outcomes = sockets.map((socket) => closeCodeOf(socket, REACTION_MS * 2));
      // 3 × 45 = 135 messages: under 60 per connection, over the user's 100.
      for (let i = 0; i < 45; i++) for (const socket of sockets) socket.send(EMPTY_SYNC_STEP1);
      const codes = (await Promise.all(outcomes)).map((outcome) => outcome.code);
      for (const socket of sockets) socket.terminate();
      expect(codes).toContain(CloseCode.rateLimited);
    });

    it('refuses a user’s 51st connection with 4430 too_many_connections, and takes a new one once one closed', async () => {
      const { server } = running();
      await waitFor('earlier connections to be gone', () => server.stats.connections === 0);
      const url = running().docUrl(planDocName('county-1-2021'));
      const held = await Promise.all(Array.from({ length: 50 }, () => openRaw(url)));
      try {
        const refused = await openRaw(url);
        expect(await closeOf(refused)).toEqual({
          code: CloseCode.tooManyConnections,
          reason: 'too_many_connections',
        });
        held.pop()?.close();
        await waitFor('a connection to be accepted again', async () => {
          const socket = await openRaw(url);
          const outcome = await closeCodeOf(socket, 300);
          if (outcome.code === null) held.push(socket);
          return outcome.code === null;
        });
      } finally {
        for (const socket of held) socket.terminate();
      }
    });

    it('refuses an edit that would take the document past its size: the editor is told, the document is unchanged', async () => {
      const board = await connectBoardSocket(running().baseUrl, { token: editorToken });
      if (!board.ok) throw new Error(board.code);
      const refusals: unknown[] = [];
      board.socket.on('plan:refused', (payload) => refusals.push(payload));
      try {
        const alice = await connect();
        const bob = await connect();
        const before = boardOf(bob);
        const closed = closeOf(alice.provider.ws as unknown as WebSocket);
        alice.doc.transact(() => {
          // 60 topics × 5,000 characters of notes: about 300 KB, over the 256 KB limit in one paste.
          for (let i = 0; i < 60; i++)
            addTopic(alice.doc, { title: `粘贴的议题 ${i}`, notes: 'x'.repeat(5_000) });
        });
        expect(await closed).toEqual({ code: CloseCode.tooLarge, reason: 'document_too_large' });
        await waitFor('the board to hear the refusal', () => refusals.length > 0);
        expect(refusals[0]).toEqual({ planId, code: 'document_too_large' });
        alice.close();

        expect(boardOf(bob)).toBe(before);
        const fresh = await connect();
        expect(boardOf(fresh)).toBe(before);
        // A small edit still goes through: the document is not stuck.
        addTopic(bob.doc, { title: '小修改' });
        await waitFor('the small edit to reach a fresh client', () =>
          fresh.topics().some((topic) => topic.title === '小修改'),
        );
      } finally {
        board.socket.disconnect();
      }
    });

    it('closes a connection announcing an awareness state over 8 KB with 4413, and keeps one under it', async () => {
      const honest = await openRaw(planUrl());
      honest.send(awarenessFrame(1001, JSON.stringify({ user: { name: '张三' }, note: 'x'.repeat(7_000) })));
      const oversized = await openRaw(planUrl());
      const closed = closeOf(oversized);
      oversized.send(awarenessFrame(1002, JSON.stringify({ user: { name: 'y'.repeat(9_000) } })));
      expect(await closed).toEqual({ code: CloseCode.tooLarge, reason: 'awareness_too_large' });
      expect((await closeCodeOf(honest, REACTION_MS)).code).toBeNull();
      honest.terminate();
    });
  });

  describe('/board', () => {
    const boardSocket = async (): Promise<BoardSocket> => {
      const connected = await connectBoardSocket(running().baseUrl, { token: editorToken });
      if (!connected.ok) throw new Error(connected.code);
      return connected.socket;
    };

    it('disconnects a socket sending a message over 1 MB, and only that one', async () => {
      const attacker = await boardSocket();
      const other = await boardSocket();
      try {
        const disconnected = new Promise<string>((resolve) => attacker.once('disconnect', resolve));
        attacker.emit('plan:watch', { planId: 'x'.repeat(1024 * 1024 + 1) }, () => undefined);
        expect(await disconnected).toMatch(/transport/);
        const ack = await other.emitWithAck('plan:watch', { planId });
        expect(ack).toEqual({ ok: true });
      } finally {
        attacker.disconnect();
        other.disconnect();
      }
    });

    it('answers events over 20 a second with rate_limited, and disconnects a socket that keeps flooding', async () => {
      const flooder = await boardSocket();
      try {
        const acks: unknown[] = [];
        const disconnected = new Promise<string>((resolve) => flooder.once('disconnect', resolve));
        for (let i = 0; i < 100; i++) flooder.emit('plan:watch', { planId }, (ack) => acks.push(ack));
        expect(await disconnected).toBe('io server disconnect');
        // The first 20 were handled (their answers may come after the disconnect); then at least 30 refused.
        const refused = acks.filter((ack) => (ack as { code?: string }).code === 'rate_limited');
        expect(refused.length).toBeGreaterThanOrEqual(LIMITS.boardRefusalsBeforeDisconnect);
      } finally {
        flooder.disconnect();
      }
    });

    it('refuses a user’s 21st socket with too_many_connections, and takes one again after one closed', async () => {
      const held = await Promise.all(Array.from({ length: 20 }, () => boardSocket()));
      try {
        const refused = await connectBoardSocket(running().baseUrl, { token: editorToken });
        expect(refused).toEqual({ ok: false, code: ErrorCode.tooManyConnections });
        held.pop()?.disconnect();
        const again = await waitFor('a socket to be accepted again', async () => {
          const attempt = await connectBoardSocket(running().baseUrl, { token: editorToken });
          return attempt.ok ? attempt.socket : null;
        });
        held.push(again);
      } finally {
        for (const socket of held) socket.disconnect();
      }
    });
  });

  describe('REST', () => {
    it('answers a JSON body over 1 MB with 413 body_too_large and changes nothing', async () => {
      const admin = await running().signIn('county.admin');
      const response = await admin.fetch(`/api/admin/orgs/${COUNTY}`, {
        method: 'PATCH',
        body: JSON.stringify({ name: '改'.repeat(400_000) }),
      });
      expect(response.status).toBe(413);
      expect(await codeOf(response)).toBe(ErrorCode.bodyTooLarge);
      const org = await running().server.db.orgs.get(COUNTY);
      expect(org?.name).toBe('示范县');
    });

    it('answers an anonymous oversized body (the public proposal form) with 413', async () => {
      const response = await fetch(`${running().baseUrl}/api/public/plans/${planId}/proposals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: running().baseUrl },
        body: JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 1) }),
      });
      expect(response.status).toBe(413);
      expect(await codeOf(response)).toBe(ErrorCode.bodyTooLarge);
    });

    it('refuses an import file over 10 MB with 413 file_too_large, and imports nothing', async () => {
      const before = boardOf(await connect());
      const response = await postImport(
        editor,
        planId,
        'big.csv',
        new Uint8Array(IMPORT_FILE_MAX_BYTES + 1024).fill(0x41),
      );
      expect(response.status).toBe(413);
      expect(await codeOf(response)).toBe(PlanImportErrorCode.fileTooLarge);
      expect(boardOf(await connect())).toBe(before);
    });

    it('refuses a CSV that holds over 4 million characters with 413 spreadsheet_too_large', async () => {
      const before = boardOf(await connect());
      const row = `议题,${'x'.repeat(990)}\n`;
      const csv = row.repeat(Math.ceil(IMPORT_TEXT_MAX_CHARS / row.length) + 10);
      const response = await postImport(editor, planId, 'wide.csv', new TextEncoder().encode(csv));
      expect(response.status).toBe(413);
      const body = ErrorBody.parse(await response.json());
      expect(body.error.code).toBe(PlanImportErrorCode.spreadsheetTooLarge);
      expect(body.error.message).toMatch(/表格内容过多.*too much text/);
      expect(boardOf(await connect())).toBe(before);
    });

    it('refuses a workbook whose cells hold over 4 million characters with 413 spreadsheet_too_large', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('计划');
      sheet.addRow(['议题名称', '备注']);
      // 140 rows × 30,000 characters (a cell holds at most 32,767): 4.2 million, in a file of a few kilobytes.
      for (let i = 0; i < 140; i++) sheet.addRow([`议题 ${i}`, 'x'.repeat(30_000)]);
      const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
      expect(xlsx.byteLength).toBeLessThan(IMPORT_FILE_MAX_BYTES);
      const response = await postImport(editor, planId, 'wide.xlsx', xlsx);
      expect(response.status).toBe(413);
      expect(await codeOf(response)).toBe(PlanImportErrorCode.spreadsheetTooLarge);
    });

    it('refuses a workbook that says it unpacks to 300 MB with 413 spreadsheet_too_large, before unpacking it', async () => {
      const response = await postImport(editor, planId, 'bomb.xlsx', forgedZipBomb());
      expect(response.status).toBe(413);
      expect(await codeOf(response)).toBe(PlanImportErrorCode.spreadsheetTooLarge);
    });
  });
});

describeEachDialect('the unauthenticated upgrade timeout', (dialect) => {
  const { running } = useTestServer(dialect, {
    accessDelayMs: 2_000,
    limits: { unauthenticatedTimeoutMs: 200 },
  });

  it('closes an upgrade whose access check does not finish in time with 1013', async () => {
    const url = running().docUrl(planDocName('county-1-2021'));
    expect(await closeCodeForUrl(url)).toBe(CloseCode.tryAgainLater);
  });
});
