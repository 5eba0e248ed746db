import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { getDayEnergy, getVehicleSummaries } from '@/db/queries/dashboard';
import { driveEfficiencyByDay, estimateCapacityKwh, listActivityStretches, listBusySpans } from '@/db/queries/vehicle-detail';
import { chargingSessions, drives, energyDaily, energySites, vehicleActivity, vehicles, vehicleStates } from '@/db/schema';
import { openTestDb } from '../../setup/test-db';

const t = (iso: string) => new Date(iso);
let h: DbHandle;
let ids: { driving: string; charging: string; parked: string; site: string };

beforeAll(async () => {
  h = await openTestDb();
  const db = h.db;
  const [driving, charging, parked] = await db
    .insert(vehicles)
    .values([
      {
        teslaId: '1',
        vin: '5YJ3E1EA7KF000001',
        displayName: 'A driving',
        state: 'online',
        stateSince: t('2026-03-10T07:00:00Z'),
        lastSeenAt: t('2026-03-10T08:10:00Z'),
      },
      {
        teslaId: '2',
        vin: '5YJ3E1EA7KF000002',
        displayName: 'B charging',
        state: 'online',
        stateSince: t('2026-03-10T06:00:00Z'),
        lastSeenAt: t('2026-03-10T08:10:00Z'),
      },
      {
        teslaId: '3',
        vin: '5YJ3E1EA7KF000003',
        displayName: 'C parked',
        state: 'asleep',
        stateSince: t('2026-03-10T01:00:00Z'),
        lastSeenAt: t('2026-03-10T08:10:00Z'),
      },
    ])
    .returning();
  ids = { driving: driving!.id, charging: charging!.id, parked: parked!.id, site: '' };
  await db.insert(vehicleStates).values([
    {
      vehicleId: driving!.id,
      timestamp: t('2026-03-10T08:05:00Z'),
      batteryLevel: 70,
      shiftState: 'D',
      latitude: 52.5,
      longitude: 13.4,
      odometerKm: 1000,
    },
    { vehicleId: charging!.id, timestamp: t('2026-03-10T07:00:00Z'), batteryLevel: 40, chargingState: 'Disconnected' },
    {
      vehicleId: charging!.id,
      timestamp: t('2026-03-10T08:00:00Z'),
      batteryLevel: 55,
      chargingState: 'Charging',
      chargeLimitSoc: 80,
      chargerPowerKw: 11,
      minutesToFullCharge: 95,
    },
    // C: an old parked sample, then a drive ended later elsewhere (the car fell asleep on arrival).
    {
      vehicleId: parked!.id,
      timestamp: t('2026-03-09T17:00:00Z'),
      batteryLevel: 64,
      shiftState: 'P',
      latitude: 52.5,
      longitude: 13.4,
      odometerKm: 500,
    },
  ]);
  await db.insert(drives).values([
    { vehicleId: driving!.id, startedAt: t('2026-03-10T07:50:00Z'), endedAt: null },
    { vehicleId: driving!.id, startedAt: t('2026-03-09T07:50:00Z'), endedAt: t('2026-03-09T08:20:00Z') },
    {
      vehicleId: parked!.id,
      startedAt: t('2026-03-09T18:00:00Z'),
      endedAt: t('2026-03-09T18:30:00Z'),
      endPlace: 'Gym',
      endLatitude: 52.6,
      endLongitude: 13.5,
    },
  ]);
  await db
    .insert(chargingSessions)
    .values([{ vehicleId: charging!.id, sessionKey: 'open', source: 'polled', startedAt: t('2026-03-10T07:30:00Z'), endedAt: null }]);
  const [site] = await db.insert(energySites).values({ teslaSiteId: '99', siteName: 'House', timeZone: 'Europe/Berlin' }).returning();
  ids.site = site!.id;
});

afterAll(async () => h.close());

