import { request as httpRequest } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { addTopic } from '@yipan/domain';
import {
  ErrorBody,
  HealthResponse,
  IMPORT_FILE_MAX_BYTES,
  MeResponse,
  ReadyResponse,
  SESSION_COOKIE,
  SessionsResponse,
} from '@yipan/protocol';
import { parseEnv, ServerEnv } from '@yipan/server';
import { connectBoardSocket } from '../support/boardSocket';
import { boardOf, connectSynced, type PlanClient } from '../support/connectClient';
import {
  hasNginx,
  NGINX_TEMPLATE,
  renderNginxTemplate,
  startNginx,
  templatePlaceholders,
  type NginxProcess,
} from '../support/nginx';
import { startCluster, storedTopics, type TestCluster } from '../support/cluster';
import type { ServerProcess } from '../support/serverProcess';
import { signIn, TEST_PASSWORD, type SignedIn } from '../support/signIn';
import { sleep, waitFor } from '../support/waitFor';

/**
 * The production setup of docs/deployment.md: deploy/nginx.conf through a real nginx in front of two
 * real server processes on PostgreSQL and Redis, and docker-compose.yml checked against the same files
 * (Docker itself does not run here).
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const ENV_EXAMPLE = join(ROOT, 'deploy/.env.example');
/** The demo plan still collecting proposals: its topics may be added to. */
const PLAN = 'city-2022';
/** Patience for convergence and reconnection on a loaded two-core machine. */
const CONVERGE_TIMEOUT_MS = 30_000;
/** Starting two processes, nginx and a temporary database. */
const SETUP_TIMEOUT_MS = 180_000;

// ---------------------------------------------------------------------------------------------------
// docker-compose.yml against what is tested
// ---------------------------------------------------------------------------------------------------

type ComposeService = {
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
  build?: { context?: string; dockerfile?: string };
};
type ComposeFile = { services: Record<string, ComposeService> };

/** `KEY=value` lines of an env file (comments and blank lines skipped). */
function readEnvFile(path: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[1]) entries.set(match[1], match[2] ?? '');
  }
  return entries;
}

/** Compose's interpolation: `${VAR}`, `${VAR:-default}`, `${VAR:?error}`, from `values`. */
function interpolate(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(
    /\$\{(\w+)(?::([-?])([^}]*))?\}/g,
    (_match, name: string, kind?: string, rest?: string) => {
      const value = values.get(name);
      if (value !== undefined && value !== '') return value;
      if (kind === '-') return rest ?? '';
      if (kind === '?') throw new Error(`compose would stop: ${rest}`);
      return '';
    },
  );
}

