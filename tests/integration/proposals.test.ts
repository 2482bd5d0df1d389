import { afterEach, expect, it } from 'vitest';
import { getTopic } from '@yipan/domain';
import {
  ErrorBody,
  ProposalResponse,
  ProposalsResponse,
  PublicProposalResponse,
  SecurityEventsResponse,
  SolicitationResponse,
  type ProposalSummary,
} from '@yipan/protocol';
import { connectBoardSocket, type BoardSocket } from '../support/boardSocket';
import { describeEachDialect } from '../support/dialects';
import type { SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

/** The demo's soliciting plan (the city's 2022 call) and a plan long past its call. */
const SOLICITING = 'city-2022';
const EXECUTING = 'city-2021';
/** 示范区's plan: approved, not yet published. */
const APPROVED = 'county-2-2021';
/** Proposals one address may send in the suite's window: small, so flooding is quick to reach. */
const ADDRESS_LIMIT = 3;

const proposal = {
  title: '城市内涝治理情况',
  reason: '去年汛期多个路段积水严重',
  problem: '排水管网标准低，雨污分流改造滞后',
  contact: '王女士 139xxxx1234',
};

describeEachDialect('solicitation', (dialect) => {
  const { running, connect } = useTestServer(dialect, {
    // Each test sends from its own address (X-Forwarded-For behind a trusted proxy), so limits stay apart.
    security: { trustProxy: true },
    proposalLimits: { address: { max: ADDRESS_LIMIT, windowMs: 10 * 60 * 1000 } },
  });
  const sockets: BoardSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  let nextAddress = 1;
  /** Posts the public form from a fresh address (or the one given), signed out, as a browser on our origin would. */
  async function submitPublic(
    body: unknown,
    options: { planId?: string; address?: string; origin?: string; raw?: string } = {},
  ) {
    const baseUrl = running().baseUrl;
    const response = await fetch(`${baseUrl}/api/public/plans/${options.planId ?? SOLICITING}/proposals`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: options.origin ?? baseUrl,
        'x-forwarded-for': options.address ?? `203.0.113.${nextAddress++}`,
      },
      body: options.raw ?? JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  }

  async function intake(as: SignedIn, planId = SOLICITING): Promise<ProposalSummary[]> {
    const response = await as.fetch(`/api/plans/${planId}/proposals`);
    expect(response.status).toBe(200);
    return ProposalsResponse.parse(await response.json()).proposals;
  }

  async function post(as: SignedIn, path: string, body?: unknown) {
    const response = await as.fetch(path, {
      method: 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  function errorOf(body: unknown) {
    return ErrorBody.parse(body).error;
  }

  it('shows the public form what it needs, signed out, and nothing for an unknown plan', async () => {
    const response = await fetch(`${running().baseUrl}/api/public/plans/${SOLICITING}/solicitation`);
    expect(response.status).toBe(200);
    expect(SolicitationResponse.parse(await response.json()).plan).toEqual({
      id: SOLICITING,
      title: '示范市人大常委会2022年度监督工作计划（征集中）',
      orgName: '示范市',
      year: 2022,
      open: true,
    });
    const closed = await fetch(`${running().baseUrl}/api/public/plans/${EXECUTING}/solicitation`);
    expect(SolicitationResponse.parse(await closed.json()).plan.open).toBe(false);
    const unknown = await fetch(`${running().baseUrl}/api/public/plans/no-such-plan/solicitation`);
    expect(unknown.status).toBe(404);
    // An approved plan is not public yet: it answers exactly as an unknown one, to the form and to a submission.
    const approved = await fetch(`${running().baseUrl}/api/public/plans/${APPROVED}/solicitation`);
    expect(approved.status).toBe(404);
    expect(await approved.json()).toEqual(
      await (await fetch(`${running().baseUrl}/api/public/plans/no-such-plan/solicitation`)).json(),
    );
    const submitted = await submitPublic(proposal, { planId: APPROVED });
    expect(submitted.status).toBe(404);
    expect(errorOf(submitted.body).code).toBe('plan_not_found');
  });

  it('takes a public proposal for the office, not for viewers or another organisation', async () => {
    const admin = await running().signIn('city.admin');
    const watcher = await connectBoardSocket(running().baseUrl, { token: await admin.syncToken() });
    if (!watcher.ok) throw new Error(watcher.code);
    sockets.push(watcher.socket);
    expect(await watcher.socket.emitWithAck('plan:watch', { planId: SOLICITING })).toEqual({ ok: true });
    let announced = 0;
    watcher.socket.on('plan:proposals', ({ planId }) => {
      if (planId === SOLICITING) announced += 1;
    });

    const sent = await submitPublic(proposal);
    expect(sent.status).toBe(201);
    expect(PublicProposalResponse.parse(sent.body)).toEqual({ received: true });
    await waitFor('the intake to be told', () => announced > 0);

    const received = (await intake(admin)).find((row) => row.title === proposal.title);
    expect(received).toMatchObject({
      state: 'received',
      submitterKind: 'public',
      source: 'public_solicitation',
      contact: proposal.contact,
      submittedBy: null,
    });

    for (const username of ['city.viewer', 'county.editor', 'county2.editor', 'city.deputy']) {
      const other = await running().signIn(username);
      const response = await other.fetch(`/api/plans/${SOLICITING}/proposals`);
      expect(response.status, username).toBe(403);
    }
    const signedOut = await fetch(`${running().baseUrl}/api/plans/${SOLICITING}/proposals`);
    expect(signedOut.status).toBe(401);
  });

  it('refuses empty and oversized proposals, naming the fields, and stores none', async () => {
    const admin = await running().signIn('city.admin');
    const before = (await intake(admin)).length;

    const empty = await submitPublic({ title: '  ', reason: '', problem: '' });
    expect(empty.status).toBe(400);
    const emptyError = errorOf(empty.body);
    expect(emptyError.code).toBe('invalid_proposal');
    expect(emptyError.message).toContain('议题名称');
    expect(emptyError.message).toContain('建议理由');
    expect(emptyError.message).toContain('拟解决的问题');
    expect(emptyError.message).toMatch(/please fill in: topic, reason, problem to solve/i);

    const long = await submitPublic({ ...proposal, title: '长'.repeat(101) });
    expect(long.status).toBe(400);
    expect(errorOf(long.body).message).toContain('议题名称（最多100字）');
    expect(errorOf(long.body).message).toContain('at most 100 characters');

    const huge = await submitPublic(null, {
      raw: JSON.stringify({ ...proposal, reason: '字'.repeat(1_100_000) }),
    });
    expect(huge.status).toBe(413);
    expect(errorOf(huge.body)).toMatchObject({ code: 'body_too_large' });
    expect(errorOf(huge.body).message).toMatch(/过大.*too large/);

    expect((await intake(admin)).length).toBe(before);
  });

  it('stops a flood from one address with Retry-After, keeping only what the limit allows', async () => {
    const admin = await running().signIn('city.admin');
    const before = (await intake(admin)).length;
    const address = '198.51.100.7';
    for (let sent = 0; sent < ADDRESS_LIMIT; sent += 1)
      expect((await submitPublic({ ...proposal, title: `洪水 ${sent}` }, { address })).status).toBe(201);
    const flooded = await submitPublic({ ...proposal, title: '洪水 多余' }, { address });
    expect(flooded.status).toBe(429);
    expect(errorOf(flooded.body).code).toBe('too_many_proposals');
    expect(Number(flooded.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(errorOf(flooded.body).message).toMatch(/分钟后再试.*try again/);

    const titles = (await intake(admin)).map((row) => row.title);
    expect(titles.length).toBe(before + ADDRESS_LIMIT);
    expect(titles).not.toContain('洪水 多余');
    // Another resident is not held back by someone else's flood.
    expect((await submitPublic({ ...proposal, title: '另一位市民' })).status).toBe(201);
  });

  it('answers a filled honeypot as received and keeps nothing', async () => {
    const admin = await running().signIn('city.admin');
    const sent = await submitPublic({ ...proposal, title: '机器人的建议', website: 'http://spam.example' });
    expect(sent.status).toBe(202);
    expect((await intake(admin)).map((row) => row.title)).not.toContain('机器人的建议');
  });

  it('refuses proposals to a plan that is not soliciting, and from another site', async () => {
    const closed = await submitPublic(proposal, { planId: EXECUTING });
    expect(closed.status).toBe(409);
    expect(errorOf(closed.body).code).toBe('solicitation_closed');
    const foreign = await submitPublic(proposal, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await submitPublic(proposal, { planId: 'no-such-plan' })).status).toBe(404);
  });

  it('takes the public form from a signed-in browser too: the session is not asked for', async () => {
    const viewer = await running().signIn('city.viewer');
    const response = await fetch(`${running().baseUrl}/api/public/plans/${SOLICITING}/proposals`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: viewer.cookie,
        origin: running().baseUrl,
        'x-forwarded-for': '192.0.2.50',
      },
      body: JSON.stringify({ ...proposal, title: '登录用户的公开建议' }),
    });
    expect(response.status).toBe(201);
    const admin = await running().signIn('city.admin');
    expect((await intake(admin)).find((row) => row.title === '登录用户的公开建议')).toMatchObject({
      submitterKind: 'public',
      submittedBy: null,
    });
  });

  it('takes a deputy’s proposal with its source, but not one posing as a committee', async () => {
    const deputy = await running().signIn('city.deputy');
    const sent = await post(deputy, `/api/plans/${SOLICITING}/proposals`, {
      ...proposal,
      title: '代表提出的议题',
      submitterKind: 'deputy',
      source: 'letters_visits',
    });
    expect(sent.status).toBe(201);
    expect(ProposalResponse.parse(sent.body).proposal).toMatchObject({
      submitterKind: 'deputy',
      source: 'letters_visits',
      submittedBy: { id: 'user-city-deputy', displayName: '市人大代表 刘洋' },
    });
    const posing = await post(deputy, `/api/plans/${SOLICITING}/proposals`, {
      ...proposal,
      submitterKind: 'committee',
    });
    expect(posing.status).toBe(403);
    const closed = await post(deputy, `/api/plans/${EXECUTING}/proposals`, {
      ...proposal,
      submitterKind: 'deputy',
    });
    expect(closed.status).toBe(409);
    const viewer = await running().signIn('city.viewer');
    const notAllowed = await post(viewer, `/api/plans/${SOLICITING}/proposals`, {
      ...proposal,
      submitterKind: 'deputy',
    });
    expect(notAllowed.status).toBe(403);
  });

  it('lets the office merge, rank, accept onto the board and decline with a reason, once', async () => {
    const admin = await running().signIn('city.admin');
    const editor = await running().signIn('city.editor');
    const titles = ['采纳的议题', '重复的议题', '排第一的议题', '不采纳的议题'];
    for (const title of titles) expect((await submitPublic({ ...proposal, title })).status).toBe(201);
    const committee = await post(editor, `/api/plans/${SOLICITING}/proposals`, {
      ...proposal,
      title: '委室的重复议题',
      submitterKind: 'committee',
      source: 'committee_research',
    });
    expect(committee.status).toBe(201);
    const byTitle = async (title: string) => {
      const found = (await intake(admin)).find((row) => row.title === title);
      if (!found) throw new Error(`no proposal ${title}`);
      return found;
    };
    const [accepted, duplicate, first, declined, committeeDuplicate] = await Promise.all(
      [...titles, '委室的重复议题'].map(byTitle),
    );
    if (!accepted || !duplicate || !first || !declined || !committeeDuplicate) throw new Error('missing');

    // Merge: duplicates fold into the one to accept; a proposal never merges into itself.
    const base = `/api/plans/${SOLICITING}/proposals`;
    expect((await post(admin, `${base}/${duplicate.id}/merge`, { into: accepted.id })).status).toBe(200);
    expect((await post(admin, `${base}/${committeeDuplicate.id}/merge`, { into: accepted.id })).status).toBe(
      200,
    );
    expect((await post(admin, `${base}/${first.id}/merge`, { into: first.id })).status).toBe(400);
    expect(await byTitle('重复的议题')).toMatchObject({ state: 'merged', mergedInto: accepted.id });

    // Rank: move one to the top; the received ones are numbered without ties.
    const ranked = await admin.fetch(`${base}/${first.id}/rank`, {
      method: 'PUT',
      body: JSON.stringify({ rank: 1 }),
    });
    expect(ranked.status).toBe(200);
    const waiting = (await intake(admin)).filter((row) => row.state === 'received');
    expect(waiting[0]?.id).toBe(first.id);
    expect(waiting.map((row) => row.rank)).toEqual(waiting.map((_row, index) => index + 1));

    // Accept: a real y-websocket client sees the new topic with the proposal's sources.
    const client = await connect(SOLICITING);
    const acceptedAnswer = await post(admin, `${base}/${accepted.id}/accept`);
    expect(acceptedAnswer.status).toBe(200);
    const { proposal: decided } = ProposalResponse.parse(acceptedAnswer.body);
    expect(decided).toMatchObject({ state: 'accepted', decidedBy: { id: 'user-city-admin' } });
    const topicId = decided.topicId;
    if (!topicId) throw new Error('accepting recorded no topic');
    const topic = await waitFor('the accepted topic on the board', () => getTopic(client.doc, topicId));
    expect(topic.title).toBe('采纳的议题');
    expect(topic.sources).toEqual(['public_solicitation', 'committee_research']);
    expect(topic.notes).toContain(proposal.problem);
    expect(topic.notes).not.toContain('139');

    // A decision is final.
    const again = await post(admin, `${base}/${accepted.id}/accept`);
    expect(again.status).toBe(409);
    expect(errorOf(again.body).code).toBe('already_decided');

    // Decline needs a reason.
    const noReason = await post(admin, `${base}/${declined.id}/decline`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(errorOf(noReason.body).code).toBe('reason_required');
    const withReason = await post(admin, `${base}/${declined.id}/decline`, { reason: '不属于人大监督范围' });
    expect(withReason.status).toBe(200);
    expect(ProposalResponse.parse(withReason.body).proposal).toMatchObject({
      state: 'declined',
      decisionReason: '不属于人大监督范围',
    });
    expect((await post(admin, `${base}/${declined.id}/accept`)).status).toBe(409);

    // Each decision is in the audit trail with who took it.
    const audit = await admin.fetch('/api/admin/security-events?kind=proposal_intake&orgId=city');
    expect(audit.status).toBe(200);
    const { events } = SecurityEventsResponse.parse(await audit.json());
    const actions = events.map((event) => [event.detail.action, event.detail.title, event.actor?.id]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['accepted', '采纳的议题', 'user-city-admin'],
        ['declined', '不采纳的议题', 'user-city-admin'],
        ['merged', '重复的议题', 'user-city-admin'],
        ['ranked', '排第一的议题', 'user-city-admin'],
        ['submitted', '委室的重复议题', 'user-city-editor'],
      ]),
    );

    // Viewers of the plan cannot decide.
    const viewer = await running().signIn('city.viewer');
    expect((await post(viewer, `${base}/${first.id}/accept`)).status).toBe(403);
  });
});
