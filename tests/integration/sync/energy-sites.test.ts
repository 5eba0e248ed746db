import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { chargingSessions, energyBuckets, energyDaily, energySites } from '@/db/schema';
import { DEFAULT_START, type GroundTruthExport } from '@/lib/simulator';
import { seedDemo } from '@/lib/sync/demo';
import { runSync } from '@/lib/sync/run-sync';
import type { TeslaClient } from '@/lib/tesla';
import { dayOf, localDay } from '@/lib/time';
import { testDriver } from '../../setup/test-db';
import { DAY, finishedCharges, runScenario, testEnv } from './harness';
import { useEmptyDb } from '../../setup/seeded-db';

/**
 * Issue 13, known differences 3 and 6 and "sites and days are independent": calendar_history
 * buckets of any length, several energy sites, sites and cars failing on their own, and a day
 * whose history cannot be read retried on a back-off without holding up the days after it.
 */
let h: DbHandle;
useEmptyDb((handle) => (h = handle));

const HOUR = 3_600_000;
const HOME_SITE = '2252000000009012';
const HOLIDAY_SITE = '2252000000009013';

type Session = typeof chargingSessions.$inferSelect;
const splitOf = (s: Session) => ({ solar: s.solarKwh ?? 0, battery: s.batteryKwh ?? 0, grid: s.gridKwh ?? 0 });
const pctOf = (xs: { solar: number; battery: number; grid: number }[], k: 'solar' | 'battery') => {
  const total = xs.reduce((a, x) => a + x.solar + x.battery + x.grid, 0);
  return (xs.reduce((a, x) => a + x[k], 0) / total) * 100;
};

/** Ground truth's split of the home charges we split (matched by start), and ours. */
function homeSplits(gt: GroundTruthExport, sessions: Session[]) {
  const split = sessions.filter((s) => s.solarKwh !== null && s.endedAt !== null);
  const truth = finishedCharges(gt).filter(
    (t) => t.homeSplit && split.some((s) => Math.abs(s.startedAt.getTime() - (t.firstPowerAt ?? 0)) < 10 * 60_000),
  );
  return {
    ours: split.map(splitOf),
    truth: truth.map((t) => ({ solar: t.homeSplit!.solarKwh, battery: t.homeSplit!.batteryKwh, grid: t.homeSplit!.gridKwh })),
    split,
  };
}

describe(`calendar_history bucket length on ${testDriver()}`, () => {
  it('hourly buckets are stored an hour long (the last of each day too) and home charges are split from them', async () => {
    const o = await runScenario(h, 'solar-home', 4, { api: { calendarHistoryBuckets: 'hourly' } });
    const buckets = await h.db.select().from(energyBuckets).orderBy(asc(energyBuckets.startAt));
    const closed = buckets.filter((b) => b.endAt.getTime() <= o.end - DAY);
    expect(closed.length).toBeGreaterThanOrEqual(48);
    for (const b of closed) expect(b.endAt.getTime() - b.startAt.getTime(), b.startAt.toISOString()).toBe(HOUR);
    // Nothing runs past the moment it was read: the current hour holds its energy so far.
    for (const b of buckets) expect(b.endAt.getTime()).toBeLessThanOrEqual(o.end);
    const { ours, truth, split } = homeSplits(o.gt, o.sessions);
    expect(split.length).toBeGreaterThanOrEqual(2);
    for (const s of split) expect(s.splitBucketMinutes).toBe(60);
    expect(Math.abs(pctOf(ours, 'solar') - pctOf(truth, 'solar'))).toBeLessThanOrEqual(5);
  }, 300_000);

  it('one bucket per day covers the whole local day, and a home charge gets that day’s mix', async () => {
    const o = await runScenario(h, 'solar-home', 4, { api: { calendarHistoryBuckets: 'daily' } });
    const [site] = await h.db.select().from(energySites);
    const tz = site!.timeZone!;
    const buckets = await h.db.select().from(energyBuckets).orderBy(asc(energyBuckets.startAt));
    const closed = buckets.filter((b) => b.endAt.getTime() <= o.end - DAY);
    expect(closed.length).toBeGreaterThanOrEqual(2);
    for (const b of closed) {
      const day = dayOf(localDay(b.startAt, tz).date, tz);
      expect([b.startAt.toISOString(), b.endAt.toISOString()]).toEqual([day.start.toISOString(), day.end.toISOString()]);
    }
    const { split } = homeSplits(o.gt, o.sessions);
    expect(split.length).toBeGreaterThanOrEqual(2);
    for (const s of split) {
      const b = closed.find((x) => x.startAt <= s.startedAt && x.endAt >= s.endedAt!);
      if (!b) continue;
      const home = b.homeFromSolarKwh + b.homeFromBatteryKwh + b.homeFromGridKwh;
      const x = splitOf(s);
      // Proportional rule over one bucket: the car gets the whole day's solar / Powerwall / grid mix.
      expect(x.solar / (x.solar + x.battery + x.grid)).toBeCloseTo(b.homeFromSolarKwh / home, 2);
      expect(s.splitBucketMinutes).toBe(24 * 60);
    }
    expect(split.some((s) => (s.solarKwh ?? 0) > 0.5)).toBe(true);
  }, 300_000);
});

