import { PlanRef } from '@yipan/protocol';
import { createStore } from '../collab/createStore';

/**
 * The lifecycle events of socket.io `/board`, handed from the one socket (useBoardEvents) to the plan
 * view: `plan:lifecycle` bumps a counter that makes the lifecycle, versions and adjustments re-read;
 * `plan:refused` is kept as the latest refusal so the view can say why and reload the document.
 */

/** Bumped on every `plan:lifecycle` event for the open plan. */
export const lifecycleRevision = createStore(0);

/** An edit the server dropped: which plan, why, and a serial so that two refusals in a row both show. */
export type Refusal = { planId: string; code: string; serial: number };

/** The latest refusal, or null. */
export const latestRefusal = createStore<Refusal | null>(null);

/** Called for `plan:lifecycle` (and after each change made here): re-read what the lifecycle shows. */
export function lifecycleChanged(): void {
  lifecycleRevision.set(lifecycleRevision.get() + 1);
}

/** Called for `plan:refused`: the open plan tells the user and resyncs its document. */
export function editRefused(payload: unknown): void {
  // The protocol's schema of a plan reference; the code is only shown, so any string will do.
  const parsed = PlanRef.safeParse(payload);
  if (!parsed.success) return;
  const code = (payload as { code?: unknown }).code;
  latestRefusal.set({
    planId: parsed.data.planId,
    code: typeof code === 'string' ? code : 'adjustment_required',
    serial: (latestRefusal.get()?.serial ?? 0) + 1,
  });
}
