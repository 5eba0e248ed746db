import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import { sessionsBetween, updateSession, upsertSession, type SessionRow } from '@/db/queries/sync-sessions';
import { updateVehicle, type VehicleRow } from '@/db/queries/sync-vehicles';
import { powerOverSpan, reconcileHistories, type HistoryAddition, type SessionRef } from '@/lib/stats';
import { TeslaBudgetExceededError, type SuperchargerSession } from '@/lib/tesla';
import { readSessionSyncMeta, withBilledSpan } from '@/db/tables/session-sync-meta';
import type { SyncContext } from './context';
import { repriceSession } from './reprice';
import { SWEEP_MS, historyBackoffMs, readSuperchargerHistory } from './supercharger-history';
import { DAY_MS, HOUR_MS } from '@/lib/time';

/** A Supercharger session is looked up at most hourly, for a week (unseen ones: the weekly sweep, `SWEEP_MS`). */
const SC_RETRY_MS = HOUR_MS;
const SC_GIVE_UP_MS = 7 * DAY_MS;
/** A read after a long pause (failures, the app stopped) goes back at most this far. */
const SC_MAX_WINDOW_MS = 30 * DAY_MS;

/** An open session's span runs to `now` (an unbounded end would not overlap anything). */
const toRef = (s: SessionRow, homeIds: Set<string>, now: Date): SessionRef => ({
  sessionKey: s.sessionKey,
  vehicleId: s.vehicleId,
  startedAt: s.startedAt,
  endedAt: s.endedAt ?? now,
  chargerKind: s.chargerType ?? null,
  atHome: s.locationId ? homeIds.has(s.locationId) : null,
});

/**
 * Folds Tesla's own histories into the stored sessions (lib/stats `reconcileHistories`): matched
 * rows enrich a session (metered energy, real fee, source), unmatched rows become sessions of their
 * own, keyed by the history's id, so re-running the same window updates the same rows. A
 * session already enriched is matched again by the same row and stays one row.
 */
async function apply(
  ctx: SyncContext,
  window: SessionRow[],
  out: ReturnType<typeof reconcileHistories>,
  vehicles: readonly VehicleRow[],
  matched: Map<string, { din: string | null; spans: { start: string; durationS: number; kwh: number }[] }>,
) {
  for (const e of out.enrich) {
    const s = window.find((w) => w.vehicleId === e.vehicleId && w.sessionKey === e.sessionKey);
    if (!s) continue;
    const fee = e.fee ? { cost: e.fee.amount, costWithoutSolar: e.fee.amount, costCurrency: e.fee.currency } : {};
    const wc = matched.get(e.sessionKey);
    const billedSpan = e.billedSpan && { startedAt: e.billedSpan.startedAt.toISOString(), endedAt: e.billedSpan.endedAt.toISOString() };
    const syncMeta = wc
      ? { ...readSessionSyncMeta(s.syncMeta), wallConnector: wc.spans }
      : billedSpan
        ? { ...readSessionSyncMeta(s.syncMeta), billedSpan }
        : s.syncMeta;
    const meta = readSessionSyncMeta(syncMeta);
    const span = withBilledSpan(s, meta);
    // Over the billed span: the average is Tesla's energy over Tesla's time, the peak never below it.
    const power = meta.billedSpan
      ? powerOverSpan({ peakSeenKw: meta.peakSeenKw ?? null, energyKwh: e.energyUsedKwh ?? s.energyUsedKwh, ...span })
      : null;
    const values = {
      ...span,
      ...(power ? { chargeRateKw: power.averagePowerKw, peakPowerKw: power.peakPowerKw } : {}),
      source: e.source,
      energyUsedKwh: e.energyUsedKwh ?? s.energyUsedKwh,
      externalId: e.externalId ?? wc?.din ?? s.externalId,
      syncMeta,
      // Tesla billed it as a Supercharger session: a DC session (e.g. a European Supercharger whose
      // samples said only `Combo`) is one, and is priced as one (free Supercharging included).
      chargerType: e.source === 'supercharger_history' ? ('supercharger' as const) : s.chargerType,
      ...fee,
    };
    // Matched again by the same history row (the windows of consecutive days overlap): nothing to write or re-price.
    if (sameEnrichment(s, values)) continue;
    await updateSession(ctx.db, s.id, values);
    await repriceSession(
      ctx,
      { ...s, ...values } as SessionRow,
      vehicles.find((v) => v.id === s.vehicleId),
    );
    ctx.count(`reconciled_${e.source}`);
  }
  for (const a of out.additions) await addFromHistory(ctx, a, vehicles);
}

