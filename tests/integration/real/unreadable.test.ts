import { desc } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as syncStatus } from '@/app/api/sync/status/route';
import { installDbHandle } from '@/db';
import type { DbHandle } from '@/db/client';
import { energyStates, syncRuns } from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens';
import { setLogSink } from '@/lib/log';
import { createSimulatorFetch } from '@/lib/simulator';
import { openTestDb, testDriver, truncateAll } from '../../setup/test-db';
import { caller } from '../../setup/seeded-db';
import { corpusFile, editedBody, getAt, json, storedStates, syncServing, type Served } from './corpus';

/**
 * What Tesla sent that could not be read: read as null (or left out), the rest kept and used;
 * counted per path in the run (sync_runs.tesla_unreadable, counts.tesla_fields_nulled /
 * tesla_entries_skipped), shown by GET /api/sync/status and in Settings, logged once per process
 * per path without values; and the answer itself kept exactly as Tesla sent it.
 */
let h: DbHandle;
let lines: string[] = [];
let restoreSink: () => void;
beforeAll(async () => {
  h = await openTestDb();
  installDbHandle(h);
});
afterAll(async () => h.close());
beforeEach(async () => {
  await truncateAll(h);
  lines = [];
  restoreSink = setLogSink((level, line) => lines.push(`${level} ${line}`));
});
afterEach(() => restoreSink());

const MI = 1.609344;
const FILE = 'vehicle-data-2023-44-eu-model3-energy-remaining-navigating.json';

/** The well-formed 2023.44 answer with junk where real firmware could put it (plus `more` edits). */
function junkVehicleData(more: Record<string, unknown> = {}) {
  return json(
    editedBody(FILE, {
      'response.charge_state.charger_power': 'fast', // not a number
      'response.charge_state.charging_state': 'Preparing', // a state this app does not know
      'response.climate_state.inside_temp': { value: 21 }, // an object where a number belongs
      'response.vehicle_state.odometer': '6481.019282', // a number sent as a string: read as the number
      'response.drive_state.shift_state': '', // the reported empty shift state: parked, not counted
      ...more,
    }),
  );
}

/** The simulator's /products with one more energy entry whose id is junk. */
const productsWithJunkSite: Served = async (req, sim) => {
  const body = (await (await createSimulatorFetch(sim)(req)).json()) as { response: unknown[] };
  body.response.push({ energy_site_id: 'not-an-id', resource_type: 'battery', components: { battery: true } });
  return json(body);
};

/** The simulator's live_status with a field nobody documents. */
const liveWithNewField: Served = async (req, sim) => {
  const body = (await (await createSimulatorFetch(sim)(req)).json()) as { response: Record<string, unknown> };
  body.response.vpp_event_active = true;
  return json(body);
};

describe(`what Tesla sent that could not be read, on ${testDriver()}`, () => {
  it('is read as null, the rest of the sample stored; counted per path in the run; the answer kept as sent', async () => {
    const { summary } = await syncServing(h, {
      vehicle_data: junkVehicleData(),
      products: productsWithJunkSite,
      live_status: liveWithNewField,
    });
    expect(summary.status).toBe('succeeded');
    const [s] = await storedStates(h.db);
    expect(s).toMatchObject({ batteryLevel: 77, chargerPowerKw: null, chargingState: null, insideTempC: null, shiftState: null });
    expect(s!.odometerKm).toBeCloseTo(6481.019282 * MI, 1);

    const fields = {
      'vehicle_data.charge_state.charger_power': 1,
      'vehicle_data.charge_state.charging_state': 1,
      'vehicle_data.climate_state.inside_temp': 1,
      'products[].energy_site_id': 1,
    };
    expect(summary.counts).toMatchObject({ tesla_fields_nulled: 4, tesla_entries_skipped: 1 });
    const [run] = await h.db.select().from(syncRuns).orderBy(desc(syncRuns.startedAt)).limit(1);
    expect(run!.teslaUnreadable).toEqual({ fields, entries: { 'products[]': 1 } });

    // The original answer, not the parsed one: junk and undocumented fields included.
    expect(getAt(s!.rawData, 'charge_state.charger_power')).toBe('fast');
    expect(getAt(s!.rawData, 'vehicle_state.odometer')).toBe('6481.019282');
    expect(getAt(s!.rawData, 'charge_state.charge_port_color')).toBe('<invalid>');
    const [reading] = await h.db.select().from(energyStates);
    expect(getAt(reading!.rawData, 'vpp_event_active')).toBe(true);
  });

  it('a run where everything was read counts nothing', async () => {
    const { summary } = await syncServing(h, { vehicle_data: answerOf(FILE) });
    expect(summary.counts.tesla_fields_nulled).toBeUndefined();
    const [run] = await h.db.select().from(syncRuns).orderBy(desc(syncRuns.startedAt)).limit(1);
    expect(run!.teslaUnreadable).toEqual({ fields: {}, entries: {} });
  });

  it('is logged once per process per path, with no value in the line; every run still counts it', async () => {
    let tick = 0;
    const served: Served = () => {
      const at = 1705707520649 + ++tick * 60_000; // a new sample each run
      const stamps = ['charge_state', 'climate_state', 'drive_state', 'gui_settings', 'vehicle_config', 'vehicle_state'];
      return junkVehicleData({
        'response.vehicle_state.car_version': 20231, // a number where the firmware string belongs
        ...Object.fromEntries(stamps.map((k) => [`response.${k}.timestamp`, at])),
      });
    };
    const { run, summary } = await syncServing(h, { vehicle_data: served }, { config: { cacheTtlSeconds: 0 } });
    const second = await run();
    for (const s of [summary, second]) expect(s.counts.vehicle_states).toBe(1);
    const runs = await h.db.select().from(syncRuns).orderBy(desc(syncRuns.startedAt)).limit(2);
    for (const r of runs) expect(r.teslaUnreadable.fields['vehicle_data.vehicle_state.car_version']).toBe(1);
    const about = lines.filter((l) => l.includes('vehicle_data.vehicle_state.car_version'));
    expect(about).toHaveLength(1);
    expect(about[0]).toMatch(
      /^warn \S+ WARN Tesla sent a value of the wrong type or out of range at vehicle_data\.vehicle_state\.car_version: read as null/,
    );
    for (const junk of ['20231', 'fast', 'Preparing', '6481'])
      expect(lines.filter((l) => l.includes('Tesla sent')).join('\n')).not.toContain(junk);
  });

  it('GET /api/sync/status says it in words, per run', async () => {
    await syncServing(h, { vehicle_data: junkVehicleData(), products: productsWithJunkSite });
    const { token } = await createApiToken(h.db, 'tests');
    const res = await caller(token)(syncStatus, '/api/sync/status?limit=1');
    expect(res.status).toBe(200);
    const [run] = (res.body as { runs: { teslaUnreadable: { fields: object; entries: object; summary: string } }[] }).runs;
    expect(run!.teslaUnreadable.fields).toMatchObject({ 'vehicle_data.charge_state.charger_power': 1 });
    expect(run!.teslaUnreadable.summary).toBe(
      '4 values Tesla sent could not be read: products[].energy_site_id (1×), vehicle_data.charge_state.charger_power (1×), ' +
        'vehicle_data.charge_state.charging_state (1×), vehicle_data.climate_state.inside_temp (1×). ' +
        '1 entry Tesla sent was left out: products[] (1×).',
    );
  });
});

function answerOf(file: string): Served {
  const f = corpusFile(file);
  return { status: f.status, text: f.text };
}