describe('getVehicleSummaries', () => {
  it('tells driving, charging and asleep apart, with since-when, and keeps the newest drive for the last place', async () => {
    const byName = Object.fromEntries((await getVehicleSummaries(h.db)).map((s) => [s.vehicle.displayName, s]));
    expect(byName['A driving']).toMatchObject({ status: 'driving', statusSince: t('2026-03-10T07:50:00Z') });
    expect(byName['A driving']!.latest).toMatchObject({ batteryLevel: 70, minutesToFull: null });
    // Charging: since the open session's start, Tesla's minutes to full from the raw payload.
    expect(byName['B charging']).toMatchObject({ status: 'charging', statusSince: t('2026-03-10T07:30:00Z') });
    expect(byName['B charging']!.latest).toMatchObject({ batteryLevel: 55, chargeLimitSoc: 80, chargerPowerKw: 11, minutesToFull: 95 });
    expect(byName['C parked']).toMatchObject({ status: 'asleep', statusSince: t('2026-03-10T01:00:00Z') });
    expect(byName['C parked']!.lastDrive).toMatchObject({ endPlace: 'Gym', endLatitude: 52.6, endedAt: t('2026-03-09T18:30:00Z') });
  });

  it('does not call an asleep car driving because its last sample was in D', async () => {
    await h.db
      .insert(vehicleStates)
      .values({ vehicleId: ids.parked, timestamp: t('2026-03-09T18:10:00Z'), batteryLevel: 60, shiftState: 'D' });
    const c = (await getVehicleSummaries(h.db)).find((s) => s.vehicle.id === ids.parked)!;
    expect(c.status).toBe('asleep');
    await h.db.delete(vehicleStates).where(sqlEq(ids.parked, '2026-03-09T18:10:00Z'));
  });

  it('dates a state from where the stretches say it began, not from the app’s restart; else “seen since” (issue 21)', async () => {
    const parked = () => getVehicleSummaries(h.db).then((all) => all.find((s) => s.vehicle.id === ids.parked)!);
    // Without any stretch: the car's state_since, which is only when the app first saw it.
    expect(await parked()).toMatchObject({ statusSince: t('2026-03-10T01:00:00Z'), statusSinceObserved: false });
    // Seen falling asleep at 19:00 after the drive; the app was not running from 23:00 to 01:00.
    await h.db.insert(vehicleActivity).values([
      { vehicleId: ids.parked, state: 'online', startedAt: t('2026-03-09T18:00:00Z'), lastSeenAt: t('2026-03-09T19:00:00Z') },
      { vehicleId: ids.parked, state: 'asleep', startedAt: t('2026-03-09T19:00:00Z'), lastSeenAt: t('2026-03-09T23:00:00Z') },
      { vehicleId: ids.parked, state: 'asleep', startedAt: t('2026-03-10T01:00:00Z'), lastSeenAt: t('2026-03-10T08:10:00Z') },
    ]);
    expect(await parked()).toMatchObject({ status: 'asleep', statusSince: t('2026-03-09T19:00:00Z'), statusSinceObserved: true });
    // A drive in the gap: the car did not sleep through it, so the state is only seen since 01:00.
    await h.db.insert(drives).values({ vehicleId: ids.parked, startedAt: t('2026-03-10T00:00:00Z'), endedAt: t('2026-03-10T00:20:00Z') });
    expect(await parked()).toMatchObject({ status: 'asleep', statusSince: t('2026-03-10T01:00:00Z'), statusSinceObserved: false });
    await h.db.delete(drives).where(and(eq(drives.vehicleId, ids.parked), eq(drives.startedAt, t('2026-03-10T00:00:00Z'))));
    await h.db.delete(vehicleActivity).where(eq(vehicleActivity.vehicleId, ids.parked));
  });
});

const sqlEq = (vehicleId: string, at: string) => and(eq(vehicleStates.vehicleId, vehicleId), eq(vehicleStates.timestamp, t(at)));

