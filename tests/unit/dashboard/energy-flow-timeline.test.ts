import { describe, expect, it } from 'vitest';
import { energyFlows, gridConnected } from '@/app/(app)/_components/dashboard/energy-flow';
import { lastPlace, placeLabel } from '@/app/(app)/_components/dashboard/vehicle-place';
import { parkedDrain } from '@/app/(app)/vehicles/_components/parked-drain';
import { stretchObservations, timelineDays, timelineIntervals } from '@/app/(app)/vehicles/_components/timeline';

const fmt = (w: number) => `${w} W`;
const t = (iso: string) => new Date(iso);

describe('energyFlows (Tesla signs: battery > 0 discharging, grid > 0 importing)', () => {
  it('a sunny afternoon: solar in, Powerwall charging out, exporting out, home and car out', () => {
    const flows = energyFlows(
      { solarPowerW: 6000, batteryPowerW: -1500, gridPowerW: -900, loadPowerW: 3600, wallConnectorPowerW: 2400 },
      fmt,
    );
    expect(flows.map((f) => [f.node, f.direction, f.watts, f.words])).toEqual([
      ['solar', 'in', 6000, 'Solar producing 6000 W'],
      ['powerwall', 'out', 1500, 'Powerwall charging 1500 W'],
      ['grid', 'out', 900, 'Exporting to the grid 900 W'],
      ['home', 'out', 1200, 'Home using 1200 W'], // load includes the Wall Connector
      ['car', 'out', 2400, 'Car charging 2400 W'],
    ]);
  });

  it('a night: Powerwall discharging and importing are sources; tiny readings are idle', () => {
    const flows = energyFlows({ solarPowerW: 5, batteryPowerW: 800, gridPowerW: 400, loadPowerW: 1200, wallConnectorPowerW: null }, fmt);
    expect(flows.map((f) => [f.node, f.direction, f.words])).toEqual([
      ['solar', 'idle', 'Solar not producing'],
      ['powerwall', 'in', 'Powerwall discharging 800 W'],
      ['grid', 'in', 'Importing from the grid 400 W'],
      ['home', 'out', 'Home using 1200 W'],
      ['car', 'idle', 'Car not charging'],
    ]);
  });

  it('reads the grid status', () => {
    expect([gridConnected('Active'), gridConnected('Inactive'), gridConnected(null)]).toEqual([true, false, null]);
  });
});

