import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DISCLOSURE_SETTINGS,
  DISCLOSURE_FIELDS,
  DisclosureSettings,
  PublicTopic,
  publicFieldsOf,
  publicTopic,
  readDisclosureSettings,
  type DisclosureTopicSource,
} from './disclosure';

/** A projected topic whose `fields` hold everything the document holds, the internal parts included. */
function source(overrides: Partial<DisclosureTopicSource> = {}): DisclosureTopicSource {
  return {
    topicId: 't1',
    title: '优化营商环境',
    archived: false,
    fields: {
      id: 't1',
      title: '优化营商环境',
      method: 'special_report',
      addonMethods: ['satisfaction_vote'],
      supervisedBody: 'gov',
      reportingUnit: '市发展改革委',
      leadCommittee: '财经委',
      assistCommittees: ['代表工委'],
      leaderInCharge: '王副主任',
      month: 8,
      session: 5,
      sessionDate: '2021-08-26',
      sources: ['public_concern'],
      notes: 'INTERNAL NOTES',
      createdBy: 'user-city-editor',
      order: 'a0',
      createdAt: 1,
    },
    stepsTotal: 7,
    stepsFinished: 3,
    items: [
      { state: 'drafting', rating: null },
      { state: 'closed', rating: { satisfied: 30, basicallySatisfied: 10, unsatisfied: 2 } },
      { state: 'handling', rating: null },
    ],
    ...overrides,
  };
}

const NOTHING = Object.fromEntries(DISCLOSURE_FIELDS.map((field) => [field, false])) as DisclosureSettings;

describe('the settings of public fields', () => {
  it('publishes everything but the leader in charge by default', () => {
    expect(publicFieldsOf(DEFAULT_DISCLOSURE_SETTINGS)).toEqual([
      'method',
      'schedule',
      'supervisedBody',
      'leadCommittee',
      'reportingUnit',
      'progress',
      'opinionHandled',
      'rating',
    ]);
  });

  it('accepts a full set of switches and refuses unknown or missing fields', () => {
    expect(DisclosureSettings.safeParse({ ...DEFAULT_DISCLOSURE_SETTINGS, rating: false }).success).toBe(
      true,
    );
    expect(DisclosureSettings.safeParse({ ...DEFAULT_DISCLOSURE_SETTINGS, notes: true }).success).toBe(false);
    expect(DisclosureSettings.safeParse({ method: true }).success).toBe(false);
    expect(DisclosureSettings.safeParse({ ...DEFAULT_DISCLOSURE_SETTINGS, method: 'yes' }).success).toBe(
      false,
    );
  });

  it('reads stored settings leniently: garbage falls back to the defaults field by field', () => {
    expect(readDisclosureSettings(null)).toEqual(DEFAULT_DISCLOSURE_SETTINGS);
    expect(readDisclosureSettings({ leaderInCharge: true, rating: 'no', notes: true })).toEqual({
      ...DEFAULT_DISCLOSURE_SETTINGS,
      leaderInCharge: true,
    });
  });
});

describe('the allow-list projection of a topic', () => {
  it('copies the published fields and nothing internal', () => {
    const topic = publicTopic(source(), DEFAULT_DISCLOSURE_SETTINGS);
    expect(topic).toEqual({
      id: 't1',
      title: '优化营商环境',
      method: 'special_report',
      addonMethods: ['satisfaction_vote'],
      month: 8,
      session: 5,
      supervisedBody: 'gov',
      leadCommittee: '财经委',
      reportingUnit: '市发展改革委',
      progress: { done: 3, total: 7 },
      // The drafting item is not counted: a draft opinion is not public.
      opinion: { phase: 'handling', issued: 2, closed: 1 },
      rating: {
        items: 1,
        satisfied: 30,
        basicallySatisfied: 10,
        unsatisfied: 2,
        percent: 95.2,
        passed: true,
      },
    });
    expect(PublicTopic.safeParse(topic).success).toBe(true);
    expect(JSON.stringify(topic)).not.toMatch(/INTERNAL|user-city-editor|王副主任|代表工委|2021-08-26/);
  });

  it('shows only the title when nothing is published, and the leader when chosen', () => {
    expect(publicTopic(source(), NOTHING)).toEqual({ id: 't1', title: '优化营商环境' });
    expect(publicTopic(source(), { ...NOTHING, leaderInCharge: true })).toEqual({
      id: 't1',
      title: '优化营商环境',
      leaderInCharge: '王副主任',
    });
  });

  it('leaves archived topics out and reads a garbled document as defaults, never as raw values', () => {
    expect(publicTopic(source({ archived: true }), DEFAULT_DISCLOSURE_SETTINGS)).toBeNull();
    const garbled = publicTopic(
      source({ fields: { method: { evil: true }, month: 'June', leadCommittee: 42 }, items: [] }),
      DEFAULT_DISCLOSURE_SETTINGS,
    );
    expect(garbled).toMatchObject({ method: 'special_report', month: null, leadCommittee: '' });
    expect(garbled?.opinion).toEqual({ phase: 'none', issued: 0, closed: 0 });
    expect(garbled?.rating).toBeNull();
  });

  it('calls an opinion closed only when every issued item is', () => {
    const closed = publicTopic(
      source({
        items: [
          { state: 'closed', rating: null },
          { state: 'chairs_approved', rating: null },
        ],
      }),
      DEFAULT_DISCLOSURE_SETTINGS,
    );
    expect(closed?.opinion).toEqual({ phase: 'closed', issued: 1, closed: 1 });
  });
});