/** Names of the variables compose interpolates into the file. */
function interpolatedNames(text: string): Set<string> {
  return new Set([...text.matchAll(/\$\{(\w+)/g)].map((match) => match[1] ?? ''));
}

describe('docker-compose.yml', () => {
  const text = readFileSync(COMPOSE_FILE, 'utf8');
  // merge: the two Yipan services share one definition through a YAML merge key.
  const compose = parseYaml(text, { merge: true }) as ComposeFile;
  const example = readEnvFile(ENV_EXAMPLE);
  const yipanServices = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);
  /** What an operator fills in as .env.example asks. */
  const filledIn = new Map(example);
  filledIn.set('SESSION_SECRET', randomBytes(48).toString('base64'));
  filledIn.set('POSTGRES_PASSWORD', randomBytes(24).toString('hex'));

  it('runs two Yipan processes built from deploy/Dockerfile', () => {
    expect(yipanServices.map(([name]) => name)).toEqual(['yipan1', 'yipan2']);
    for (const [, service] of yipanServices) {
      expect(existsSync(join(ROOT, service.build?.context ?? '.', service.build?.dockerfile ?? ''))).toBe(
        true,
      );
    }
  });

  it('sets only variables the server reads, and they parse once .env is filled in as it says', () => {
    const known = new Set(Object.keys(ServerEnv.shape));
    for (const [name, service] of yipanServices) {
      const environment = service.environment ?? {};
      expect(
        Object.keys(environment).filter((key) => !known.has(key)),
        `${name} sets variables env.ts does not know`,
      ).toEqual([]);
      const resolved = Object.fromEntries(
        Object.entries(environment).map(([key, value]) => [key, interpolate(String(value), filledIn)]),
      );
      const env = parseEnv(resolved);
      // The tested setup: PostgreSQL and Redis shared, behind a trusted proxy, one secret for all.
      expect(env.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.TRUST_PROXY).toBe(true);
      expect(env.SESSION_SECRET).toBe(filledIn.get('SESSION_SECRET'));
    }
    // Either secret left empty, compose itself refuses to start instead of running without it.
    for (const secret of ['SESSION_SECRET', 'POSTGRES_PASSWORD']) {
      const unfilled = new Map(filledIn).set(secret, '');
      expect(() => interpolate(text, unfilled)).toThrow(new RegExp(`set ${secret}`));
    }
  });

  it('interpolates exactly the variables deploy/.env.example documents', () => {
    expect([...interpolatedNames(text)].sort()).toEqual([...example.keys()].sort());
  });

  it('puts the tested deploy/nginx.conf in front, pointing at both processes', () => {
    const nginx = compose.services.nginx;
    expect(nginx?.volumes).toContain('./deploy/nginx.conf:/etc/nginx/templates/default.conf.template:ro');
    const environment = nginx?.environment ?? {};
    const placeholders = templatePlaceholders(readFileSync(NGINX_TEMPLATE, 'utf8'));
    expect(Object.keys(environment).sort()).toEqual(placeholders.sort());
    const port = ServerEnv.shape.PORT.parse(yipanServices[0]?.[1].environment?.PORT);
    expect([environment.YIPAN_BACKEND_1, environment.YIPAN_BACKEND_2]).toEqual(
      yipanServices.map(([name]) => `${name}:${port}`),
    );
    // The rendering the nginx image does leaves no placeholder behind.
    expect(() =>
      renderNginxTemplate(readFileSync(NGINX_TEMPLATE, 'utf8'), {
        YIPAN_LISTEN: environment.YIPAN_LISTEN ?? '',
        YIPAN_BACKEND_1: environment.YIPAN_BACKEND_1 ?? '',
        YIPAN_BACKEND_2: environment.YIPAN_BACKEND_2 ?? '',
        YIPAN_ACCESS_LOG: environment.YIPAN_ACCESS_LOG ?? '',
      }),
    ).not.toThrow();
  });

  it('counts a Yipan process healthy by /api/ready on its port, and starts the second once the first is', () => {
    for (const [name, service] of yipanServices) {
      const port = service.environment?.PORT;
      expect(service.healthcheck?.test?.join(' '), name).toContain(`http://127.0.0.1:${port}/api/ready`);
    }
    expect(compose.services.yipan2?.depends_on?.yipan1?.condition).toBe('service_healthy');
  });
});

// ---------------------------------------------------------------------------------------------------
// Through a real nginx
// ---------------------------------------------------------------------------------------------------

const inCi = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
const missing = [
  ...(hasNginx() ? [] : ['nginx (/usr/sbin/nginx; apt-get install nginx)']),
  ...(process.env.DATABASE_URL ? [] : ['DATABASE_URL']),
  ...(process.env.REDIS_URL ? [] : ['REDIS_URL']),
];

/** One gauge of a process's own /metrics (scraped directly, from loopback). */
async function gauge(process: ServerProcess, name: string): Promise<number> {
  const text = await (await fetch(`${process.baseUrl}/metrics`)).text();
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!match?.[1]) throw new Error(`${name} not in the metrics of ${process.baseUrl}`);
  return Number(match[1]);
}

