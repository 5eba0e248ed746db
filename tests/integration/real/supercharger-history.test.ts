import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { chargingSessions, vehicles } from '@/db/schema';
import { commuter, superchargerPaid, type ApiOptions } from '@/lib/simulator';
import { testDriver, truncateAll } from '../../setup/test-db';
import { corpusFile, editedBody, json, SIM_VIN, storedStates, syncServing, type CorpusSync, type Serve } from './corpus';
import { useEmptyDb } from '../../setup/seeded-db';

/**
 * Known differences 1 and 4 of issue 13, through "sync now" runs against the simulator (with its
 * real-world switches) or a corpus body at the client's fetch seam.
 * 1. Supercharger history (`dx/charging/history`): the body with or without `response` (the
 *    count inside, beside or instead of it), every page read (a page can be empty while later
 *    ones are not), only payments counted as paid, and a failed read not retried on every tick.
 * 4. European Superchargers (`Combo` + brand `Tesla`): the brand stored, and a match with the
 *    Supercharger history makes a DC session a Supercharger one.
 */
let h: DbHandle;
useEmptyDb((handle) => (h = handle));

const MIN = 60_000;
const DAY = 86_400_000;
const CO_PAYMENT = 'charging-history-2026-co-payment-top-level-null-tiers.json';
const CAR = commuter.vehicles[0]!.vin;

async function carId(vin = SIM_VIN): Promise<string> {
  const [car] = await h.db.select().from(vehicles).where(eq(vehicles.vin, vin));
  return car!.id;
}

/** A closed session of the car ended a day before the simulator's now: it makes the weekly sweep ask for the history. */
async function closedSession(c: CorpusSync, o: { key?: string; type?: 'ac' | 'dc'; from?: number; to?: number } = {}) {
  const to = o.to ?? c.sim.now() - DAY;
  await h.db.insert(chargingSessions).values({
    vehicleId: await carId(),
    sessionKey: o.key ?? 'polled:test',
    source: 'polled',
    startedAt: new Date(o.from ?? to - 3_600_000),
    endedAt: new Date(to),
    chargerType: o.type ?? 'ac',
    energyAddedKwh: 5,
  });
}

const fromHistory = () =>
  h.db.select().from(chargingSessions).where(eq(chargingSessions.source, 'supercharger_history')).orderBy(asc(chargingSessions.startedAt));

/**
 * The commuter with `api` switches on: the first run at the start, then the world runs on past the
 * car's two Supercharger stops (days 12–13) to the next moment the car is online (driving or
 * charging), when a run samples it and so reads its Supercharger history.
 */
async function commuterWithHistory(api: Partial<ApiOptions>, serve: Serve = {}) {
  const c = await syncServing(h, serve, { scenario: commuter, api, config: { cacheTtlSeconds: 0 } });
  c.sim.advanceBy(13 * DAY);
  const online = () => {
    const gt = c.sim.groundTruth();
    return gt.drives.some((d) => d.end === null) || gt.charges.some((t) => t.unpluggedAt === null && t.firstPowerAt !== null);
  };
  for (let i = 0; i < 7 * 24 * 6 && !online(); i++) c.sim.advanceBy(10 * MIN);
  const truth = c.sim.groundTruth().charges.filter((t) => t.kind === 'supercharger' && t.unpluggedAt !== null);
  return { ...c, truth };
}

