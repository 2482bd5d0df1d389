import { describe, expect, it } from 'vitest';
import { NewTopic } from './planDoc';
import {
  checkProposalDecision,
  isIntakeOpen,
  isSolicitationOpen,
  Proposal,
  PROPOSAL_TEXT_MAX,
  PROPOSAL_TITLE_MAX,
  rerank,
  toNewTopic,
  type ProposalInput,
} from './proposals';

const fromPublic: ProposalInput = {
  title: '老旧小区加装电梯',
  reason: '居民反映强烈',
  problem: '审批流程长、资金分摊难',
  contact: '张先生 138xxxx0000',
  submitterKind: 'public',
};

describe('solicitation proposals', () => {
  it('accept a public proposal and give it the public solicitation source', () => {
    expect(Proposal.parse(fromPublic)).toMatchObject({
      source: 'public_solicitation',
      contact: '张先生 138xxxx0000',
    });
    const { contact: _contact, ...anonymous } = fromPublic;
    expect(Proposal.safeParse(anonymous).success).toBe(true);
  });

  it('keep each part within its limit', () => {
    const long = (n: number) => '字'.repeat(n);
    expect(Proposal.safeParse({ ...fromPublic, title: long(PROPOSAL_TITLE_MAX) }).success).toBe(true);
    expect(Proposal.safeParse({ ...fromPublic, title: long(PROPOSAL_TITLE_MAX + 1) }).success).toBe(false);
    expect(Proposal.safeParse({ ...fromPublic, reason: long(PROPOSAL_TEXT_MAX + 1) }).success).toBe(false);
    expect(Proposal.safeParse({ ...fromPublic, problem: long(PROPOSAL_TEXT_MAX + 1) }).success).toBe(false);
    expect(Proposal.safeParse({ ...fromPublic, problem: '  ' }).success).toBe(false);
    expect(Proposal.safeParse({ ...fromPublic, submitterKind: 'anonymous' }).success).toBe(false);
  });

  it('let deputies and committees name a source, but not the public', () => {
    expect(Proposal.parse({ ...fromPublic, submitterKind: 'deputy' }).source).toBe('deputy_suggestions');
    expect(
      Proposal.parse({ ...fromPublic, submitterKind: 'committee', source: 'letters_visits' }).source,
    ).toBe('letters_visits');
    expect(Proposal.safeParse({ ...fromPublic, source: 'party_assigned' }).success).toBe(false);
  });

  it('become a topic that keeps the source, the reason and the problem, not the contact', () => {
    const topic = toNewTopic(Proposal.parse({ ...fromPublic, submitterKind: 'deputy' }));
    expect(NewTopic.parse(topic)).toMatchObject({
      title: '老旧小区加装电梯',
      sources: ['deputy_suggestions'],
    });
    expect(topic.notes).toContain('居民反映强烈');
    expect(topic.notes).toContain('审批流程长');
    expect(topic.notes).not.toContain('138');
  });

  it('are decided once: merged, accepted or declined with a reason', () => {
    expect(checkProposalDecision('received', { state: 'accepted', topicId: 't1' })).toMatchObject({
      ok: true,
    });
    expect(checkProposalDecision('received', { state: 'merged', into: 'p2' })).toMatchObject({ ok: true });
    expect(checkProposalDecision('received', { state: 'declined', reason: '不属于监督范围' })).toMatchObject({
      ok: true,
    });
    expect(checkProposalDecision('received', { state: 'declined', reason: ' ' })).toEqual({
      ok: false,
      code: 'invalid_decision',
    });
    expect(checkProposalDecision('received', { state: 'accepted', topicId: '../t1' })).toEqual({
      ok: false,
      code: 'invalid_decision',
    });
    expect(checkProposalDecision('declined', { state: 'accepted', topicId: 't1' })).toEqual({
      ok: false,
      code: 'already_decided',
    });
    expect(isSolicitationOpen('soliciting')).toBe(true);
    expect(isSolicitationOpen('collating')).toBe(false);
  });

  it('stay open to the office until the plan goes to the Party committee', () => {
    expect(isIntakeOpen('soliciting')).toBe(true);
    expect(isIntakeOpen('collating')).toBe(true);
    expect(isIntakeOpen('consulting_bodies')).toBe(true);
    expect(isIntakeOpen('party_review')).toBe(false);
    expect(isIntakeOpen('executing')).toBe(false);
  });

  it('rank without ties or gaps when one moves', () => {
    const ranks = (order: string[], id: string, rank: number) => [...rerank(order, id, rank).entries()];
    expect(ranks(['a', 'b', 'c'], 'c', 1)).toEqual([
      ['c', 1],
      ['a', 2],
      ['b', 3],
    ]);
    expect(ranks(['a', 'b', 'c'], 'a', 2)).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 3],
    ]);
    expect(ranks(['a', 'b'], 'a', 99)).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
    expect(ranks(['a', 'b'], 'a', 0)).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});
