import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addTopic, createPlanDoc, getTopic, isPlanContentPath, updateTopic } from './planDoc';
import {
  acknowledgeUpstream,
  adoptParentTopic,
  linkageModesUnder,
  linkExistingTopic,
  normalizeLinks,
  readDeclines,
  readLinks,
  readTopicJoint,
  readUpstreamSeen,
  setDecline,
  setLinks,
  setTopicJoint,
  upstreamChanges,
  type TopicLink,
} from './links';
import { twoReplicas } from './testing/twoReplicas';

const parent = {
  title: '听取和审议市中级人民法院关于解决“执行难”工作情况的报告',
  method: 'special_report' as const,
  addonMethods: ['special_inquiry' as const],
  supervisedBody: 'court' as const,
  leadCommittee: '监察和司法委',
  month: 6,
  session: 31,
  sessionDate: '2021-06-25',
};
const source = {
  parentPlanId: 'city-2021',
  parentTopicId: 'enforcement',
  parent,
  mode: 'joint' as const,
  contributes: true,
};

const topicLink = (parentTopicId: string, overrides: Partial<TopicLink> = {}): TopicLink =>
  ({
    kind: 'topic',
    parentPlanId: 'city-2021',
    parentTopicId,
    mode: 'reference',
    contributes: false,
    primary: false,
    ...overrides,
  }) as TopicLink;

