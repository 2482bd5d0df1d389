import type * as Y from 'yjs';
import { z } from 'zod';
import { IsoDate } from './dates';
import { DomainError } from './errors';
import type { OrgLevel } from './glossary';
import { labelledEnum } from './labelledEnum';
import {
  addTopic,
  declinesRoot,
  EntityId,
  getTopic,
  TITLE_MAX,
  TopicFields,
  topicsRoot,
  upstreamRoot,
  type NewTopic,
} from './planDoc';
import { requireTopic } from './planDocParts';
import { lazySchema } from './lazySchema';

/*
 * One chessboard (全市一盘棋): a child plan's topics link to the topics of higher levels they answer, and a
 * parent plan's joint topics say what they expect of each child organisation. Links live in the child's
 * document (plan content: frozen with the plan), expectations in the parent's (plan content as well);
 * declines and what each link last saw of its parent live outside `topics`, so answering "not taken up" or
 * dismissing an upstream change never needs an adjustment.
 */

const modes = labelledEnum([
  ['joint', { zh: '联动', en: 'Joint' }],
  ['delegated', { zh: '委托', en: 'Delegated' }],
  ['coordinated', { zh: '协同配合', en: 'Coordinated' }],
  ['reference', { zh: '参照', en: 'Reference' }],
] as const);
/** How a child topic answers its parent topic (DOMAIN.md, "Linkage between levels"). */
export const LinkageMode = modes.schema;
export type LinkageMode = z.infer<typeof LinkageMode>;
export const LINKAGE_MODES = modes.values;
export const LINKAGE_MODE_LABELS = modes.labels;

/** `delegated` is reserved in law to national and provincial committees: offered only under a province. */
export function linkageModesUnder(parentLevel: OrgLevel | 'external'): LinkageMode[] {
  const delegating = parentLevel === 'province' || parentLevel === 'external';
  return LINKAGE_MODES.filter((mode) => mode !== 'delegated' || delegating);
}

const levels = labelledEnum([
  ['required', { zh: '须联动', en: 'Required' }],
  ['recommended', { zh: '建议联动', en: 'Recommended' }],
  ['not_applicable', { zh: '不适用', en: 'Not applicable' }],
] as const);
/** What a parent's joint topic expects of one child organisation. */
export const ExpectationLevel = levels.schema;
export type ExpectationLevel = z.infer<typeof ExpectationLevel>;
export const EXPECTATION_LEVELS = levels.values;
export const EXPECTATION_LEVEL_LABELS = levels.labels;

/** Most child organisations one topic can hold expectations for (a city has a few dozen counties at most). */
const EXPECTATIONS_MAX = 200;
/** Most links of one topic to higher levels. */
export const LINKS_MAX = 10;
/** Longest decline reason and external source description. */
export const REASON_MAX = 500;

export const Expectation = lazySchema(() =>
  z.object({ level: ExpectationLevel, neededBy: IsoDate.nullable() }),
);
export type Expectation = z.infer<typeof Expectation>;

/** A joint topic's expectations, by child organisation id. */
export const TopicExpectations = lazySchema(() =>
  z
    .record(EntityId, Expectation)
    .refine((record) => Object.keys(record).length <= EXPECTATIONS_MAX, 'too many expectations'),
);
export type TopicExpectations = z.infer<typeof TopicExpectations>;

/** Whether a topic is joint (联动) and what it expects of each child organisation. */
export const TopicJoint = lazySchema(() => z.object({ joint: z.boolean(), expectations: TopicExpectations }));
export type TopicJoint = z.infer<typeof TopicJoint>;

/** A topic of a level Yipan does not host (a province's), entered by hand so a city topic can link to it. */
export const ExternalTopic = lazySchema(() =>
  z.object({
    title: z.string().trim().min(1).max(TITLE_MAX),
    year: z.number().int().min(1949).max(2200),
    source: z.string().trim().max(REASON_MAX),
  }),
);
export type ExternalTopic = z.infer<typeof ExternalTopic>;

const linkCommon = {
  mode: LinkageMode,
  /** For a joint link: whether this topic's result counts towards the parent's (e.g. the city's report). */
  contributes: z.boolean(),
  /** The link that places the topic on the chessboard; exactly one of a topic's links is primary. */
  primary: z.boolean(),
};

/** One link of a child topic to a higher level's topic. */
export const TopicLink = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('topic'), parentPlanId: EntityId, parentTopicId: EntityId, ...linkCommon }),
    z.object({ kind: z.literal('external'), external: ExternalTopic, ...linkCommon }),
  ]),
);
export type TopicLink = z.infer<typeof TopicLink>;

/** The parent fields whose change a child must see ("上级议题已修改"): title, method and schedule. */
export const UPSTREAM_FIELDS = ['title', 'method', 'month', 'session', 'sessionDate'] as const;
export type UpstreamField = (typeof UPSTREAM_FIELDS)[number];
export const UpstreamFields = lazySchema(() =>
  TopicFields.pick({
    title: true,
    method: true,
    month: true,
    session: true,
    sessionDate: true,
  }),
);
export type UpstreamFields = z.infer<typeof UpstreamFields>;

