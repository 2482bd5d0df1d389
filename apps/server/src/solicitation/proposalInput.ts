import type { z } from 'zod';
import {
  Proposal,
  PROPOSAL_CONTACT_MAX,
  PROPOSAL_TEXT_MAX,
  PROPOSAL_TITLE_MAX,
  type SubmitterKind,
} from '@yipan/domain';
import { ProposalErrorCode } from '@yipan/protocol';
import { HttpError } from '../http/HttpError';

/** How the form names each field, in both languages, and its limit, so a refusal says what to fix. */
const FIELD_NAMES: Record<string, { zh: string; en: string; max?: number }> = {
  title: { zh: '议题名称', en: 'topic', max: PROPOSAL_TITLE_MAX },
  reason: { zh: '建议理由', en: 'reason', max: PROPOSAL_TEXT_MAX },
  problem: { zh: '拟解决的问题', en: 'problem to solve', max: PROPOSAL_TEXT_MAX },
  contact: { zh: '联系方式', en: 'contact', max: PROPOSAL_CONTACT_MAX },
  source: { zh: '议题来源', en: 'source' },
  submitterKind: { zh: '提出者类别', en: 'submitter' },
};

function nameOf(field: string): { zh: string; en: string; max?: number } {
  return FIELD_NAMES[field] ?? { zh: field, en: field };
}

/**
 * The 400 `invalid_proposal` of a failed validation: which fields are empty, which too long (with their
 * limits) and which otherwise wrong, e.g. "请填写：议题名称、建议理由；内容过长：拟解决的问题（最多2000字） /
 * Please fill in: topic, reason; too long: problem to solve (at most 2000 characters)".
 */
export function invalidProposal(error: z.ZodError, input: Record<string, unknown> = {}): HttpError {
  const empty = new Set<string>();
  const long = new Set<string>();
  const wrong = new Set<string>();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'body');
    if (issue.code === 'too_small' || (issue.code === 'invalid_type' && input[field] == null))
      empty.add(field);
    else if (issue.code === 'too_big') long.add(field);
    else wrong.add(field);
  }
  const zh: string[] = [];
  const en: string[] = [];
  if (empty.size > 0) {
    zh.push(`请填写：${[...empty].map((f) => nameOf(f).zh).join('、')}`);
    en.push(`please fill in: ${[...empty].map((f) => nameOf(f).en).join(', ')}`);
  }
  if (long.size > 0) {
    const limit = (f: string, unit: string) => (nameOf(f).max ? `${nameOf(f).max}${unit}` : '');
    zh.push(`内容过长：${[...long].map((f) => `${nameOf(f).zh}（最多${limit(f, '字')}）`).join('、')}`);
    en.push(
      `too long: ${[...long].map((f) => `${nameOf(f).en} (at most ${limit(f, ' characters')})`).join(', ')}`,
    );
  }
  if (wrong.size > 0) {
    zh.push(`无效：${[...wrong].map((f) => nameOf(f).zh).join('、')}`);
    en.push(`invalid: ${[...wrong].map((f) => nameOf(f).en).join(', ')}`);
  }
  const english = en.join('; ');
  return new HttpError(
    400,
    ProposalErrorCode.invalidProposal,
    `${zh.join('；')} / ${english.charAt(0).toUpperCase()}${english.slice(1)}`,
  );
}

/** The fields a proposal form sends, before validation. */
type ProposalFieldsInput = Record<string, unknown>;

/**
 * Validates a submission with the domain's limits; an empty contact counts as none. Throws the 400
 * `invalid_proposal` naming the fields.
 */
export function parseProposal(input: ProposalFieldsInput, submitterKind: SubmitterKind): Proposal {
  const contact =
    typeof input.contact === 'string' && input.contact.trim() === '' ? undefined : input.contact;
  const fields = {
    title: input.title,
    reason: input.reason,
    problem: input.problem,
    contact,
    source: input.source ?? undefined,
    submitterKind,
  };
  const parsed = Proposal.safeParse(fields);
  if (!parsed.success) throw invalidProposal(parsed.error, fields);
  return parsed.data;
}
