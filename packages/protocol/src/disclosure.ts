import { z } from 'zod';
import {
  DisclosureField,
  DisclosureSettings,
  OrgLevel,
  PlanStatus,
  PublicTopic,
  lazySchema,
} from '@yipan/domain';

/*
 * The wire contract of public disclosure (监督公开): an organisation's choice of public fields (signed
 * in, its own administrators change it) and the public API (no sign-in): published plans with their
 * public topics only. Everything public is an allow-list projection (domain `publicTopic`).
 */

/** `GET /api/orgs/:orgId/disclosure`: the organisation's public fields and whether the caller may change them. */
export const DisclosureSettingsResponse = lazySchema(() =>
  z.object({
    orgId: z.string(),
    settings: DisclosureSettings,
    /** False while the organisation keeps the defaults. */
    custom: z.boolean(),
    editable: z.boolean(),
  }),
);
export type DisclosureSettingsResponse = z.infer<typeof DisclosureSettingsResponse>;

/** `PUT /api/orgs/:orgId/disclosure`: every switch; answers like GET. */
export const PutDisclosureRequest = DisclosureSettings;
export type PutDisclosureRequest = z.infer<typeof PutDisclosureRequest>;

/** Stable codes of disclosure refusals (unknown plans answer `plan_not_found`, unknown organisations `org_not_found`). */
export const DisclosureErrorCode = {
  /** 400: the body is not one boolean per public field. */
  invalidDisclosure: 'invalid_disclosure',
} as const;
export type DisclosureErrorCode = (typeof DisclosureErrorCode)[keyof typeof DisclosureErrorCode];

/** A published plan as the public lists it. */
export const PublicPlanSummary = lazySchema(() =>
  z.strictObject({
    id: z.string(),
    orgId: z.string(),
    orgName: z.string(),
    orgLevel: OrgLevel,
    year: z.number().int(),
    title: z.string(),
    status: PlanStatus,
    /** ISO instant of its publication; null for a plan published before transitions were recorded. */
    publishedAt: z.string().nullable(),
    topicCount: z.number().int().min(0),
  }),
);
export type PublicPlanSummary = z.infer<typeof PublicPlanSummary>;

/** `GET /api/public/plans`: every published plan, organisations in tree order, newest year first within one. */
export const PublicPlansResponse = lazySchema(() => z.strictObject({ plans: z.array(PublicPlanSummary) }));
export type PublicPlansResponse = z.infer<typeof PublicPlansResponse>;

/** `GET /api/public/plans/:planId`: one published plan, the fields its organisation publishes and its public topics. */
export const PublicPlanResponse = lazySchema(() =>
  z.strictObject({
    plan: PublicPlanSummary,
    fields: z.array(DisclosureField),
    topics: z.array(PublicTopic),
  }),
);
export type PublicPlanResponse = z.infer<typeof PublicPlanResponse>;