describe(`several energy sites on ${testDriver()}`, () => {
  it('each site is synced; home charges are split against the site with the Wall Connector; the other is never asked for telemetry_history', async () => {
    const o = await runScenario(h, 'solar-home', 3, { api: { secondEnergySite: true } });
    const sites = await h.db.select().from(energySites);
    expect(sites.map((s) => s.teslaSiteId).sort()).toEqual([HOME_SITE, HOLIDAY_SITE]);
    for (const s of sites) {
      const days = await h.db.select().from(energyDaily).where(eq(energyDaily.siteId, s.id));
      expect(days.filter((d) => d.complete).length, s.siteName ?? '').toBeGreaterThanOrEqual(2);
    }
    const wc = o.sim.ledger.entries().filter((e) => e.path.includes('telemetry_history'));
    expect(wc.length).toBeGreaterThan(0);
    expect.soft(new Set(wc.map((e) => e.siteId))).toEqual(new Set([HOME_SITE]));
    const { ours, truth } = homeSplits(o.gt, o.sessions);
    expect(ours.length).toBeGreaterThanOrEqual(2);
    for (const k of ['solar', 'battery'] as const) expect.soft(Math.abs(pctOf(ours, k) - pctOf(truth, k)), k).toBeLessThanOrEqual(2);
    // nameplate_power is the Powerwalls' rating (5 kW each), never the solar array's size.
    const home = sites.find((s) => s.teslaSiteId === HOME_SITE)!;
    const holiday = sites.find((s) => s.teslaSiteId === HOLIDAY_SITE)!;
    expect.soft([home.batteryPowerW, home.solarCapacityW, home.wallConnectorCount]).toEqual([10_000, null, 1]);
    expect.soft([holiday.batteryPowerW, holiday.solarCapacityW, holiday.wallConnectorCount]).toEqual([5_000, null, 0]);
  }, 300_000);
});

/** The seeded demo's client with some calls replaced. */
const failing = (tesla: TeslaClient, over: Partial<TeslaClient>): TeslaClient => ({ ...tesla, ...over });

describe(`sites, cars and days are independent on ${testDriver()}`, () => {
  const seed = (days = 1) =>
    seedDemo({ db: h.db, scenario: 'solar-home', days, now: new Date(DEFAULT_START + days * DAY), env: testEnv() });
  const count = async () => ({
    days: (await h.db.select({ id: energyDaily.id }).from(energyDaily).where(eq(energyDaily.complete, true))).length,
  });

  it('a failing /products or site never stops the cars; a failing vehicle list never stops the site', async () => {
    const { sim, tesla } = await seed();
    const now = () => new Date(sim.now());
    const boom = () => Promise.reject(new Error('Tesla answered 500'));

    // A day later the site list is due for its daily refresh, and /products fails: the cars are still listed and read.
    sim.advanceBy(DAY + 2 * HOUR);
    const a = await runSync({ db: h.db, tesla: failing(tesla, { getEnergySites: boom }), now }, { trigger: 'cron', fresh: true });
    expect(a.status).toBe('succeeded');
    expect(a.counts.vehicles).toBe(1);
    expect(a.counts.energy_states).toBe(1);
    expect(a.error).toMatch(/energy sites/);

    // The site's live_status fails: the cars are still read.
    sim.advanceBy(10 * 60_000);
    const b = await runSync({ db: h.db, tesla: failing(tesla, { getSiteLiveData: boom }), now }, { trigger: 'cron', fresh: true });
    expect(b.counts.vehicles).toBe(1);
    expect(b.error).toMatch(/site/);

    // The vehicle list fails a day later: the site still closes the day.
    sim.advanceBy(DAY);
    const before = await count();
    const c = await runSync({ db: h.db, tesla: failing(tesla, { getVehicles: boom }), now }, { trigger: 'cron' });
    expect(c.status).toBe('succeeded');
    expect(c.error).toMatch(/vehicles/);
    expect((await count()).days).toBeGreaterThan(before.days);
  }, 300_000);

  it('a day whose history cannot be read does not hold up the days after it and is retried on a back-off, not every tick', async () => {
    const { sim, tesla } = await seed();
    const now = () => new Date(sim.now());
    const asked: string[] = [];
    let bad: string | null = null;
    const flaky = failing(tesla, {
      getSiteHistory: (siteId, period, range) => {
        if (period === 'day') {
          const at = new Date(range.start).toISOString();
          asked.push(at);
          bad ??= at;
          if (at === bad && !healed) return Promise.reject(new Error('calendar_history: not an object'));
        }
        return tesla.getSiteHistory(siteId, period, range);
      },
    });
    let healed = false;
    // Three more days go by unsynced: the first closed day fails, the two after it close anyway.
    sim.advanceBy(3 * DAY + HOUR);
    const before = (await count()).days;
    await runSync({ db: h.db, tesla: flaky, now }, { trigger: 'cron' });
    expect(bad).not.toBeNull();
    expect((await count()).days).toBe(before + 2);
    const [site] = await h.db.select().from(energySites);
    const badDate = localDay(new Date(bad!), site!.timeZone!).date;
    const [row] = await h.db.select().from(energyDaily).where(eq(energyDaily.date, badDate));
    expect(row?.complete).toBe(false);
    expect(row?.historyFailures).toBe(1);

    // The next ticks do not ask for the failed day again.
    for (let i = 0; i < 3; i++) {
      sim.advanceBy(5 * 60_000);
      await runSync({ db: h.db, tesla: flaky, now }, { trigger: 'cron' });
    }
    expect(asked.filter((a) => a === bad)).toHaveLength(1);

    // Once the back-off has passed it is asked again, and now reads and closes.
    healed = true;
    sim.advanceBy(2 * HOUR);
    await runSync({ db: h.db, tesla: flaky, now }, { trigger: 'cron' });
    expect(asked.filter((a) => a === bad)).toHaveLength(2);
    const [after] = await h.db.select().from(energyDaily).where(eq(energyDaily.date, badDate));
    expect(after?.complete).toBe(true);
  }, 300_000);
});