describe('getDayEnergy', () => {
  it("reads the day's energy_daily row: complete, or provisional with where its figures come from", async () => {
    await h.db.insert(energyDaily).values([
      {
        siteId: ids.site,
        date: '2026-03-09',
        complete: true,
        solarProducedKwh: 12.5,
        homeConsumedKwh: 20,
        gridImportedKwh: 6,
        gridExportedKwh: 1.5,
        selfPoweredPercentage: 70,
      },
      {
        siteId: ids.site,
        date: '2026-03-10',
        complete: false,
        historyUntil: t('2026-03-10T08:00:00Z'),
        liveUntil: t('2026-03-10T08:20:00Z'),
        solarProducedKwh: 0.4,
        homeConsumedKwh: 4,
        gridImportedKwh: 1,
        gridExportedKwh: 0,
      },
    ]);
    expect(await getDayEnergy(h.db, { siteId: ids.site, date: '2026-03-09' })).toEqual({
      date: '2026-03-09',
      complete: true,
      historyUntil: null,
      liveUntil: null,
      solarProducedKwh: 12.5,
      homeConsumedKwh: 20,
      gridImportedKwh: 6,
      gridExportedKwh: 1.5,
      selfPoweredPercentage: 70,
    });
    // No stored share: worked out from home use and grid import.
    expect(await getDayEnergy(h.db, { siteId: ids.site, date: '2026-03-10' })).toEqual({
      date: '2026-03-10',
      complete: false,
      historyUntil: t('2026-03-10T08:00:00Z'),
      liveUntil: t('2026-03-10T08:20:00Z'),
      solarProducedKwh: 0.4,
      homeConsumedKwh: 4,
      gridImportedKwh: 1,
      gridExportedKwh: 0,
      selfPoweredPercentage: 75,
    });
    expect(await getDayEnergy(h.db, { siteId: ids.site, date: '2026-03-12' })).toBeNull();
  });
});

