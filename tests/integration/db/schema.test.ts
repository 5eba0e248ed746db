import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pgErrorCode, type DbHandle } from '@/db/client';
import { chargingSessions, drives, energyDaily, energySites, energyStates, vehicleStates, vehicles } from '@/db/schema';
import { testDriver } from '../../setup/test-db';
import { clock } from '@/lib/clock';
import { useEmptyDb } from '../../setup/seeded-db';

let h: DbHandle;
useEmptyDb((handle) => (h = handle));

/** Postgres error code of a failed statement, whichever driver raised it. */
async function pgCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return pgErrorCode(err);
  }
}

async function insertVehicle(vin = '5YJ3E1EA7KF000001') {
  const [v] = await h.db.insert(vehicles).values({ teslaId: '3744465426931233', vin, displayName: 'Blue', model: 'Model 3' }).returning();
  return v!;
}

describe(`schema on ${testDriver()}`, () => {
  it('runs on the driver the project asked for', () => {
    expect(h.driver).toBe(testDriver());
  });

  it('round-trips timestamptz as Date, numerics as numbers and jsonb as objects', async () => {
    const v = await insertVehicle();
    const at = new Date('2026-06-01T12:34:56.000Z');
    await h.db.insert(vehicleStates).values({
      vehicleId: v.id,
      timestamp: at,
      odometerKm: 12345.6,
      batteryLevel: 80,
      chargeEnergyAddedKwh: 12.345,
      latitude: 52.5200066,
      longitude: 13.404954,
      rawData: { charge_state: { battery_level: 80 } },
    });
    const [row] = await h.db.select().from(vehicleStates).where(eq(vehicleStates.vehicleId, v.id));
    expect(row!.timestamp).toBeInstanceOf(Date);
    expect(row!.timestamp.toISOString()).toBe(at.toISOString());
    expect(row!.odometerKm).toBe(12345.6);
    expect(row!.chargeEnergyAddedKwh).toBe(12.345);
    expect(row!.latitude).toBeCloseTo(52.5200066, 7);
    expect(row!.rawData).toEqual({ charge_state: { battery_level: 80 } });
  });

  it('keeps one state per vehicle and car timestamp (unique) and rejects a second VIN row', async () => {
    const v = await insertVehicle();
    const at = new Date('2026-06-01T00:00:00Z');
    await h.db.insert(vehicleStates).values({ vehicleId: v.id, timestamp: at, batteryLevel: 50 });
    expect(await pgCode(h.db.insert(vehicleStates).values({ vehicleId: v.id, timestamp: at, batteryLevel: 51 }))).toBe('23505');
    expect(await pgCode(h.db.insert(vehicles).values({ teslaId: 'other', vin: v.vin }))).toBe('23505');
  });

  it('upserts a charging session on (vehicle, session_key) without duplicating it', async () => {
    const v = await insertVehicle();
    const base = {
      vehicleId: v.id,
      sessionKey: 'polled:2026-06-01T18:00:00Z',
      source: 'polled' as const,
      startedAt: new Date('2026-06-01T18:00:00Z'),
    };
    for (const kwh of [5.5, 21.25]) {
      await h.db
        .insert(chargingSessions)
        .values({ ...base, energyAddedKwh: kwh })
        .onConflictDoUpdate({
          target: [chargingSessions.vehicleId, chargingSessions.sessionKey],
          set: { energyAddedKwh: kwh, updatedAt: sql`now()` },
        });
    }
    const rows = await h.db.select().from(chargingSessions);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.energyAddedKwh).toBe(21.25);
  });

  it('rejects an unknown charging source and a negative solar split (check constraints)', async () => {
    const v = await insertVehicle();
    const session = { vehicleId: v.id, sessionKey: 'k', startedAt: clock.now() };
    expect(await pgCode(h.db.insert(chargingSessions).values({ ...session, source: 'guessed' as never }))).toBe('23514');
    expect(await pgCode(h.db.insert(chargingSessions).values({ ...session, source: 'polled', solarKwh: -1 }))).toBe('23514');
    expect(await h.db.select().from(chargingSessions)).toHaveLength(0);
  });

  it('keeps Tesla sign conventions as given (battery > 0 discharging, grid < 0 exporting)', async () => {
    const [site] = await h.db.insert(energySites).values({ teslaSiteId: '2252147483649', siteName: 'Home' }).returning();
    await h.db.insert(energyStates).values({
      siteId: site!.id,
      timestamp: new Date('2026-06-01T12:00:00Z'),
      solarPowerW: 6200,
      batteryPowerW: -1500,
      gridPowerW: -2100,
      loadPowerW: 2600,
    });
    const [s] = await h.db.select().from(energyStates);
    expect(s!.solarPowerW! + s!.batteryPowerW! + s!.gridPowerW!).toBeCloseTo(s!.loadPowerW!, 6);
    expect(site!.teslaSiteId).toBe('2252147483649');
  });

  it('keeps one energy_daily row per site and date, and deleting a vehicle removes its history', async () => {
    const [site] = await h.db.insert(energySites).values({ teslaSiteId: 's1' }).returning();
    await h.db.insert(energyDaily).values({ siteId: site!.id, date: '2026-06-01', solarProducedKwh: 30.5 });
    expect(await pgCode(h.db.insert(energyDaily).values({ siteId: site!.id, date: '2026-06-01' }))).toBe('23505');
    const [day] = await h.db.select().from(energyDaily);
    expect(day!.date).toBe('2026-06-01');

    const v = await insertVehicle();
    await h.db.insert(drives).values({ vehicleId: v.id, startedAt: clock.now(), distanceKm: 12.3 });
    await h.db.delete(vehicles).where(eq(vehicles.id, v.id));
    expect(await h.db.select().from(drives)).toHaveLength(0);
  });
});