describe(`Supercharger history as Tesla sends it (known difference 1), on ${testDriver()}`, () => {
  it('the count beside `response`, inside it, or a top-level page without `response`: the same page and count', async () => {
    const page = corpusFile(CO_PAYMENT).body as { data: unknown[]; totalResults: number };
    const bodies = [page, { response: page }, { response: { data: page.data }, totalResults: 7 }];
    const read: unknown[] = [];
    for (const body of bodies) {
      const { tesla } = await syncServing(h, { charging_history: json(body) });
      const got = await tesla.getSuperchargerHistory({ vin: SIM_VIN });
      read.push([got.sessions.map((s) => [s.sessionId, s.siteName, s.energyKwh]), got.totalResults]);
      await truncateAll(h);
    }
    const session = [['1001', 'Bogota Supercharger', 46.234]];
    expect(read).toEqual([
      [session, 1],
      [session, 1],
      [session, 7],
    ]);
  });

  it('every page is read: an empty first page does not end the read (unwrapped bodies, simulator real-world switches)', async () => {
    const c = await commuterWithHistory({ chargingHistoryUnwrapped: true, chargingHistoryEmptyPage: true });
    expect(c.truth.length).toBeGreaterThanOrEqual(2);
    await closedSession(c);
    const before = c.hits.charging_history ?? 0;
    const second = await c.run();
    expect(second.error, second.error).toBeUndefined();
    // Page 1 empty (its entries counted), page 2 the sessions, page 3 empty: the end.
    expect((c.hits.charging_history ?? 0) - before).toBe(3);
    const added = await fromHistory();
    expect(added.map((s) => s.sessionKey)).toEqual(c.truth.map((t) => `supercharger_history:${10_000_000 + t.id}`));
    expect(added.map((s) => s.energyUsedKwh)).toEqual(c.truth.map((t) => Math.round(t.energyFromWallKwh * 1000) / 1000));
  });

  it('only payments are paid: NO_CHARGE and CREDIT fees cost nothing (simulator switch)', async () => {
    const c = await commuterWithHistory({ superchargerFreeFees: true });
    await closedSession(c);
    const second = await c.run();
    expect(second.error, second.error).toBeUndefined();
    const paid = c.truth.map((t) => superchargerPaid(c.sim.api, t));
    // The window holds both kinds: a paid session and a free one.
    expect(paid.some((p) => p === 0)).toBe(true);
    expect(paid.some((p) => (p ?? 0) > 0)).toBe(true);
    const added = await fromHistory();
    expect(added.map((s) => s.cost)).toEqual(paid);
    expect(added.map((s) => s.costCurrency)).toEqual(c.truth.map((t) => t.fee!.currency));
  });

  for (const [pricingType, paid] of [
    ['CREDIT', false],
    ['NO_CHARGE', false],
    ['FREE_SITE', false],
    ['CREDIT_PARTIAL_PAYMENT', true],
  ] as const) {
    it(`a ${pricingType} fee is ${paid ? '' : 'not '}paid (corpus page, pricingType edited)`, async () => {
      const body = editedBody(CO_PAYMENT, { 'data.0.fees.0.pricingType': pricingType });
      const c = await syncServing(h, { charging_history: json(body) }, { config: { cacheTtlSeconds: 0 } });
      await closedSession(c);
      const second = await c.run();
      expect(second.error, second.error).toBeUndefined();
      const [s] = await fromHistory();
      expect([s?.cost, s?.costCurrency]).toEqual([paid ? 60104.33 : 0, 'COP']);
    });
  }

  it('a failed read is not retried on every tick: the next waits for the back-off (every answer under 500 is billed)', async () => {
    const refused = json({ response: null, error: 'invalid_request', error_description: 'bad request' }, 400);
    const c = await syncServing(h, { charging_history: refused }, { config: { cacheTtlSeconds: 0 } });
    // A DC session closed 10 min ago, not yet matched: looked up while the car is sampled (online, every minute here).
    await closedSession(c, { type: 'dc', to: c.sim.now() - 10 * MIN });
    const start = c.sim.now();
    const asked: number[] = [];
    let sampled = 0;
    for (let minute = 0; minute < 12; minute++) {
      const before = c.hits.charging_history ?? 0;
      const run = await c.run();
      sampled += run.counts.vehicle_states ?? 0;
      if ((c.hits.charging_history ?? 0) > before) asked.push(minute);
      c.sim.advanceBy(MIN);
    }
    expect(sampled).toBeGreaterThanOrEqual(10);
    expect(asked).toEqual([0]);
    const [car] = await h.db.select().from(vehicles).where(eq(vehicles.vin, SIM_VIN));
    // The first read failed at the first run (seconds after `start`): the next is due an hour after it.
    expect(car!.superchargerHistoryFailures).toBe(1);
    const due = (car!.superchargerHistoryDueAt?.getTime() ?? 0) - start;
    expect(due).toBeGreaterThanOrEqual(60 * MIN);
    expect(due).toBeLessThan(61 * MIN);
  });
});

