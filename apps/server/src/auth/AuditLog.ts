import type { Database } from '@yipan/db';
import type { SecurityEventKind } from '@yipan/protocol';
import { errorFields, type Logger } from '../createLogger';

/** One event to record. */
export type AuditEntry = {
  kind: SecurityEventKind;
  actorId: string | null;
  target: string | null;
  orgId: string | null;
  ip: string | null;
  detail?: Record<string, unknown>;
};

/** Repeated denials of the same caller on the same document are recorded at most this often, so a reconnect loop cannot flood the trail. */
export const DENIAL_AUDIT_INTERVAL_MS = 60_000;
/** Denial keys remembered at most, bounding memory under a flood of distinct callers. */
const MAX_DENIAL_KEYS = 10_000;

/** Writes the security audit trail. A failed write is logged as an error and never fails the request. */
export class AuditLog {
  private readonly lastDenial = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /** Records an event now. */
  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.db.audit.append({ ...entry, detail: entry.detail ?? {}, at: new Date(this.now()) });
    } catch (error) {
      this.logger.error('failed to record a security event', { kind: entry.kind, ...errorFields(error) });
    }
  }

  /** Records an access denial unless the same `key` was recorded within DENIAL_AUDIT_INTERVAL_MS. */
  async recordDenial(key: string, entry: Omit<AuditEntry, 'kind'>): Promise<void> {
    const now = this.now();
    const last = this.lastDenial.get(key);
    if (last !== undefined && now - last < DENIAL_AUDIT_INTERVAL_MS) return;
    this.lastDenial.delete(key);
    this.lastDenial.set(key, now);
    if (this.lastDenial.size > MAX_DENIAL_KEYS) {
      const oldest = this.lastDenial.keys().next().value;
      if (oldest !== undefined) this.lastDenial.delete(oldest);
    }
    await this.record({ ...entry, kind: 'access_denied' });
  }
}
