import { Router } from 'express';
import { databaseErrorCode, type Dialect } from '@yipan/db';
import type { HealthCheckResult, HealthResponse, ReadyResponse } from '@yipan/protocol';

/** Longest a check may take before it counts as failed: a load balancer's probe must not hang on a dead database. */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/** Figures a check reports beside ok/failed; no secrets (no URLs, no messages), since the endpoint is public. */
export type HealthDetail = Record<string, string | number | boolean | null>;

/**
 * A check: resolves with `{ ok }` (and figures), or throws (counted as failed, reported by the error's
 * code only). It runs on every probe, so it must be cheap: one round trip at most.
 */
export type HealthCheck = () => Promise<{ ok: boolean; detail?: HealthDetail }>;

/** How a check counts. */
export type HealthCheckOptions = {
  /** Reported but never turns `/api/health` to 503 (e.g. Redis: the process keeps serving its own clients). */
  informational?: boolean;
  /** Also gates `/api/ready`: a process failing it should get no new clients (the database). */
  readiness?: boolean;
};

type Registered = { name: string; check: HealthCheck; options: HealthCheckOptions };

/** Runs a check under HEALTH_CHECK_TIMEOUT_MS, turning a throw or a timeout into a failed result. */
async function runCheck({ check, options }: Registered): Promise<HealthCheckResult> {
  const informational = options.informational ?? false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), HEALTH_CHECK_TIMEOUT_MS);
  });
  try {
    const { ok, detail } = await Promise.race([check(), timeout]);
    return { ok, informational, ...(detail ? { detail } : {}) };
  } catch (error) {
    const code = error instanceof Error && error.message === 'timeout' ? 'timeout' : databaseErrorCode(error);
    return { ok: false, informational, error: code };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The server's health checks, in one registry so that parts added later (Redis) report beside the
 * database and the persistence queue, and the state of a graceful shutdown (draining).
 */
export class HealthChecks {
  private readonly registered: Registered[] = [];
  private draining = false;

  constructor(private readonly dialect: Dialect) {}

  /** Adds a check under a unique name (the key in `checks` and in `failing`). */
  register(name: string, check: HealthCheck, options: HealthCheckOptions = {}): void {
    if (this.registered.some((entry) => entry.name === name))
      throw new Error(`health check ${name} is registered twice`);
    this.registered.push({ name, check, options });
  }

  /** From now on readiness answers 503: the first step of a graceful shutdown. */
  beginDraining(): void {
    this.draining = true;
  }

  /** Whether a graceful shutdown has begun. */
  get isDraining(): boolean {
    return this.draining;
  }

  /** Runs every check at once; `failing` names the required checks that failed. */
  async run(): Promise<HealthResponse> {
    const results = await Promise.all(this.registered.map(runCheck));
    const checks: Record<string, HealthCheckResult> = {};
    const failing: string[] = [];
    for (const [index, entry] of this.registered.entries()) {
      const result = results[index]!;
      checks[entry.name] = result;
      if (!result.ok && !result.informational) failing.push(entry.name);
    }
    return {
      status: failing.length === 0 ? 'ok' : 'failing',
      db: this.dialect,
      draining: this.draining,
      failing,
      checks,
    };
  }

  /** Readiness: not while draining, and not while a readiness check fails. */
  async ready(): Promise<ReadyResponse> {
    const reasons: string[] = this.draining ? ['draining'] : [];
    const gating = this.registered.filter((entry) => entry.options.readiness);
    const results = await Promise.all(gating.map(runCheck));
    for (const [index, entry] of gating.entries()) if (!results[index]!.ok) reasons.push(entry.name);
    return { status: reasons.length === 0 ? 'ready' : 'not_ready', reasons };
  }
}

/** Status of a probe that failed: Service Unavailable, which load balancers and orchestrators understand. */
const UNAVAILABLE = 503;

/**
 * `GET /health` and `GET /ready` (mounted under `/api`), without sign-in: answered before the session
 * middleware, never cached, and carrying no secrets.
 */
export function healthRoutes(health: HealthChecks): Router {
  const router = Router();
  router.get('/health', (_request, response, next) => {
    health.run().then((body) => {
      response
        .status(body.status === 'ok' ? 200 : UNAVAILABLE)
        .set('Cache-Control', 'no-store')
        .json(body);
    }, next);
  });
  router.get('/ready', (_request, response, next) => {
    health.ready().then((body) => {
      response
        .status(body.status === 'ready' ? 200 : UNAVAILABLE)
        .set('Cache-Control', 'no-store')
        .json(body);
    }, next);
  });
  return router;
}
