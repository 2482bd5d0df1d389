import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import {
  DEFAULT_DISCLOSURE_SETTINGS,
  addRectificationItem,
  addTopic,
  advanceRectificationItem,
  applyStepTemplate,
  archiveTopic,
  readSteps,
  setOpinion,
  setStepState,
  stepTemplateFor,
  topicNotes,
  updateStep,
  updateTopic,
  type RectificationState,
} from '@yipan/domain';
import {
  DisclosureSettingsResponse,
  ErrorBody,
  PublicPlanResponse,
  PublicPlansResponse,
  SecurityEventsResponse,
} from '@yipan/protocol';
import { hashPassword } from '@yipan/server';
import { describeEachDialect } from '../support/dialects';
import { TEST_PASSWORD } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

/*
 * Public disclosure (监督公开): plants unique markers in every internal place of the demo plans, then
 * crawls everything a signed-out visitor can reach under /public and /api/public and asserts that no
 * marker appears, while the published plans' titles and public fields do.
 */

/** xmldom, as mammoth (a test dependency) brings it: a real XML parser that reports malformed input. */
type XmlElement = {
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
  textContent: string | null;
};
type XmlDocument = { getElementsByTagName(name: string): ArrayLike<XmlElement> };
const xmldom = createRequire(createRequire(import.meta.url).resolve('mammoth'))('@xmldom/xmldom') as {
  DOMParser: new (options: { errorHandler: Record<string, (message: string) => void> }) => {
    parseFromString(text: string, type: string): XmlDocument;
  };
};

function parseXml(text: string): XmlDocument {
  const fail = (message: string) => {
    throw new Error(`malformed feed: ${message}`);
  };
  return new xmldom.DOMParser({
    errorHandler: { warning: fail, error: fail, fatalError: fail },
  }).parseFromString(text, 'application/xml');
}

const CITY_PLAN = 'city-2021';
const COUNTY_PLAN = 'county-1-2021';
/** Demo topics of the published city plan the suite works on. */
const BUSINESS = 'city-2021-business';
const ENFORCEMENT = 'city-2021-enforcement';
/** The approved (not yet published) plan of 示范区 in the demo. */
const APPROVED_PLAN = 'county-2-2021';
const TO_CLOSED: RectificationState[] = [
  'chairs_approved',
  'issued',
  'handling',
  'reported',
  'rated',
  'tracking',
  'closed',
];
const RATING = { satisfied: 40, basicallySatisfied: 5, unsatisfied: 1 };

const suffix = randomBytes(4).toString('hex');
/** A marker string that must never be public: ASCII, so escaping cannot disguise it. */
const mark = (place: string) => `LEAK${place}${suffix}`;
const MARKERS = {
  notes: mark('notes'),
  opinion: mark('opinion'),
  draftItem: mark('draftitem'),
  leader: mark('leader'),
  authorId: `user-${mark('author')}`,
  authorName: mark('authorname'),
  stepOwner: mark('stepowner'),
  closedBy: mark('closedby'),
  archived: mark('archived'),
  unpublishedPlan: mark('unpubplan'),
  unpublishedTopic: mark('unpubtopic'),
  approvedTopic: mark('approvedtopic'),
  itemEvidence: mark('evidence'),
};
/** What must appear: a published topic's title and a closed item's text (closed items are public in the feed). */
const PUBLISHED_TOPIC = `公开议题${suffix}`;
const CLOSED_ITEM = `整改销号事项${suffix}`;
const HOSTILE_TITLE = `<script>alert("${suffix}")</script>`;
const UNPUBLISHED_PLAN = 'leak-unpublished';

type Fetched = { url: string; status: number; body: string; headers: Headers };

