import type { ChargerKind } from './charger-power';
import { MINUTE_MS, overlapMs } from '@/lib/time';

/** A finished Wall Connector session (`telemetry_history?kind=charge`, reference §4.6), mapped by the Tesla client. */
export type WallConnectorSession = {
  startedAt: Date;
  durationS: number;
  /** `energy_added_wh` ÷ 1000: metered at the Wall Connector, i.e. energy from the wall. */
  energyKwh: number;
  din?: string | null;
  /** When the caller knows the car (one car at home, or `live_status.wall_connectors[].vin`). */
  vehicleId?: string | null;
};

/** A Supercharger session from `dx/charging/history` (reference §3.7), mapped by the Tesla client. */
export type SuperchargerSession = {
  /** `sessionId` as a string. */
  externalId: string;
  vehicleId?: string | null;
  siteName: string | null;
  startedAt: Date;
  endedAt: Date;
  /** Billed kWh (usage of the fee with uom `kwh`), null for per-minute billing. */
  energyKwh: number | null;
  /** Σ fees' `totalDue` (charging + parking/idle) in their currency. */
  fee: { amount: number; currency: string } | null;
};

/** What reconciliation needs of a stored or freshly derived session. */
export type SessionRef = {
  sessionKey: string;
  vehicleId: string;
  startedAt: Date;
  endedAt: Date | null;
  chargerKind: ChargerKind | null;
  /** At the home location (where the Wall Connector is); null when unknown. */
  atHome: boolean | null;
};

export type HistorySource = 'wall_connector' | 'supercharger_history';

export type Enrichment = {
  sessionKey: string;
  vehicleId: string;
  source: HistorySource;
  /** Metered / billed wall energy, replacing the estimate from the samples. */
  energyUsedKwh: number | null;
  fee: { amount: number; currency: string } | null;
  externalId: string | null;
  /** How many history rows were folded in (a Wall Connector may log a paused charge as several). */
  rows: number;
  /**
   * The Supercharger history's start and stop of the charge (to the second), which the session's
   * span is widened to: polling sees a charge's edges late, and Tesla's billed energy over a
   * sparse polled span would read as an impossible power. Null for Wall Connector records.
   */
  billedSpan: { startedAt: Date; endedAt: Date } | null;
};

export type HistoryAddition = {
  /** `wall_connector:<start ISO>` or `supercharger_history:<sessionId>`: stable, so re-running upserts. */
  sessionKey: string;
  vehicleId: string | null;
  source: HistorySource;
  externalId: string | null;
  startedAt: Date;
  endedAt: Date;
  energyUsedKwh: number | null;
  fee: { amount: number; currency: string } | null;
  chargerKind: ChargerKind;
  locationName: string | null;
};

export type ReconcileInput = {
  sessions: readonly SessionRef[];
  wallConnector: readonly WallConnectorSession[];
  supercharger: readonly SuperchargerSession[];
  /** Slack around a session's observed span (polling sees edges late). Default 15 min. */
  toleranceMs?: number;
};

type Candidate = { row: number; session: SessionRef; score: number };

/**
 * Matches Tesla's own histories to the sessions we derived. A history row matches a session of a
 * compatible kind (Wall Connector ↔ AC session not known to be away from home; Supercharger ↔
 * Supercharger/DC session), of the same vehicle when the row names one, whose span (widened by the
 * tolerance; open sessions run on) overlaps the row's. Each row goes to the session it overlaps most;
 * a Supercharger session takes at most one row, a home session may take several Wall Connector rows.
 * Matched rows enrich (metered energy, real fee); unmatched rows become additions with their source.
 * Every row ends in exactly one of the two lists, so nothing is counted twice.
 */
