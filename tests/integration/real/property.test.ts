import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { energyStates } from '@/db/schema';
import { LiveStatusSchema, VehicleDataSchema, parseFleetJson } from '@/lib/fleet-api';
import { commuter, createSimulator, createSimulatorFetch, DEFAULT_START } from '@/lib/simulator';
import { createTeslaClient } from '@/lib/tesla';
import { toSiteLiveData, toVehicleSnapshot } from '@/lib/tesla/transform';
import { readTesla } from '@/lib/tesla/unreadable';
import { openTestDb, testDriver, truncateAll } from '../../setup/test-db';
import { testEnv } from '../tesla/harness';
import { corpusFile, getAt, json, loadCorpus, storedStates, syncServing, type CorpusSync } from './corpus';

/**
 * Property: whatever Tesla does to a valid answer — a value nulled, a key dropped, a value retyped
 * (string, number, boolean, object, array), a number sent as a string, a field nobody documents
 * added — the sync never throws, the sample (or reading) is stored, and every figure whose value
 * survived is derived from it exactly; a figure whose value did not is null. Valid answers are
 * the corpus's and the simulator's (parked, driving, charging). Schema and transform are checked
 * on many cases in memory, the whole sync (database included) on fewer. A failure prints
 * fast-check's seed and path; `FC_SEED=<seed>` replays it.
 */
let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => h.close());

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const MI = 1.609344;
const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

// ---- valid answers ----

const corpusVehicleData = loadCorpus()
  .filter((f) => f.endpoint === 'vehicle_data' && f.status === 200)
  .map((f) => f.text);
const corpusLive = loadCorpus()
  .filter((f) => f.endpoint === 'live_status')
  .map((f) => f.text);

/** vehicle_data answers of the simulator's commuter: parked at the start, in the middle of a drive and of a home charge. */
async function simulatorVehicleData(): Promise<string[]> {
  const scout = createSimulator({ scenario: commuter, seed: 1 });
  scout.advanceBy(3 * 86_400_000);
  const gt = scout.groundTruth();
  const drive = gt.drives.find((d) => d.end !== null)!;
  const charge = gt.charges.find((c) => c.firstPowerAt !== null && c.lastPowerAt !== null)!;
  const moments = [DEFAULT_START + 60_000, (drive.start + drive.end!) / 2, (charge.firstPowerAt! + charge.lastPowerAt!) / 2];
  const bodies: string[] = [];
  for (const at of moments) {
    const sim = createSimulator({ scenario: commuter, seed: 1 });
    sim.advanceTo(Math.round(at));
    const tesla = createTeslaClient({
      db: h.db,
      fetch: createSimulatorFetch(sim),
      clock: sim.clock,
      env: testEnv(),
      config: { cacheTtlSeconds: 0 },
    });
    await tesla.storeRefreshToken(sim.initialRefreshToken);
    const r = await tesla.getVehicleData(commuter.vehicles[0]!.vin, undefined, { checkedOnline: true });
    if (r.status !== 'online') throw new Error(`the simulated car is ${r.status} at ${new Date(at).toISOString()}`);
    bodies.push(JSON.stringify({ response: r.raw }));
  }
  return bodies;
}

// ---- what Tesla might do to an answer ----

type Op = { pick: number; kind: 'null' | 'drop' | 'numeric-string' | 'json' | 'add'; value: unknown; key: string };
const opArb: fc.Arbitrary<Op> = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('null', 'drop', 'numeric-string', 'json', 'add'),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(
      '',
      '<invalid>',
      'Preparing',
      'true',
      '12.5',
      ' 42 ',
      1e12,
      -1,
      101,
      3.5,
      true,
      {},
      [],
      'nul\u0000',
      'half \ud800 pair',
    ),
  ),
  key: fc.string({ minLength: 1, maxLength: 12 }),
});
const casesArb = (bases: number) => fc.record({ base: fc.nat({ max: bases - 1 }), ops: fc.array(opArb, { maxLength: 8 }) });

type Container = Record<string, unknown>;
/** Every place below `response` (objects and arrays included) as its parent and key. */
function placesOf(parent: unknown, out: { parent: Container; key: string }[] = []) {
  if (typeof parent !== 'object' || parent === null) return out;
  for (const [key, child] of Object.entries(parent)) {
    out.push({ parent: parent as Container, key });
    placesOf(child, out);
  }
  return out;
}

