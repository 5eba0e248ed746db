#!/usr/bin/env node
/**
 * `npm start`: builds when needed, then serves on PORT (default 3000); extra arguments go to
 * `next start` (e.g. `npm start -- -H 127.0.0.1`). The server applies migrations itself at
 * start-up (instrumentation.ts), so nothing else opens the embedded database.
 */
import { spawn } from 'node:child_process';
import { ensureBuilt, nextBin, root } from './ensure-build.mjs';

ensureBuilt();
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1' };
const args = [nextBin, 'start', '-p', process.env.PORT ?? '3000', ...process.argv.slice(2)];
const server = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
