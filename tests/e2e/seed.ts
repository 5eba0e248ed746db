/**
 * Seeds the e2e database before its server starts: a few known rows the home page must show.
 * Refuses anything but a local database (PGlite folder or a Postgres server on localhost).
 */
import { sql } from 'drizzle-orm';
import { createDb, queryRows } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { chargingSessions, drives, vehicles } from '../../db/schema';
import { parseEnv } from '../../lib/env';

const e = parseEnv();
if (e.DATABASE_URL && !/@(localhost|127\.0\.0\.1)[:/]/.test(e.DATABASE_URL)) {
  throw new Error('The e2e seed only runs against a local database.');
}
const handle = createDb({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR });
try {
  await migrateDb(handle);
  const { db } = handle;
  // A reused local Postgres database starts clean too (no owner password, no rows).
  const tables = await queryRows<{ t: string }>(db, sql`select tablename as t from pg_tables where schemaname = 'public'`);
  await db.execute(sql.raw(`truncate ${tables.map((r) => `"${r.t}"`).join(', ')} cascade`));
  const [v] = await db.insert(vehicles).values({ teslaId: '1492931337156237', vin: '7SAYGDEE1PA000001', displayName: 'E2E Y' }).returning();
  const sessions = [1, 2, 3].map((i) => ({
    vehicleId: v!.id,
    sessionKey: `seed-${i}`,
    source: 'polled' as const,
    startedAt: new Date(Date.UTC(2026, 5, i, 18)),
    energyAddedKwh: 10 * i,
  }));
  await db.insert(chargingSessions).values(sessions);
  await db.insert(drives).values({ vehicleId: v!.id, startedAt: new Date(Date.UTC(2026, 5, 1, 8)), distanceKm: 21.4 });
} finally {
  await handle.close();
}
