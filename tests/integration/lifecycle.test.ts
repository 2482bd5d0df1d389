import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  addTopic,
  applyStepTemplate,
  DEFAULT_STEP_TEMPLATES,
  readSteps,
  setStepState,
  updateTopic,
  type PlanStatus,
} from '@yipan/domain';
import {
  AdjustmentResponse,
  AdjustmentsResponse,
  CreateVersionResponse,
  DiffResponse,
  ErrorBody,
  LifecycleResponse,
  TransitionResponse,
  VersionResponse,
  VersionsResponse,
} from '@yipan/protocol';
import { connectBoardSocket, type BoardSocket } from '../support/boardSocket';
import { describeEachDialect } from '../support/dialects';
import type { SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';
import { sleep, waitFor } from '../support/waitFor';

/** An empty plan seeded in `soliciting`, walked from start to end. */
const WALKED = 'county-3-2021';
/** An empty plan of an organisation that skips party review. */
const NO_REVIEW = 'county-4-2021';
/** A plan seeded `approved`, with its approved version frozen at seeding. */
const APPROVED = 'county-2-2021';
const TOPIC = 'county-2-2021-old-estates';
const ADJUSTMENT = {
  reason: '根据区委要求调整老旧小区改造审议时间',
  decidedBy: 'council_of_chairs',
  meeting: '第十二次主任会议',
  decidedOn: '2021-05-20',
};

/** Posts JSON as a signed-in user and returns the status and parsed body. */
async function post(
  client: SignedIn,
  path: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await client.fetch(path, { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function get(client: SignedIn, path: string): Promise<{ status: number; body: unknown }> {
  const response = await client.fetch(path);
  return { status: response.status, body: (await response.json()) as unknown };
}

function codeOf(body: unknown): string {
  return ErrorBody.parse(body).error.code;
}

describeEachDialect('plan lifecycle', (dialect) => {
  const { running, connect } = useTestServer(dialect);
  let admin: SignedIn;
  let viewer: SignedIn;
  let editor: SignedIn;
  let watcher: BoardSocket;
  let editorBoard: BoardSocket;
  const statuses: { planId: string; status: PlanStatus }[] = [];
  const refusals: { planId: string; code: string }[] = [];
  const lifecycleChanges: string[] = [];

  beforeAll(async () => {
    admin = await running().signIn('city.admin');
    viewer = await running().signIn('city.viewer');
    editor = await running().signIn('city.editor');
    // The city's administrator also administers two counties without an office of their own in the demo.
    for (const orgId of ['county-3', 'county-4']) {
      const response = await admin.fetch(`/api/admin/orgs/${orgId}/members/${admin.me.user.id}`, {
        method: 'PUT',
        body: JSON.stringify({ role: 'admin' }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
    }
    const board = await connectBoardSocket(running().baseUrl, { token: await viewer.syncToken() });
    if (!board.ok) throw new Error(board.code);
    watcher = board.socket;
    watcher.on('plan:status', (payload) => statuses.push(payload));
    watcher.on('plan:lifecycle', ({ planId }) => lifecycleChanges.push(planId));
    expect(await watcher.emitWithAck('plan:watch', { planId: WALKED })).toEqual({ ok: true });
    const editorSocket = await connectBoardSocket(running().baseUrl, { token: running().token });
    if (!editorSocket.ok) throw new Error(editorSocket.code);
    editorBoard = editorSocket.socket;
    editorBoard.on('plan:refused', (payload) => refusals.push(payload));
  });
  afterAll(() => {
    watcher?.disconnect();
    editorBoard?.disconnect();
  });

  const move = (client: SignedIn, planId: string, to: PlanStatus, note?: string) =>
    post(client, `/api/plans/${planId}/transitions`, note === undefined ? { to } : { to, note });

  it('walks a plan from soliciting to archived, recording who, when and why, announced live', async () => {
    const client = await connect(WALKED);
    addTopic(client.doc, { title: '县法院执行工作', method: 'special_report', month: 6 });
    await client.drained();

    const path: PlanStatus[] = [
      'collating',
      'consulting_bodies',
      'party_review',
      'approved',
      'published',
      'executing',
      'year_review',
      'archived',
    ];
    const started = Date.now();
    let approvedVersion: string | null = null;
    for (const to of path) {
      if (to === 'approved') {
        // Neither a viewer nor an editor approves a plan.
        for (const someone of [viewer, editor]) {
          const refused = await move(someone, WALKED, 'approved', '审议通过');
          expect(refused.status).toBe(403);
          expect(codeOf(refused.body)).toBe('forbidden');
        }
      }
      const { status, body } = await move(admin, WALKED, to, `进入${to}`);
      expect(status, JSON.stringify(body)).toBe(200);
      const moved = TransitionResponse.parse(body);
      expect(moved.plan.status).toBe(to);
      expect(moved.transition).toMatchObject({ to, note: `进入${to}`, actor: { id: admin.me.user.id } });
      if (to === 'approved') {
        expect(moved.version).toMatchObject({ kind: 'approved', name: '2021年监督工作计划（审议通过稿）' });
        approvedVersion = moved.version?.id ?? null;
      } else expect(moved.version).toBeNull();
    }

    const lifecycle = LifecycleResponse.parse((await get(viewer, `/api/plans/${WALKED}/lifecycle`)).body);
    expect(lifecycle.status).toBe('archived');
    expect(lifecycle.frozen).toBe(true);
    expect(lifecycle.transitions).toEqual([]);
    expect(lifecycle.log.map((entry) => [entry.from, entry.to, entry.note])).toEqual(
      path.map((to, index) => [index === 0 ? 'soliciting' : path[index - 1], to, `进入${to}`]),
    );
    for (const entry of lifecycle.log) {
      expect(entry.actor.displayName).toBe('市人大办公室 王敏');
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(started - 1000);
    }
    await waitFor('the watcher to hear every status', () => statuses.length >= path.length);
    expect(statuses.filter((entry) => entry.planId === WALKED).map((entry) => entry.status)).toEqual(path);
    expect(lifecycleChanges.filter((planId) => planId === WALKED).length).toBeGreaterThanOrEqual(path.length);

    // The approved text was frozen as a named version, readable with its topic.
    const versions = VersionsResponse.parse((await get(viewer, `/api/plans/${WALKED}/versions`)).body);
    expect(versions.versions.map((version) => version.id)).toEqual([approvedVersion]);
    const version = VersionResponse.parse(
      (await get(viewer, `/api/plans/${WALKED}/versions/${approvedVersion}`)).body,
    );
    expect(version.topics.map((topic) => topic.title)).toEqual(['县法院执行工作']);
  });

  it('refuses illegal moves with stable codes and changes nothing', async () => {
    const before = LifecycleResponse.parse((await get(admin, `/api/plans/${NO_REVIEW}/lifecycle`)).body);
    expect(before.status).toBe('soliciting');

    const skipped = await move(admin, NO_REVIEW, 'approved', '直接通过');
    expect(skipped.status).toBe(409);
    expect(codeOf(skipped.body)).toBe('skips_status');
    expect((await move(viewer, NO_REVIEW, 'collating')).status).toBe(403);
    expect((await move(admin, NO_REVIEW, 'collating')).status).toBe(200);
    const noNote = await move(admin, NO_REVIEW, 'soliciting');
    expect(noNote.status).toBe(409);
    expect(codeOf(noNote.body)).toBe('note_required');
    const after = LifecycleResponse.parse((await get(admin, `/api/plans/${NO_REVIEW}/lifecycle`)).body);
    expect(after.status).toBe('collating');
    expect(after.log.map((entry) => entry.to)).toEqual(['collating']);
    expect(after.transitions.map((option) => option.to).sort()).toEqual(['consulting_bodies', 'soliciting']);
  });

  it('skips party review where the organisation’s settings say so', async () => {
    const invalid = await admin.fetch('/api/admin/orgs/county-4', {
      method: 'PATCH',
      body: JSON.stringify({ settings: { partyReview: 'no', approvingBody: 'mayor' } }),
    });
    expect(invalid.status).toBe(400);
    const patched = await admin.fetch('/api/admin/orgs/county-4', {
      method: 'PATCH',
      body: JSON.stringify({ settings: { partyReview: false, approvingBody: 'standing_committee' } }),
    });
    expect(patched.status, await patched.clone().text()).toBe(200);
    expect((await move(admin, NO_REVIEW, 'consulting_bodies')).status).toBe(200);
    const review = await move(admin, NO_REVIEW, 'party_review');
    expect(review.status).toBe(409);
    expect(codeOf(review.body)).toBe('party_review_disabled');
    const lifecycle = LifecycleResponse.parse((await get(admin, `/api/plans/${NO_REVIEW}/lifecycle`)).body);
    expect(lifecycle.path).not.toContain('party_review');
    expect(lifecycle.transitions.find((option) => option.to === 'approved')?.decidedBy).toBe(
      'standing_committee',
    );
    const approved = await move(admin, NO_REVIEW, 'approved');
    expect(approved.status).toBe(200);
    expect(TransitionResponse.parse(approved.body).version?.kind).toBe('approved');
  });

  it('refuses an edit of an approved plan’s fields without an adjustment, while execution data stays editable', async () => {
    const { stats, db } = running().server;
    const observer = await connect(APPROVED);
    const original = observer.topics().find((topic) => topic.id === TOPIC)?.title;
    expect(original).toBeTruthy();
    const refusedBefore = stats.refusedFrozenUpdates;
    const storedBefore = (await db.docs.history(`plan:${APPROVED}`)).length;

    const offender = await connect(APPROVED);
    updateTopic(offender.doc, TOPIC, { title: '擅自改名' });
    await waitFor('the edit to be refused', () => stats.refusedFrozenUpdates > refusedBefore);
    await waitFor('the editor’s board to hear why', () =>
      refusals.some((entry) => entry.planId === APPROVED && entry.code === 'adjustment_required'),
    );
    await db.docs.flush();
    expect((await db.docs.history(`plan:${APPROVED}`)).length).toBe(storedBefore);
    offender.close();

    // Execution data of the same plan is applied: a step done, seen by the other client.
    const runner = await connect(APPROVED);
    applyStepTemplate(runner.doc, TOPIC, DEFAULT_STEP_TEMPLATES.special_report, '2021-06-25');
    const [firstStep] = readSteps(runner.doc, TOPIC);
    expect(firstStep).toBeDefined();
    setStepState(runner.doc, TOPIC, firstStep!.id, 'done', { date: '2021-05-01' });
    await waitFor('the step to reach the other client', () =>
      readSteps(observer.doc, TOPIC).some((step) => step.id === firstStep!.id && step.state === 'done'),
    );
    // Meanwhile the refused title never arrived anywhere.
    await sleep(100);
    expect(observer.topics().find((topic) => topic.id === TOPIC)?.title).toBe(original);
    const fresh = await connect(APPROVED);
    expect(fresh.topics().find((topic) => topic.id === TOPIC)?.title).toBe(original);
  });

  it('applies plan edits within an adjustment, records what it changed, and restores the approved version', async () => {
    const writer = running().editor;
    const noReason = await post(writer, `/api/plans/${APPROVED}/adjustments`, { ...ADJUSTMENT, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(
      AdjustmentsResponse.parse((await get(writer, `/api/plans/${APPROVED}/adjustments`)).body).adjustments,
    ).toEqual([]);
    expect((await post(viewer, `/api/plans/${APPROVED}/adjustments`, ADJUSTMENT)).status).toBe(403);
    // A plan still being drawn up is edited freely: there is nothing to adjust.
    const notFrozen = await post(writer, `/api/plans/township-2-2021/adjustments`, ADJUSTMENT);
    expect(notFrozen.status).toBe(409);
    expect(codeOf(notFrozen.body)).toBe('plan_not_frozen');

    const opened = await post(writer, `/api/plans/${APPROVED}/adjustments`, ADJUSTMENT);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const adjustment = AdjustmentResponse.parse(opened.body).adjustment;
    expect(adjustment).toMatchObject({
      state: 'open',
      reason: ADJUSTMENT.reason,
      meeting: '第十二次主任会议',
    });
    const countyEditor = await running().signIn('county2.editor');
    const second = await post(countyEditor, `/api/plans/${APPROVED}/adjustments`, ADJUSTMENT);
    expect(codeOf(second.body)).toBe('adjustment_open');
    const lifecycle = LifecycleResponse.parse((await get(writer, `/api/plans/${APPROVED}/lifecycle`)).body);
    expect(lifecycle.openAdjustment?.id).toBe(adjustment.id);

    const observer = await connect(APPROVED);
    const original = observer.topics().find((topic) => topic.id === TOPIC)?.title;
    const adjuster = await connect(APPROVED);
    updateTopic(adjuster.doc, TOPIC, { title: '老旧小区改造和物业管理', month: 9 });
    await waitFor('the adjusted title to reach the other client', () =>
      observer.topics().some((topic) => topic.id === TOPIC && topic.title === '老旧小区改造和物业管理'),
    );

    const closed = await post(writer, `/api/plans/${APPROVED}/adjustments/${adjustment.id}/close`, {});
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const record = AdjustmentResponse.parse(closed.body).adjustment;
    expect(record.state).toBe('closed');
    expect(record.changes.map((entry) => [entry.topicId, entry.kind])).toEqual([[TOPIC, 'changed']]);
    expect(record.changes[0]?.changes).toEqual([
      { field: 'title', before: original, after: '老旧小区改造和物业管理' },
      { field: 'month', before: 6, after: 9 },
    ]);
    const again = await post(writer, `/api/plans/${APPROVED}/adjustments/${adjustment.id}/close`, {});
    expect(codeOf(again.body)).toBe('adjustment_closed');

    const diff = DiffResponse.parse((await get(viewer, `/api/plans/${APPROVED}/diff`)).body);
    expect(diff.from.kind).toBe('approved');
    expect(diff.to).toBeNull();
    expect(diff.diffs.map((entry) => [entry.topicId, entry.kind])).toEqual([[TOPIC, 'changed']]);

    const restored = await post(writer, `/api/plans/${APPROVED}/versions/${diff.from.id}/restore`, {
      ...ADJUSTMENT,
      reason: '恢复审议通过稿',
    });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    const restoreRecord = AdjustmentResponse.parse(restored.body).adjustment;
    expect(restoreRecord).toMatchObject({ state: 'closed', reason: '恢复审议通过稿' });
    expect(restoreRecord.changes.map((entry) => entry.topicId)).toEqual([TOPIC]);
    await waitFor('the restored title to reach the client', () =>
      observer.topics().some((topic) => topic.id === TOPIC && topic.title === original),
    );
    const after = DiffResponse.parse((await get(viewer, `/api/plans/${APPROVED}/diff`)).body);
    expect(after.diffs).toEqual([]);
    const adjustments = AdjustmentsResponse.parse(
      (await get(viewer, `/api/plans/${APPROVED}/adjustments`)).body,
    ).adjustments;
    expect(adjustments.map((entry) => entry.reason)).toEqual(['恢复审议通过稿', ADJUSTMENT.reason]);
  });

  it('keeps the demo plans’ approved versions, so their differences can be shown', async () => {
    const versions = VersionsResponse.parse((await get(viewer, `/api/plans/city-2021/versions`)).body);
    expect(versions.versions).toEqual([
      expect.objectContaining({ kind: 'approved', name: '2021年监督工作计划（审议通过稿）' }),
    ]);
    expect((await get(viewer, `/api/plans/city-2021/versions/nope`)).status).toBe(404);

    // Writers save named versions by hand; readers may not.
    expect((await post(viewer, `/api/plans/city-2021/versions`, { name: '年中稿' })).status).toBe(403);
    const saved = await post(running().editor, `/api/plans/city-2021/versions`, { name: '年中稿' });
    expect(saved.status).toBe(201);
    const listed = VersionsResponse.parse((await get(viewer, `/api/plans/city-2021/versions`)).body);
    expect(listed.versions.map((version) => [version.name, version.kind])).toEqual([
      ['年中稿', 'manual'],
      ['2021年监督工作计划（审议通过稿）', 'approved'],
    ]);
    const manual = CreateVersionResponse.parse(saved.body).version;
    const between = DiffResponse.parse((await get(viewer, `/api/plans/city-2021/diff?to=${manual.id}`)).body);
    expect(between.to?.id).toBe(manual.id);
    expect(between.diffs).toEqual([]);
    expect((await get(viewer, `/api/plans/county-3-2021/diff?from=nope`)).status).toBe(404);
  });
});
