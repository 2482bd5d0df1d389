import type * as Y from 'yjs';
import { planIdFromDocName } from '@yipan/domain';
import { isDatabaseUnavailable, type Database } from '@yipan/db';
import { errorFields, type Logger } from '../createLogger';
import { projectPlanDoc } from './projectPlanDoc';

/**
 * Quiet time after a document's last change before it is projected: a burst of keystrokes becomes one
 * rewrite of the plan's rows, and cross-plan views still see a change well within a second.
 */
export const PROJECTION_DELAY_MS = 200;
/** Wait before projecting again a plan whose projection failed because the database was away. */
export const PROJECTION_RETRY_MS = 1_000;

/** Counters of the live projection, for metrics and tests. */
export type ProjectionStats = {
  /** Plans projected (each one transaction replacing the plan's rows). */
  projections: number;
  /**
   * Projections that failed (logged). One the database was away for is retried every PROJECTION_RETRY_MS
   * until it lands; any other waits for the plan's next change.
   */
  failures: number;
};

type Pending = { timer: NodeJS.Timeout; doc: Y.Doc };

/**
 * Keeps the relational projection in step with the plan documents in memory (DESIGN.md truth 3): each
 * change schedules its plan, debounced per document, and the rows are rewritten from the in-memory
 * document. Writes of one plan run one after another, so an older state never overwrites a newer one.
 */
export class PlanProjector {
  readonly stats: ProjectionStats = { projections: 0, failures: 0 };
  private readonly pending = new Map<string, Pending>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly orgOf = new Map<string, string>();
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly delayMs: number = PROJECTION_DELAY_MS,
    /** Called after each plan's rows were rewritten (cross-plan views announce their change). */
    private readonly onProjected: (planId: string) => void = () => {},
  ) {}

  /** Called after a document changed (SyncServer's `onDocChange`); other documents than plans are ignored. */
  schedule(docName: string, doc: Y.Doc): void {
    const planId = planIdFromDocName(docName);
    if (!planId) return;
    const existing = this.pending.get(planId);
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => this.start(planId), this.delayMs);
    this.pending.set(planId, { timer, doc });
  }

  /** Projects every scheduled plan now and waits until every projection has been written. */
  async flush(): Promise<void> {
    for (const [planId, { timer }] of this.pending) {
      clearTimeout(timer);
      this.start(planId);
    }
    await Promise.all(this.chains.values());
  }

  /** Projects what is scheduled, then stops: retries still waiting for the database are dropped. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private start(planId: string): void {
    const entry = this.pending.get(planId);
    if (!entry) return;
    this.pending.delete(planId);
    const previous = this.chains.get(planId) ?? Promise.resolve();
    const next = previous.then(() => this.project(planId, entry.doc));
    this.chains.set(planId, next);
    void next.finally(() => {
      if (this.chains.get(planId) === next) this.chains.delete(planId);
    });
  }

  private async project(planId: string, doc: Y.Doc): Promise<void> {
    try {
      const orgId = this.orgOf.get(planId) ?? (await this.db.plans.get(planId))?.orgId;
      if (!orgId) return;
      this.orgOf.set(planId, orgId);
      // Read the state now, not when the timer was set: the rows reflect everything applied so far.
      await this.db.projection.replacePlan(planId, projectPlanDoc(doc, { planId, orgId }));
      this.stats.projections += 1;
      this.onProjected(planId);
    } catch (error) {
      this.stats.failures += 1;
      if (!isDatabaseUnavailable(error)) {
        this.logger.error('failed to project a plan document', { plan: planId, ...errorFields(error) });
        return;
      }
      // The rows would stay stale until the plan's next change, which may never come: try again. A
      // change scheduled meanwhile already covers this one (it reads the document when it runs).
      this.logger.warn('database unavailable: projecting the plan again shortly', { plan: planId });
      if (!this.closed && !this.pending.has(planId)) {
        const timer = setTimeout(() => this.start(planId), PROJECTION_RETRY_MS);
        this.pending.set(planId, { timer, doc });
      }
    }
  }
}
