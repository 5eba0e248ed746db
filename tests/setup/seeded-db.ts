import { afterAll, beforeAll, beforeEach } from 'vitest';
import { installDbHandle } from '@/db';
import type { DbHandle } from '@/db/client';
import {
  apiRequests,
  chargingSessions,
  drivers,
  drives,
  energyDaily,
  energySites,
  energyStates,
  locations,
  tariffs,
  vehicles,
  vehicleStates,
} from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens';
import { openTestDb, truncateAll } from './test-db';
import { clock } from '@/lib/clock';

/**
 * The integration tests' databases (both drivers) and the route caller: `useSeededDb` opens, seeds
 * and closes one for a test file, `useEmptyDb` one emptied before each test; route tests call the
 * exported handlers directly.
 */

/** Route tests call the exported handlers directly, as Next would, with a real API token. */
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type CallOptions = {
  method?: string;
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
};

export function caller(token: string) {
  return async (handler: unknown, path: string, opts: CallOptions = {}) => {
    const hasBody = opts.body !== undefined || opts.rawBody !== undefined;
    const req = new Request(`http://localhost${path}`, {
      method: opts.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(hasBody ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const res = await (handler as Handler)(req, { params: Promise.resolve(opts.params ?? {}) });
    const type = res.headers.get('content-type') ?? '';
    const body = res.status === 204 ? null : type.includes('json') ? await res.json() : await res.text();
    return { status: res.status, body, headers: res.headers };
  };
}
export type Call = ReturnType<typeof caller>;

const t = (iso: string) => new Date(iso);

/** Rows a real sync would have produced: two cars, a solar home, sessions, drives, drivers, API ledger. */
export async function seed(h: DbHandle, now = clock.now()) {
  const db = h.db;
  const [home, work] = await db
    .insert(tariffs)
    .values([
      { name: 'Home flat', kind: 'flat', currency: 'EUR', pricePerKwh: 0.3, feedInPricePerKwh: 0.08 },
      { name: 'Work', kind: 'flat', currency: 'EUR', pricePerKwh: 0.4 },
    ])
    .returning();
  const [homeLoc, workLoc] = await db
    .insert(locations)
    .values([
      { name: 'Home', latitude: 52.52, longitude: 13.405, radiusM: 150, tariffId: home!.id, isHome: true },
      { name: 'Office', latitude: 52.5, longitude: 13.3, radiusM: 200, tariffId: work!.id },
    ])
    .returning();
  // Alice's rule (Wednesdays and Fridays) is what assigned her drives d1 and d3 below.
  const [alice, bob] = await db
    .insert(drivers)
    .values([
      { name: 'Alice', rules: [{ days: [3, 5] }] },
      { name: 'Bob', profileId: 'p-2' },
    ])
    .returning();
  const [red, blue] = await db
    .insert(vehicles)
    .values([
      {
        teslaId: '1492931337195225',
        vin: '5YJ3E1EA7KF000001',
        displayName: 'Red',
        model: 'model3',
        year: 2021,
        batteryCapacityKwh: 75,
        state: 'asleep',
      },
      {
        teslaId: '3744560211284712',
        vin: '7SAYGDEE1PA000002',
        displayName: 'Blue',
        model: 'modelY',
        year: 2023,
        batteryCapacityKwh: 78.1,
        state: 'online',
      },
    ])
    .returning();
  // Red charges at home 18:00–20:00 (9 samples, 15 min apart), then drives 08:00–08:30 the next morning.
  const charge = Array.from({ length: 9 }, (_, i) => ({
    vehicleId: red!.id,
    timestamp: new Date(t('2026-03-10T18:00:00Z').getTime() + i * 15 * 60_000),
    batteryLevel: 40 + i * 3,
    chargingState: i === 8 ? 'Complete' : 'Charging',
    chargeEnergyAddedKwh: i * 2.5,
    chargerPowerKw: i === 8 ? 0 : 11,
    chargerVoltage: 230,
    chargerActualCurrent: 16,
    chargerPhases: 3,
    latitude: 52.52,
    longitude: 13.405,
    odometerKm: 10_000,
  }));
  const drive = Array.from({ length: 7 }, (_, i) => ({
    vehicleId: red!.id,
    timestamp: new Date(t('2026-03-11T08:00:00Z').getTime() + i * 5 * 60_000),
    batteryLevel: 64 - i,
    shiftState: 'D',
    speedKmh: 40 + i * 10,
    powerKw: 15,
    odometerKm: 10_000 + i * 5,
    latitude: 52.52 - i * 0.003,
    longitude: 13.405 - i * 0.015,
    outsideTempC: -2.5,
  }));
  await db.insert(vehicleStates).values([
    ...charge,
    ...drive,
    {
      vehicleId: red!.id,
      timestamp: t('2026-03-11T09:00:00Z'),
      batteryLevel: 57,
      odometerKm: 10_030,
      shiftState: 'P',
      insideTempC: 21,
      outsideTempC: -1,
    },
  ]);
  const session = (v: string, key: string, o: Partial<typeof chargingSessions.$inferInsert>) => ({
    vehicleId: v,
    sessionKey: key,
    source: 'polled' as const,
    startedAt: clock.now(),
    ...o,
  });
  const [s1, s2, s3, s4] = await db
    .insert(chargingSessions)
    .values([
      session(red!.id, 's1', {
        startedAt: t('2026-03-10T18:00:00Z'),
        endedAt: t('2026-03-10T20:00:00Z'),
        chargerType: 'ac',
        locationId: homeLoc!.id,
        locationName: 'Home',
        startBatteryLevel: 40,
        endBatteryLevel: 64,
        energyAddedKwh: 20,
        energyUsedKwh: 22,
        chargeRateKw: 11,
        peakPowerKw: 11,
        solarKwh: 10,
        batteryKwh: 4,
        gridKwh: 8,
        solarPercentage: 60,
        attributionRule: 'house_first',
        cost: 2.4,
        costWithoutSolar: 6.6,
        costCurrency: 'EUR',
      }),
      session(red!.id, 's2', {
        source: 'supercharger_history',
        startedAt: t('2026-03-12T12:00:00Z'),
        endedAt: t('2026-03-12T12:30:00Z'),
        chargerType: 'supercharger',
        locationName: '=HYPERLINK("x"), Berlin',
        energyAddedKwh: 40,
        cost: 18,
        costCurrency: 'EUR',
      }),
      session(blue!.id, 's3', {
        source: 'wall_connector',
        startedAt: t('2026-02-20T09:00:00Z'),
        endedAt: t('2026-02-20T10:00:00Z'),
        chargerType: 'ac',
        locationId: workLoc!.id,
        locationName: 'Office',
        energyAddedKwh: 10,
        cost: 4,
        costCurrency: 'EUR',
      }),
      session(blue!.id, 's4', {
        startedAt: t('2026-03-15T11:00:00Z'),
        endedAt: t('2026-03-15T13:00:00Z'),
        chargerType: 'ac',
        locationId: homeLoc!.id,
        locationName: 'Home',
        energyAddedKwh: 15,
        energyUsedKwh: 16,
        solarKwh: 16,
        batteryKwh: 0,
        gridKwh: 0,
        solarPercentage: 100,
        attributionRule: 'proportional',
        cost: 0,
        costWithoutSolar: 4.8,
        costCurrency: 'EUR',
      }),
    ])
    .returning();
  // Five older sessions of Red for pagination (January, one per day, DC fast charger).
  await db.insert(chargingSessions).values(
    Array.from({ length: 5 }, (_, i) =>
      session(red!.id, `old${i}`, {
        startedAt: t(`2026-01-0${i + 1}T07:00:00Z`),
        endedAt: t(`2026-01-0${i + 1}T07:40:00Z`),
        chargerType: 'dc',
        energyAddedKwh: 30 + i,
      }),
    ),
  );
  const [d1, d2, d3] = await db
    .insert(drives)
    .values([
      {
        vehicleId: red!.id,
        driverId: alice!.id,
        driverAssignment: 'rule',
        startedAt: t('2026-03-11T08:00:00Z'),
        endedAt: t('2026-03-11T08:30:00Z'),
        distanceKm: 30,
        startOdometerKm: 10_000,
        endOdometerKm: 10_030,
        energyUsedKwh: 4.5,
        startBatteryLevel: 64,
        endBatteryLevel: 58,
        startPlace: 'Home',
        endPlace: 'Office',
        startLocationId: homeLoc!.id,
        endLocationId: workLoc!.id,
        maxSpeedKmh: 100,
        outsideTempAvgC: -2.5,
      },
      {
        vehicleId: red!.id,
        driverId: bob!.id,
        driverAssignment: 'manual',
        startedAt: t('2026-03-11T17:00:00Z'),
        endedAt: t('2026-03-11T17:40:00Z'),
        distanceKm: 32,
        energyUsedKwh: 5,
        startPlace: 'Office',
        endPlace: '@home',
      },
      {
        vehicleId: blue!.id,
        driverId: alice!.id,
        driverAssignment: 'rule',
        startedAt: t('2026-03-13T10:00:00Z'),
        endedAt: t('2026-03-13T10:20:00Z'),
        distanceKm: 10,
        energyUsedKwh: 1.8,
      },
    ])
    .returning();
  const [site] = await db
    .insert(energySites)
    .values({
      teslaSiteId: '1689123456789012345',
      siteName: 'House',
      timeZone: 'Europe/Berlin',
      batteryCount: 1,
      totalBatteryCapacityKwh: 13.5,
      solarCapacityW: 9000,
    })
    .returning();
  await db.insert(energyStates).values([
    {
      siteId: site!.id,
      timestamp: t('2026-03-14T11:00:00Z'),
      solarPowerW: 5200,
      batteryPowerW: -1500,
      gridPowerW: -900,
      loadPowerW: 2800,
      batteryPercentage: 70,
      gridStatus: 'Active',
    },
    {
      siteId: site!.id,
      timestamp: t('2026-03-14T11:05:00Z'),
      solarPowerW: 5400,
      batteryPowerW: -1600,
      gridPowerW: -1000,
      loadPowerW: 2800,
      batteryPercentage: 71,
      gridStatus: 'Active',
    },
  ]);
  // 2026-03-01 … 2026-03-14: solar = day number kWh, exports 20 %, home 10 kWh with 2 kWh from the grid.
  await db.insert(energyDaily).values(
    Array.from({ length: 14 }, (_, i) => ({
      siteId: site!.id,
      date: `2026-03-${String(i + 1).padStart(2, '0')}`,
      solarProducedKwh: i + 1,
      solarExportedKwh: (i + 1) * 0.2,
      batteryChargedKwh: 3,
      batteryDischargedKwh: 2.5,
      gridImportedKwh: 2,
      gridExportedKwh: (i + 1) * 0.2,
      homeConsumedKwh: 10,
      complete: i < 13,
    })),
  );
  const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 0, 30));
  const req = (category: 'data' | 'wake' | 'state', at: Date, costUsd: number) => ({
    requestedAt: at,
    method: 'GET',
    pathTemplate: '/api/1/vehicles/{vin}/vehicle_data',
    category,
    status: 200,
    billable: costUsd > 0,
    costUsd,
  });
  await db
    .insert(apiRequests)
    .values([
      req('data', thisMonth, 0.002),
      req('data', thisMonth, 0.002),
      req('data', thisMonth, 0.002),
      req('wake', thisMonth, 0.02),
      req('state', thisMonth, 0),
      req('state', thisMonth, 0),
      req('data', new Date(thisMonth.getTime() - 5 * 86_400_000), 0.5),
    ]);
  return {
    tariffs: { home: home!, work: work! },
    locations: { home: homeLoc!, work: workLoc! },
    drivers: { alice: alice!, bob: bob! },
    vehicles: { red: red!, blue: blue! },
    sessions: { s1: s1!, s2: s2!, s3: s3!, s4: s4! },
    drives: { d1: d1!, d2: d2!, d3: d3! },
    site: site!,
  };
}
export type Seeded = Awaited<ReturnType<typeof seed>>;

/** Opens the driver's test database, installs it as the app's, seeds it and makes an API token with every scope. */
export async function openSeeded() {
  const h = await openTestDb();
  installDbHandle(h);
  const data = await seed(h);
  const { token } = await createApiToken(h.db, 'tests', ['read', 'sync', 'admin']);
  return { h, data, call: caller(token) };
}

/**
 * A test file's seeded database: opened and seeded before its tests (`receive` gets the handle, the
 * seeded rows and a caller with an every-scope API token), closed after them.
 */
export function useSeededDb(receive: (s: Awaited<ReturnType<typeof openSeeded>>) => void): void {
  let h: DbHandle | undefined;
  beforeAll(async () => {
    const s = await openSeeded();
    h = s.h;
    receive(s);
  });
  afterAll(async () => h?.close());
}

/**
 * A test file's empty database: opened before its tests (`receive` gets the handle), every table
 * emptied before each test, closed after them.
 */
export function useEmptyDb(receive: (h: DbHandle) => void): void {
  let h: DbHandle | undefined;
  beforeAll(async () => {
    h = await openTestDb();
    receive(h);
  });
  beforeEach(async () => truncateAll(h!));
  afterAll(async () => h?.close());
}
