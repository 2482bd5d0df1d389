import {
  AdjustmentResponse,
  TransitionResponse,
  type CreateVersionRequest,
  type OpenAdjustmentRequest,
  type RestoreVersionRequest,
  type TransitionRequest,
} from '@yipan/protocol';
import { sendJson } from '../api/fetchJson';
import { lifecycleChanged } from './lifecycleEvents';

/** REST paths of a plan's lifecycle (packages/protocol/src/lifecycle.ts); ids are URL-safe but encoded all the same. */
export const lifecyclePaths = {
  lifecycle: (planId: string) => `/api/plans/${encodeURIComponent(planId)}/lifecycle`,
  transitions: (planId: string) => `/api/plans/${encodeURIComponent(planId)}/transitions`,
  versions: (planId: string) => `/api/plans/${encodeURIComponent(planId)}/versions`,
  version: (planId: string, versionId: string) =>
    `/api/plans/${encodeURIComponent(planId)}/versions/${encodeURIComponent(versionId)}`,
  restore: (planId: string, versionId: string) =>
    `/api/plans/${encodeURIComponent(planId)}/versions/${encodeURIComponent(versionId)}/restore`,
  diff: (planId: string, from?: string, to?: string) => {
    const query = new URLSearchParams();
    if (from) query.set('from', from);
    if (to) query.set('to', to);
    const search = query.toString();
    return `/api/plans/${encodeURIComponent(planId)}/diff${search ? `?${search}` : ''}`;
  },
  adjustments: (planId: string) => `/api/plans/${encodeURIComponent(planId)}/adjustments`,
  closeAdjustment: (planId: string, adjustmentId: string) =>
    `/api/plans/${encodeURIComponent(planId)}/adjustments/${encodeURIComponent(adjustmentId)}/close`,
};

/**
 * Every change re-reads the lifecycle at once, not only when the socket event arrives: the user who
 * acted sees the outcome even if their socket is reconnecting.
 */
async function changed<T>(request: Promise<T>): Promise<T> {
  const result = await request;
  lifecycleChanged();
  return result;
}

/** Moves the plan to `to`, recording the note. */
export function transitionPlan(planId: string, body: TransitionRequest): Promise<TransitionResponse> {
  return changed(sendJson('POST', lifecyclePaths.transitions(planId), body, TransitionResponse));
}

/** Saves the live plan as a named version (the list is re-read, so the answer's body is not needed). */
export function saveVersion(planId: string, body: CreateVersionRequest): Promise<void> {
  return changed(sendJson('POST', lifecyclePaths.versions(planId), body));
}

/** Opens an adjustment of the frozen plan. */
export function openAdjustment(planId: string, body: OpenAdjustmentRequest): Promise<AdjustmentResponse> {
  return changed(sendJson('POST', lifecyclePaths.adjustments(planId), body, AdjustmentResponse));
}

/** Closes the caller's open adjustment; the answer lists what it changed. */
export function closeAdjustment(planId: string, adjustmentId: string): Promise<AdjustmentResponse> {
  return changed(
    sendJson('POST', lifecyclePaths.closeAdjustment(planId, adjustmentId), {}, AdjustmentResponse),
  );
}

/** Sets the live plan back to a version, recorded as one (closed) adjustment. */
export function restoreVersion(
  planId: string,
  versionId: string,
  body: RestoreVersionRequest,
): Promise<AdjustmentResponse> {
  return changed(sendJson('POST', lifecyclePaths.restore(planId, versionId), body, AdjustmentResponse));
}
