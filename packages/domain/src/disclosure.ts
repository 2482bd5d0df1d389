import { z } from 'zod';
import { Method, SupervisedBody } from './glossary';
import { labelledEnum } from './labelledEnum';
import { SHORT_TEXT_MAX, TITLE_MAX, TopicFields } from './planDoc';
import { RectificationState, ratingPasses, ratingPercent, type Rating } from './rectification';
import { lazySchema } from './lazySchema';

/*
 * Public disclosure (监督公开): what the public may see of a published plan. The public view is built by
 * an allow-list projection (`publicTopic`) from internal rows to `PublicTopic`, never by deleting fields
 * from internal objects, so a field added to a topic later stays internal until it is listed here.
 */

const fields = labelledEnum([
  ['method', { zh: '监督方式', en: 'Method' }],
  ['schedule', { zh: '时间安排', en: 'Schedule' }],
  ['supervisedBody', { zh: '监督对象', en: 'Supervised body' }],
  ['leadCommittee', { zh: '牵头委室', en: 'Lead committee' }],
  ['reportingUnit', { zh: '承办/报告单位', en: 'Reporting unit' }],
  ['leaderInCharge', { zh: '分管领导', en: 'Leader in charge' }],
  ['progress', { zh: '工作进度', en: 'Progress' }],
  ['opinionHandled', { zh: '审议意见办理', en: 'Opinion handled' }],
  ['rating', { zh: '满意度测评', en: 'Satisfaction rating' }],
] as const);
/** A topic field an organisation may choose to publish; the title is always public. */
export const DisclosureField = fields.schema;
export type DisclosureField = z.infer<typeof DisclosureField>;
/** The choosable fields in the order the public page shows them. */
export const DISCLOSURE_FIELDS = fields.values;
/** How each choosable field is named on the settings form and the public page. */
export const DISCLOSURE_FIELD_LABELS = fields.labels;

/**
 * An organisation's choice of public fields, one switch per field. Strict: a PUT naming a field that
 * does not exist is refused rather than silently ignored.
 */
export const DisclosureSettings = lazySchema(() =>
  z.strictObject(
    Object.fromEntries(DISCLOSURE_FIELDS.map((field) => [field, z.boolean()])) as Record<
      DisclosureField,
      z.ZodBoolean
    >,
  ),
);
export type DisclosureSettings = z.infer<typeof DisclosureSettings>;

/** Everything public but the leader in charge: a person's name is published only when the office decides to. */
export const DEFAULT_DISCLOSURE_SETTINGS: DisclosureSettings = {
  method: true,
  schedule: true,
  supervisedBody: true,
  leadCommittee: true,
  reportingUnit: true,
  leaderInCharge: false,
  progress: true,
  opinionHandled: true,
  rating: true,
};

/** Stored settings as read back: each valid switch kept, anything missing or garbled reads as its default. */
export function readDisclosureSettings(stored: unknown): DisclosureSettings {
  const source = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const settings = { ...DEFAULT_DISCLOSURE_SETTINGS };
  for (const field of DISCLOSURE_FIELDS) {
    const value = source[field];
    if (typeof value === 'boolean') settings[field] = value;
  }
  return settings;
}

/** The fields an organisation publishes, in page order. */
export function publicFieldsOf(settings: DisclosureSettings): DisclosureField[] {
  return DISCLOSURE_FIELDS.filter((field) => settings[field]);
}

/** Item states before the chairs issue an opinion: its text is a draft and nothing of it is public. */
const DRAFT_ITEM_STATES: ReadonlySet<RectificationState> = new Set(['drafting', 'chairs_approved']);

/** Whether a rectification item has left the draft stage (issued to the body), so it may count in public. */
export function isIssuedItem(state: string): boolean {
  const parsed = RectificationState.safeParse(state);
  return parsed.success && !DRAFT_ITEM_STATES.has(parsed.data);
}

/** How the public reads an opinion's follow-up: nothing issued yet, being handled, or every item closed. */
export const OpinionPhase = lazySchema(() => z.enum(['none', 'handling', 'closed']));
export type OpinionPhase = z.infer<typeof OpinionPhase>;

/** Labels of the opinion phases on the public page. */
export const OPINION_PHASE_LABELS: Record<OpinionPhase, { zh: string; en: string }> = {
  none: { zh: '尚未交办', en: 'Not issued yet' },
  handling: { zh: '办理中', en: 'Being handled' },
  closed: { zh: '已全部销号', en: 'All items closed' },
};

/** A count of steps, items or votes. */
const Count = lazySchema(() => z.number().int().min(0));

