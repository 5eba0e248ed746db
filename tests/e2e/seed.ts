/**
 * Seeds the e2e database before its server starts: E2E_DEMO_DAYS (default 14) days of demo history
 * produced by the sync engine against the simulator (the same path as the embedded demo's first
 * start), ending now, so every page has real derived rows. The server resumes the same world.
 * Refuses anything but a local database (PGlite folder or a Postgres server on localhost).
 * `E2E_TESLA_STATE` (comma-separated) then puts the account in a real-account state the demo
 * simulator never reaches by itself: `billing-locked` (Tesla disabled the app for its billing limit
 * 40 minutes ago; one try in 20 minutes), `no-location` (the token lacks `vehicle_location`).
 * Run with `node --conditions=react-server --import tsx` (the engine's modules are server-only).
 */
import { sql } from 'drizzle-orm';
import { createDb, queryRows } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { parseEnv } from '../../lib/env';
import { seedDemoHistory } from '../../lib/runtime';
import { clock } from '../../lib/clock';

const e = parseEnv();
if (e.DATABASE_URL && !/@(localhost|127\.0\.0\.1)[:/]/.test(e.DATABASE_URL)) {
  throw new Error('The e2e seed only runs against a local database.');
}
const days = Number(process.env.E2E_DEMO_DAYS ?? 14);
const handle = createDb({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR });
try {
  await migrateDb(handle);
  const { db } = handle;
  // A reused local Postgres database starts clean too (no owner password, no rows).
  const tables = await queryRows<{ t: string }>(db, sql`select tablename as t from pg_tables where schemaname = 'public'`);
  await db.execute(sql.raw(`truncate ${tables.map((r) => `"${r.t}"`).join(', ')} cascade`));
  const started = performance.now();
  const seeded = await seedDemoHistory(db, { scenario: e.DEMO_SCENARIO, seed: e.DEMO_SEED, days, now: clock.now() });
  console.log(`e2e seed: ${days} days, ${seeded.runs} sync runs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const states = (process.env.E2E_TESLA_STATE ?? '').split(',').filter(Boolean);
  const now = clock.ms();
  if (states.includes('billing-locked'))
    await db.execute(
      sql`update user_config set tesla_billing_locked_at = ${new Date(now - 40 * 60_000).toISOString()}::timestamptz,
            tesla_billing_retry_at = ${new Date(now + 20 * 60_000).toISOString()}::timestamptz`,
    );
  if (states.includes('no-location'))
    await db.execute(sql`update user_config set tesla_scopes = array_remove(tesla_scopes, 'vehicle_location')`);
} finally {
  await handle.close();
}