/** The answer `text` with `ops` applied, each at a place that exists after the ops before it. */
function mutate(text: string, ops: readonly Op[]): unknown {
  const body = parseFleetJson(text) as Container;
  for (const op of ops) {
    const places = placesOf(body.response);
    if (places.length === 0) break;
    const { parent, key } = places[op.pick % places.length]!;
    const old = parent[key];
    const value = structuredClone(op.value); // fast-check reuses its values: never share one between places
    if (op.kind === 'null') parent[key] = null;
    else if (op.kind === 'drop') delete parent[key];
    else if (op.kind === 'numeric-string') parent[key] = typeof old === 'number' ? String(old) : value;
    else if (op.kind === 'json') parent[key] = value;
    else if (typeof old === 'object' && old !== null && !Array.isArray(old)) (old as Container)[op.key] = value;
  }
  return body;
}

// ---- the oracle: what a figure must be, read from the mutated answer by the rules, not by the code ----

const obj = (v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
/** A number as Tesla sends it, or as a string holding one; anything else is no number. */
const number = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && NUMERIC.test(v) ? Number(v) : undefined);
const within = (v: unknown, min: number, max: number, int = false) => {
  const n = number(v);
  return n !== undefined && n >= min && n <= max && (!int || Number.isInteger(n)) ? n : null;
};
const oneOf = (v: unknown, known: readonly string[]) => (typeof v === 'string' && known.includes(v) ? v : null);

function expectedVehicle(body: unknown) {
  const r = obj(getAt(body, 'response'));
  const c = obj(r?.charge_state);
  const d = obj(r?.drive_state);
  const v = obj(r?.vehicle_state);
  const cl = obj(r?.climate_state);
  const stamps = ['charge_state', 'climate_state', 'drive_state', 'gui_settings', 'vehicle_config', 'vehicle_state']
    .map((k) => within(obj(r?.[k])?.timestamp, 1e12, 1e13, true))
    .filter((t): t is number => t !== null);
  const odometer = within(v?.odometer, 0, 10_000_000);
  const speed = within(d?.speed, 0, 500);
  return {
    timestamp: stamps.length > 0 ? Math.max(...stamps) : null,
    batteryLevel: within(c?.battery_level, 0, 100, true),
    chargingState: oneOf(c?.charging_state, ['Disconnected', 'NoPower', 'Starting', 'Charging', 'Complete', 'Stopped']),
    chargerPowerKw: within(c?.charger_power, -2000, 2000),
    chargeEnergyAddedKwh: within(c?.charge_energy_added, 0, 10_000),
    shiftState: oneOf(d?.shift_state, ['P', 'R', 'N', 'D']),
    powerKw: within(d?.power, -2000, 2000),
    latitude: within(d?.latitude, -90, 90),
    insideTempC: within(cl?.inside_temp, -100, 150),
    odometerKm: odometer === null ? null : odometer * MI,
    speedKmh: speed === null ? null : speed * MI,
  };
}

function expectedLive(body: unknown) {
  const r = obj(getAt(body, 'response'));
  const w = (k: string) => within(r?.[k], -10_000_000, 10_000_000);
  return {
    solarPowerW: w('solar_power'),
    batteryPowerW: w('battery_power'),
    gridPowerW: w('grid_power'),
    loadPowerW: w('load_power'),
    batteryPercentage: within(r?.percentage_charged, 0, 100),
    gridStatus: oneOf(r?.grid_status, ['Active', 'Inactive', 'Unknown']),
  };
}

/** An answer as it is kept: JSON, with NUL and unpaired surrogates (which Postgres cannot hold) as U+FFFD. */
const asKept = (v: unknown): unknown =>
  JSON.parse(
    JSON.stringify(v).replace(/\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/gi, '\\ufffd'),
  );

/** `got` equals `want` up to the stored scale (`digits` after the point); null stays null. */
function expectScaled(what: string, got: number | null | undefined, want: number | null, digits: number) {
  if (want === null) expect(got ?? null, what).toBeNull();
  else expect(Math.abs((got ?? NaN) - want), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-9);
}

