import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

export type MomentServer = { baseURL: string; stop: () => Promise<void> };

/**
 * The built app on PGlite at another moment: a fresh data folder seeded by tests/e2e/seed.ts with
 * `days` of demo history ending at `at`, then `next start`, both on one clock (TESSIE_CLOCK anchored
 * now, so the moment runs on in real time from here). The build must exist (npm test makes it first).
 */
export async function startMomentServer(o: {
  at: string;
  scenario: string;
  days: number;
  port: number;
  name: string;
  /** Extra environment for the seed and the server (e.g. `E2E_TESLA_STATE`). */
  env?: Record<string, string>;
  /** The server's moment when later than `at`: the app was not running in between (a restart). */
  serverAt?: string;
  /**
   * No seed step: the server finds an empty data folder and seeds `days` of demo history itself,
   * as `npm start` does on a fresh clone whose build is current (the scheduler's first tick).
   */
  selfSeeding?: boolean;
}): Promise<MomentServer> {
  const dataDir = path.join('.data', `e2e-moment-${o.name}`);
  rmSync(path.join(root, dataDir), { recursive: true, force: true });
  // eslint-disable-next-line no-restricted-syntax -- the anchor ties the moment's clock to the wall clock
  const anchor = Date.now();
  const env = {
    ...process.env,
    TESSIE_CLOCK: `${o.at}@${anchor}`,
    DATA_DIR: dataDir,
    DEMO_SCENARIO: o.scenario,
    E2E_DEMO_DAYS: String(o.days),
    PORT: String(o.port),
    SYNC_INTERVAL_SECONDS: '0',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: '',
    ...o.env,
  };
  if (o.selfSeeding) Object.assign(env, { DEMO_DAYS: String(o.days), SYNC_INTERVAL_SECONDS: o.env?.SYNC_INTERVAL_SECONDS ?? '300' });
  const seed = o.selfSeeding
    ? { code: 0, output: '' }
    : await run(
        spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/e2e/seed.ts'], {
          cwd: root,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
  if (seed.code !== 0) throw new Error(`seeding at ${o.at} failed:\n${seed.output}`);
  const server = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(o.port)], {
    cwd: root,
    env: o.serverAt ? { ...env, TESSIE_CLOCK: `${o.serverAt}@${anchor}` } : env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  server.stdout?.on('data', (d) => (output += d));
  server.stderr?.on('data', (d) => (output += d));
  const baseURL = `http://localhost:${o.port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      process.kill(-server.pid!, 'SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    rmSync(path.join(root, dataDir), { recursive: true, force: true });
  };
  for (let i = 0; i < 120; i++) {
    if (server.exitCode !== null) throw new Error(`the server at ${o.at} exited:\n${output}`);
    const ok = await fetch(`${baseURL}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { baseURL, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`the server at ${o.at} did not answer within 60 s:\n${output}`);
}

function run(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}
