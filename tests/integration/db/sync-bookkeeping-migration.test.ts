import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { migrateDb, migrationsFolder } from '@/db/migrate';
import { chargingSessions, energyDaily, vehicles } from '@/db/schema';
import { readSessionSyncMeta } from '@/db/tables/session-sync-meta';
import { storedProfile } from '@/lib/sync/price-charge';
import { openBlankTestDb, testDriver } from '../../setup/test-db';

/** The migration that moved the sync's bookkeeping out of raw_data into typed columns and `sync_meta`. */
const MOVED_IN = '0013_sync_bookkeeping_columns';

/** The committed migrations up to (not including) `tag`, in a folder of their own. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessie-migrations-'));
  cpSync(migrationsFolder(), dir, { recursive: true });
  const file = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(file, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  writeFileSync(file, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return dir;
}

// Rows as the sync wrote them before the migration (raw_data), one of each kind of bookkeeping.
const wcSession = {
  open: false,
  stale: false,
  efficiency: 0.91,
  sampleCount: 9,
  firstObservedAt: '2026-03-10T18:00:00.000Z',
  endObservedAt: '2026-03-10T20:00:00.000Z',
  profile: [{ from: '2026-03-10T18:00:00.000Z', to: '2026-03-10T20:00:00.000Z', kwh: 22 }],
  pricingKey: 'abc123',
  wallConnector: [
    { start: '2026-03-10T18:30:00.000Z', durationS: 1800, kwh: 5.5 },
    { start: '2026-03-10T18:01:00.000Z', durationS: 30, kwh: 0.1 },
  ],
};
const polledSession = { ...wcSession, wallConnector: undefined, pricingKey: 'def456', efficiency: null, endObservedAt: null };
delete polledSession.wallConnector;

let h: DbHandle;
let dir: string;
beforeAll(async () => {
  h = await openBlankTestDb();
  dir = migrationsBefore(MOVED_IN);
  process.env.MIGRATIONS_DIR = dir;
  try {
    await migrateDb(h);
  } finally {
    delete process.env.MIGRATIONS_DIR;
  }
  await h.db.execute(sql`
    insert into vehicles (id, tesla_id, vin, raw_data) values
      ('00000000-0000-4000-8000-000000000001', '1', 'VIN00000000000001', ${JSON.stringify({ derived: { sample: '2026-03-11T09:00:00.000Z', state: 'asleep' } })}::jsonb),
      ('00000000-0000-4000-8000-000000000002', '2', 'VIN00000000000002', ${JSON.stringify({ derived: { sample: '', state: 'online' } })}::jsonb),
      ('00000000-0000-4000-8000-000000000003', '3', 'VIN00000000000003', null)`);
  const v1 = '00000000-0000-4000-8000-000000000001';
  await h.db.execute(sql`
    insert into charging_sessions (vehicle_id, session_key, source, started_at, ended_at, energy_used_kwh, raw_data) values
      (${v1}, 'a', 'wall_connector', '2026-03-10T18:00:00Z', '2026-03-10T20:00:00Z', 22, ${JSON.stringify(wcSession)}::jsonb),
      (${v1}, 'b', 'polled', '2026-03-11T18:00:00Z', '2026-03-11T20:00:00Z', 22, ${JSON.stringify(polledSession)}::jsonb),
      (${v1}, 'c', 'supercharger_history', '2026-03-12T12:00:00Z', '2026-03-12T12:30:00Z', 30, ${JSON.stringify({ fromHistory: true })}::jsonb),
      (${v1}, 'd', 'polled', '2026-03-13T12:00:00Z', '2026-03-13T13:00:00Z', 10, ${JSON.stringify({ profile: 'not a list' })}::jsonb)`);
  await h.db.execute(sql`
    insert into energy_sites (id, tesla_site_id) values ('00000000-0000-4000-8000-0000000000e1', '99')`);
  await h.db.execute(sql`
    insert into energy_daily (site_id, date, complete, raw_data) values
      ('00000000-0000-4000-8000-0000000000e1', '2026-03-10', true, ${JSON.stringify({ buckets: 288 })}::jsonb),
      ('00000000-0000-4000-8000-0000000000e1', '2026-03-11', false, null)`);
  await migrateDb(h);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h?.close();
});

describe(`${MOVED_IN} on ${testDriver()}: rows written before it read the same after it`, () => {
  it("the vehicle's derivation marker", async () => {
    const rows = await h.db
      .select({ vin: vehicles.vin, at: vehicles.derivedSampleAt, state: vehicles.derivedState })
      .from(vehicles)
      .orderBy(asc(vehicles.vin));
    expect(rows).toEqual([
      { vin: 'VIN00000000000001', at: new Date('2026-03-11T09:00:00.000Z'), state: 'asleep' },
      // An empty marker never matched a sample: none, so the next run derives, as it did.
      { vin: 'VIN00000000000002', at: null, state: null },
      { vin: 'VIN00000000000003', at: null, state: null },
    ]);
  });

  it("a session's bookkeeping, its Wall Connector profile and its stored profile", async () => {
    const rows = await h.db.select().from(chargingSessions).orderBy(asc(chargingSessions.sessionKey));
    expect(rows.map((r) => readSessionSyncMeta(r.syncMeta))).toEqual([wcSession, polledSession, { fromHistory: true }, {}]);
    // Wall Connector spans, sorted, at least a minute each; else the derivation's profile; else the span spread evenly.
    expect(storedProfile(rows[0]!)).toEqual([
      { from: new Date('2026-03-10T18:01:00.000Z'), to: new Date('2026-03-10T18:02:00.000Z'), kwh: 0.1 },
      { from: new Date('2026-03-10T18:30:00.000Z'), to: new Date('2026-03-10T19:00:00.000Z'), kwh: 5.5 },
    ]);
    expect(storedProfile(rows[1]!)).toEqual([
      { from: new Date('2026-03-10T18:00:00.000Z'), to: new Date('2026-03-10T20:00:00.000Z'), kwh: 22 },
    ]);
    expect(storedProfile(rows[3]!)).toEqual([
      { from: new Date('2026-03-13T12:00:00.000Z'), to: new Date('2026-03-13T13:00:00.000Z'), kwh: 10 },
    ]);
  });

  it("a day's bucket count", async () => {
    const rows = await h.db.select({ date: energyDaily.date, n: energyDaily.bucketCount }).from(energyDaily).orderBy(asc(energyDaily.date));
    expect(rows).toEqual([
      { date: '2026-03-10', n: 288 },
      { date: '2026-03-11', n: null },
    ]);
  });
});
