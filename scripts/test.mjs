#!/usr/bin/env node
// Runs every check and suite of the workspace and ends with one line `N passed, N failed`
// that sums them: the type check, the linter, the formatter and the offline dependency audit count
// as one test each, then every Vitest test (unit, integration on SQLite and PostgreSQL, fuzz,
// end-to-end in Chromium), then the benchmark suite at a tenth of its size (`pnpm bench --quick`: it checks that every workload still
// runs against Yipan and its peers; it asserts no timing) as one more.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(root, 'test-results', 'vitest.json');
const extraArgs = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
/** Names of what failed, repeated just above the summary line. */
const failures = [];

/** Runs a command in the workspace root with inherited output; true when it exits 0. */
function run(label, command, args) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

/** A path as printed for people: relative to the workspace root. */
function relative(path) {
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

function check(label, command, args) {
  if (run(label, command, args)) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(label);
    console.error(`✗ ${label} failed`);
  }
}

if (extraArgs.length === 0) {
  check('typecheck', 'npx', ['tsc', '-b']);
  check('lint', 'npx', ['eslint', '.']);
  check('format', 'npx', ['prettier', '--check', '.']);
  check('dependency audit (offline)', 'node', ['scripts/audit.mjs']);
}

mkdirSync(dirname(resultsFile), { recursive: true });
rmSync(resultsFile, { force: true });
const vitestPassed = run('vitest', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${resultsFile}`,
  ...extraArgs,
]);
try {
  const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  // A file whose setup failed has only skipped tests to count, but it is a failure all the same.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  );
  totals.failed += brokenFiles.length;
  // Named again at the end, so that the tail of a long CI log says which tests failed.
  for (const file of report.testResults) {
    const where = relative(file.name);
    for (const test of file.assertionResults.filter((t) => t.status === 'failed'))
      failures.push(`${where} › ${test.fullName}`);
  }
  for (const file of brokenFiles) failures.push(`${relative(file.name)} (did not run: ${file.message})`);
  if (!vitestPassed && totals.failed === 0) {
    console.error('✗ vitest exited with an error although no test failed');
    failures.push('vitest (exited with an error)');
    totals.failed += 1;
  }
} catch (error) {
  console.error('✗ vitest produced no report:', error instanceof Error ? error.message : error);
  failures.push('vitest (no report)');
  totals.failed += 1;
}

if (extraArgs.length === 0) check('benchmarks (quick)', 'npx', ['tsx', 'tests/bench/run.ts', '--quick']);

if (failures.length > 0) console.error(`\nFailed:\n${failures.map((name) => `  ✗ ${name}`).join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
