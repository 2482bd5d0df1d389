import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './freePort';
import { exited } from './listeningProcess';
import { waitFor } from './waitFor';

/** The nginx binary Debian's `nginx` package installs (`.ci/run` installs it). */
export const NGINX_BINARY = '/usr/sbin/nginx';
/** The proxy configuration operators deploy: an http-context template (see its header). */
export const NGINX_TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), '../../deploy/nginx.conf');
/** How long nginx may take to listen. */
const NGINX_START_TIMEOUT_MS = 15_000;

/** The placeholders of deploy/nginx.conf, as docker-compose.yml sets them for the nginx image. */
export type NginxTemplateVars = {
  /** `listen` argument: a port, or address:port. */
  YIPAN_LISTEN: string;
  /** host:port of the first and second Yipan process. */
  YIPAN_BACKEND_1: string;
  YIPAN_BACKEND_2: string;
  /** Path of the access log (format yipan_no_query). */
  YIPAN_ACCESS_LOG: string;
};

/**
 * Fills `${NAME}` placeholders as envsubst does when given the list of names (the nginx image's
 * templates step): only the given names; nginx's own `$variables` stay. Throws if a `${YIPAN_…}` is left,
 * so a placeholder added to the template cannot go unset.
 */
export function renderNginxTemplate(template: string, vars: NginxTemplateVars): string {
  const rendered = template.replace(/\$\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(vars, name) ? vars[name as keyof NginxTemplateVars] : placeholder,
  );
  const left = /\$\{YIPAN_\w+\}/.exec(rendered);
  if (left) throw new Error(`deploy/nginx.conf placeholder ${left[0]} has no value`);
  return rendered;
}

/** The `${NAME}` placeholders a template uses. */
export function templatePlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1] ?? ''))];
}

/** nginx running in the foreground as our child, with everything (logs, temp files, pid) in `dir`. */
export type NginxProcess = {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  dir: string;
  /** The access and error logs, for failure messages. */
  logs(): Promise<string>;
  stop(): Promise<void>;
};

/**
 * Starts nginx with deploy/nginx.conf rendered for `backends` (host:port each), wrapped in the minimal
 * main configuration a distribution's nginx.conf would provide (events, temp paths, logs), and waits
 * until it accepts connections.
 */
export async function startNginx(backends: readonly [string, string]): Promise<NginxProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'yipan-nginx-'));
  await mkdir(join(dir, 'logs'));
  await mkdir(join(dir, 'temp'));
  const port = await freePort();
  const site = renderNginxTemplate(await readFile(NGINX_TEMPLATE, 'utf8'), {
    YIPAN_LISTEN: `127.0.0.1:${port}`,
    YIPAN_BACKEND_1: backends[0],
    YIPAN_BACKEND_2: backends[1],
    YIPAN_ACCESS_LOG: join(dir, 'logs/access.log'),
  });
  await writeFile(join(dir, 'yipan.conf'), site);
  const temp = (name: string) => `${join(dir, 'temp', name)}`;
  const main = [
    // Ignored (with a notice) unless nginx runs as root; as root, workers may then write the temp dirs.
    'user root;',
    'worker_processes 2;',
    `error_log ${join(dir, 'logs/error.log')} info;`,
    'events { worker_connections 1024; }',
    'http {',
    `  client_body_temp_path ${temp('body')};`,
    `  proxy_temp_path ${temp('proxy')};`,
    `  fastcgi_temp_path ${temp('fastcgi')};`,
    `  uwsgi_temp_path ${temp('uwsgi')};`,
    `  scgi_temp_path ${temp('scgi')};`,
    `  include ${join(dir, 'yipan.conf')};`,
    '}',
    '',
  ].join('\n');
  await writeFile(join(dir, 'nginx.conf'), main);

  let output = '';
  const child = spawn(
    NGINX_BINARY,
    [
      '-p',
      dir,
      '-e',
      join(dir, 'logs/error.log'),
      '-c',
      join(dir, 'nginx.conf'),
      '-g',
      `daemon off; pid ${join(dir, 'nginx.pid')};`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const logs = async () => {
    const read = (name: string) => readFile(join(dir, 'logs', name), 'utf8').catch(() => '');
    return `nginx output:\n${output}\nerror.log:\n${await read('error.log')}\naccess.log:\n${await read('access.log')}`;
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'nginx to listen',
      async () => {
        if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
        // Any answer will do (even 502): nginx is up.
        const response = await fetch(`${baseUrl}/nginx-probe`);
        await response.body?.cancel();
        return true;
      },
      NGINX_START_TIMEOUT_MS,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${await logs()}`);
  }
  return {
    child,
    baseUrl,
    dir,
    logs,
    stop: async () => {
      // SIGTERM: fast shutdown (SIGQUIT would wait for the open WebSockets); the workers go with the master.
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** Whether nginx is installed where `.ci/run` puts it. */
export function hasNginx(): boolean {
  return existsSync(NGINX_BINARY);
}
