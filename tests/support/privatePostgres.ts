import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { freePort } from './freePort';

const run = promisify(execFile);

/** Where Debian/Ubuntu's postgresql packages (and CI's `.ci/run`) put each major version's programs. */
const POSTGRES_LIB = '/usr/lib/postgresql';
/** initdb refuses to run as root: a root test run starts the cluster as this account instead. */
const POSTGRES_ACCOUNT = 'postgres';
/** The database the server under test uses inside the private cluster. */
const DATABASE = 'yipan';
/** How long pg_ctl waits for the cluster to start or stop (seconds). */
const PG_CTL_TIMEOUT_S = 60;

/** A PostgreSQL cluster of the test's own, which the test may stop and start (a shared server it may not). */
export type PrivatePostgres = {
  /** `postgres://postgres@127.0.0.1:<port>/yipan`, trusted local connections, no password. */
  url: string;
  port: number;
  /**
   * Stops the cluster: `fast` (default) ends sessions and refuses new connections, as an administrator's
   * restart does; `immediate` quits at once without a checkpoint, as a crash does (recovery runs on start).
   */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts the stopped cluster again on the same port and data. */
  start(): Promise<void>;
  /** Stops the cluster (if running) and deletes its files. */
  dispose(): Promise<void>;
};

/** The newest installed version's `bin` folder with initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  if (!existsSync(POSTGRES_LIB)) return null;
  const versions = readdirSync(POSTGRES_LIB)
    .filter((name) => existsSync(join(POSTGRES_LIB, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(POSTGRES_LIB, versions[0], 'bin') : null;
}

/**
 * Creates and starts a private cluster in a temporary folder on a free loopback port (initdb + pg_ctl),
 * with a `yipan` database. As root the files belong to, and the programs run as, the `postgres`
 * account. Throws when PostgreSQL's programs are not installed.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(`PostgreSQL is not installed (no initdb under ${POSTGRES_LIB}/<version>/bin)`);
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'yipan-pg-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', POSTGRES_ACCOUNT]);
    const { stdout: group } = await run('id', ['-g', POSTGRES_ACCOUNT]);
    await chown(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  const port = await freePort();
  const tool = async (program: string, args: string[]): Promise<void> => {
    const path = join(bin, program);
    try {
      if (asRoot) await run('runuser', ['-u', POSTGRES_ACCOUNT, '--', path, ...args], { cwd: dir });
      else await run(path, args, { cwd: dir });
    } catch (error) {
      const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string };
      throw new Error(`${program} ${args.join(' ')} failed:\n${stdout}${stderr}`, { cause: error });
    }
  };
  // No fsync on the test cluster's initial files: initdb is the slow part, and they are thrown away.
  await tool('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`;
  const start = () =>
    tool('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', String(PG_CTL_TIMEOUT_S), 'start']);
  let running = false;
  await start();
  running = true;

  const admin = postgres(`postgres://postgres@127.0.0.1:${port}/postgres`, {
    max: 1,
    onnotice: () => undefined,
  });
  try {
    await admin`create database ${admin(DATABASE)}`;
  } finally {
    await admin.end();
  }

  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await tool('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', String(PG_CTL_TIMEOUT_S), 'stop']);
    running = false;
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`,
    port,
    stop,
    start: async () => {
      await start();
      running = true;
    },
    dispose: async () => {
      if (running) await stop('immediate');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