function sameEnrichment(
  s: SessionRow,
  v: {
    startedAt: Date;
    endedAt: Date | null;
    source: string;
    energyUsedKwh: number | null;
    externalId: string | null;
    syncMeta: SessionRow['syncMeta'];
    chargerType: SessionRow['chargerType'];
    cost?: number;
    costCurrency?: string;
  },
): boolean {
  return (
    s.startedAt.getTime() === v.startedAt.getTime() &&
    s.endedAt?.getTime() === v.endedAt?.getTime() &&
    s.source === v.source &&
    s.chargerType === v.chargerType &&
    s.energyUsedKwh === v.energyUsedKwh &&
    s.externalId === v.externalId &&
    (v.cost === undefined || (s.cost === v.cost && s.costCurrency === v.costCurrency)) &&
    isDeepStrictEqual(s.syncMeta, v.syncMeta) // key order aside: jsonb stores keys in its own order
  );
}

async function addFromHistory(ctx: SyncContext, a: HistoryAddition, vehicles: readonly VehicleRow[]) {
  const vehicleId = a.vehicleId ?? (vehicles.length === 1 ? vehicles[0]!.id : null);
  if (!vehicleId) return ctx.count('history_unassigned');
  const home = (await ctx.pricing()).places.locations.find((l) => l.isHome);
  await upsertSession(ctx.db, {
    vehicleId,
    sessionKey: a.sessionKey,
    source: a.source,
    externalId: a.externalId,
    startedAt: a.startedAt,
    endedAt: a.endedAt,
    energyUsedKwh: a.energyUsedKwh,
    chargerType: a.chargerKind,
    locationId: a.source === 'wall_connector' ? (home?.id ?? null) : null,
    locationName: a.locationName ?? (a.source === 'wall_connector' ? (home?.name ?? null) : null),
    cost: a.fee?.amount ?? null,
    costWithoutSolar: a.fee?.amount ?? null,
    costCurrency: a.fee?.currency ?? null,
    syncMeta: { fromHistory: true },
  });
  ctx.count(`added_${a.source}`);
}

/**
 * The car a Wall Connector record belongs to when it does not say (no DIN owner known yet): the
 * one whose home AC session started nearest the record's `charge_start_time` (within 30 min).
 * With two cars charging at once, overlap alone would hand both records to the longer session.
 */
function carByStart(refs: readonly SessionRef[], startedAt: Date): string | null {
  const near = refs
    .filter((s) => s.chargerKind !== 'supercharger' && s.chargerKind !== 'dc' && s.atHome !== false)
    .map((s) => ({ s, gap: Math.abs(s.startedAt.getTime() - startedAt.getTime()) }))
    .filter((x) => x.gap <= 30 * 60_000)
    .sort((a, b) => a.gap - b.gap)[0];
  return near?.s.vehicleId ?? null;
}

/** Wall Connector history of a closed window (free energy endpoint), run once per closed local day. */
export async function reconcileWallConnector(
  ctx: SyncContext,
  siteTeslaId: string,
  from: Date,
  to: Date,
  vehicles: readonly VehicleRow[],
): Promise<void> {
  const rows = await ctx.call(() => ctx.tesla.getWallConnectorChargeHistory(siteTeslaId, { start: from, end: to }));
  const window = await sessionsBetween(ctx.db, new Date(from.getTime() - DAY_MS), to);
  const homeIds = new Set((await ctx.pricing()).places.locations.filter((l) => l.isHome).map((l) => l.id));
  const owners = new Map(window.filter((s) => s.source === 'wall_connector' && s.externalId).map((s) => [s.externalId!, s.vehicleId]));
  const refs = window.filter((s) => s.source !== 'supercharger_history').map((s) => toRef(s, homeIds, ctx.now()));
  const wallConnector = rows.map((r) => ({
    startedAt: r.startedAt,
    durationS: r.durationSeconds,
    energyKwh: r.energyAddedWh / 1000,
    din: r.din,
    vehicleId: (r.din ? owners.get(r.din) : undefined) ?? carByStart(refs, r.startedAt),
  }));
  const out = reconcileHistories({ sessions: refs, wallConnector, supercharger: [] });
  // Which rows went to which session: each row to the enriched session it overlaps most (of its car, when known).
  const matched = new Map<string, { din: string | null; spans: { start: string; durationS: number; kwh: number }[] }>();
  const tol = 15 * 60_000;
  const enriched = out.enrich
    .map((e) => window.find((w) => w.vehicleId === e.vehicleId && w.sessionKey === e.sessionKey))
    .filter((s): s is SessionRow => s !== undefined);
  for (const w of wallConnector) {
    const from = w.startedAt.getTime();
    const to = from + w.durationS * 1000;
    const overlap = (s: SessionRow) => Math.min(to, (s.endedAt ?? ctx.now()).getTime() + tol) - Math.max(from, s.startedAt.getTime() - tol);
    const best = enriched
      .filter((s) => !w.vehicleId || s.vehicleId === w.vehicleId)
      .filter((s) => overlap(s) > 0)
      .sort((a, b) => overlap(b) - overlap(a))[0];
    if (!best) continue;
    const entry = matched.get(best.sessionKey) ?? { din: w.din ?? null, spans: [] };
    entry.spans.push({ start: w.startedAt.toISOString(), durationS: w.durationS, kwh: w.energyKwh });
    matched.set(best.sessionKey, entry);
  }
  await apply(ctx, window, out, vehicles, matched);
}