/** A topic as the public sees it: the title and only the fields its organisation publishes. */
export const PublicTopic = lazySchema(() =>
  z.strictObject({
    id: z.string(),
    title: z.string().max(TITLE_MAX),
    method: Method.optional(),
    addonMethods: z.array(Method).optional(),
    month: TopicFields.shape.month.optional(),
    session: TopicFields.shape.session.optional(),
    supervisedBody: SupervisedBody.optional(),
    leadCommittee: z.string().max(SHORT_TEXT_MAX).optional(),
    reportingUnit: z.string().max(SHORT_TEXT_MAX).optional(),
    leaderInCharge: z.string().max(SHORT_TEXT_MAX).optional(),
    /** Steps done (or skipped) of the method's steps. */
    progress: z.strictObject({ done: Count, total: Count }).optional(),
    /** Issued opinion items and how many of them are closed (销号). */
    opinion: z.strictObject({ phase: OpinionPhase, issued: Count, closed: Count }).optional(),
    /** Satisfaction votes summed over the rated items; null when nothing was rated. */
    rating: z
      .strictObject({
        items: Count,
        satisfied: Count,
        basicallySatisfied: Count,
        unsatisfied: Count,
        /** Satisfied plus basically satisfied, in percent to one decimal. */
        percent: z.number().min(0).max(100),
        passed: z.boolean(),
      })
      .nullable()
      .optional(),
  }),
);
export type PublicTopic = z.infer<typeof PublicTopic>;

/** A rectification item as the projection holds it; only its state and rating are read here. */
export type DisclosureItemSource = { state: string; rating: Rating | null };

/**
 * What `publicTopic` reads of a projected topic: its columns, the `fields` JSON of the whole topic (the
 * notes and author included, which is why nothing is copied from it but the allow-listed keys), its step
 * counts and its rectification items.
 */
export type DisclosureTopicSource = {
  topicId: string;
  title: string;
  archived: boolean;
  fields: Record<string, unknown>;
  stepsTotal: number;
  stepsFinished: number;
  items: readonly DisclosureItemSource[];
};

function pick<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

function opinionOf(items: readonly DisclosureItemSource[]): NonNullable<PublicTopic['opinion']> {
  const issued = items.filter((item) => isIssuedItem(item.state));
  const closed = issued.filter((item) => item.state === 'closed').length;
  const phase: OpinionPhase = issued.length === 0 ? 'none' : closed === issued.length ? 'closed' : 'handling';
  return { phase, issued: issued.length, closed };
}

function ratingOf(items: readonly DisclosureItemSource[]): PublicTopic['rating'] {
  const rated = items.filter((item) => isIssuedItem(item.state) && item.rating !== null);
  if (rated.length === 0) return null;
  const sum = { satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 };
  for (const { rating } of rated) {
    if (!rating) continue;
    sum.satisfied += rating.satisfied;
    sum.basicallySatisfied += rating.basicallySatisfied;
    sum.unsatisfied += rating.unsatisfied;
  }
  return { items: rated.length, ...sum, percent: ratingPercent(sum), passed: ratingPasses(sum) };
}

/**
 * The allow-list projection of one topic for the public: the title always, each other field only when
 * the organisation publishes it. Archived topics are not public (null).
 */
export function publicTopic(source: DisclosureTopicSource, settings: DisclosureSettings): PublicTopic | null {
  if (source.archived) return null;
  const { fields: raw } = source;
  const topic: PublicTopic = { id: source.topicId, title: source.title };
  if (settings.method) {
    topic.method = pick(Method, raw.method, 'special_report');
    topic.addonMethods = pick(TopicFields.shape.addonMethods, raw.addonMethods, []);
  }
  if (settings.schedule) {
    topic.month = pick(TopicFields.shape.month, raw.month, null);
    topic.session = pick(TopicFields.shape.session, raw.session, null);
  }
  if (settings.supervisedBody) topic.supervisedBody = pick(SupervisedBody, raw.supervisedBody, 'gov');
  if (settings.leadCommittee)
    topic.leadCommittee = pick(TopicFields.shape.leadCommittee, raw.leadCommittee, '');
  if (settings.reportingUnit)
    topic.reportingUnit = pick(TopicFields.shape.reportingUnit, raw.reportingUnit, '');
  if (settings.leaderInCharge)
    topic.leaderInCharge = pick(TopicFields.shape.leaderInCharge, raw.leaderInCharge, '');
  if (settings.progress) topic.progress = { done: source.stepsFinished, total: source.stepsTotal };
  if (settings.opinionHandled) topic.opinion = opinionOf(source.items);
  if (settings.rating) topic.rating = ratingOf(source.items);
  return topic;
}
