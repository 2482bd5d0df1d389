import { z } from 'zod';
import { Method, StepTemplate, lazySchema } from '@yipan/domain';

/*
 * The wire contract of an organisation's method step templates (DOMAIN.md "Method step templates"):
 * every method has the default template until the organisation stores its own.
 */

/** One method's effective template: the organisation's own (`custom`) or the default. */
export const EffectiveTemplate = lazySchema(() =>
  z.object({ method: Method, custom: z.boolean(), template: StepTemplate }),
);
export type EffectiveTemplate = z.infer<typeof EffectiveTemplate>;

/** `GET /api/orgs/:orgId/step-templates`: every method's effective template, in glossary order. */
export const StepTemplatesResponse = lazySchema(() => z.object({ templates: z.array(EffectiveTemplate) }));
export type StepTemplatesResponse = z.infer<typeof StepTemplatesResponse>;

/** `:method` of the template routes. */
export const TemplateMethodParam = Method;

/**
 * `PUT /api/orgs/:orgId/step-templates/:method`: the organisation's own template for the method (its
 * `method` must be the path's). Answers the method's effective template, like DELETE (back to default).
 */
export const PutStepTemplateRequest = StepTemplate;
export type PutStepTemplateRequest = z.input<typeof PutStepTemplateRequest>;
export const StepTemplateResponse = EffectiveTemplate;
export type StepTemplateResponse = EffectiveTemplate;

/** Stable codes of template refusals. */
export const TemplateErrorCode = {
  /** 400: the path names no supervision method. */
  unknownMethod: 'unknown_method',
  /** 400: the body is not a valid step template (or is for another method). */
  invalidTemplate: 'invalid_template',
} as const;
export type TemplateErrorCode = (typeof TemplateErrorCode)[keyof typeof TemplateErrorCode];
