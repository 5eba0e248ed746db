#!/usr/bin/env node
/**
 * `npm test`: the whole suite, in order: typecheck, lint, format check (Prettier), vitest (unit + integration on PGlite, and
 * on real Postgres when TEST_DATABASE_URL is set), then Playwright e2e against the built app.
 * Every stage runs even if an earlier one failed; the last line is `N passed, N failed` summed over
 * all runners (typecheck, lint and format count as one check each). Exit code 1 on any failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

if (process.env.CI && (!process.env.TEST_DATABASE_URL || !process.env.E2E_DATABASE_URL)) {
  console.error(
    'CI must run the integration and e2e tests on real Postgres too: set TEST_DATABASE_URL and E2E_DATABASE_URL (.ci/run does).',
  );
  process.exit(1);
}
if (!process.env.TEST_DATABASE_URL)
  console.log('Note: TEST_DATABASE_URL is not set, so integration tests run on PGlite only (CI runs both).');

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
const rows = [];

for (const [name, cmd, args] of [
  ['typecheck', bin('tsc'), ['--noEmit']],
  ['lint', bin('eslint'), ['.']],
  ['format', bin('prettier'), ['--check', '--log-level=warn', '.']],
]) {
  console.log(`\n=== ${name} ===`);
  const ok = run(cmd, args) === 0;
  rows.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

console.log('\n=== vitest: unit + integration ===');
const vitestFile = path.join(results, 'vitest.json');
const vitestCode = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestFile}`]);
const v = readJson(vitestFile);
rows.push({
  name: 'vitest',
  passed: v?.numPassedTests ?? 0,
  failed: (v?.numFailedTests ?? 0) + (vitestCode !== 0 && !v?.numFailedTests ? 1 : 0),
  skipped: (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0),
});

console.log('\n=== e2e: Playwright in Chromium ===');
const buildCode = run(process.execPath, [path.join(root, 'scripts', 'ensure-build.mjs')]);
const pwCode = buildCode === 0 ? run(bin('playwright'), ['test']) : 1;
const p = readJson(path.join(results, 'playwright.json'));
const pFailed = (p?.stats?.unexpected ?? 0) + (p?.stats?.flaky ?? 0);
rows.push({
  name: 'playwright',
  passed: p?.stats?.expected ?? 0,
  failed: pFailed + (pwCode !== 0 && pFailed === 0 ? 1 : 0),
  skipped: p?.stats?.skipped ?? 0,
});

console.log('\n=== summary ===');
for (const r of rows)
  console.log(`${r.name.padEnd(11)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
const total = rows.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
