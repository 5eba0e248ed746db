/**
 * The embedded demo's first seeding, run by `npm start` in a second process while the app builds
 * (scripts/start.mjs), so the server opens with the history already there. It is the server's own
 * start-up path (migrations, then `seedDemoHistory`: the sync engine over the simulator's virtual
 * clock); a seeding this process does not finish is resumed by the server.
 * Does nothing for Postgres (DATABASE_URL) or a live Tesla account (TESLA_MODE=live).
 * Run with `node --conditions=react-server --import tsx` (the engine's modules are server-only).
 */
import nextEnv from '@next/env';
import { createDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { PgliteLockedError } from '../db/pglite-lock';
import { parseEnv } from '../lib/env';
import { seedDemoHistory } from '../lib/runtime';
import { clock } from '../lib/clock';

nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error }); // the .env files next start reads
// `npm start` stopped during the build (its parent gone): stop too, and free the database folder.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(1), 1000).unref();

async function main() {
  const e = parseEnv();
  if (e.DATABASE_URL || e.TESLA_MODE === 'live') return;
  const handle = createDb({ pgliteDir: e.PGLITE_DIR });
  try {
    await migrateDb(handle);
    await seedDemoHistory(handle.db, { scenario: e.DEMO_SCENARIO, seed: e.DEMO_SEED, days: e.DEMO_DAYS, now: clock.now() });
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(
    `Demo seeding before start-up stopped (the server seeds or resumes it): ${err instanceof PgliteLockedError || err instanceof Error ? err.message : err}`,
  );
  process.exit(1);
});
