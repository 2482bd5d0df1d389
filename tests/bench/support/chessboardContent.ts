import * as Y from 'yjs';
import { openDatabase, type Database } from '@yipan/db';
import {
  addRectificationItem,
  addTopic,
  adoptParentTopic,
  advanceRectificationItem,
  applyStepTemplate,
  createPlanDoc,
  DEFAULT_STEP_TEMPLATES,
  listTopics,
  METHODS,
  planDocName,
  readSteps,
  readTopicJoint,
  setDecline,
  setStepState,
  setTopicJoint,
  type ExpectationLevel,
  type OrgLevel,
  type RectificationState,
  type StepState,
  type TopicExpectations,
} from '@yipan/domain';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS, hashPassword } from '@yipan/server';
import { seededRandom } from './planContent';

/*
 * The chessboard of workload 7, written straight into Yipan's database before the server starts (which
 * then rebuilds its projection from the documents): a city whose every topic is joint, counties that adopt
 * about 60 % of them and decline about 10 %, with steps and rectification items in mixed states, and one
 * county doing the same for its townships. Documents are built with @yipan/domain's accessors only.
 */

/** How big the chessboard is. */
export type ChessboardSize = {
  counties: number;
  /** Topics of the city plan and of each county plan. */
  topics: number;
  /** Townships under the first county. */
  townships: number;
  /** Topics of each township plan. */
  townshipTopics: number;
};

/** The account the workload signs in as: an editor of the city (who reads every child plan). */
export const CHESSBOARD_USER = 'bench.alignment';
export const CHESSBOARD_CITY_PLAN = 'w7-city-2021';
/** The county whose matrix is its townships'. */
export const CHESSBOARD_COUNTY_PLAN = 'w7-c01-2021';

const YEAR = 2021;
const CITY = 'w7-city';
const countyOrg = (index: number) => `w7-c${String(index + 1).padStart(2, '0')}`;
const townshipOrg = (index: number) => `${countyOrg(0)}-t${String(index + 1).padStart(2, '0')}`;
const planOf = (orgId: string) => `${orgId}-${YEAR}`;
const AUTHOR = 'bench-seed';
/** Shares of a child's answers to the joint topics above it. */
const ADOPT_SHARE = 0.6;
const DECLINE_SHARE = 0.1;
/** Share of adopted topics with an opinion and rectification items. */
const ITEMS_SHARE = 0.3;
/** Share of a county's topics its townships are asked to join. */
const COUNTY_JOINT_SHARE = 0.5;
const ITEM_PATH: RectificationState[] = [
  'chairs_approved',
  'issued',
  'handling',
  'reported',
  'rated',
  'tracking',
  'closed',
];
const RATING = { satisfied: 20, basicallySatisfied: 6, unsatisfied: 2 };

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

function expectationLevel(random: () => number): ExpectationLevel {
  const draw = random();
  return draw < 0.8 ? 'required' : draw < 0.95 ? 'recommended' : 'not_applicable';
}

/** The city plan: `topics` topics, every one joint with an expectation of every county. */
function cityPlan(topics: number, children: readonly string[], random: () => number): Y.Doc {
  const doc = createPlanDoc();
  for (let index = 0; index < topics; index += 1) {
    const month = 1 + (index % 12);
    const id = addTopic(
      doc,
      {
        title: `全市议题${index + 1}`,
        method: pick(METHODS, random),
        supervisedBody: 'gov',
        leadCommittee: '财政经济委员会',
        month,
      },
      { id: `t${index}`, author: AUTHOR, now: 0 },
    );
    const expectations: TopicExpectations = Object.fromEntries(
      children.map((orgId) => [
        orgId,
        {
          level: expectationLevel(random),
          neededBy: `${YEAR}-${String(Math.min(12, month + 1)).padStart(2, '0')}-28`,
        },
      ]),
    );
    setTopicJoint(doc, id, { joint: true, expectations });
  }
  return doc;
}

/** Moves an adopted topic along: no progress, some steps, all steps, and sometimes items, some closed. */
function progress(
  doc: Y.Doc,
  topicId: string,
  method: keyof typeof DEFAULT_STEP_TEMPLATES,
  random: () => number,
): void {
  applyStepTemplate(doc, topicId, DEFAULT_STEP_TEMPLATES[method]);
  const steps = readSteps(doc, topicId);
  const done = Math.floor(random() * (steps.length + 1));
  steps.forEach((step, index) => {
    const state: StepState = index < done ? 'done' : index === done ? 'in_progress' : 'not_started';
    if (state !== 'not_started') setStepState(doc, topicId, step.id, state, { date: '2021-06-01' });
  });
  if (random() >= ITEMS_SHARE) return;
  for (let item = 0; item < 3; item += 1) {
    const id = addRectificationItem(
      doc,
      topicId,
      { content: `整改事项${item + 1}`, responsibleBody: '市财政局' },
      { id: `${topicId}-i${item}`, now: 0 },
    );
    const reach = Math.floor(random() * (ITEM_PATH.length + 1));
    ITEM_PATH.slice(0, reach).forEach((to, step) =>
      advanceRectificationItem(doc, topicId, id, to, {
        at: step + 1,
        by: AUTHOR,
        ...(to === 'rated' && { rating: RATING }),
      }),
    );
  }
}