export function reconcileHistories(input: ReconcileInput): { enrich: Enrichment[]; additions: HistoryAddition[] } {
  const tol = input.toleranceMs ?? 15 * MINUTE_MS;
  const span = (s: SessionRef) => ({ from: new Date(s.startedAt.getTime() - tol), to: new Date((s.endedAt?.getTime() ?? 8.64e15) + tol) });
  const wc = input.wallConnector.map((r) => ({ from: r.startedAt, to: new Date(r.startedAt.getTime() + Math.max(1, r.durationS) * 1000) }));
  const sc = input.supercharger.map((r) => ({
    from: r.startedAt,
    to: r.endedAt.getTime() > r.startedAt.getTime() ? r.endedAt : new Date(r.startedAt.getTime() + 1000),
  }));

  const wcAssign = assign(input.wallConnector.length, (i) =>
    input.sessions
      .filter(
        (s) =>
          (s.chargerKind === 'ac' || s.chargerKind === null) && s.atHome !== false && sameVehicle(input.wallConnector[i]?.vehicleId, s),
      )
      .map((session) => ({ row: i, session, score: overlapMs(span(session), wc[i] as { from: Date; to: Date }) })),
  );
  const scAssign = assign(
    input.supercharger.length,
    (i) =>
      input.sessions
        .filter(
          (s) =>
            (s.chargerKind === 'supercharger' || s.chargerKind === 'dc' || s.chargerKind === null) &&
            sameVehicle(input.supercharger[i]?.vehicleId, s),
        )
        .map((session) => ({ row: i, session, score: overlapMs(span(session), sc[i] as { from: Date; to: Date }) })),
    true,
  );

  const enrich: Enrichment[] = [];
  const additions: HistoryAddition[] = [];
  const byWcSession = new Map<string, { session: SessionRef; rows: WallConnectorSession[] }>();
  const dinOwner = new Map<string, string>();
  input.wallConnector.forEach((row, i) => {
    const session = wcAssign.get(i);
    if (!session) return;
    const key = `${session.vehicleId}\u0000${session.sessionKey}`;
    const entry = byWcSession.get(key) ?? { session, rows: [] };
    entry.rows.push(row);
    byWcSession.set(key, entry);
    if (row.din) dinOwner.set(row.din, session.vehicleId);
  });
  for (const { session, rows } of byWcSession.values()) {
    enrich.push({
      sessionKey: session.sessionKey,
      vehicleId: session.vehicleId,
      source: 'wall_connector',
      energyUsedKwh: rows.reduce((s, r) => s + r.energyKwh, 0),
      fee: null,
      externalId: null,
      rows: rows.length,
      billedSpan: null,
    });
  }
  input.wallConnector.forEach((row, i) => {
    if (wcAssign.has(i)) return;
    additions.push({
      sessionKey: `wall_connector:${row.startedAt.toISOString()}`,
      vehicleId: row.vehicleId ?? (row.din ? (dinOwner.get(row.din) ?? null) : null),
      source: 'wall_connector',
      externalId: row.din ?? null,
      startedAt: row.startedAt,
      endedAt: (wc[i] as { to: Date }).to,
      energyUsedKwh: row.energyKwh,
      fee: null,
      chargerKind: 'ac',
      locationName: null,
    });
  });
  input.supercharger.forEach((row, i) => {
    const session = scAssign.get(i);
    if (session) {
      enrich.push({
        sessionKey: session.sessionKey,
        vehicleId: session.vehicleId,
        source: 'supercharger_history',
        energyUsedKwh: row.energyKwh,
        fee: row.fee,
        externalId: row.externalId,
        rows: 1,
        billedSpan: { startedAt: row.startedAt, endedAt: row.endedAt },
      });
      return;
    }
    additions.push({
      sessionKey: `supercharger_history:${row.externalId}`,
      vehicleId: row.vehicleId ?? null,
      source: 'supercharger_history',
      externalId: row.externalId,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
      energyUsedKwh: row.energyKwh,
      fee: row.fee,
      chargerKind: 'supercharger',
      locationName: row.siteName,
    });
  });
  return { enrich, additions };
}

const sameVehicle = (rowVehicle: string | null | undefined, s: SessionRef) => rowVehicle == null || rowVehicle === s.vehicleId;

/** Greedy assignment by overlap, largest first; `exclusive` lets a session take only one row. */
function assign(rows: number, candidates: (row: number) => Candidate[], exclusive = false): Map<number, SessionRef> {
  const all: Candidate[] = [];
  for (let i = 0; i < rows; i++) all.push(...candidates(i).filter((c) => c.score > 0));
  all.sort((a, b) => b.score - a.score || a.session.startedAt.getTime() - b.session.startedAt.getTime());
  const out = new Map<number, SessionRef>();
  const taken = new Set<SessionRef>();
  for (const c of all) {
    if (out.has(c.row) || (exclusive && taken.has(c.session))) continue;
    out.set(c.row, c.session);
    taken.add(c.session);
  }
  return out;
}
