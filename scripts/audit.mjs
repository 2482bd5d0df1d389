#!/usr/bin/env node
// The lockfile audit. Offline by default: every package version in pnpm-lock.yaml is checked
// against scripts/critical-advisories.json, a committed list of critical advisories and known
// malicious releases, so the check runs in CI without network. `--online` also asks the registry
// (`pnpm audit --audit-level critical`); where its audit endpoint cannot be reached (this build
// environment answers 405), that is reported and the offline result stands.
// Exits 1 when any critical advisory matches.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `name@version` keys of the lockfile's `packages:` section (pnpm lockfile v9), as {name, version}. */
export function lockedPackages(lockfileText) {
  const packages = [];
  let inPackages = false;
  for (const line of lockfileText.split('\n')) {
    if (/^\S/.test(line)) inPackages = line.startsWith('packages:');
    else if (inPackages) {
      const key = /^ {2}'?(@?[^@\s']+)@([^(':\s]+)/.exec(line);
      if (key) packages.push({ name: key[1], version: key[2] });
    }
  }
  return packages;
}

/** Compares dotted release numbers; a pre-release sorts before its release, as in semver. */
export function compareVersions(a, b) {
  const [coreA, preA] = a.split('-', 2);
  const [coreB, preB] = b.split('-', 2);
  const partsA = coreA.split('.').map(Number);
  const partsB = coreB.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const difference = (partsA[i] ?? 0) - (partsB[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return preA < preB ? -1 : 1;
}

/** True when `version` is a listed bad release or falls in one of the advisory's [introduced, fixed) ranges. */
export function isAffected(version, advisory) {
  if (advisory.versions?.includes(version)) return true;
  return (advisory.ranges ?? []).some(
    (range) =>
      compareVersions(version, range.introduced) >= 0 &&
      (range.fixed === null || compareVersions(version, range.fixed) < 0),
  );
}

/** Every (package, advisory) pair of the lockfile that matches. */
export function findCritical(packages, advisories) {
  return packages.flatMap((pkg) =>
    advisories
      .filter((advisory) => advisory.package === pkg.name && isAffected(pkg.version, advisory))
      .map((advisory) => ({ ...pkg, id: advisory.id, summary: advisory.summary })),
  );
}

/** Runs `pnpm audit` against the registry; returns null when its endpoint could not be used. */
function onlineAudit() {
  const result = spawnSync('npx', ['--yes', 'pnpm@9', 'audit', '--audit-level', 'critical', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    report = { error: { message: (result.stderr || 'no answer').trim().split('\n')[0] } };
  }
  if (report.metadata) return report.metadata.vulnerabilities.critical ?? 0;
  console.log(
    `online audit unavailable (${report.error?.message ?? 'no report'}); the offline result stands`,
  );
  return null;
}

function main() {
  const packages = lockedPackages(readFileSync(join(root, 'pnpm-lock.yaml'), 'utf8'));
  const list = JSON.parse(readFileSync(join(root, 'scripts', 'critical-advisories.json'), 'utf8'));
  const found = findCritical(packages, list.advisories);
  console.log(
    `offline audit: ${packages.length} locked packages against ${list.advisories.length} critical advisories (list of ${list.updated})`,
  );
  for (const hit of found) console.error(`✗ ${hit.name}@${hit.version}: ${hit.id} ${hit.summary}`);
  let failed = found.length > 0;
  if (process.argv.includes('--online')) {
    const critical = onlineAudit();
    if (critical !== null) {
      console.log(`online audit: ${critical} critical`);
      failed ||= critical > 0;
    }
  }
  if (!failed) console.log('no critical advisory matches');
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