/**
 * Supercharger history (billed like vehicle_data, failed answers under 500 included), read for a
 * car with a closed DC or Supercharger session not yet matched (hourly, for a week) and, as a
 * sweep for sessions never seen while charging, weekly. Every page of the window is read
 * (`readSuperchargerHistory`); a read covers from a day before the last complete one (at most 30
 * days back) to now. A failed read backs off (`historyBackoffMs`: 1 h doubling to a week) with no
 * look-up at all before the back-off ends, so a history Tesla keeps refusing costs a few calls a
 * week, not one per tick; the failure is still the car's error in the run. When the next read is
 * due is kept on the vehicle (`supercharger_history_due_at`).
 */
export async function reconcileSupercharger(ctx: SyncContext, v: VehicleRow): Promise<void> {
  const now = ctx.now().getTime();
  const window = await sessionsBetween(ctx.db, new Date(now - SC_GIVE_UP_MS - DAY_MS), new Date(now));
  const due = v.superchargerHistoryDueAt === null || now >= v.superchargerHistoryDueAt.getTime();
  if (v.superchargerHistoryFailures > 0 && !due) return;
  const pending = window.filter(
    (s) =>
      s.vehicleId === v.id &&
      (s.chargerType === 'supercharger' || s.chargerType === 'dc') &&
      s.source !== 'supercharger_history' &&
      s.endedAt !== null &&
      now - s.endedAt.getTime() > 5 * 60_000 &&
      now - s.endedAt.getTime() < SC_GIVE_UP_MS &&
      (s.historyCheckedAt === null || now - s.historyCheckedAt.getTime() >= SC_RETRY_MS),
  );
  if (pending.length === 0 && !(due && window.length > 0)) return;
  const lastRead = v.superchargerHistoryReadAt?.getTime() ?? now;
  const from = new Date(
    Math.max(
      now - SC_MAX_WINDOW_MS,
      Math.min(now - SWEEP_MS - DAY_MS, lastRead - DAY_MS, ...pending.map((s) => s.startedAt.getTime() - DAY_MS)),
    ),
  );
  let sessions: SuperchargerSession[];
  try {
    ({ sessions } = await readSuperchargerHistory(ctx, { vin: v.vin, start: from, end: new Date(now) }));
  } catch (err) {
    const failures = v.superchargerHistoryFailures + 1;
    const values = { superchargerHistoryFailures: failures, superchargerHistoryDueAt: new Date(now + historyBackoffMs(failures)) };
    await updateVehicle(ctx.db, v.id, values);
    Object.assign(v, values);
    ctx.count('supercharger_history_failed');
    // The month's API budget is spent: nothing was sent; like a skipped sample, not the car's error.
    if (err instanceof TeslaBudgetExceededError) return;
    throw err;
  }
  for (const s of pending) await updateSession(ctx.db, s.id, { historyCheckedAt: new Date(now) });
  const read = {
    superchargerHistoryReadAt: new Date(now),
    superchargerHistoryDueAt: new Date(now + SWEEP_MS),
    superchargerHistoryFailures: 0,
  };
  await updateVehicle(ctx.db, v.id, read);
  Object.assign(v, read);
  const supercharger = sessions.map((s) => ({
    externalId: s.sessionId,
    vehicleId: v.id,
    siteName: s.siteName,
    startedAt: s.startedAt,
    endedAt: s.stoppedAt,
    energyKwh: s.energyKwh,
    fee: Object.entries(s.paid).map(([currency, amount]) => ({ currency, amount }))[0] ?? null,
  }));
  const mine = window.filter((s) => s.vehicleId === v.id);
  const out = reconcileHistories({ sessions: mine.map((s) => toRef(s, new Set(), ctx.now())), wallConnector: [], supercharger });
  await apply(ctx, mine, out, [v], new Map());
}