/** Signs in through nginx from `localAddress` with the given extra headers; resolves the Set-Cookie headers. */
function signInFrom(
  baseUrl: string,
  localAddress: string,
  headers: Record<string, string>,
): Promise<{ status: number; setCookie: string[] }> {
  const url = new URL(`${baseUrl}/api/auth/login`);
  const body = JSON.stringify({ username: 'city.viewer', password: TEST_PASSWORD });
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', origin: url.origin, ...headers },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, setCookie: response.headers['set-cookie'] ?? [] }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe.skipIf(missing.length > 0 && !inCi)('through nginx (deploy/nginx.conf)', () => {
  let cluster: TestCluster | undefined;
  let processes: ServerProcess[] = [];
  let nginx: NginxProcess | undefined;
  let editor: SignedIn;
  const clients: PlanClient[] = [];

  const proxy = (): NginxProcess => {
    if (!nginx) throw new Error('nginx did not start');
    return nginx;
  };
  const syncUrl = () => `${proxy().baseUrl.replace(/^http/, 'ws')}/yjs`;

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`the deployment test needs ${missing.join(', ')} (CI=true)`);
    // As docker-compose.yml starts them: the first migrates and seeds, the second starts once it is up.
    cluster = await startCluster(2, process.env.REDIS_URL ?? '', { TRUST_PROXY: '1' });
    processes = cluster.processes;
    const hostOf = (server: ServerProcess) => new URL(server.baseUrl).host;
    nginx = await startNginx([hostOf(processes[0]!), hostOf(processes[1]!)]);
    editor = await signIn(proxy().baseUrl, 'city.editor');
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    for (const client of clients) client.close();
    await nginx?.stop();
    await cluster?.stop();
    // nginx's logs stay in its folder for a failure's post-mortem.
    if (nginx) console.info(`nginx logs: ${nginx.dir}/logs`);
  }, SETUP_TIMEOUT_MS);

  it('signs in with a cookie and answers health and readiness, but keeps /metrics to the processes', async () => {
    const me = MeResponse.parse(await (await editor.fetch('/api/me')).json());
    expect(me.user.username).toBe('city.editor');

    const health = await fetch(`${proxy().baseUrl}/api/health`);
    expect(health.status).toBe(200);
    const healthBody = HealthResponse.parse(await health.json());
    expect(healthBody).toMatchObject({ status: 'ok', db: 'postgres', draining: false, failing: [] });
    expect(healthBody.checks.database?.ok).toBe(true);

    const ready = await fetch(`${proxy().baseUrl}/api/ready`);
    expect(ready.status).toBe(200);
    expect(ReadyResponse.parse(await ready.json()).status).toBe('ready');

    // Each process serves its own figures to a scraper next to it; the public side of the proxy does not.
    expect((await fetch(`${proxy().baseUrl}/metrics`)).status).toBe(404);
    expect((await fetch(`${processes[0]!.baseUrl}/metrics`)).status).toBe(200);
  });

  it("records the client's own address and scheme, which a client cannot forge", async () => {
    // 127.0.0.2 is this machine too, but not nginx's own address towards the servers (127.0.0.1).
    const signedIn = await signInFrom(proxy().baseUrl, '127.0.0.2', {
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-proto': 'https',
    });
    expect(signedIn.status).toBe(200);
    const sessionCookie = signedIn.setCookie.find((header) => header.startsWith(`${SESSION_COOKIE}=`));
    // Plain http to the proxy: a Secure cookie would never come back, and the user could not stay signed in.
    expect(sessionCookie).toBeDefined();
    expect(sessionCookie).not.toMatch(/;\s*secure/i);
    const cookie = sessionCookie?.split(';')[0] ?? '';
    const sessions = SessionsResponse.parse(
      await (await fetch(`${proxy().baseUrl}/api/me/sessions`, { headers: { cookie } })).json(),
    );
    expect(sessions.sessions.find((session) => session.current)?.ip).toBe('127.0.0.2');
  });

  it("lets a plan import through up to the server's own limit, which answers with its own error", async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(IMPORT_FILE_MAX_BYTES + 1024).fill(0x41)]), 'big.csv');
    const encoded = new Request('http://localhost/', { method: 'POST', body: form });
    const response = await editor.fetch(`/api/plans/${PLAN}/import?dryRun=1`, {
      method: 'POST',
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
      body: await encoded.arrayBuffer(),
    });
    expect(response.status).toBe(413);
    // Yipan's refusal with its code, not nginx's HTML page.
    expect(ErrorBody.parse(await response.json()).error.code).toBe('file_too_large');
  });

  it('connects socket.io through the proxy over a WebSocket, as the web app does', async () => {
    const result = await connectBoardSocket(proxy().baseUrl, {
      cookie: editor.cookie,
      origin: new URL(proxy().baseUrl).origin,
    });
    expect(result.ok).toBe(true);
    if (result.ok) result.socket.disconnect();
  });

  it('spreads two editors of one plan over both processes, and their concurrent edits converge', async () => {
    const token = await editor.syncToken();
    for (let i = 0; i < 2; i++) clients.push(await connectSynced(syncUrl(), PLAN, { token }));
    // least_conn: the second long-lived connection goes to the process that has none.
    await waitFor('one /yjs connection on each process', async () => {
      const counts = await Promise.all(processes.map((server) => gauge(server, 'yipan_yjs_connections')));
      return counts.every((count) => count === 1);
    });
    const [first, second] = clients as [PlanClient, PlanClient];
    addTopic(first.doc, { title: '经 nginx 新增议题 甲', method: 'research', month: 3 });
    addTopic(second.doc, { title: '经 nginx 新增议题 乙', method: 'law_inspection', month: 4 });
    await waitFor(
      'both editors to see both topics',
      () =>
        [first, second].every((client) =>
          ['甲', '乙'].every((suffix) =>
            client.topics().some((topic) => topic.title === `经 nginx 新增议题 ${suffix}`),
          ),
        ) && boardOf(first) === boardOf(second),
      CONVERGE_TIMEOUT_MS,
    );
  });

  it('on SIGTERM, moves the stopping process’s editors to the other one through nginx and loses no edit', async () => {
    const [first, second] = clients as [PlanClient, PlanClient];
    const [stopping, staying] = processes as [ServerProcess, ServerProcess];
    // One editor is on the process that stops (the previous test spread them).
    expect(await gauge(stopping, 'yipan_yjs_connections')).toBe(1);
    const titles: string[] = [];
    let editing = true;
    // Both editors keep typing while the process drains, closes their sockets and exits.
    const typing = (async () => {
      for (let i = 0; editing; i++) {
        for (const [index, client] of clients.entries()) {
          const title = `停机期间 ${index + 1}-${i + 1}`;
          addTopic(client.doc, { title, method: 'research', month: (i % 12) + 1 });
          titles.push(title);
        }
        await sleep(25);
      }
    })();
    await sleep(300);
    const code = await stopping.stop();
    expect(code, stopping.output()).toBe(0);
    await sleep(300);
    editing = false;
    await typing;

    await waitFor(
      'both editors back on the remaining process',
      async () => (await gauge(staying, 'yipan_yjs_connections')) === 2,
      CONVERGE_TIMEOUT_MS,
    );
    await waitFor(
      'both editors to converge with every edit',
      () =>
        boardOf(first) === boardOf(second) &&
        titles.every((title) => first.topics().some((topic) => topic.title === title)),
      CONVERGE_TIMEOUT_MS,
    );
    expect(titles.length).toBeGreaterThan(10);

    // And in PostgreSQL, once the other process also stopped gracefully: every edit, read without a server.
    for (const client of clients.splice(0)) client.close();
    expect(await staying.stop(), staying.output()).toBe(0);
    if (!cluster) throw new Error('no cluster');
    const stored = new Set((await storedTopics(cluster.dbConfig, PLAN)).map((topic) => topic.title));
    expect(titles.filter((title) => !stored.has(title))).toEqual([]);
    expect(stored).toContain('经 nginx 新增议题 甲');

    // nginx upgraded the WebSockets (logged as they closed), and their sync tokens (in the URL) stayed out of its log.
    const accessLog = await waitFor('the closed WebSockets in the access log', async () => {
      const text = await readFile(join(proxy().dir, 'logs/access.log'), 'utf8');
      // The two editors' first sockets and at least one reconnection.
      return (text.match(/"GET \/yjs\/plan:city-2022 HTTP\/1\.1" 101 /g)?.length ?? 0) >= 3 ? text : null;
    });
    expect(accessLog).not.toContain('token=');
  });
});
