import { asc, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { chargingSessions, energyBuckets, energySites, energyStates, syncRuns, vehicles } from '@/db/schema';
import { parseFleetJson } from '@/lib/fleet-api';
import { createSimulatorFetch } from '@/lib/simulator';
import { naivePolicy } from '@/lib/sync/policy';
import { TeslaAuthError, TeslaBillingLockedError, TeslaError } from '@/lib/tesla';
import { testDriver } from '../../setup/test-db';
import { answer, corpusFile, getAt, json, loadCorpus, SIM_VIN, storedStates, syncServing, type Served } from './corpus';
import { useEmptyDb } from '../../setup/seeded-db';

/**
 * Every real-shaped payload of tests/fixtures/real through the schemas, the transform and a sync
 * run: the file's body is served at the Tesla client's fetch seam for its endpoint (the simulator
 * answers everything else), and the figures that come out are asserted, with Tesla's units turned
 * metric and Tesla's signs kept, nulls where the source has nulls or junk, and what could not be
 * read (`sync_runs.tesla_unreadable`). Every file of the folder must have its expectations here.
 */
let h: DbHandle;
useEmptyDb((handle) => (h = handle));

const MI = 1.609344;
const km = (mi: number | null) => (mi === null ? null : mi * MI);

/** The simulator's vehicle list without display names: the car is then named by the sample (known difference 7). */
const unnamedList: Served = async (req, sim) => {
  const body = (await (await createSimulatorFetch(sim)(req)).json()) as { response: Record<string, unknown>[] };
  for (const v of body.response) delete v.display_name;
  return json(body);
};

async function lastRun() {
  const [run] = await h.db.select().from(syncRuns).orderBy(desc(syncRuns.startedAt)).limit(1);
  return run!;
}

/** Figures of one vehicle_data answer: Tesla's units in the file (miles, mph), metric in the row. */
type Sample = {
  name: string | null;
  timestamp: number;
  odometerMi: number | null;
  batteryLevel: number | null;
  chargingState: string | null;
  chargerPowerKw: number | null;
  chargeEnergyAddedKwh: number | null;
  fastChargerPresent: boolean | null;
  fastChargerType: string | null;
  chargerVoltage: number | null;
  chargerPhases: number | null;
  shiftState: string | null;
  speedMph: number | null;
  powerKw: number | null;
  latitude: number | null;
  insideTempC: number | null;
  firmware: string | null;
  /** Paths read as null (missing or junk). */
  unreadable: string[];
};
const none = {
  batteryLevel: null,
  chargingState: null,
  chargerPowerKw: null,
  chargeEnergyAddedKwh: null,
  fastChargerPresent: null,
  fastChargerType: null,
  chargerVoltage: null,
  chargerPhases: null,
  shiftState: null,
  speedMph: null,
  powerKw: null,
  latitude: null,
  insideTempC: null,
  odometerMi: null,
  firmware: null,
  name: null,
  unreadable: [],
};
const parkedModel3 = {
  name: 'Test',
  timestamp: 1705707520649,
  odometerMi: 6481.019282,
  batteryLevel: 77,
  chargingState: 'Stopped',
  chargerPowerKw: 0,
  chargeEnergyAddedKwh: 0,
  fastChargerPresent: false,
  fastChargerType: 'ACSingleWireCAN',
  chargerVoltage: 2,
  chargerPhases: null,
  shiftState: null,
  speedMph: null,
  powerKw: -7,
  latitude: -30.222626,
  insideTempC: 29.8,
  firmware: '2023.44.30.8',
  unreadable: [],
};
const partialIds = ['vehicle_data.id', 'vehicle_data.id_s', 'vehicle_data.vin', 'vehicle_data.state'];

const SAMPLES: Record<string, Sample> = {
  'vehicle-data-2019-eu-supercharging-combo-tesla.json': {
    name: "Tim's Tesla",
    timestamp: 1569952097456,
    odometerMi: 6963.081561,
    batteryLevel: 44,
    chargingState: 'Charging',
    chargerPowerKw: 100,
    chargeEnergyAddedKwh: 14.54,
    fastChargerPresent: true,
    fastChargerType: 'Combo',
    chargerVoltage: 2,
    chargerPhases: null,
    shiftState: null,
    speedMph: null,
    powerKw: -100,
    latitude: 52.531951,
    insideTempC: 21,
    firmware: '2019.32.11.1',
    unreadable: [],
  },
  'vehicle-data-2020-us-models-ac-charging-1phase.json': {
    name: 'Nikola 2.0',
    timestamp: 1607623897515,
    odometerMi: 57869.762487,
    batteryLevel: 59,
    chargingState: 'Charging',
    chargerPowerKw: 9,
    chargeEnergyAddedKwh: 2.42,
    fastChargerPresent: false,
    fastChargerType: null, // '<invalid>': Tesla's own "no value"
    chargerVoltage: 243,
    chargerPhases: 1,
    shiftState: null,
    speedMph: null,
    powerKw: -9,
    latitude: 33.111111,
    insideTempC: 22.1,
    firmware: '2020.48.10',
    unreadable: [],
  },
  'vehicle-data-2022-8-eu-models-ac-complete.json': {
    name: 'HTLC',
    timestamp: 1695129645329, // vehicle_config's, the newest sub-object
    odometerMi: 104374.713449,
    batteryLevel: 80,
    chargingState: 'Complete',
    chargerPowerKw: 0,
    chargeEnergyAddedKwh: 15.59,
    fastChargerPresent: false,
    fastChargerType: null,
    chargerVoltage: 0,
    chargerPhases: null,
    shiftState: null,
    speedMph: null,
    powerKw: 0,
    latitude: 47,
    insideTempC: 23.9,
    firmware: '2022.8.10.16',
    unreadable: [],
  },
  'vehicle-data-2022-8-eu-models-disconnected-nulls.json': {
    name: 'HTLC',
    timestamp: 1697695372487,
    odometerMi: 105531.786131,
    batteryLevel: 70,
    chargingState: 'Disconnected',
    chargerPowerKw: null,
    chargeEnergyAddedKwh: 6.57,
    fastChargerPresent: null,
    fastChargerType: null,
    chargerVoltage: null,
    chargerPhases: null,
    shiftState: null,
    speedMph: null,
    powerKw: 0,
    latitude: 47.16,
    insideTempC: null,
    firmware: '2022.8.10.16',
    unreadable: [],
  },
  'vehicle-data-2022-8-eu-models-stopped-departby.json': {
    name: 'HTLC',
    timestamp: 1697641367314,
    odometerMi: 105505.507055,
    batteryLevel: 77,
    chargingState: 'Stopped',
    chargerPowerKw: null,
    chargeEnergyAddedKwh: 27.67,
    fastChargerPresent: null,
    fastChargerType: null,
    chargerVoltage: null,
    chargerPhases: null,
    shiftState: null,
    speedMph: null,
    powerKw: 0,
    latitude: 47,
    insideTempC: null,
    firmware: '2022.8.10.16',
    unreadable: [],
  },
  'vehicle-data-2023-38-eu-model3-no-location-complete.json': {
    name: 'xxx',
    timestamp: 1699653893260,
    odometerMi: 11643.048901,
    batteryLevel: 80,
    chargingState: 'Complete',
    chargerPowerKw: 0,
    chargeEnergyAddedKwh: 0.13,
    fastChargerPresent: false,
    fastChargerType: 'ACSingleWireCAN',
    chargerVoltage: 2,
    chargerPhases: 2,
    shiftState: null,
    speedMph: null,
    powerKw: 0,
    latitude: null, // no location_data in this era's answer
    insideTempC: 24.2,
    firmware: '2023.38.6',
    unreadable: [],
  },
  'vehicle-data-2023-38-tessie-ac-charging-1phase-brand-empty.json': {
    name: 'Test',
    timestamp: 1701139037461,
    odometerMi: 5454.495383,
    batteryLevel: 75,
    chargingState: 'Charging',
    chargerPowerKw: 7,
    chargeEnergyAddedKwh: 18.47,
    fastChargerPresent: false,
    fastChargerType: 'ACSingleWireCAN',
    chargerVoltage: 224,
    chargerPhases: 1,
    shiftState: null,
    speedMph: null,
    powerKw: -7,
    latitude: -30.222626,
    insideTempC: 30.4,
    firmware: '2023.38.6',
    unreadable: ['vehicle_data.id'], // the proxy drops `id`
  },
  'vehicle-data-2023-44-eu-model3-energy-remaining-navigating.json': parkedModel3,
  // charge_state.timestamp null (the other sub-objects date the sample), time_to_full_charge null, minutes_to_full_charge junk.
  'vehicle-data-2023-44-ha-alt-null-timestamp-junk-minutes.json': parkedModel3,
  'vehicle-data-2024-44-eu-model3-teslemetry.json': { ...parkedModel3, firmware: '2024.44.25' },
  'vehicle-data-partial-2019-us-model3-driving-d.json': {
    ...none,
    name: 'BlueBird',
    timestamp: 1576162159276,
    shiftState: 'D',
    speedMph: 22,
    powerKw: -24,
    latitude: 47.19,
    unreadable: ['vehicle_data.id_s', 'vehicle_data.vin'],
  },
  'vehicle-data-partial-2022-4-vehicle-state-update-available.json': {
    ...none,
    timestamp: 1646220395918,
    odometerMi: 144.65957,
    firmware: '2022.4.5',
    unreadable: partialIds,
  },
  'vehicle-data-partial-2022-charge-state-nopower.json': {
    ...none,
    timestamp: 1646658133024,
    batteryLevel: 79,
    chargingState: 'NoPower',
    chargerPowerKw: 0,
    chargeEnergyAddedKwh: 0,
    fastChargerPresent: false,
    chargerVoltage: 0,
    unreadable: partialIds,
  },
  'vehicle-data-partial-2023-cn-reversing-gcj.json': {
    ...none,
    timestamp: 1703249671955,
    shiftState: 'R',
    speedMph: 0,
    powerKw: 2,
    latitude: 22.54,
    unreadable: partialIds,
  },
  'vehicle-data-partial-2023-no-location-active-route-only.json': {
    ...none,
    timestamp: 1700314839825,
    powerKw: 3,
    unreadable: partialIds,
  },
};

/** live_status figures: W with Tesla's signs (battery > 0 discharging, grid > 0 importing). */
type Reading = {
  at: string;
  solar: number;
  battery: number;
  grid: number;
  load: number;
  percent: number;
  gridStatus: string;
  wallConnectorW: number;
};
const READINGS: Record<string, Reading> = {
  'live-status-2022-solar-only-no-battery.json': {
    at: '2022-07-28T17:11:27.000Z',
    solar: 7720,
    battery: 0,
    grid: -3202.85,
    load: 4517.15,
    percent: 0,
    gridStatus: 'Unknown',
    wallConnectorW: 0, // wall_connectors null: none
  },
  'live-status-2023-au-charging-battery-wall-connector-plugged.json': {
    at: '2023-11-05T23:30:11.000Z',
    solar: 16176,
    battery: -13950,
    grid: 0,
    load: 2226,
    percent: 90.21,
    gridStatus: 'Active',
    wallConnectorW: 0,
  },
  'live-status-2023-au-full-battery-exporting-wall-connector-idle.json': {
    at: '2023-11-06T00:51:17.000Z',
    solar: 16854,
    battery: 0,
    grid: -12949,
    load: 3905,
    percent: 100,
    gridStatus: 'Active',
    wallConnectorW: 0,
  },
  'live-status-2023-au-night-wall-connector-charging-float-power.json': {
    at: '2023-08-26T10:14:40.000Z',
    solar: 0,
    battery: 920,
    grid: 0,
    load: 920,
    percent: 66.32,
    gridStatus: 'Active',
    wallConnectorW: 419.1,
  },
  'live-status-2023-us-islanded-off-grid-intentional.json': {
    at: '2023-12-17T23:06:13.000Z',
    solar: 820,
    battery: 130,
    grid: 0,
    load: 950,
    percent: 81.88,
    gridStatus: 'Inactive',
    wallConnectorW: 0,
  },
  'live-status-2023-us-on-grid-battery-charging-with-energy-left.json': {
    at: '2023-12-17T22:23:31.000Z',
    solar: 1290,
    battery: -220,
    grid: 0,
    load: 1070,
    percent: 82.03,
    gridStatus: 'Active',
    wallConnectorW: 0,
  },
  'live-status-2024-us-night-no-energy-left.json': {
    at: '2024-05-12T07:18:19.000Z',
    solar: 0,
    battery: 780,
    grid: 0,
    load: 780,
    percent: 46.67,
    gridStatus: 'Active',
    wallConnectorW: 0,
  },
  'live-status-ha-teslemetry-two-wall-connectors.json': {
    at: '2024-01-01T00:00:00.000Z',
    solar: 1185,
    battery: 5060,
    grid: 0,
    load: 6245,
    percent: 95.51,
    gridStatus: 'Active',
    wallConnectorW: 0,
  },
};

/** /products: the energy sites found (ids as strings; sites with nothing in them skipped). */
const SITES: Record<string, string[]> = {
  'products-2024-01-car-and-powerwall-with-energy-left.json': ['247079748146'],
  'products-2024-04-car-and-powerwall-no-energy-left.json': ['1234'],
  'products-2024-08-two-model-s-empty-names-tokens-null.json': [],
  'products-fleet-docs-example-state-null-site-without-components.json': ['429124'],
  'products-ha-teslemetry-car-two-wall-connectors-and-empty-site.json': ['123456'], // 98765 has no battery, solar or Wall Connector
  'products-solar-only-site.json': ['2252147638651575'],
};

/** site_info as stored for the site. */
const SITE_INFO: Record<
  string,
  { name: string; timeZone: string | null; batteryCount: number | null; capacityKwh: number | null; reserve: number | null }
> = {
  'site-info-2023-us-2pw-nameplate-power-10800-tariff.json': {
    name: 'Tesla Energy Gateway',
    timeZone: 'America/Los_Angeles',
    batteryCount: 2,
    capacityKwh: 27,
    reserve: 80,
  },
  'site-info-2024-us-2pw-inverter-no-tz-no-nameplate.json': {
    name: 'TeslaEnergyGateway',
    timeZone: null,
    batteryCount: 2,
    capacityKwh: null,
    reserve: 20,
  },
  'site-info-ha-tesla-fleet-2pw-gateway-wall-connectors-empty-tz.json': {
    name: 'Site',
    timeZone: null, // ""
    batteryCount: 2,
    capacityKwh: 40.5,
    reserve: 0,
  },
  'site-info-ha-teslemetry-3pw-no-device-lists.json': { name: 'Site', timeZone: null, batteryCount: 3, capacityKwh: 40.5, reserve: 0 },
  'site-info-solar-only-no-battery.json': {
    name: 'My House',
    timeZone: 'America/Los_Angeles',
    batteryCount: null,
    capacityKwh: null,
    reserve: null,
  },
};

/** calendar_history: the buckets stored (start, then kWh of home from solar/battery/grid, solar total) and what was left out. */
type Buckets = {
  first?: { at: string; home: [number, number, number]; solar: number | null; gridIn: number | null };
  count: number;
  dropped: number;
};
const HISTORY: Record<string, Buckets> = {
  'calendar-history-day-2024-au-sparse-raw-timestamp.json': {
    first: { at: '2024-09-17T14:00:00.000Z', home: [0, 0.036, 0], solar: 0, gridIn: 0 },
    count: 2,
    dropped: 0,
  },
  'calendar-history-day-2024-owner-api-no-time-series-key.json': { count: 0, dropped: 0 },
  'calendar-history-day-5min-2023-oldest-no-tz-no-totals.json': {
    first: { at: '2023-06-01T08:00:00.000Z', home: [10.48, 10.011, 0.441], solar: 70.94, gridIn: 0.521 },
    count: 2,
    dropped: 0,
  },
  'calendar-history-day-5min-2023-us-all-totals.json': {
    first: { at: '2023-06-01T08:00:00.000Z', home: [10.48, 10.011, 0.441], solar: 70.94, gridIn: 0.521 },
    count: 2,
    dropped: 0,
  },
  'calendar-history-day-5min-2026-uk-overnight-partial-totals.json': {
    first: { at: '2026-09-11T23:00:00.000Z', home: [0, 0, 0.25], solar: 0, gridIn: 1.25 },
    count: 4,
    dropped: 0,
  },
  'calendar-history-day-5min-ha-history-status-two-totals.json': {
    first: { at: '2023-06-01T08:00:00.000Z', home: [10.48, 10.011, 0.441], solar: 70.94, gridIn: 0.521 },
    count: 2,
    dropped: 0,
  },
  // PARTIAL source: its one entry stops before the directed flows, so it cannot be stored.
  'calendar-history-day-daily-total-2022-partial.json': { count: 0, dropped: 1 },
  'calendar-history-day-time-series-null.json': { count: 0, dropped: 0 },
  'calendar-history-year-owner-api-docs-time-zone-offset.json': {
    first: { at: '2021-01-01T08:00:00.000Z', home: [0, 0, 0], solar: 152.68, gridIn: 0 },
    count: 1,
    dropped: 0,
  },
};

/** Supercharger history: sessions as the sync stores them (unmatched: added from the history). */
const SUPERCHARGER: Record<string, { key: string; place: string; kwh: number | null; cost: number | null; currency: string | null }[]> = {
  'charging-history-2026-co-payment-top-level-null-tiers.json': [
    { key: 'supercharger_history:1001', place: 'Bogota Supercharger', kwh: 46.234, cost: 60104.33, currency: 'COP' },
  ],
  'charging-history-page-3-of-10-empty-fees.json': [
    { key: 'supercharger_history:201', place: 'S1', kwh: null, cost: null, currency: null },
  ],
};

const ERRORS = [
  'vehicle-403-owner-api-forbidden.json',
  'vehicle-data-403-exceeded-limit.json',
  'vehicle-data-403-missing-vehicle-location-scope.json',
  'vehicle-data-403-unauthorized-missing-scopes.json',
  'vehicle-data-408-asleep-fleet.json',
  'vehicle-data-408-asleep-owner-api-era.json',
];
const OTHERS = [
  'vehicles-2023-owner-and-driver-access.json',
  'wake-up-owner-api-docs-example.json',
  'telemetry-history-charge-history-key-generated-sdk-example.json',
];

describe(`the real-payload corpus through schemas, transform and sync, on ${testDriver()}`, () => {
  it('has expectations for every file of tests/fixtures/real', () => {
    const covered = [
      ...Object.keys(SAMPLES),
      ...Object.keys(READINGS),
      ...Object.keys(SITES),
      ...Object.keys(SITE_INFO),
      ...Object.keys(HISTORY),
      ...Object.keys(SUPERCHARGER),
      ...ERRORS,
      ...OTHERS,
    ].sort();
    expect(covered).toEqual(loadCorpus().map((f) => f.file));
    expect(covered).toHaveLength(54);
  });

  for (const [file, want] of Object.entries(SAMPLES)) {
    it(`vehicle_data ${file}`, async () => {
      const f = corpusFile(file);
      const { summary } = await syncServing(h, { vehicles: unnamedList, vehicle_data: answer(f) });
      expect(summary.status).toBe('succeeded');
      expect(summary.error ?? '').not.toContain(SIM_VIN);
      const [s, ...more] = await storedStates(h.db);
      expect(more).toHaveLength(0);
      expect(s!.timestamp.getTime()).toBe(want.timestamp);
      if (want.odometerMi === null) expect(s!.odometerKm).toBeNull();
      else expect(s!.odometerKm).toBeCloseTo(km(want.odometerMi)!, 1);
      if (want.speedMph === null) expect(s!.speedKmh).toBeNull();
      else expect(s!.speedKmh).toBeCloseTo(km(want.speedMph)!, 1);
      expect(s).toMatchObject({
        batteryLevel: want.batteryLevel,
        chargingState: want.chargingState,
        chargerPowerKw: want.chargerPowerKw,
        chargeEnergyAddedKwh: want.chargeEnergyAddedKwh,
        fastChargerPresent: want.fastChargerPresent,
        fastChargerType: want.fastChargerType,
        chargerVoltage: want.chargerVoltage,
        chargerPhases: want.chargerPhases,
        shiftState: want.shiftState,
        powerKw: want.powerKw,
        latitude: want.latitude,
        insideTempC: want.insideTempC,
      });
      // The answer is kept exactly as Tesla sent it.
      expect(s!.rawData).toEqual(getAt(parseFleetJson(f.text), 'response'));
      const [car] = await h.db.select().from(vehicles).where(eq(vehicles.vin, SIM_VIN));
      expect(car!.displayName).toBe(want.name);
      if (want.firmware) expect(car!.firmwareVersion).toBe(want.firmware);
      expect(Object.keys((await lastRun()).teslaUnreadable.fields).sort()).toEqual([...want.unreadable].sort());
    });
  }

  for (const [file, want] of Object.entries(READINGS)) {
    it(`live_status ${file}`, async () => {
      const f = corpusFile(file);
      const { summary } = await syncServing(h, { live_status: answer(f) });
      expect(summary.error).toBeUndefined();
      const [row, ...more] = await h.db.select().from(energyStates);
      expect(more).toHaveLength(0);
      expect(row!.timestamp.toISOString()).toBe(want.at);
      expect(row).toMatchObject({
        solarPowerW: want.solar,
        batteryPowerW: want.battery,
        gridPowerW: want.grid,
        loadPowerW: want.load,
        gridStatus: want.gridStatus,
      });
      expect(row!.batteryPercentage).toBeCloseTo(want.percent, 2);
      expect(row!.wallConnectorPowerW).toBeCloseTo(want.wallConnectorW, 2);
      expect(row!.rawData).toEqual(getAt(parseFleetJson(f.text), 'response'));
      expect((await lastRun()).teslaUnreadable).toEqual({ fields: {}, entries: {} });
    });
  }

  for (const [file, want] of Object.entries(SITES)) {
    it(`products ${file}`, async () => {
      const { summary } = await syncServing(h, { products: answer(corpusFile(file)) });
      expect(summary.status).toBe('succeeded');
      const sites = await h.db.select().from(energySites).orderBy(asc(energySites.teslaSiteId));
      expect(sites.map((s) => s.teslaSiteId)).toEqual(want);
      // Each site found is synced (its requests answered by the simulator's site).
      expect(summary.counts.energy_states ?? 0).toBe(want.length);
      expect((await lastRun()).teslaUnreadable).toEqual({ fields: {}, entries: {} });
    });
  }

  for (const [file, want] of Object.entries(SITE_INFO)) {
    it(`site_info ${file}`, async () => {
      const { summary } = await syncServing(h, { site_info: answer(corpusFile(file)) });
      expect(summary.status).toBe('succeeded');
      const [site] = await h.db.select().from(energySites);
      expect(site).toMatchObject({
        siteName: want.name,
        timeZone: want.timeZone,
        batteryCount: want.batteryCount,
        totalBatteryCapacityKwh: want.capacityKwh,
        backupReservePercent: want.reserve,
      });
      expect(summary.counts.energy_states).toBe(1);
    });
  }

  for (const [file, want] of Object.entries(HISTORY)) {
    it(`calendar_history ${file}`, async () => {
      const { summary, hits } = await syncServing(h, { calendar_history: answer(corpusFile(file)) }, { worldDays: 2 });
      expect(hits.calendar_history).toBeGreaterThan(1);
      expect(summary.error).toBeUndefined();
      expect(summary.counts.energy_states).toBe(1);
      const buckets = await h.db.select().from(energyBuckets).orderBy(asc(energyBuckets.startAt));
      expect(buckets).toHaveLength(want.count);
      if (want.first) {
        const b = buckets[0]!;
        expect(b.startAt.toISOString()).toBe(want.first.at);
        expect([b.homeFromSolarKwh, b.homeFromBatteryKwh, b.homeFromGridKwh]).toEqual(want.first.home);
        expect(b.solarKwh).toBe(want.first.solar);
        expect(b.gridImportedKwh).toBe(want.first.gridIn);
      }
      const run = await lastRun();
      const dropped = run.teslaUnreadable.entries['calendar_history.time_series[]'] ?? 0;
      // Every day read reports the same entries again: a multiple of the file's unusable entries.
      expect(dropped % Math.max(1, want.dropped)).toBe(0);
      expect(dropped > 0).toBe(want.dropped > 0);
    });
  }

  for (const [file, want] of Object.entries(SUPERCHARGER)) {
    it(`charging_history ${file}`, async () => {
      const f = corpusFile(file);
      // Through the client: both envelopes (the file's top-level page, and the same page wrapped in `response`).
      // The file is the first page asked; the pages after it are empty (with the file's count).
      const total = getAt(f.body, 'totalResults');
      const paged: Served = (req) =>
        (new URL(req.url).searchParams.get('pageNo') ?? '1') === '1' ? answer(f) : json({ data: [], totalResults: total });
      const { tesla, run, sim, hits } = await syncServing(h, { charging_history: paged }, { config: { cacheTtlSeconds: 0 } });
      const top = await tesla.getSuperchargerHistory({ vin: SIM_VIN });
      expect(top.sessions.map((s) => s.sessionId)).toEqual(want.map((w) => w.key.split(':')[1]));
      expect(top.totalResults).toBe(getAt(f.body, 'totalResults'));
      // Through the sync: a closed session in the window makes the weekly sweep ask for the history.
      const [car] = await h.db.select().from(vehicles).where(eq(vehicles.vin, SIM_VIN));
      const ended = new Date(sim.now() - 86_400_000);
      await h.db.insert(chargingSessions).values({
        vehicleId: car!.id,
        sessionKey: 'polled:test',
        source: 'polled',
        startedAt: new Date(ended.getTime() - 3_600_000),
        endedAt: ended,
        chargerType: 'ac',
        energyAddedKwh: 5,
      });
      const asked = hits.charging_history ?? 0;
      const second = await run();
      expect(second.error).toBeUndefined();
      // One page when it held every counted entry; else the next page too (empty: the end).
      expect(hits.charging_history).toBe(asked + ((total as number) > want.length ? 2 : 1));
      const added = await h.db.select().from(chargingSessions).where(eq(chargingSessions.source, 'supercharger_history'));
      expect(
        added.map((s) => ({ key: s.sessionKey, place: s.locationName, kwh: s.energyUsedKwh, cost: s.cost, currency: s.costCurrency })),
      ).toEqual(want);
    });
  }

  it('charging_history: the same page wrapped in `response` reads the same', async () => {
    const f = corpusFile('charging-history-2026-co-payment-top-level-null-tiers.json');
    const { tesla } = await syncServing(h, { charging_history: json({ response: f.body }) });
    const page = await tesla.getSuperchargerHistory({ vin: SIM_VIN });
    expect(page.totalResults).toBe(1);
    expect(page.sessions).toEqual([
      expect.objectContaining({ sessionId: '1001', siteName: 'Bogota Supercharger', energyKwh: 46.234, totalDue: { COP: 60104.33 } }),
    ]);
  });

  it('telemetry_history telemetry-history-charge-history-key-generated-sdk-example.json', async () => {
    const f = corpusFile('telemetry-history-charge-history-key-generated-sdk-example.json');
    const { tesla, hits, sim, run } = await syncServing(h, { telemetry_history: answer(f) });
    // A day later the first day has closed: its history is read and reconciled with the Wall Connector's.
    sim.advanceBy(86_400_000 + 30 * 60_000);
    const next = await run();
    expect(next.counts.energy_days_closed).toBe(1);
    expect(hits.telemetry_history).toBe(1);
    expect(next.error).toBeUndefined();
    const site = sim.scenario.site!.energySiteId;
    expect(await tesla.getWallConnectorChargeHistory(site, { start: new Date(0), end: new Date(86_400_000) })).toEqual([
      { startedAt: new Date(206_000), durationSeconds: 62, energyAddedWh: 56, din: null },
    ]);
  });

  it('vehicles vehicles-2023-owner-and-driver-access.json', async () => {
    const { summary } = await syncServing(h, {
      vehicles: answer(corpusFile('vehicles-2023-owner-and-driver-access.json')),
      vehicle_data: answer(corpusFile('vehicle-data-2023-44-eu-model3-energy-remaining-navigating.json')),
    });
    expect(summary.status).toBe('succeeded');
    const cars = await h.db.select().from(vehicles).orderBy(asc(vehicles.vin));
    expect(cars.map((c) => [c.vin, c.teslaId, c.displayName, c.state])).toEqual([
      ['5YJ3E7EA3LF760000', '1492932263280000', 'Tessi', 'asleep'],
      ['5YJSA7E21JF230000', '1492932463490000', 'Teslarossa', 'online'],
    ]);
    expect(summary.counts.vehicle_states).toBe(1); // the online car is read, the asleep one is not woken
  });

  it('wake_up wake-up-owner-api-docs-example.json', async () => {
    const f = corpusFile('wake-up-owner-api-docs-example.json');
    const { tesla, run, sim } = await syncServing(h, { wake_up: answer(f) });
    expect(await tesla.wakeVehicle(SIM_VIN)).toEqual({
      id: '12345678901234567',
      vin: '5YJSA111111111111',
      displayName: 'Nikola 2.0',
      state: 'online',
      accessType: null,
      inService: false,
    });
    // Through the sync: only the naive baseline wakes a sleeping car.
    sim.advanceBy(3_600_000);
    const woke = await run({ policy: naivePolicy });
    expect(woke.counts.wakes).toBe(1);
    expect(woke.error).toBeUndefined();
  });

  for (const file of ERRORS) {
    it(`error ${file}`, async () => {
      const f = corpusFile(file);
      const asleep = f.status === 408;
      const { tesla, summary } = await syncServing(h, { [f.endpoint]: answer(f) });
      const call = f.endpoint === 'vehicle' ? tesla.getVehicle(SIM_VIN) : tesla.getVehicleData(SIM_VIN, undefined, { checkedOnline: true });
      if (asleep) {
        // Asleep is a result, never an error and never a wake.
        await expect(call).resolves.toMatchObject({ status: 'asleep', snapshot: null });
        expect(summary.counts.data_not_online).toBe(1);
        expect(summary.error).toBeUndefined();
        return;
      }
      const err = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(TeslaError);
      const text = getAt(f.body, 'error') as string;
      expect((err as Error).message).toContain(text);
      if (/EXCEEDED_LIMIT/.test(text)) {
        // Tesla's billing lock-out: stored by the run, so this later priced call is held back unsent.
        expect(err).toBeInstanceOf(TeslaBillingLockedError);
        expect(summary.status).toBe('succeeded');
        expect(summary.counts.billing_locked).toBe(1);
        expect(summary.counts.energy_states).toBe(1);
        return;
      }
      expect((err as TeslaError).upstreamStatus).toBe(403);
      if (/missing scopes/.test(text)) expect(err).toBeInstanceOf(TeslaAuthError);
      if (f.endpoint === 'vehicle_data') {
        // The car fails this run; the energy site is synced all the same.
        expect(summary.error).toContain(SIM_VIN);
        expect(summary.status).toBe('succeeded');
        expect(summary.counts.energy_states).toBe(1);
      }
    });
  }
});
