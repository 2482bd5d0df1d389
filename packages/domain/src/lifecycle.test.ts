import { describe, expect, it } from 'vitest';
import { can, type Actor } from './access';
import { PLAN_STATUSES, PLAN_STATUS_LABELS, type PlanStatus } from './glossary';
import {
  adjustingBody,
  approvedVersionName,
  checkTransition,
  DEFAULT_LIFECYCLE_SETTINGS,
  defaultLifecycleSettings,
  isFrozen,
  lifecyclePath,
  lifecycleTransitions,
  nextStatuses,
  type LifecycleSettings,
} from './lifecycle';

const withReview: LifecycleSettings = DEFAULT_LIFECYCLE_SETTINGS;
const withoutReview: LifecycleSettings = { partyReview: false, approvingBody: 'standing_committee' };
const REASON = '主任会议决定调整';

/** Every move the lifecycle allows, written out by hand: anything not listed must be refused. */
const LEGAL_WITH_REVIEW = [
  'soliciting→collating',
  'collating→consulting_bodies',
  'consulting_bodies→party_review',
  'party_review→approved',
  'approved→published',
  'published→executing',
  'executing→year_review',
  'year_review→archived',
  'collating→soliciting',
  'consulting_bodies→collating',
  'party_review→consulting_bodies',
];
const LEGAL_WITHOUT_REVIEW = [
  ...LEGAL_WITH_REVIEW.filter((move) => !move.includes('party_review')),
  'consulting_bodies→approved',
];

/** Walks a path of statuses, giving a reason wherever one is needed; returns the first refusal. */
function walk(path: PlanStatus[], settings: LifecycleSettings): string | null {
  for (let i = 1; i < path.length; i += 1) {
    const result = checkTransition(path[i - 1]!, path[i]!, settings, REASON);
    if (!result.ok) return `${path[i - 1]}→${path[i]}: ${result.code}`;
  }
  return null;
}

/** Every path from soliciting to archived that visits no status twice, found from the transition data. */
function simplePaths(settings: LifecycleSettings): PlanStatus[][] {
  const transitions = lifecycleTransitions(settings);
  const extend = (path: PlanStatus[]): PlanStatus[][] => {
    const last = path.at(-1)!;
    if (last === 'archived') return [path];
    return transitions
      .filter((t) => t.from === last && !path.includes(t.to))
      .flatMap((t) => extend([...path, t.to]));
  };
  return extend(['soliciting']);
}