describe('lastPlace', () => {
  const home = {
    id: 'h',
    name: 'Home',
    latitude: 52.5,
    longitude: 13.4,
    radiusM: 150,
    tariffId: null,
    isHome: true,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  const sample = (lat: number, lon: number, at: string) => ({ latitude: lat, longitude: lon, timestamp: t(at) }) as never;

  it("names the newest sample's position by the owner's places", () => {
    const p = lastPlace({ latest: sample(52.5005, 13.4, '2026-03-10T08:00:00Z'), lastDrive: null }, [home]);
    expect(placeLabel(p)).toBe('Home');
  });

  it('prefers a later arrival over an older sample, and falls back to coordinates', () => {
    const drive = {
      startedAt: t('2026-03-10T09:00:00Z'),
      endedAt: t('2026-03-10T09:30:00Z'),
      endPlace: null,
      endLatitude: 48.1,
      endLongitude: 11.5,
    };
    const p = lastPlace({ latest: sample(52.5, 13.4, '2026-03-10T08:00:00Z'), lastDrive: drive }, [home]);
    expect(placeLabel(p)).toBe('48.10000, 11.50000');
    expect(p?.at).toEqual(t('2026-03-10T09:30:00Z'));
    expect(placeLabel(lastPlace({ latest: null, lastDrive: null }, [home]))).toBe('–');
  });
});

describe('sleep timeline', () => {
  const stretches = [
    { state: 'asleep' as const, startedAt: t('2026-03-09T22:00:00Z'), lastSeenAt: t('2026-03-10T06:00:00Z') },
    { state: 'online' as const, startedAt: t('2026-03-10T06:00:00Z'), lastSeenAt: t('2026-03-10T07:00:00Z') },
  ];

  it('believes a stretch from its first to its last check, and not across a gap nobody looked at', () => {
    const obs = stretchObservations(stretches);
    expect(obs[0]).toEqual({ at: t('2026-03-09T22:00:00Z'), state: 'asleep' });
    expect(obs.every((o, i) => i === 0 || o.at.getTime() - obs[i - 1]!.at.getTime() <= 20 * 60_000)).toBe(true);
    const ivs = timelineIntervals({
      stretches,
      drives: [{ startedAt: t('2026-03-10T06:30:00Z'), endedAt: t('2026-03-10T06:50:00Z') }],
      charges: [],
      from: t('2026-03-09T23:00:00Z'),
      to: t('2026-03-10T12:00:00Z'),
    });
    expect(ivs.map((i) => [i.state, i.from.toISOString().slice(11, 16), i.to.toISOString().slice(11, 16)])).toEqual([
      ['asleep', '23:00', '06:00'],
      ['online', '06:00', '06:30'],
      ['driving', '06:30', '06:50'],
      ['online', '06:50', '07:30'], // the last check is believed for at most 30 minutes
      ['unknown', '07:30', '12:00'],
    ]);
  });

  it("cuts the bands at the owner's midnights and places them by local time of day", () => {
    const ivs = timelineIntervals({ stretches, drives: [], charges: [], from: t('2026-03-09T22:00:00Z'), to: t('2026-03-10T07:30:00Z') });
    const days = timelineDays(ivs, 'Europe/Berlin');
    expect(days.map((d) => d.date)).toEqual(['2026-03-09', '2026-03-10']);
    // 22:00–23:00 UTC = 23:00–24:00 in Berlin: the last 1/24 of the 9th.
    expect(days[0]!.bands).toHaveLength(1);
    expect(days[0]!.bands[0]!.leftPct).toBeCloseTo((23 / 24) * 100, 5);
    expect(days[0]!.hours.asleep).toBeCloseTo(1, 5);
    expect(days[1]!.hours.asleep).toBeCloseTo(7, 5);
    expect(days[1]!.hours.online).toBeCloseTo(1.5, 5);
  });
});

describe('parkedDrain', () => {
  const span = (from: string, to: string, start: number, end: number) => ({
    startedAt: t(from),
    endedAt: t(to),
    startBatteryLevel: start,
    endBatteryLevel: end,
  });

  it('counts the battery lost between one activity and the next, spread over local days', () => {
    const days = parkedDrain(
      [
        span('2026-03-10T08:00:00Z', '2026-03-10T08:30:00Z', 80, 74), // drive, ends 74 %
        span('2026-03-10T20:00:00Z', '2026-03-10T22:00:00Z', 71, 80), // charge starts at 71 %: 3 points over 11.5 h
        span('2026-03-11T07:00:00Z', '2026-03-11T07:30:00Z', 79, 75), // 1 point over 9 h, across Berlin's midnight (23:00 UTC)
        span('2026-03-11T08:00:00Z', '2026-03-11T08:20:00Z', 75, 73), // 30 min after: too short to count
      ],
      'Europe/Berlin',
    );
    expect(days.map((d) => d.date)).toEqual(['2026-03-10', '2026-03-11']);
    expect(days[0]!.drainPct).toBeCloseTo(3 + 1 / 9, 3); // one of the 9 h falls before midnight
    expect(days[0]!.parkedHours).toBeCloseTo(12.5, 3);
    expect(days[1]!.drainPct).toBeCloseTo(8 / 9, 3);
    expect(days[1]!.parkedHours).toBeCloseTo(8, 3);
  });

  it('skips spans without levels or still open', () => {
    expect(
      parkedDrain(
        [
          { startedAt: t('2026-03-10T08:00:00Z'), endedAt: null, startBatteryLevel: 80, endBatteryLevel: null },
          span('2026-03-10T20:00:00Z', '2026-03-10T21:00:00Z', 70, 75),
        ],
        'UTC',
      ),
    ).toEqual([]);
  });
});
