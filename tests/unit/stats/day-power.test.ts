import { describe, expect, it } from 'vitest';
import { dayPowerSeries, type HistoryBucket, type PowerSnapshot } from '@/lib/stats';
import { at } from './helpers';

const bucket = (start: string, end: string, over: Partial<HistoryBucket>): HistoryBucket => ({
  startAt: at(start),
  endAt: at(end),
  homeFromSolarKwh: 0,
  homeFromBatteryKwh: 0,
  homeFromGridKwh: 0,
  batteryDischargedKwh: 0,
  solarKwh: 0,
  gridImportedKwh: 0,
  gridExportedKwh: 0,
  batteryChargedKwh: 0,
  ...over,
});
const snap = (t: string, w: Partial<PowerSnapshot>): PowerSnapshot => ({
  timestamp: at(t),
  solarPowerW: null,
  loadPowerW: null,
  batteryPowerW: null,
  gridPowerW: null,
  ...w,
});

describe('dayPowerSeries', () => {
  it("turns a 5-minute bucket's kWh into average watts with Tesla's signs", () => {
    // 5 min = 1/12 h: 0.5 kWh of solar is 6 kW. The Powerwall charged 0.25 and discharged 0.05 kWh:
    // net charging, so negative (−2.4 kW). The grid exported 0.1 and imported 0.02 kWh: exporting, negative.
    const [p] = dayPowerSeries(
      [],
      [
        bucket('2026-06-01T12:00:00Z', '2026-06-01T12:05:00Z', {
          solarKwh: 0.5,
          homeFromSolarKwh: 0.1,
          homeFromGridKwh: 0.02,
          homeFromBatteryKwh: 0.05,
          batteryChargedKwh: 0.25,
          batteryDischargedKwh: 0.05,
          gridExportedKwh: 0.1,
          gridImportedKwh: 0.02,
        }),
      ],
    );
    expect(p).toEqual({ at: at('2026-06-01T12:00:00Z'), solarW: 6000, homeW: 2040, batteryW: -2400, gridW: -960, source: 'history' });
  });

  it('an evening bucket: Powerwall discharging and grid importing are positive', () => {
    const [p] = dayPowerSeries(
      [],
      [
        bucket('2026-06-01T20:00:00Z', '2026-06-01T20:05:00Z', {
          homeFromBatteryKwh: 0.1,
          homeFromGridKwh: 0.05,
          batteryDischargedKwh: 0.1,
          gridImportedKwh: 0.05,
        }),
      ],
    );
    expect(p).toMatchObject({ solarW: 0, homeW: 1800, batteryW: 1200, gridW: 600 });
  });

  it('uses the history where it exists and live readings only after its last bucket', () => {
    const series = dayPowerSeries(
      [
        snap('2026-06-01T00:02:00Z', { solarPowerW: 1 }),
        snap('2026-06-01T00:09:59Z', { solarPowerW: 2 }),
        snap('2026-06-01T00:10:00Z', { solarPowerW: 3, gridPowerW: -50 }),
        snap('2026-06-01T00:20:00Z', { solarPowerW: 4 }),
      ],
      [bucket('2026-06-01T00:05:00Z', '2026-06-01T00:10:00Z', {}), bucket('2026-06-01T00:00:00Z', '2026-06-01T00:05:00Z', {})],
    );
    expect(series.map((p) => [p.at.toISOString().slice(11, 19), p.source, p.solarW])).toEqual([
      ['00:00:00', 'history', 0],
      ['00:05:00', 'history', 0],
      ['00:10:00', 'live', 3],
      ['00:20:00', 'live', 4],
    ]);
    expect(series[2]?.gridW).toBe(-50); // live readings keep the gateway's own numbers and signs
  });

  it('falls back to live readings when the stored buckets predate the totals', () => {
    const old = bucket('2026-06-01T00:00:00Z', '2026-06-01T00:05:00Z', {
      solarKwh: null,
      gridImportedKwh: null,
      gridExportedKwh: null,
      batteryChargedKwh: null,
    });
    const series = dayPowerSeries([snap('2026-06-01T00:01:00Z', { loadPowerW: 900 })], [old]);
    expect(series).toEqual([{ at: at('2026-06-01T00:01:00Z'), solarW: null, homeW: 900, batteryW: null, gridW: null, source: 'live' }]);
  });
});