describe(`European Superchargers (known difference 4), on ${testDriver()}`, () => {
  it('the brand is stored with the sample (Combo + Tesla, TeslaPy EU payload)', async () => {
    const eu = corpusFile('vehicle-data-2019-eu-supercharging-combo-tesla.json');
    const { summary } = await syncServing(h, { vehicle_data: { status: eu.status, text: eu.text } });
    expect((summary.error ?? '').includes(SIM_VIN), summary.error).toBe(false);
    const [s] = await storedStates(h.db);
    expect([s?.fastChargerPresent, s?.fastChargerType, s?.fastChargerBrand]).toEqual([true, 'Combo', 'Tesla']);
  });

  it('a DC session matched by the Supercharger history becomes a Supercharger session, priced with its fee', async () => {
    const c = await commuterWithHistory({});
    const t = c.truth[0]!;
    await closedSession(c, { key: 'polled:eu', type: 'dc', from: t.firstPowerAt!, to: t.lastPowerAt! });
    const second = await c.run();
    expect(second.error, second.error).toBeUndefined();
    const [s] = await h.db
      .select()
      .from(chargingSessions)
      .where(and(eq(chargingSessions.sessionKey, 'polled:eu'), eq(chargingSessions.vehicleId, await carId(CAR))));
    expect([s?.chargerType, s?.source, s?.cost, s?.costCurrency]).toEqual([
      'supercharger',
      'supercharger_history',
      t.fee!.amount,
      t.fee!.currency,
    ]);
  });
});

describe(`a session the Supercharger history matched takes the history's times (issue 21 item 2), on ${testDriver()}`, () => {
  it('the sparse polled span widens to the billed start and stop, and a second run leaves the row as it is', async () => {
    const c = await commuterWithHistory({});
    const t = c.truth[0]!;
    // Polling saw only 5 minutes in the middle of the charge: Tesla's energy over those would be an impossible power.
    const seenFrom = t.firstPowerAt! + 10 * MIN;
    await closedSession(c, { key: 'polled:sparse', type: 'dc', from: seenFrom, to: seenFrom + 5 * MIN });
    const second = await c.run();
    expect(second.error, second.error).toBeUndefined();
    const stored = async () => {
      const [s] = await h.db
        .select()
        .from(chargingSessions)
        .where(and(eq(chargingSessions.sessionKey, 'polled:sparse'), eq(chargingSessions.vehicleId, await carId(CAR))));
      return s!;
    };
    const s = await stored();
    expect(s.source).toBe('supercharger_history');
    // The history's times are to the second.
    expect(Math.abs(s.startedAt.getTime() - t.firstPowerAt!)).toBeLessThan(1_000);
    expect(Math.abs(s.endedAt!.getTime() - t.lastPowerAt!)).toBeLessThan(1_000);
    // The power over that span: Tesla's energy over Tesla's time, and a peak never below it.
    const hours = (s.endedAt!.getTime() - s.startedAt.getTime()) / 3_600_000;
    expect(s.chargeRateKw).toBeCloseTo(s.energyUsedKwh! / hours, 0);
    expect(s.peakPowerKw!).toBeGreaterThanOrEqual(s.chargeRateKw!);
    // Re-running changes nothing (the same history row matches the widened session again).
    const third = await c.run();
    expect(third.error, third.error).toBeUndefined();
    const again = await stored();
    expect([again.startedAt.getTime(), again.endedAt!.getTime(), again.updatedAt.getTime()]).toEqual([
      s.startedAt.getTime(),
      s.endedAt!.getTime(),
      s.updatedAt.getTime(),
    ]);
  });
});