describe(`Tesla's answers, mutated at random, on ${testDriver()}`, () => {
  let vehicleBases: string[] = [];
  beforeAll(async () => {
    vehicleBases = [...corpusVehicleData, ...(await simulatorVehicleData())];
    await truncateAll(h); // the scouts' ledger rows and tokens, on other clocks
  }, 60_000);

  it('schema and transform: never throw; every figure whose value survived is read exactly, the others are null', () => {
    fc.assert(
      fc.property(casesArb(vehicleBases.length), ({ base, ops }) => {
        const body = mutate(vehicleBases[base]!, ops);
        const read = readTesla('vehicle_data', VehicleDataSchema, getAt(body, 'response'), false);
        expect(read).not.toBeNull();
        const at = new Date(DEFAULT_START);
        const s = toVehicleSnapshot(read!, { vin: 'XP7YGCEK5PB012345', at });
        const want = expectedVehicle(body);
        expect(s.timestamp.getTime()).toBe(want.timestamp ?? at.getTime());
        expect({
          batteryLevel: s.batteryLevel,
          chargingState: s.chargingState,
          chargerPowerKw: s.chargerPowerKw,
          chargeEnergyAddedKwh: s.chargeEnergyAddedKwh,
          shiftState: s.shiftState,
          powerKw: s.powerKw,
          latitude: s.latitude,
          insideTempC: s.insideTempC,
        }).toEqual({
          batteryLevel: want.batteryLevel,
          chargingState: want.chargingState,
          chargerPowerKw: want.chargerPowerKw,
          chargeEnergyAddedKwh: want.chargeEnergyAddedKwh,
          shiftState: want.shiftState,
          powerKw: want.powerKw,
          latitude: want.latitude,
          insideTempC: want.insideTempC,
        });
        expectScaled('odometer', s.odometerKm, want.odometerKm, 3);
        expectScaled('speed', s.speedKmh, want.speedKmh, 3);
      }),
      { numRuns: 1500, seed },
    );
    fc.assert(
      fc.property(casesArb(corpusLive.length), ({ base, ops }) => {
        const body = mutate(corpusLive[base]!, ops);
        const read = readTesla('live_status', LiveStatusSchema, getAt(body, 'response'), false);
        expect(read).not.toBeNull();
        const live = toSiteLiveData(read!, new Date(DEFAULT_START));
        expect(live).toMatchObject(expectedLive(body));
      }),
      { numRuns: 1000, seed },
    );
  });

  it('the sync: never throws, stores the sample and the reading, each figure derived exactly where it can be', async () => {
    const live = corpusFile('live-status-ha-teslemetry-two-wall-connectors.json').text;
    let vehicleBody = parseFleetJson(vehicleBases[0]!);
    let liveBody = parseFleetJson(live);
    const sync: CorpusSync = await syncServing(
      h,
      {
        // The simulator is asked too, so its car stays awake (a vehicle_data call resets its sleep timer).
        vehicle_data: async (req, sim) => (await createSimulatorFetch(sim)(req), json(vehicleBody)),
        live_status: () => json(liveBody),
      },
      { config: { cacheTtlSeconds: 0 } },
    );
    await fc.assert(
      fc.asyncProperty(casesArb(vehicleBases.length), fc.array(opArb, { maxLength: 6 }), async ({ base, ops }, liveOps) => {
        vehicleBody = mutate(vehicleBases[base]!, ops);
        liveBody = mutate(live, liveOps);
        await h.db.execute(sql`truncate vehicle_states, drives, charging_sessions, energy_states`);
        const summary = await sync.run();
        expect(summary.error, summary.error).toBeUndefined();
        expect(summary.status).toBe('succeeded');

        const [s, ...more] = await storedStates(h.db);
        expect(more).toHaveLength(0);
        const want = expectedVehicle(vehicleBody);
        if (want.timestamp !== null) expect(s!.timestamp.getTime()).toBe(want.timestamp);
        expect(s).toMatchObject({ batteryLevel: want.batteryLevel, chargingState: want.chargingState, shiftState: want.shiftState });
        expectScaled('odometer', s!.odometerKm, want.odometerKm, 1);
        expectScaled('speed', s!.speedKmh, want.speedKmh, 1);
        expectScaled('charger power', s!.chargerPowerKw, want.chargerPowerKw, 1);
        expectScaled('drive power', s!.powerKw, want.powerKw, 1);
        expectScaled('energy added', s!.chargeEnergyAddedKwh, want.chargeEnergyAddedKwh, 3);
        expectScaled('latitude', s!.latitude, want.latitude, 7);
        expectScaled('inside temperature', s!.insideTempC, want.insideTempC, 1);
        expect(s!.rawData).toEqual(asKept(getAt(vehicleBody, 'response')));

        const [reading, ...others] = await h.db.select().from(energyStates);
        expect(others).toHaveLength(0);
        const wantLive = expectedLive(liveBody);
        expectScaled('solar', reading!.solarPowerW, wantLive.solarPowerW, 2);
        expectScaled('battery', reading!.batteryPowerW, wantLive.batteryPowerW, 2);
        expectScaled('grid', reading!.gridPowerW, wantLive.gridPowerW, 2);
        expectScaled('load', reading!.loadPowerW, wantLive.loadPowerW, 2);
        expectScaled('battery %', reading!.batteryPercentage, wantLive.batteryPercentage, 2);
        expect(reading!.gridStatus).toBe(wantLive.gridStatus);
      }),
      { numRuns: 25, seed },
    );
  }, 120_000);
});
