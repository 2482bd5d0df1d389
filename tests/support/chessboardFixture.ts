import type { Database } from '@yipan/db';
import type { PlanStatus, Role } from '@yipan/domain';
import { hashPassword } from '@yipan/server';
import { TEST_PASSWORD } from './signIn';

/*
 * The organisations of issue 6's acceptance test: a city with 20 counties of 3 townships each, each with a
 * 2021 plan (one county without), plus an unrelated city; and the accounts that act in them. Written
 * straight into the server's stores, as an administrator's import would, so building it takes a second.
 */

export const CITY = 'ac';
export const COUNTIES = 20;
export const TOWNSHIPS_PER_COUNTY = 3;
export const YEAR = 2021;
/** An unrelated city with one county: its users must hear nothing of the chessboard's city. */
export const OTHER_CITY = 'oc';
export const OTHER_COUNTY = 'oc-c1';

/** `ac-c01` … `ac-c20`. */
export const countyId = (index: number) => `${CITY}-c${String(index).padStart(2, '0')}`;
/** `ac-c01-t1` … */
export const townshipId = (county: number, township: number) => `${countyId(county)}-t${township}`;
export const planIdOf = (orgId: string) => `${orgId}-${YEAR}`;
export const COUNTY_IDS = Array.from({ length: COUNTIES }, (_, index) => countyId(index + 1));

/** The county without a plan for the year: its column answers nothing and links nowhere. */
export const PLANLESS_COUNTY = countyId(20);
/** The county whose plan is already approved (frozen): it can decline but not adopt without an adjustment. */
export const FROZEN_COUNTY = countyId(18);

/** An account of the fixture: username, organisation and role. */
export type FixtureUser = { username: string; orgId: string; role: Role };

/** Every account the suite signs in as (all with TEST_PASSWORD). */
export const FIXTURE_USERS: FixtureUser[] = [
  { username: 'ac.admin', orgId: CITY, role: 'admin' },
  { username: 'ac.editor', orgId: CITY, role: 'editor' },
  { username: 'ac.viewer', orgId: CITY, role: 'viewer' },
  ...COUNTY_IDS.map((orgId): FixtureUser => ({ username: `${orgId}.editor`, orgId, role: 'editor' })),
  { username: `${countyId(1)}.admin`, orgId: countyId(1), role: 'admin' },
  { username: `${countyId(1)}.viewer`, orgId: countyId(1), role: 'viewer' },
  { username: `${townshipId(1, 1)}.editor`, orgId: townshipId(1, 1), role: 'editor' },
  { username: `${townshipId(1, 2)}.editor`, orgId: townshipId(1, 2), role: 'editor' },
  { username: `${townshipId(1, 1)}.viewer`, orgId: townshipId(1, 1), role: 'viewer' },
  { username: 'oc.editor', orgId: OTHER_CITY, role: 'editor' },
  { username: 'oc-c1.editor', orgId: OTHER_COUNTY, role: 'editor' },
];

/** The user id of a fixture account. */
export const userIdOf = (username: string) => `user-${username.replaceAll('.', '-')}`;

const org = (
  id: string,
  name: string,
  level: 'city' | 'county' | 'township',
  parentId: string | null,
  sortOrder: number,
) => ({
  id,
  name,
  level,
  parentId,
  sortOrder,
  committees: ['法制委员会', '财政经济委员会'],
  supervisedBodies: ['gov' as const, 'court' as const],
  reportingUnits: [],
});

/** Writes the fixture's organisations, plans and accounts. Every plan starts `collating` unless said otherwise. */
export async function seedChessboard(db: Database): Promise<void> {
  await db.orgs.insert(org(CITY, '联动市', 'city', null, 100));
  for (let county = 1; county <= COUNTIES; county += 1) {
    await db.orgs.insert(org(countyId(county), `联动县${county}`, 'county', CITY, 100 + county));
    for (let township = 1; township <= TOWNSHIPS_PER_COUNTY; township += 1)
      await db.orgs.insert(
        org(
          townshipId(county, township),
          `联动县${county}第${township}镇`,
          'township',
          countyId(county),
          1000 + county * 10 + township,
        ),
      );
  }
  await db.orgs.insert(org(OTHER_CITY, '他市', 'city', null, 200));
  await db.orgs.insert(org(OTHER_COUNTY, '他市一县', 'county', OTHER_CITY, 201));

  const plan = async (orgId: string, status: PlanStatus) =>
    db.plans.insert({ id: planIdOf(orgId), orgId, year: YEAR, title: `${YEAR}年监督工作计划`, status });
  await plan(CITY, 'soliciting');
  for (let county = 1; county <= COUNTIES; county += 1) {
    const orgId = countyId(county);
    if (orgId !== PLANLESS_COUNTY) await plan(orgId, orgId === FROZEN_COUNTY ? 'approved' : 'collating');
    for (let township = 1; township <= TOWNSHIPS_PER_COUNTY; township += 1)
      await plan(townshipId(county, township), 'collating');
  }
  await plan(OTHER_CITY, 'collating');
  await plan(OTHER_COUNTY, 'collating');

  // One hash for every account: hashing is deliberately slow, and the accounts share the test password.
  const passwordHash = await hashPassword(TEST_PASSWORD);
  for (const user of FIXTURE_USERS) {
    await db.users.insert({
      id: userIdOf(user.username),
      username: user.username,
      displayName: user.username,
      passwordHash,
    });
    await db.users.addMembership({ userId: userIdOf(user.username), orgId: user.orgId, role: user.role });
  }
}