describe('plan lifecycle', () => {
  it.each([
    ['with party review', withReview],
    ['without party review', withoutReview],
  ])('has one simple path to the archive %s, and no adjustment status on it', (_name, settings) => {
    const paths = simplePaths(settings);
    expect(paths).toEqual([lifecyclePath(settings)]);
    for (const path of paths) expect(walk(path, settings)).toBeNull();
  });

  it.each([
    ['with party review', withReview, LEGAL_WITH_REVIEW],
    ['without party review', withoutReview, LEGAL_WITHOUT_REVIEW],
  ])('allows exactly the legal moves %s', (_name, settings, legal) => {
    for (const from of PLAN_STATUSES) {
      for (const to of PLAN_STATUSES) {
        const ok = checkTransition(from, to, settings, REASON).ok;
        expect(ok, `${from}→${to}`).toBe(legal.includes(`${from}→${to}`));
      }
    }
  });

  it('walks every legal path from soliciting to archived', () => {
    const main = lifecyclePath(withReview);
    expect(main).toEqual([
      'soliciting',
      'collating',
      'consulting_bodies',
      'party_review',
      'approved',
      'published',
      'executing',
      'year_review',
      'archived',
    ]);
    expect(walk(main, withReview)).toBeNull();
    const sentBack = ['soliciting', 'collating', 'soliciting', 'collating', 'consulting_bodies', 'collating'];
    const returnedByParty = [
      'consulting_bodies',
      'party_review',
      'consulting_bodies',
      'party_review',
      'approved',
    ];
    for (const path of [sentBack, returnedByParty] as PlanStatus[][])
      expect(walk(path, withReview)).toBeNull();

    const short = lifecyclePath(withoutReview);
    expect(short).toEqual(main.filter((status) => status !== 'party_review'));
    expect(walk(short, withoutReview)).toBeNull();
  });

  it('refuses to skip a status, with a stable code', () => {
    expect(checkTransition('soliciting', 'consulting_bodies', withReview)).toEqual({
      ok: false,
      code: 'skips_status',
    });
    expect(checkTransition('approved', 'executing', withReview)).toMatchObject({ code: 'skips_status' });
    expect(checkTransition('soliciting', 'archived', withoutReview)).toMatchObject({ code: 'skips_status' });
    expect(checkTransition('consulting_bodies', 'approved', withReview)).toMatchObject({
      code: 'party_review_required',
    });
  });

  it('skips party review when the organisation does not use it', () => {
    expect(nextStatuses('consulting_bodies', withoutReview)).toEqual(['approved', 'collating']);
    const result = checkTransition('consulting_bodies', 'approved', withoutReview);
    expect(result).toMatchObject({ ok: true, transition: { decidedBy: 'standing_committee' } });
    expect(checkTransition('consulting_bodies', 'party_review', withoutReview)).toMatchObject({
      code: 'party_review_disabled',
    });
  });

  it('refuses staying, leaving the archive and going back once approved', () => {
    expect(checkTransition('executing', 'executing', withReview)).toMatchObject({ code: 'same_status' });
    expect(checkTransition('archived', 'executing', withReview)).toMatchObject({ code: 'plan_archived' });
    expect(checkTransition('published', 'approved', withReview)).toMatchObject({
      code: 'illegal_transition',
    });
    expect(checkTransition('approved', 'collating', withReview)).toMatchObject({
      code: 'illegal_transition',
    });
  });

  it('needs a reason to send back, and names who decides', () => {
    expect(checkTransition('collating', 'soliciting', withReview)).toMatchObject({ code: 'note_required' });
    expect(checkTransition('collating', 'soliciting', withReview, '  ')).toMatchObject({
      code: 'note_required',
    });
    expect(checkTransition('party_review', 'consulting_bodies', withReview, REASON)).toMatchObject({
      transition: { kind: 'return', decidedBy: 'party_committee' },
    });
    expect(checkTransition('soliciting', 'collating', withReview)).toMatchObject({
      ok: true,
      transition: { requiresNote: false, decidedBy: 'office' },
    });
    const township = defaultLifecycleSettings('township');
    expect(adjustingBody(township)).toBe('township_presidium');
    expect(adjustingBody(withoutReview)).toBe('council_of_chairs');
    expect(checkTransition('party_review', 'approved', township)).toMatchObject({
      transition: { decidedBy: 'township_presidium', freezesVersion: true },
    });
  });

  it('is performed by admins only (the workflow action)', () => {
    const parents = new Map([['county-1', null]]);
    const admin: Actor = { userId: 'a', memberships: [{ orgId: 'county-1', role: 'admin' }] };
    const editor: Actor = { userId: 'e', memberships: [{ orgId: 'county-1', role: 'editor' }] };
    for (const transition of lifecycleTransitions(withReview)) {
      const plan = { kind: 'plan' as const, orgId: 'county-1', status: transition.from };
      expect(can(admin, transition.action, plan, parents)).toBe(true);
      expect(can(editor, transition.action, plan, parents)).toBe(false);
    }
  });

  it('names the version frozen on approval after the plan year', () => {
    expect(approvedVersionName(2021)).toBe('2021年监督工作计划（审议通过稿）');
  });

  it('freezes the plan from approval on, and labels every status', () => {
    expect(PLAN_STATUSES.filter(isFrozen)).toEqual([
      'approved',
      'published',
      'executing',
      'year_review',
      'archived',
    ]);
    for (const status of PLAN_STATUSES) expect(PLAN_STATUS_LABELS[status].zh).toBeTruthy();
  });
});
