#!/usr/bin/env node
/**
 * `npm start`: builds when needed, then serves on PORT (default 3000); extra arguments go to
 * `next start` (e.g. `npm start -- -H 127.0.0.1`). The server applies migrations itself at
 * start-up (instrumentation.ts).
 *
 * When a build is needed (a fresh clone), the embedded demo's first seeding runs meanwhile in a
 * second process (scripts/seed-demo.ts: the server's own start-up path, the sync engine over the
 * simulator), so the server opens with the history already there; the server waits for it, since
 * only one process may hold the PGlite folder. Without tsx (a production-only install) or when the
 * build is current, the server seeds by itself. Nothing is seeded for Postgres or a live account.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildReason, ensureBuilt, nextBin, root } from './ensure-build.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1' };

function seedWhileBuilding() {
  if (!existsSync(path.join(root, 'node_modules', 'tsx', 'package.json'))) return null;
  const started = Date.now();
  console.log("Seeding the demo's history while the app builds (a second process)...");
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join('scripts', 'seed-demo.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (stream, out) => {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) out.write(`[demo seed] ${line}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, seconds: (Date.now() - started) / 1000 })));
}

const seeding = buildReason() ? seedWhileBuilding() : null;
ensureBuilt();
if (seeding) {
  console.log('Waiting for the demo seeding to finish before the server opens the database...');
  const { code, seconds } = await seeding;
  console.log(
    code === 0
      ? `Demo seeding process done after ${seconds.toFixed(1)} s.`
      : `Demo seeding process stopped (exit ${code}); the server seeds or resumes it.`,
  );
}
const args = [nextBin, 'start', '-p', process.env.PORT ?? '3000', ...process.argv.slice(2)];
const server = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
