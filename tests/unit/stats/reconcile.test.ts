import { describe, expect, it } from 'vitest';
import { adoptExistingKeys, reconcileHistories, type SessionRef } from '@/lib/stats';
import { at, MIN } from './helpers';

const home: SessionRef = {
  sessionKey: 'v1:home',
  vehicleId: 'v1',
  startedAt: at('2026-03-01T23:05:00Z'),
  endedAt: at('2026-03-02T02:40:00Z'),
  chargerKind: 'ac',
  atHome: true,
};
const sc: SessionRef = {
  sessionKey: 'v1:sc',
  vehicleId: 'v1',
  startedAt: at('2026-03-03T14:02:00Z'),
  endedAt: at('2026-03-03T14:35:00Z'),
  chargerKind: 'supercharger',
  atHome: false,
};

describe('reconcileHistories', () => {
  it('enriches polled sessions and adds unmatched history rows with their source, counting each row once', () => {
    const result = reconcileHistories({
      sessions: [home, sc],
      wallConnector: [
        { startedAt: at('2026-03-01T23:00:00Z'), durationS: 1.5 * 3600, energyKwh: 12, din: 'WC1' },
        { startedAt: at('2026-03-02T01:00:00Z'), durationS: 1.5 * 3600, energyKwh: 8, din: 'WC1' },
        { startedAt: at('2026-03-05T22:00:00Z'), durationS: 3600, energyKwh: 7.4, din: 'WC1' },
      ],
      supercharger: [
        {
          externalId: '901',
          siteName: 'Hoofddorp',
          startedAt: at('2026-03-03T14:00:00Z'),
          endedAt: at('2026-03-03T14:36:00Z'),
          energyKwh: 41.2,
          fee: { amount: 18.13, currency: 'EUR' },
        },
        {
          externalId: '902',
          siteName: 'Utrecht',
          startedAt: at('2026-03-04T10:00:00Z'),
          endedAt: at('2026-03-04T10:30:00Z'),
          energyKwh: 30,
          fee: { amount: 13.2, currency: 'EUR' },
        },
      ],
    });
    expect(result.enrich).toEqual([
      {
        sessionKey: 'v1:home',
        vehicleId: 'v1',
        source: 'wall_connector',
        energyUsedKwh: 20,
        fee: null,
        externalId: null,
        rows: 2,
        billedSpan: null,
      },
      {
        sessionKey: 'v1:sc',
        vehicleId: 'v1',
        source: 'supercharger_history',
        energyUsedKwh: 41.2,
        fee: { amount: 18.13, currency: 'EUR' },
        externalId: '901',
        rows: 1,
        billedSpan: { startedAt: at('2026-03-03T14:00:00Z'), endedAt: at('2026-03-03T14:36:00Z') },
      },
    ]);
    expect(result.additions.map((a) => [a.sessionKey, a.source, a.vehicleId, a.energyUsedKwh])).toEqual([
      ['wall_connector:2026-03-05T22:00:00.000Z', 'wall_connector', 'v1', 7.4],
      ['supercharger_history:902', 'supercharger_history', null, 30],
    ]);
    const rows = result.enrich.reduce((n, e) => n + e.rows, 0) + result.additions.length;
    expect(rows).toBe(5);
  });

  it('never matches across kinds or vehicles, and lets a Supercharger session take one row only', () => {
    const result = reconcileHistories({
      sessions: [sc, { ...home, vehicleId: 'v2', sessionKey: 'v2:home' }],
      wallConnector: [{ startedAt: at('2026-03-03T14:05:00Z'), durationS: 600, energyKwh: 2 }],
      supercharger: [
        {
          externalId: 'a',
          vehicleId: 'v1',
          siteName: null,
          startedAt: at('2026-03-03T14:02:00Z'),
          endedAt: at('2026-03-03T14:20:00Z'),
          energyKwh: 20,
          fee: null,
        },
        {
          externalId: 'b',
          vehicleId: 'v1',
          siteName: null,
          startedAt: at('2026-03-03T14:21:00Z'),
          endedAt: at('2026-03-03T14:30:00Z'),
          energyKwh: 9,
          fee: null,
        },
        {
          externalId: 'c',
          vehicleId: 'v2',
          siteName: null,
          startedAt: at('2026-03-03T14:02:00Z'),
          endedAt: at('2026-03-03T14:30:00Z'),
          energyKwh: 9,
          fee: null,
        },
      ],
    });
    expect(result.enrich.map((e) => e.externalId)).toEqual(['a']);
    expect(result.additions.map((a) => a.sessionKey)).toEqual([
      'wall_connector:2026-03-03T14:05:00.000Z',
      'supercharger_history:b',
      'supercharger_history:c',
    ]);
  });

  it('matches within the tolerance around a sparsely observed session', () => {
    const late = { ...home, startedAt: at('2026-03-01T23:40:00Z'), endedAt: at('2026-03-01T23:41:00Z') };
    const row = { startedAt: at('2026-03-01T23:00:00Z'), durationS: 30 * 60, energyKwh: 5 };
    expect(reconcileHistories({ sessions: [late], wallConnector: [row], supercharger: [] }).enrich).toHaveLength(1);
    expect(reconcileHistories({ sessions: [late], wallConnector: [row], supercharger: [], toleranceMs: 5 * MIN }).additions).toHaveLength(
      1,
    );
  });
});

describe('adoptExistingKeys', () => {
  it('reuses a stored key for an overlapping session derived under a new key', () => {
    const stored = [{ sessionKey: 'v1:a', startedAt: at('2026-03-01T20:00:00Z'), endedAt: at('2026-03-01T22:00:00Z') }];
    const derived = [
      { sessionKey: 'v1:b', startedAt: at('2026-03-01T20:30:00Z'), endedAt: at('2026-03-01T22:00:00Z'), kwh: 1 },
      { sessionKey: 'v1:c', startedAt: at('2026-03-02T20:30:00Z'), endedAt: null, kwh: 2 },
    ];
    const out = adoptExistingKeys(derived, stored, at('2026-03-02T21:00:00Z'));
    expect(out.map((d) => [d.sessionKey, d.kwh])).toEqual([
      ['v1:a', 1],
      ['v1:c', 2],
    ]);
  });
});
