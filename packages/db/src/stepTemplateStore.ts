import { and, asc, eq } from 'drizzle-orm';
import { Method, StepTemplate } from '@yipan/domain';
import type { Driver } from './driver';
import type { StepTemplateRow, StepTemplateStore } from './types';

type TemplateRecord = Driver['tables']['stepTemplates']['$inferSelect'];

/** A stored row as the server sees it, or null when its method or JSON no longer validates (it then reads as the default). */
function toTemplateRow(record: TemplateRecord): StepTemplateRow | null {
  const method = Method.safeParse(record.method);
  let json: unknown;
  try {
    json = JSON.parse(record.template);
  } catch {
    return null;
  }
  const template = StepTemplate.safeParse(json);
  if (!method.success || !template.success || template.data.method !== method.data) return null;
  return {
    orgId: record.orgId,
    method: method.data,
    template: template.data,
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy,
  };
}

/** Organisations' own step templates, written once for both dialects like createStores. */
export function createStepTemplateStore({ db, tables }: Driver): StepTemplateStore {
  const { stepTemplates } = tables;
  return {
    async listByOrg(orgId) {
      const records = await db
        .select()
        .from(stepTemplates)
        .where(eq(stepTemplates.orgId, orgId))
        .orderBy(asc(stepTemplates.method));
      return records.map(toTemplateRow).filter((row): row is StepTemplateRow => row !== null);
    },
    async put({ orgId, method, template, updatedAt, updatedBy }) {
      const values = { template: JSON.stringify(template), updatedAt, updatedBy };
      await db
        .insert(stepTemplates)
        .values({ orgId, method, ...values })
        .onConflictDoUpdate({ target: [stepTemplates.orgId, stepTemplates.method], set: values });
    },
    async remove(orgId, method) {
      const removed = await db
        .delete(stepTemplates)
        .where(and(eq(stepTemplates.orgId, orgId), eq(stepTemplates.method, method)))
        .returning({ method: stepTemplates.method });
      return removed.length > 0;
    },
  };
}