/** One field of a parent topic that changed since the child last looked. */
export type UpstreamChange = {
  field: UpstreamField;
  seen: UpstreamFields[UpstreamField];
  current: UpstreamFields[UpstreamField];
};

/** A decline of an expectation from above (不采纳), with its reason. */
export const Decline = lazySchema(() =>
  z.object({
    reason: z.string().trim().min(1).max(REASON_MAX),
    declinedBy: z.string().max(200),
    declinedAt: z.number(),
  }),
);
export type Decline = z.infer<typeof Decline>;
export type DeclineEntry = Decline & { parentPlanId: string; parentTopicId: string };

const LINKS = 'links';
const JOINT = 'joint';
const EXPECTATIONS = 'expectations';
/** Separator of composite keys; ids never contain it. */
const KEY_SEPARATOR = '/';

/** Whether two links point at the same parent. */
function sameParent(a: TopicLink, b: TopicLink): boolean {
  if (a.kind === 'topic' && b.kind === 'topic')
    return a.parentPlanId === b.parentPlanId && a.parentTopicId === b.parentTopicId;
  if (a.kind === 'external' && b.kind === 'external')
    return a.external.title === b.external.title && a.external.year === b.external.year;
  return false;
}

/**
 * The links as they must be stored: no two to the same parent, exactly one primary (the first marked, else
 * the first), `contributes` only on joint links.
 */
export function normalizeLinks(links: readonly TopicLink[]): TopicLink[] {
  const unique: TopicLink[] = [];
  for (const link of links) if (!unique.some((kept) => sameParent(kept, link))) unique.push(link);
  const primaryIndex = Math.max(
    0,
    unique.findIndex((link) => link.primary),
  );
  return unique.map((link, index) => ({
    ...link,
    primary: index === primaryIndex,
    contributes: link.mode === 'joint' && link.contributes,
  }));
}