describe('vehicle detail windows', () => {
  const from = t('2026-03-05T00:00:00Z');
  const to = t('2026-03-06T00:00:00Z');

  it('lists the stretches overlapping the window, including the one running into it', async () => {
    await h.db.insert(vehicleActivity).values([
      { vehicleId: ids.parked, state: 'online', startedAt: t('2026-03-04T10:00:00Z'), lastSeenAt: t('2026-03-04T11:00:00Z') }, // ended before
      { vehicleId: ids.parked, state: 'asleep', startedAt: t('2026-03-04T11:00:00Z'), lastSeenAt: t('2026-03-05T06:00:00Z') }, // runs into it
      { vehicleId: ids.parked, state: 'online', startedAt: t('2026-03-05T06:00:00Z'), lastSeenAt: t('2026-03-05T07:00:00Z') },
      { vehicleId: ids.parked, state: 'asleep', startedAt: t('2026-03-06T01:00:00Z'), lastSeenAt: t('2026-03-06T02:00:00Z') }, // after
      { vehicleId: ids.driving, state: 'online', startedAt: t('2026-03-05T03:00:00Z'), lastSeenAt: t('2026-03-05T04:00:00Z') }, // another car
    ]);
    const rows = await listActivityStretches(h.db, { vehicleId: ids.parked, from, to });
    expect(rows.map((r) => [r.state, r.startedAt.toISOString()])).toEqual([
      ['asleep', '2026-03-04T11:00:00.000Z'],
      ['online', '2026-03-05T06:00:00.000Z'],
    ]);
  });

  it('lists drives and charges overlapping the window, an open one started before it too', async () => {
    await h.db.insert(chargingSessions).values([
      {
        vehicleId: ids.parked,
        sessionKey: 'before-open',
        source: 'polled',
        startedAt: t('2026-03-04T22:00:00Z'),
        endedAt: t('2026-03-05T01:00:00Z'),
      },
      {
        vehicleId: ids.parked,
        sessionKey: 'long-before',
        source: 'polled',
        startedAt: t('2026-03-03T22:00:00Z'),
        endedAt: t('2026-03-03T23:00:00Z'),
      },
    ]);
    await h.db.insert(drives).values({
      vehicleId: ids.parked,
      startedAt: t('2026-03-05T08:00:00Z'),
      endedAt: t('2026-03-05T08:30:00Z'),
      distanceKm: 20,
      startBatteryLevel: 80,
      endBatteryLevel: 76,
    });
    const spans = await listBusySpans(h.db, { vehicleId: ids.parked, from, to });
    expect(spans.charges).toEqual([
      { startedAt: t('2026-03-04T22:00:00Z'), endedAt: t('2026-03-05T01:00:00Z'), startBatteryLevel: null, endBatteryLevel: null },
    ]);
    expect(spans.drives).toEqual([
      { startedAt: t('2026-03-05T08:00:00Z'), endedAt: t('2026-03-05T08:30:00Z'), startBatteryLevel: 80, endBatteryLevel: 76 },
    ]);
  });

  it("sums drive efficiency per local day of the owner's zone and leaves out drives under 0.5 km", async () => {
    await h.db.insert(drives).values([
      // 23:30 UTC on the 5th is 00:30 on the 6th in Berlin.
      {
        vehicleId: ids.parked,
        startedAt: t('2026-03-05T23:30:00Z'),
        endedAt: t('2026-03-05T23:50:00Z'),
        distanceKm: 10,
        energyUsedKwh: 1.6,
        startBatteryLevel: 76,
        endBatteryLevel: 74,
      },
      {
        vehicleId: ids.parked,
        startedAt: t('2026-03-06T09:00:00Z'),
        endedAt: t('2026-03-06T09:10:00Z'),
        distanceKm: 0.3,
        startBatteryLevel: 74,
        endBatteryLevel: 74,
      },
    ]);
    const days = await driveEfficiencyByDay(h.db, {
      vehicleId: ids.parked,
      from,
      to: t('2026-03-07T00:00:00Z'),
      timeZone: 'Europe/Berlin',
    });
    expect(days).toEqual([
      {
        date: '2026-03-05',
        drives: 1,
        distanceKm: 20,
        knownEnergyKwh: null,
        knownDistanceKm: null,
        batteryPctUsed: 4,
        batteryDistanceKm: 20,
      },
      { date: '2026-03-06', drives: 1, distanceKm: 10, knownEnergyKwh: 1.6, knownDistanceKm: 10, batteryPctUsed: 2, batteryDistanceKm: 10 },
    ]);
  });

  it('estimates usable capacity from closed charges that gained at least 5 points', async () => {
    await h.db.insert(chargingSessions).values([
      {
        vehicleId: ids.driving,
        sessionKey: 'c1',
        source: 'polled',
        startedAt: t('2026-03-01T20:00:00Z'),
        endedAt: t('2026-03-01T22:00:00Z'),
        startBatteryLevel: 50,
        endBatteryLevel: 70,
        energyAddedKwh: 15,
      },
      {
        vehicleId: ids.driving,
        sessionKey: 'c2',
        source: 'polled',
        startedAt: t('2026-03-02T20:00:00Z'),
        endedAt: t('2026-03-02T21:00:00Z'),
        startBatteryLevel: 60,
        endBatteryLevel: 70,
        energyAddedKwh: 7.5,
      },
      {
        vehicleId: ids.driving,
        sessionKey: 'tiny',
        source: 'polled',
        startedAt: t('2026-03-03T20:00:00Z'),
        endedAt: t('2026-03-03T20:10:00Z'),
        startBatteryLevel: 69,
        endBatteryLevel: 71,
        energyAddedKwh: 9,
      },
      {
        vehicleId: ids.driving,
        sessionKey: 'open2',
        source: 'polled',
        startedAt: t('2026-03-04T20:00:00Z'),
        endedAt: null,
        startBatteryLevel: 20,
        endBatteryLevel: 60,
        energyAddedKwh: 1,
      },
    ]);
    expect(
      await estimateCapacityKwh(h.db, { vehicleId: ids.driving, from: t('2026-02-01T00:00:00Z'), to: t('2026-03-05T00:00:00Z') }),
    ).toBe(75);
    expect(
      await estimateCapacityKwh(h.db, { vehicleId: ids.driving, from: t('2026-03-03T00:00:00Z'), to: t('2026-03-05T00:00:00Z') }),
    ).toBeNull();
  });
});
