#!/usr/bin/env node
/**
 * Builds the app as `npm run build` does (`next build`, then `serwist build` for the service worker)
 * when there is no build yet or the sources are newer than it. Used by `npm start` and by the e2e
 * tests (so two servers never build into .next at once).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(import.meta.dirname, '..');
export const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const serwistBin = path.join(root, 'node_modules', '@serwist', 'cli', 'cli.js');
const buildId = path.join(root, '.next', 'BUILD_ID');
const serviceWorker = path.join(root, 'public', 'sw.js');
// The sources' newest mtime when the last build started (a source changed during a build is newer).
const builtFrom = path.join(root, '.next', 'sources-mtime');
const SOURCES = [
  'app',
  'lib',
  'db',
  'drizzle',
  'public',
  'instrumentation.ts',
  'next.config.mjs',
  'postcss.config.mjs',
  'serwist.config.js',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];
// Build outputs inside the sources: `serwist build` writes them after BUILD_ID.
const OUTPUTS = new Set([serviceWorker, `${serviceWorker}.map`]);

function newestMtime(p) {
  if (!existsSync(p) || OUTPUTS.has(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newestMtime(path.join(p, name))));
}

const newestSource = () => Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));

/** Why a build is needed, or null when the current one is up to date. */
export function buildReason() {
  if (!existsSync(buildId) || !existsSync(builtFrom)) return 'no build yet';
  if (!existsSync(serviceWorker)) return 'no service worker yet';
  return newestSource() > Number(readFileSync(builtFrom, 'utf8')) ? 'sources changed since the last build' : null;
}

/** Returns once a current build exists; exits the process if the build fails. */
export function ensureBuilt() {
  const reason = buildReason();
  if (!reason) return;
  console.log(`Building the app (${reason}); this takes about half a minute...`);
  const sources = newestSource();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1' };
  for (const bin of [nextBin, serwistBin]) {
    const built = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit', env });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  writeFileSync(builtFrom, String(sources));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuilt();