describe('links between levels', () => {
  it('adopts a parent topic: one new topic prefilled from the parent, linked as primary, snapshot taken, decline withdrawn', () => {
    const doc = createPlanDoc();
    setDecline(doc, 'city-2021', 'enforcement', { reason: '先不列入', declinedBy: 'u', declinedAt: 1 });
    const id = adoptParentTopic(doc, source, { author: 'county-editor', now: 5 });
    const topic = getTopic(doc, id);
    expect(topic).toMatchObject({
      title: parent.title,
      method: 'special_report',
      addonMethods: ['special_inquiry'],
      supervisedBody: 'court',
      leadCommittee: '监察和司法委',
      month: 6,
      // The county's own session is its own.
      session: null,
      sessionDate: null,
      sources: ['upper_level_linkage'],
      createdBy: 'county-editor',
    });
    expect(readLinks(doc, id)).toEqual([
      topicLink('enforcement', { mode: 'joint', contributes: true, primary: true }),
    ]);
    expect(readUpstreamSeen(doc, id, 'city-2021', 'enforcement')).toEqual({
      title: parent.title,
      method: 'special_report',
      month: 6,
      session: 31,
      sessionDate: '2021-06-25',
    });
    expect(readDeclines(doc)).toEqual([]);
  });

  it('links an existing topic without losing its other links; the first link stays primary', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, { title: '县法院执行工作' });
    linkExistingTopic(doc, id, { ...source, parentTopicId: 'a' });
    linkExistingTopic(doc, id, { ...source, parentTopicId: 'b', mode: 'reference', contributes: true });
    expect(readLinks(doc, id)).toEqual([
      topicLink('a', { mode: 'joint', contributes: true, primary: true }),
      // contributes only counts on joint links.
      topicLink('b', { mode: 'reference', contributes: false, primary: false }),
    ]);
    expect(() => linkExistingTopic(doc, 'nope', source)).toThrow(/not found/);
  });

  it('normalises links: no duplicate parent, exactly one primary', () => {
    const external: TopicLink = {
      kind: 'external',
      external: { title: '省人大执法检查', year: 2021, source: '省人大常委会' },
      mode: 'delegated',
      contributes: false,
      primary: true,
    };
    expect(normalizeLinks([topicLink('a'), topicLink('a', { mode: 'joint' }), external])).toEqual([
      topicLink('a'),
      { ...external, primary: true },
    ]);
    expect(normalizeLinks([topicLink('a'), topicLink('b')]).map((link) => link.primary)).toEqual([
      true,
      false,
    ]);
  });

  it('reads whatever a faulty writer left as no links, and refuses bad input on write', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, { title: '议题' });
    const map = doc.getMap<Y.Map<unknown>>('topics').get(id);
    map?.set('links', [{ kind: 'topic', parentPlanId: 'bad id!' }, 'junk', topicLink('ok')]);
    expect(readLinks(doc, id)).toEqual([topicLink('ok', { primary: true })]);
    map?.set('links', 'not an array');
    expect(readLinks(doc, id)).toEqual([]);
    expect(() =>
      setLinks(doc, id, [{ ...topicLink('x'), mode: 'nonsense' } as unknown as TopicLink]),
    ).toThrow();
    expect(readLinks(doc, id)).toEqual([]);
  });

  it('offers 委托 (delegated) only under a province', () => {
    expect(linkageModesUnder('city')).toEqual(['joint', 'coordinated', 'reference']);
    expect(linkageModesUnder('province')).toContain('delegated');
    expect(linkageModesUnder('external')).toContain('delegated');
  });

  it('marks a topic joint with expectations; plan content, so frozen with the plan', () => {
    const doc = createPlanDoc();
    const id = addTopic(doc, { title: '乡村振兴' });
    expect(readTopicJoint(doc, id)).toEqual({ joint: false, expectations: {} });
    const joint = {
      joint: true,
      expectations: {
        'county-1': { level: 'required' as const, neededBy: '2021-09-30' },
        'county-2': { level: 'not_applicable' as const, neededBy: null },
      },
    };
    setTopicJoint(doc, id, joint);
    expect(readTopicJoint(doc, id)).toEqual(joint);
    expect(() =>
      setTopicJoint(doc, id, {
        joint: true,
        expectations: { 'county-1': { level: 'must', neededBy: null } },
      } as never),
    ).toThrow();
    expect(readTopicJoint(doc, id)).toEqual(joint);
    expect(isPlanContentPath('topics', [id, 'joint'])).toBe(true);
    expect(isPlanContentPath('topics', [id, 'expectations'])).toBe(true);
    expect(isPlanContentPath('topics', [id, 'links'])).toBe(true);
    // Declines and acknowledgements live outside the topics: never frozen.
    expect(isPlanContentPath('declines', ['city-2021/a'])).toBe(false);
    expect(isPlanContentPath('upstream', [`${id}/city-2021/a`])).toBe(false);
  });

  it('keeps concurrent declines of different parent topics (one map entry each)', () => {
    const { a, b, sync } = twoReplicas();
    setDecline(a, 'city-2021', 'x', { reason: '本县无此项工作', declinedBy: 'u1', declinedAt: 1 });
    setDecline(b, 'city-2021', 'y', { reason: '已列入明年计划', declinedBy: 'u2', declinedAt: 2 });
    sync();
    expect(readDeclines(a).map((row) => [row.parentTopicId, row.reason])).toEqual([
      ['x', '本县无此项工作'],
      ['y', '已列入明年计划'],
    ]);
    setDecline(a, 'city-2021', 'x', null);
    expect(readDeclines(a).map((row) => row.parentTopicId)).toEqual(['y']);
  });

  it('reports the parent fields that changed since the link last looked, and nothing once acknowledged', () => {
    const doc = createPlanDoc();
    const id = adoptParentTopic(doc, source, { author: 'u' });
    const seen = readUpstreamSeen(doc, id, 'city-2021', 'enforcement');
    const current = { ...parent, month: 7, title: '执行难（调整）' };
    expect(upstreamChanges(seen, current)).toEqual([
      { field: 'title', seen: parent.title, current: '执行难（调整）' },
      { field: 'month', seen: 6, current: 7 },
    ]);
    expect(upstreamChanges(null, current)).toEqual([]);
    acknowledgeUpstream(doc, id, 'city-2021', 'enforcement', current);
    expect(upstreamChanges(readUpstreamSeen(doc, id, 'city-2021', 'enforcement'), current)).toEqual([]);
    // The child's own edits are not upstream changes.
    updateTopic(doc, id, { month: 9 });
    expect(upstreamChanges(readUpstreamSeen(doc, id, 'city-2021', 'enforcement'), current)).toEqual([]);
  });
});
