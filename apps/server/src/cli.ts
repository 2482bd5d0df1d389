import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase, databaseConfigFromEnv, openDatabase, restoreDatabase } from '@yipan/db';
import { DEFAULT_COMMITTEES, SUPERVISED_BODIES } from '@yipan/domain';
import { DisplayName, NewPassword, PASSWORD_POLICY_MESSAGE, Username } from '@yipan/protocol';
import { hashPassword } from './auth/passwords';
import { randomId } from './auth/tokens';
import { parseEnv } from './env';
import { rebuildProjection } from './projection/rebuildProjection';

/**
 * `pnpm yipan create-admin --username <name> --org-name <城市名> [--display-name <名字>]`: on an empty
 * installation (YIPAN_DEMO=0), creates the city organisation and its first administrator. The password
 * comes from YIPAN_ADMIN_PASSWORD, else from standard input, never from the command line (shell history).
 * Uses the same DATA_DIR / DATABASE_URL as the server; DATA_DIR defaults to the server package's `data`
 * folder, where `pnpm start` keeps it.
 */

const USAGE =
  'usage: pnpm yipan create-admin --username <name> --org-name <name> [--display-name <name>]\n' +
  '       password from YIPAN_ADMIN_PASSWORD or standard input\n' +
  '       pnpm yipan rebuild-projection\n' +
  '       pnpm yipan backup <file>    (all organisations, users, plans with history, versions, audit; not sessions)\n' +
  '       pnpm yipan restore <file>   (into an empty database only; SQLite and PostgreSQL either way)';
/** Where `pnpm start` (run in apps/server) keeps its data by default. */
const SERVER_DATA_DIR = resolve(import.meta.dirname, '..', 'data');

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function createAdmin(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      'org-name': { type: 'string' },
      'display-name': { type: 'string' },
    },
  });
  const username = Username.safeParse(values.username);
  const orgName = DisplayName.safeParse(values['org-name']);
  if (!username.success || !orgName.success)
    throw new Error(`缺少参数或参数无效 / missing or invalid options\n${USAGE}`);
  const displayName = DisplayName.safeParse(values['display-name'] ?? `${orgName.data} 管理员`);
  if (!displayName.success) throw new Error('--display-name 无效 / invalid --display-name');
  const password = NewPassword.safeParse(process.env.YIPAN_ADMIN_PASSWORD ?? (await readStdin()));
  if (!password.success) throw new Error(PASSWORD_POLICY_MESSAGE);

  const env = parseEnv({ ...process.env, DATA_DIR: process.env.DATA_DIR || SERVER_DATA_DIR });
  const db = await openDatabase(
    databaseConfigFromEnv({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL }),
  );
  try {
    if ((await db.users.count()) > 0)
      throw new Error(
        '已有账号：其余用户请在应用中创建（管理 → 用户）/ accounts exist already: create further users in the app (管理 → 用户)',
      );
    const orgId = randomId('org');
    await db.orgs.insert({
      id: orgId,
      name: orgName.data,
      level: 'city',
      parentId: null,
      sortOrder: 0,
      committees: [...DEFAULT_COMMITTEES],
      supervisedBodies: [...SUPERVISED_BODIES],
      reportingUnits: [],
    });
    const userId = randomId('usr');
    await db.users.insert({
      id: userId,
      username: username.data,
      displayName: displayName.data,
      passwordHash: await hashPassword(password.data),
    });
    await db.users.addMembership({ userId, orgId, role: 'admin' });
    await db.audit.append({
      at: new Date(),
      actorId: null,
      kind: 'user_created',
      target: `user:${userId}`,
      orgId,
      ip: null,
      detail: { username: username.data, role: 'admin', via: 'create-admin' },
    });
    console.log(`created ${orgName.data} (${orgId}) and its administrator ${username.data}`);
  } finally {
    await db.close();
  }
}

/**
 * `pnpm yipan rebuild-projection`: rewrites the relational projection (topics, steps, rectification items)
 * from the stored plan documents, e.g. after restoring a backup or to prove the projection is derived.
 * Safe beside a running server: the server re-projects every plan it changes afterwards.
 */
async function rebuildProjectionCommand(): Promise<void> {
  const env = parseEnv({ ...process.env, DATA_DIR: process.env.DATA_DIR || SERVER_DATA_DIR });
  const db = await openDatabase(
    databaseConfigFromEnv({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL }),
  );
  try {
    const summary = await rebuildProjection(db);
    console.log(
      `重建投影完成 / projection rebuilt: ${summary.plans} plans, ${summary.topics} topics, ${summary.steps} steps, ${summary.items} items`,
    );
  } finally {
    await db.close();
  }
}

/** The database the server would open: DATABASE_URL, else DATA_DIR (the server package's data folder by default). */
function serverDatabaseConfig() {
  const env = parseEnv({ ...process.env, DATA_DIR: process.env.DATA_DIR || SERVER_DATA_DIR });
  return databaseConfigFromEnv({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL });
}

/** The one `<file>` argument of backup and restore, resolved against the caller's working directory. */
function fileArgument(args: string[]): string {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new Error(`缺少文件参数 / expected one <file>\n${USAGE}`);
  return resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

/** Progress to stderr, so stdout stays the one-line summary. */
const printProgress = ({ table, rows }: { table: string; rows: number }) =>
  process.stderr.write(`  ${table}: ${rows}\n`);

/**
 * `pnpm yipan backup <file>`: writes the whole database (gzip JSON Lines, see packages/db/src/backup) in one
 * consistent snapshot; safe beside a running server.
 */
async function backupCommand(args: string[]): Promise<void> {
  const file = fileArgument(args);
  const summary = await backupDatabase(serverDatabaseConfig(), file, { onProgress: printProgress });
  const rows = Object.values(summary.counts).reduce((sum, count) => sum + count, 0);
  console.log(
    `备份完成 / backup written: ${file} (${summary.header.sourceDialect}, ${summary.header.migration}, ${rows} rows)`,
  );
}

/**
 * `pnpm yipan restore <file>`: fills an empty database from a backup. Opens the database without seeding,
 * so run it before the first server start on the new machine (or with YIPAN_DEMO=0 never started).
 */
async function restoreCommand(args: string[]): Promise<void> {
  const file = fileArgument(args);
  const config = serverDatabaseConfig();
  const summary = await restoreDatabase(config, file, { onProgress: printProgress });
  const rows = Object.values(summary.counts).reduce((sum, count) => sum + count, 0);
  console.log(
    `恢复完成 / restored ${rows} rows from ${file} (${summary.header.sourceDialect} → ${config.dialect}); everyone signs in again`,
  );
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'backup') return backupCommand(rest);
  if (command === 'restore') return restoreCommand(rest);
  if (command === 'create-admin') return createAdmin(rest);
  if (command === 'rebuild-projection') return rebuildProjectionCommand();
  throw new Error(USAGE);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
