#!/usr/bin/env node
/**
 * Builds the app with `next build` when there is no build yet or the sources are newer than it.
 * Used by `npm start` and by the e2e tests (so two servers never build into .next at once).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(import.meta.dirname, '..');
export const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const buildId = path.join(root, '.next', 'BUILD_ID');
const SOURCES = ['app', 'lib', 'db', 'drizzle', 'public', 'instrumentation.ts', 'next.config.mjs', 'postcss.config.mjs', 'package.json', 'package-lock.json'];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newestMtime(path.join(p, name))));
}

function buildReason() {
  if (!existsSync(buildId)) return 'no build yet';
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built) ? 'sources changed since the last build' : null;
}

/** Returns once a current build exists; exits the process if the build fails. */
export function ensureBuilt() {
  const reason = buildReason();
  if (!reason) return;
  console.log(`Building the app (${reason}); this takes about half a minute...`);
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1' };
  const built = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit', env });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuilt();