/** A topic's links, tolerating whatever a faulty writer left: invalid entries are skipped. */
export function readLinks(doc: Y.Doc, topicId: string): TopicLink[] {
  const value = topicsRoot(doc).get(topicId)?.get(LINKS);
  if (!Array.isArray(value)) return [];
  const links = value.flatMap((entry) => {
    const parsed = TopicLink.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
  return normalizeLinks(links.slice(0, LINKS_MAX));
}

/** Replaces a topic's links (validated and normalised); throws a ZodError on bad input. */
export function setLinks(doc: Y.Doc, topicId: string, links: readonly TopicLink[], origin?: unknown): void {
  const map = requireTopic(topicsRoot(doc), topicId);
  const valid = normalizeLinks(z.array(TopicLink).max(LINKS_MAX).parse(links));
  doc.transact(() => map.set(LINKS, valid), origin);
}

/** Whether a topic is joint and what it expects of each child organisation. */
export function readTopicJoint(doc: Y.Doc, topicId: string): TopicJoint {
  const map = topicsRoot(doc).get(topicId);
  const expectations = TopicExpectations.safeParse(map?.get(EXPECTATIONS));
  return { joint: map?.get(JOINT) === true, expectations: expectations.success ? expectations.data : {} };
}

/** Whether a topic is joint, without reading its expectations: cheap enough for every card of a board. */
export function isJointTopic(doc: Y.Doc, topicId: string): boolean {
  return topicsRoot(doc).get(topicId)?.get(JOINT) === true;
}

/** Marks a topic joint (or not) with its expectations; throws a ZodError on bad input. */
export function setTopicJoint(doc: Y.Doc, topicId: string, joint: TopicJoint, origin?: unknown): void {
  const map = requireTopic(topicsRoot(doc), topicId);
  const valid = TopicJoint.parse(joint);
  doc.transact(() => {
    map.set(JOINT, valid.joint);
    map.set(EXPECTATIONS, valid.expectations);
  }, origin);
}

function declineKey(parentPlanId: string, parentTopicId: string): string {
  return `${parentPlanId}${KEY_SEPARATOR}${parentTopicId}`;
}

/** Every decline of the plan, valid ones only. */
export function readDeclines(doc: Y.Doc): DeclineEntry[] {
  const entries: DeclineEntry[] = [];
  declinesRoot(doc).forEach((value, key) => {
    const [parentPlanId, parentTopicId, extra] = key.split(KEY_SEPARATOR);
    const parsed = Decline.safeParse(value);
    if (!parsed.success || !parentPlanId || !parentTopicId || extra !== undefined) return;
    if (!EntityId.safeParse(parentPlanId).success || !EntityId.safeParse(parentTopicId).success) return;
    entries.push({ ...parsed.data, parentPlanId, parentTopicId });
  });
  return entries.sort((a, b) => a.declinedAt - b.declinedAt);
}

/** Records (or, with null, withdraws) the plan's decline of a parent topic. */
export function setDecline(
  doc: Y.Doc,
  parentPlanId: string,
  parentTopicId: string,
  decline: Decline | null,
  origin?: unknown,
): void {
  const key = declineKey(EntityId.parse(parentPlanId), EntityId.parse(parentTopicId));
  const valid = decline === null ? null : Decline.parse(decline);
  doc.transact(() => {
    if (valid === null) declinesRoot(doc).delete(key);
    else declinesRoot(doc).set(key, valid);
  }, origin);
}

function upstreamKey(topicId: string, parentPlanId: string, parentTopicId: string): string {
  return [topicId, parentPlanId, parentTopicId].join(KEY_SEPARATOR);
}

/** The parent fields a link last acknowledged, or null when it never did (it then reports no change). */
export function readUpstreamSeen(
  doc: Y.Doc,
  topicId: string,
  parentPlanId: string,
  parentTopicId: string,
): UpstreamFields | null {
  const parsed = UpstreamFields.safeParse(
    upstreamRoot(doc).get(upstreamKey(topicId, parentPlanId, parentTopicId)),
  );
  return parsed.success ? parsed.data : null;
}

/** Records the parent's fields as seen by a link: on linking, and on accepting or dismissing a change. */
export function acknowledgeUpstream(
  doc: Y.Doc,
  topicId: string,
  parentPlanId: string,
  parentTopicId: string,
  parent: UpstreamFields,
  origin?: unknown,
): void {
  const key = upstreamKey(
    EntityId.parse(topicId),
    EntityId.parse(parentPlanId),
    EntityId.parse(parentTopicId),
  );
  const valid = UpstreamFields.parse(pickUpstream(parent));
  doc.transact(() => upstreamRoot(doc).set(key, valid), origin);
}

/** The upstream-relevant fields of a topic. */
export function pickUpstream(topic: UpstreamFields): UpstreamFields {
  return {
    title: topic.title,
    method: topic.method,
    month: topic.month,
    session: topic.session,
    sessionDate: topic.sessionDate,
  };
}

/** The fields of a parent topic that differ from what the link last saw. */
export function upstreamChanges(seen: UpstreamFields | null, current: UpstreamFields): UpstreamChange[] {
  if (seen === null) return [];
  return UPSTREAM_FIELDS.filter((field) => seen[field] !== current[field]).map((field) => ({
    field,
    seen: seen[field],
    current: current[field],
  }));
}

/** A parent topic as a child adopts it: what is copied, and where it came from. */
export type AdoptionSource = {
  parentPlanId: string;
  parentTopicId: string;
  parent: UpstreamFields & Pick<TopicFields, 'addonMethods' | 'supervisedBody' | 'leadCommittee'>;
  mode: LinkageMode;
  contributes: boolean;
};

/**
 * Adopts a parent topic (采纳): one new topic prefilled from the parent (title, methods, supervised body,
 * month, lead committee; the child's own session and date are its own), linked as primary, its upstream
 * snapshot taken and any earlier decline withdrawn, all in one transaction. Returns the new topic's id.
 */
export function adoptParentTopic(
  doc: Y.Doc,
  source: AdoptionSource,
  options: { author: string; now?: number; origin?: unknown; id?: string },
): string {
  const { parent } = source;
  const fields: NewTopic = {
    title: parent.title,
    method: parent.method,
    addonMethods: parent.addonMethods,
    supervisedBody: parent.supervisedBody,
    leadCommittee: parent.leadCommittee,
    month: parent.month,
    sources: ['upper_level_linkage'],
  };
  let id = '';
  doc.transact(() => {
    id = addTopic(doc, fields, {
      author: options.author,
      now: options.now,
      id: options.id,
      origin: options.origin,
    });
    linkExistingTopic(doc, id, source, options.origin);
  }, options.origin);
  return id;
}

/**
 * Links an existing topic to a parent topic (关联): the link is added (primary when it is the first), the
 * upstream snapshot taken and any decline of that parent topic withdrawn.
 */
export function linkExistingTopic(
  doc: Y.Doc,
  topicId: string,
  source: Omit<AdoptionSource, 'parent'> & { parent: UpstreamFields },
  origin?: unknown,
): void {
  if (!getTopic(doc, topicId)) throw new DomainError('topic_not_found', `topic ${topicId} not found`);
  const link: TopicLink = {
    kind: 'topic',
    parentPlanId: source.parentPlanId,
    parentTopicId: source.parentTopicId,
    mode: source.mode,
    contributes: source.contributes,
    primary: false,
  };
  doc.transact(() => {
    const existing = readLinks(doc, topicId).filter((other) => !sameParent(other, link));
    setLinks(doc, topicId, [...existing, { ...link, primary: existing.length === 0 }], origin);
    acknowledgeUpstream(doc, topicId, source.parentPlanId, source.parentTopicId, source.parent, origin);
    setDecline(doc, source.parentPlanId, source.parentTopicId, null, origin);
  }, origin);
}