describeEachDialect('public disclosure', (dialect) => {
  const { running, connect } = useTestServer(dialect);

  const get = async (path: string, init?: RequestInit): Promise<Fetched> => {
    const response = await fetch(`${running().baseUrl}${path}`, init);
    return { url: path, status: response.status, body: await response.text(), headers: response.headers };
  };

  /** Every page linked under /public from the index, the feed and every public API answer. */
  async function crawl(): Promise<Fetched[]> {
    const origin = running().baseUrl;
    const queue = ['/public', '/public/feed.atom', '/api/public/plans'];
    const seen = new Set<string>();
    const fetched: Fetched[] = [];
    while (queue.length > 0) {
      const path = queue.shift() ?? '';
      if (seen.has(path)) continue;
      seen.add(path);
      const page = await get(path);
      fetched.push(page);
      for (const [, raw] of page.body.matchAll(/href="([^"]+)"/g)) {
        const url = new URL(raw!.replace(/&amp;/g, '&'), `${origin}${path}`);
        if (url.origin !== origin || !url.pathname.startsWith('/public')) continue;
        queue.push(url.pathname);
      }
      if (path === '/api/public/plans')
        for (const plan of PublicPlansResponse.parse(JSON.parse(page.body)).plans)
          queue.push(`/api/public/plans/${plan.id}`);
    }
    return fetched;
  }

  beforeAll(async () => {
    const { db } = running().server;
    await db.users.insert({
      id: MARKERS.authorId,
      username: `author.${suffix}`,
      displayName: MARKERS.authorName,
      passwordHash: await hashPassword(TEST_PASSWORD),
    });
    await db.users.addMembership({ userId: MARKERS.authorId, orgId: 'city', role: 'editor' });
    await db.plans.insert({
      id: UNPUBLISHED_PLAN,
      orgId: 'county-3',
      year: 2030,
      title: MARKERS.unpublishedPlan,
      status: 'collating',
    });
    // Topic fields of published (frozen) plans change only through an adjustment; the suite edits them as
    // if collating, then puts the plans back where the demo has them.
    for (const planId of [CITY_PLAN, APPROVED_PLAN]) await db.plans.setStatus(planId, 'collating');

    const city = await connect(CITY_PLAN);
    updateTopic(city.doc, BUSINESS, { leaderInCharge: MARKERS.leader });
    topicNotes(city.doc, BUSINESS)?.insert(0, MARKERS.notes);
    setOpinion(city.doc, BUSINESS, { text: MARKERS.opinion });
    addRectificationItem(city.doc, BUSINESS, { content: MARKERS.draftItem, responsibleBody: '市发展改革委' });
    const closing = addRectificationItem(city.doc, BUSINESS, {
      content: CLOSED_ITEM,
      responsibleBody: '市市场监管局',
    });
    for (const state of TO_CLOSED)
      advanceRectificationItem(city.doc, BUSINESS, closing, state, {
        by: MARKERS.closedBy,
        at: Date.now(),
        ...(state === 'rated' ? { rating: RATING } : {}),
        ...(state === 'closed' ? { evidence: MARKERS.itemEvidence } : {}),
      });
    if (readSteps(city.doc, ENFORCEMENT).length === 0)
      applyStepTemplate(city.doc, ENFORCEMENT, stepTemplateFor('special_report'));
    const steps = readSteps(city.doc, ENFORCEMENT);
    updateStep(city.doc, ENFORCEMENT, steps[0]!.id, { owner: MARKERS.stepOwner });
    setStepState(city.doc, ENFORCEMENT, steps[0]!.id, 'done', { date: '2021-05-10' });
    setStepState(city.doc, ENFORCEMENT, steps[1]!.id, 'done', { date: '2021-05-20' });
    addTopic(
      city.doc,
      {
        title: PUBLISHED_TOPIC,
        method: 'visit',
        month: 9,
        leadCommittee: '城建环资委',
        notes: MARKERS.notes,
      },
      { author: MARKERS.authorId },
    );
    addTopic(city.doc, { title: HOSTILE_TITLE, method: 'research' }, { author: MARKERS.authorId });
    const archived = addTopic(city.doc, { title: MARKERS.archived }, { author: MARKERS.authorId });
    archiveTopic(city.doc, archived);

    const approved = await connect(APPROVED_PLAN);
    addTopic(approved.doc, { title: MARKERS.approvedTopic });
    const unpublished = await connect(UNPUBLISHED_PLAN);
    addTopic(unpublished.doc, { title: MARKERS.unpublishedTopic });

    await waitFor('the projection of the planted markers', async () => {
      const [cityRows, approvedRows, unpublishedRows] = await Promise.all(
        [CITY_PLAN, APPROVED_PLAN, UNPUBLISHED_PLAN].map((planId) => db.projection.plan(planId)),
      );
      return (
        cityRows!.topics.some((topic) => topic.title === HOSTILE_TITLE) &&
        cityRows!.items.some((item) => item.state === 'closed' && item.content === CLOSED_ITEM) &&
        cityRows!.topics.some((topic) => topic.archived && topic.title === MARKERS.archived) &&
        approvedRows!.topics.some((topic) => topic.title === MARKERS.approvedTopic) &&
        unpublishedRows!.topics.some((topic) => topic.title === MARKERS.unpublishedTopic)
      );
    });
    await db.plans.setStatus(CITY_PLAN, 'executing');
    await db.plans.setStatus(APPROVED_PLAN, 'approved');
  });

  it('shows published plans and their public fields, and nothing internal anywhere a visitor can reach', async () => {
    const pages = await crawl();
    const paths = pages.map((page) => page.url);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/public',
        '/public/feed.atom',
        '/public/site.css',
        `/public/plans/${CITY_PLAN}`,
        `/public/plans/${COUNTY_PLAN}`,
        '/public/orgs/city',
        '/api/public/plans',
        `/api/public/plans/${CITY_PLAN}`,
        `/api/public/plans/${COUNTY_PLAN}`,
      ]),
    );
    // Only published plans are linked: not the approved one, the soliciting ones nor the planted one.
    expect(paths.filter((path) => path.startsWith('/public/plans/')).sort()).toEqual([
      `/public/plans/${CITY_PLAN}`,
      `/public/plans/${COUNTY_PLAN}`,
    ]);
    for (const page of pages) {
      expect(page.status, page.url).toBe(200);
      expect(page.headers.get('set-cookie'), page.url).toBeNull();
      for (const [place, marker] of Object.entries(MARKERS))
        expect(page.body.includes(marker), `${place} on ${page.url}`).toBe(false);
      expect(page.body, page.url).not.toContain(HOSTILE_TITLE);
    }
    const cityPage = pages.find((page) => page.url === `/public/plans/${CITY_PLAN}`)!.body;
    expect(cityPage).toContain('示范市人大常委会2021年度监督工作计划');
    expect(cityPage).toContain(PUBLISHED_TOPIC);
    // The hostile title is shown as text, escaped.
    expect(cityPage).toContain('&lt;script&gt;alert(&quot;');
    expect(cityPage).toContain('听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问');
    expect(cityPage).toContain('监察和司法委');
    expect(cityPage).toContain('市中级人民法院');
    expect(cityPage).toMatch(/<h2 id="section-1">一、听取和审议专项工作报告<\/h2>/);
    expect(cityPage).toContain('已完成 2 / ');
    expect(cityPage).toContain('已销号 1 / 1 项');
    expect(cityPage).toContain('满意 40，基本满意 5，不满意 1');
    expect(cityPage).toContain('<html lang="zh-CN">');
    expect(cityPage).toMatch(/<link\s+rel="alternate"\s+type="application\/atom\+xml"/);
  });

  it('answers the public API with the allow-listed fields only', async () => {
    const list = PublicPlansResponse.parse(JSON.parse((await get('/api/public/plans')).body));
    expect(list.plans.map((plan) => plan.id)).toEqual([CITY_PLAN, COUNTY_PLAN]);
    expect(list.plans[0]).toMatchObject({ orgName: '示范市', year: 2021, status: 'executing' });
    const city = PublicPlanResponse.parse(JSON.parse((await get(`/api/public/plans/${CITY_PLAN}`)).body));
    expect(city.fields).toEqual([
      'method',
      'schedule',
      'supervisedBody',
      'leadCommittee',
      'reportingUnit',
      'progress',
      'opinionHandled',
      'rating',
    ]);
    expect(city.plan.topicCount).toBe(city.topics.length);
    const business = city.topics.find((topic) => topic.id === BUSINESS);
    expect(business).toMatchObject({
      method: 'special_report',
      addonMethods: ['satisfaction_vote'],
      leadCommittee: '财经委',
      // The drafting item is not counted: the opinion's draft is not public.
      opinion: { phase: 'closed', issued: 1, closed: 1 },
      rating: { items: 1, satisfied: 40, basicallySatisfied: 5, unsatisfied: 1, passed: true },
    });
    expect(business).not.toHaveProperty('leaderInCharge');
    expect(city.topics.find((topic) => topic.id === ENFORCEMENT)?.progress?.done).toBe(2);
    expect(city.topics.map((topic) => topic.title)).not.toContain(MARKERS.archived);
  });

  it('answers an unpublished plan exactly like an unknown one', async () => {
    for (const base of ['/api/public/plans/', '/public/plans/']) {
      const unknown = await get(`${base}no-such-plan`);
      expect(unknown.status).toBe(404);
      for (const planId of [UNPUBLISHED_PLAN, APPROVED_PLAN, 'city-2022']) {
        const hidden = await get(`${base}${planId}`);
        expect(hidden.status, planId).toBe(404);
        expect(hidden.body, planId).toBe(unknown.body);
      }
    }
    expect(ErrorBody.parse(JSON.parse((await get('/api/public/plans/no-such-plan')).body)).error.code).toBe(
      'plan_not_found',
    );
    // The public proposal form of the SPA stays where it was (served by the app when it is built).
    expect((await get(`/public/plans/${CITY_PLAN}/propose`)).body).not.toContain(PUBLISHED_TOPIC);
  });

  it('is cacheable: public max-age, an ETag and 304 when unchanged', async () => {
    for (const path of ['/public', `/public/plans/${CITY_PLAN}`, '/public/feed.atom', '/api/public/plans']) {
      const first = await get(path);
      expect(first.headers.get('cache-control'), path).toMatch(
        /^public, max-age=60, stale-while-revalidate=\d+$/,
      );
      const etag = first.headers.get('etag');
      expect(etag, path).toBeTruthy();
      // As a browser revalidates on reload; fetch would add `no-cache` itself, which forbids a 304.
      const again = await get(path, { headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' } });
      expect(again.status, path).toBe(304);
      expect(again.body).toBe('');
    }
    const css = await get('/public/site.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    // Helmet's CSP of the app lets the page load its own stylesheet and run no script at all.
    const page = await get('/public');
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self'");
    expect(page.body).not.toMatch(/<script|style="/);
  });

  it('publishes an Atom feed of published plans and closed items', async () => {
    const feed = await get('/public/feed.atom');
    expect(feed.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const xml = parseXml(feed.body);
    const entries = Array.from(xml.getElementsByTagName('entry'));
    const ids = entries.map((entry) => entry.getElementsByTagName('id')[0]?.textContent ?? '');
    expect(ids).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`:plan:${CITY_PLAN}`),
        expect.stringContaining(`:plan:${COUNTY_PLAN}`),
        expect.stringMatching(new RegExp(`:item:${CITY_PLAN}:${BUSINESS}:`)),
      ]),
    );
    expect(ids.filter((id) => id.includes(':plan:'))).toHaveLength(2);
    const item = entries.find((entry) =>
      entry.getElementsByTagName('id')[0]?.textContent?.includes(':item:'),
    );
    expect(item?.getElementsByTagName('summary')[0]?.textContent).toContain(CLOSED_ITEM);
    for (const entry of entries) {
      const href = entry.getElementsByTagName('link')[0]?.getAttribute('href') ?? '';
      expect(href.startsWith(`${running().baseUrl}/public/plans/`), href).toBe(true);
      expect(Number.isNaN(Date.parse(entry.getElementsByTagName('updated')[0]?.textContent ?? ''))).toBe(
        false,
      );
    }
  });

  it('lets only the organisation’s own administrators choose its public fields, and the pages follow', async () => {
    const cityAdmin = await running().signIn('city.admin');
    const read = await cityAdmin.fetch('/api/orgs/city/disclosure');
    expect(DisclosureSettingsResponse.parse(await read.json())).toEqual({
      orgId: 'city',
      settings: DEFAULT_DISCLOSURE_SETTINGS,
      custom: false,
      editable: true,
    });
    const put = (as: typeof cityAdmin, orgId: string, body: unknown) =>
      as.fetch(`/api/orgs/${orgId}/disclosure`, { method: 'PUT', body: JSON.stringify(body) });
    const refusal = async (response: Response) => ({
      status: response.status,
      code: ErrorBody.parse(await response.json()).error.code,
    });

    // Signed out, an editor, an admin above (the city's of a county), an admin of another organisation.
    expect(
      await refusal(
        await fetch(`${running().baseUrl}/api/orgs/city/disclosure`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(DEFAULT_DISCLOSURE_SETTINGS),
        }),
      ),
    ).toEqual({ status: 401, code: 'unauthenticated' });
    expect(
      await refusal(await put(await running().signIn('city.editor'), 'city', DEFAULT_DISCLOSURE_SETTINGS)),
    ).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(await refusal(await put(cityAdmin, 'county-1', DEFAULT_DISCLOSURE_SETTINGS))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(
      await refusal(await put(await running().signIn('county.admin'), 'city', DEFAULT_DISCLOSURE_SETTINGS)),
    ).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(
      await refusal(await put(cityAdmin, 'city', { ...DEFAULT_DISCLOSURE_SETTINGS, notes: true })),
    ).toEqual({
      status: 400,
      code: 'invalid_disclosure',
    });
    expect(await refusal(await put(cityAdmin, 'no-such-org', DEFAULT_DISCLOSURE_SETTINGS))).toEqual({
      status: 404,
      code: 'org_not_found',
    });

    const withLeader = { ...DEFAULT_DISCLOSURE_SETTINGS, leaderInCharge: true, rating: false };
    const saved = await put(cityAdmin, 'city', withLeader);
    expect(saved.status).toBe(200);
    expect(DisclosureSettingsResponse.parse(await saved.json())).toMatchObject({
      settings: withLeader,
      custom: true,
    });
    // The change is on the security trail, with what was public before and after.
    const trail = SecurityEventsResponse.parse(
      await (await cityAdmin.fetch('/api/admin/security-events?limit=50')).json(),
    );
    expect(trail.events.find((event) => event.kind === 'disclosure_changed')).toMatchObject({
      actor: { id: cityAdmin.me.user.id },
      detail: { from: DEFAULT_DISCLOSURE_SETTINGS, to: withLeader },
    });
    const page = (await get(`/public/plans/${CITY_PLAN}`)).body;
    expect(page).toContain(MARKERS.leader);
    expect(page).toContain('分管领导');
    expect(page).not.toContain('<dt>满意度测评</dt>');
    const api = PublicPlanResponse.parse(JSON.parse((await get(`/api/public/plans/${CITY_PLAN}`)).body));
    expect(api.topics.find((topic) => topic.id === BUSINESS)?.leaderInCharge).toBe(MARKERS.leader);
    expect(api.topics.find((topic) => topic.id === BUSINESS)).not.toHaveProperty('rating');
    // The county's plan keeps its own (default) choice.
    expect((await get(`/public/plans/${COUNTY_PLAN}`)).body).toContain('<dt>满意度测评</dt>');

    expect((await put(cityAdmin, 'city', DEFAULT_DISCLOSURE_SETTINGS)).status).toBe(200);
    const after = (await get(`/public/plans/${CITY_PLAN}`)).body;
    expect(after).not.toContain(MARKERS.leader);
    expect(after).toContain('<dt>满意度测评</dt>');
  });

  it('renders a plan page fast from the projection', async () => {
    const runs = 20;
    const started = performance.now();
    for (let run = 0; run < runs; run += 1)
      expect((await get(`/public/plans/${CITY_PLAN}`)).status).toBe(200);
    const perPage = (performance.now() - started) / runs;
    console.info(`public plan page: ${perPage.toFixed(1)} ms per request (${dialect})`);
    // Generous for a shared CI machine; the point is no document loading per request.
    expect(perPage).toBeLessThan(250);
  });
});
