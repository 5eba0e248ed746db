import { describe, expect, it } from 'vitest';
import { daySoFar, type DayBucket, type PowerSnapshot } from '@/lib/stats';

const at = (hhmm: string) => new Date(`2026-06-10T${hhmm}:00Z`);
const reading = (hhmm: string, w: { solar?: number; load: number; battery?: number; grid?: number }): PowerSnapshot => ({
  timestamp: at(hhmm),
  solarPowerW: w.solar ?? 0,
  loadPowerW: w.load,
  batteryPowerW: w.battery ?? 0,
  gridPowerW: w.grid ?? 0,
});
const bucket = (from: string, to: string, f: Partial<DayBucket>): DayBucket => ({
  startAt: at(from),
  endAt: at(to),
  homeFromSolarKwh: 0,
  homeFromBatteryKwh: 0,
  homeFromGridKwh: 0,
  batteryFromSolarKwh: 0,
  batteryFromGridKwh: 0,
  batteryDischargedKwh: 0,
  solarKwh: 0,
  gridImportedKwh: 0,
  gridExportedKwh: 0,
  batteryChargedKwh: 0,
  ...f,
});
const day = { start: at('00:00') };

describe('daySoFar: a day not over yet, from history buckets then live readings', () => {
  it('just after midnight: the reading from before midnight holds into the day, clipped at midnight', () => {
    // 600 W from the grid at 23:55 (yesterday), 600 W at 00:05; it is 00:20.
    const r = daySoFar(
      [],
      [
        { ...reading('00:05', { load: 600, grid: 600 }) },
        { ...reading('00:00', { load: 600, grid: 600 }), timestamp: new Date('2026-06-09T23:55:00Z') },
      ],
      { ...day, until: at('00:20') },
    );
    // 23:55 holds until 00:05 (the next reading): 5 min of today; 00:05 holds 15 min (to 00:20).
    expect(r.homeConsumedKwh).toBeCloseTo(0.6 * (20 / 60), 6);
    expect(r.gridImportedKwh).toBeCloseTo(0.2, 6);
    expect(r.homeFromGridKwh).toBeCloseTo(0.2, 6);
    expect(r.solarProducedKwh).toBe(0);
    expect(r.coveredMs).toBe(20 * 60_000);
    expect(r.historyUntil).toBeNull();
    expect(r.liveUntil).toEqual(at('00:05'));
  });

  it('a reading stands for at most 15 minutes: a longer gap stays uncovered', () => {
    const r = daySoFar([], [reading('01:00', { load: 1200, grid: 1200 }), reading('03:00', { load: 1200, grid: 1200 })], {
      ...day,
      until: at('03:10'),
    });
    expect(r.coveredMs).toBe(25 * 60_000);
    expect(r.homeConsumedKwh).toBeCloseTo(1.2 * (25 / 60), 6);
  });

  it('history buckets first, then only the readings after the last bucket', () => {
    const buckets = [
      bucket('10:00', '11:00', { solarKwh: 3, homeFromSolarKwh: 1, batteryFromSolarKwh: 1, gridExportedKwh: 1, batteryChargedKwh: 1 }),
      bucket('11:00', '12:00', {
        solarKwh: 2,
        homeFromSolarKwh: 0.5,
        homeFromGridKwh: 0.5,
        batteryFromSolarKwh: 0,
        gridExportedKwh: 1.5,
        gridImportedKwh: 0.5,
      }),
    ];
    // A reading inside the history (ignored: the bucket says it all), then two after it.
    const readings = [
      reading('11:30', { load: 99_000 }),
      reading('12:00', { solar: 4000, load: 1000, battery: -2000, grid: -1000 }),
      reading('12:10', { solar: 4000, load: 1000, battery: -2000, grid: -1000 }),
    ];
    const r = daySoFar(buckets, readings, { ...day, until: at('12:20') });
    const h = 20 / 60;
    expect(r.solarProducedKwh).toBeCloseTo(5 + 4 * h, 6);
    expect(r.homeConsumedKwh).toBeCloseTo(2 + 1 * h, 6);
    expect(r.homeFromGridKwh).toBeCloseTo(0.5, 6);
    expect(r.batteryChargedKwh).toBeCloseTo(1 + 2 * h, 6);
    expect(r.gridExportedKwh).toBeCloseTo(2.5 + 1 * h, 6);
    // Solar exported = solar − solar to home − solar to the Powerwall, never above the export.
    expect(r.solarExportedKwh).toBeCloseTo(1 + 1.5 + 1 * h, 6);
    expect(r.historyUntil).toEqual(at('12:00'));
    expect(r.liveUntil).toEqual(at('12:10'));
    expect(r.coveredMs).toBe((120 + 20) * 60_000);
  });

  it('Tesla signs: a discharging Powerwall (> 0) serves the home before the grid (> 0 importing)', () => {
    const r = daySoFar([], [reading('20:00', { load: 3000, battery: 2000, grid: 1000 })], { ...day, until: at('20:15') });
    expect(r.batteryDischargedKwh).toBeCloseTo(0.5, 6);
    expect(r.homeFromGridKwh).toBeCloseTo(0.25, 6);
    expect(r.gridImportedKwh).toBeCloseTo(0.25, 6);
    expect(r.batteryChargedKwh).toBe(0);
  });

  it('nothing after `until`, nothing before the day, and nulls read as no power', () => {
    const r = daySoFar(
      [
        bucket('09:00', '09:05', { solarKwh: 1 }),
        {
          ...bucket('00:00', '00:05', { solarKwh: 5 }),
          startAt: new Date('2026-06-09T23:00:00Z'),
          endAt: new Date('2026-06-09T23:05:00Z'),
        },
      ],
      [{ timestamp: at('09:05'), solarPowerW: null, loadPowerW: null, batteryPowerW: null, gridPowerW: null }],
      { ...day, until: at('09:05') },
    );
    expect(r.solarProducedKwh).toBe(1);
    expect(r.homeConsumedKwh).toBe(0);
    expect(r.coveredMs).toBe(5 * 60_000);
  });
});