/** A child plan answering `parent`: adopts, declines or ignores each joint topic, then adds local topics up to `topics`. */
function childPlan(parent: Y.Doc, parentPlanId: string, topics: number, random: () => number): Y.Doc {
  const doc = createPlanDoc();
  let count = 0;
  for (const topic of listTopics(parent)) {
    if (!readTopicJoint(parent, topic.id).joint || count >= topics) continue;
    const draw = random();
    if (draw < ADOPT_SHARE) {
      const id = adoptParentTopic(
        doc,
        { parentPlanId, parentTopicId: topic.id, parent: topic, mode: 'joint', contributes: true },
        { author: AUTHOR, now: 0, id: `a${count}` },
      );
      progress(doc, id, topic.method, random);
      count += 1;
    } else if (draw < ADOPT_SHARE + DECLINE_SHARE) {
      setDecline(doc, parentPlanId, topic.id, {
        reason: '本地无相关监督对象',
        declinedBy: AUTHOR,
        declinedAt: 0,
      });
    }
  }
  for (; count < topics; count += 1)
    addTopic(
      doc,
      { title: `本级议题${count + 1}`, method: pick(METHODS, random), month: 1 + (count % 12) },
      { author: AUTHOR, now: 0, id: `l${count}` },
    );
  return doc;
}

async function insertOrg(
  db: Database,
  id: string,
  level: OrgLevel,
  parentId: string | null,
  sortOrder: number,
) {
  await db.orgs.insert({
    id,
    name: level === 'city' ? '基准市' : level === 'county' ? `基准县${sortOrder}` : `基准镇${sortOrder}`,
    level,
    parentId,
    sortOrder: 1000 + sortOrder,
    committees: ['财政经济委员会'],
    supervisedBodies: ['gov'],
    reportingUnits: [],
  });
}

async function storePlan(db: Database, orgId: string, doc: Y.Doc): Promise<void> {
  await db.plans.insert({
    id: planOf(orgId),
    orgId,
    year: YEAR,
    title: `${YEAR}年监督工作计划`,
    status: 'executing',
  });
  await db.docs.append(planDocName(planOf(orgId)), Y.encodeStateAsUpdate(doc), AUTHOR);
  doc.destroy();
}

/**
 * Writes the chessboard into the SQLite file of a server that has not started yet (the demo organisations
 * too, so the server seeds only its accounts), and the workload's account. Deterministic: same size, same data.
 */
export async function seedChessboard(file: string, size: ChessboardSize): Promise<void> {
  const random = seededRandom(7);
  const db = await openDatabase({ dialect: 'sqlite', file });
  try {
    if (await db.isEmpty()) for (const org of DEMO_ORGS) await db.orgs.insert(org);
    const counties = Array.from({ length: size.counties }, (_, index) => countyOrg(index));
    const townships = Array.from({ length: size.townships }, (_, index) => townshipOrg(index));
    await insertOrg(db, CITY, 'city', null, 0);
    for (const [index, orgId] of counties.entries()) await insertOrg(db, orgId, 'county', CITY, index + 1);
    for (const [index, orgId] of townships.entries())
      await insertOrg(db, orgId, 'township', countyOrg(0), index + 1);

    const city = cityPlan(size.topics, counties, random);
    for (const orgId of counties) {
      const county = childPlan(city, CHESSBOARD_CITY_PLAN, size.topics, random);
      if (orgId === countyOrg(0)) {
        // The first county is also a parent: half its topics are joint for its townships.
        for (const topic of listTopics(county)) {
          if (random() >= COUNTY_JOINT_SHARE) continue;
          const expectations = Object.fromEntries(
            townships.map((township) => [township, { level: expectationLevel(random), neededBy: null }]),
          );
          setTopicJoint(county, topic.id, { joint: true, expectations });
        }
        for (const township of townships)
          await storePlan(
            db,
            township,
            childPlan(county, CHESSBOARD_COUNTY_PLAN, size.townshipTopics, random),
          );
      }
      await storePlan(db, orgId, county);
    }
    await storePlan(db, CITY, city);

    // The server seeds the demo accounts only into a database without accounts, so they are written here
    // with the workload's own (the server's bench client signs in as a demo editor). One hash for all.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const accounts = [
      ...DEMO_USERS,
      {
        id: 'user-bench-alignment',
        username: CHESSBOARD_USER,
        displayName: '基准测试 联动',
        orgId: CITY,
        role: 'editor' as const,
      },
    ];
    for (const { orgId, role, ...user } of accounts) {
      await db.users.insert({ ...user, passwordHash });
      await db.users.addMembership({ userId: user.id, orgId, role });
    }
    await db.docs.flush();
  } finally {
    await db.close();
  }
}
