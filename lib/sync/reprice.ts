import 'server-only';
import { sessionsAwaitingSplit, updateSession, type SessionRow } from '@/db/queries/sync-sessions';
import type { VehicleRow } from '@/db/queries/sync-vehicles';
import type { EnergySegment } from '@/lib/stats';
import { readSessionSyncMeta, type SessionSyncMeta } from '@/db/tables/session-sync-meta';
import type { SyncContext } from './context';
import { siteBuckets } from './derive-vehicle';
import { priceCharge, uniformProfile } from './price-charge';

/**
 * The Wall Connector's own record of when a session drew power (start, duration, metered kWh per
 * row): at constant AC power this is the exact profile, finer than the sparse samples' one.
 */
export function wallConnectorProfile(meta: SessionSyncMeta): EnergySegment[] | null {
  const rows = meta.wallConnector;
  if (!rows || rows.length === 0) return null;
  return rows
    .map((r) => ({ from: new Date(r.start), to: new Date(Date.parse(r.start) + Math.max(60, r.durationS) * 1000), kwh: r.kwh }))
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

/** The energy profile of a stored session: Wall Connector spans, else `sync_meta.profile`, else its span spread evenly. */
export function storedProfile(s: SessionRow): EnergySegment[] {
  const meta = readSessionSyncMeta(s.syncMeta);
  const wc = wallConnectorProfile(meta);
  if (wc) return wc;
  const raw = meta.profile;
  if (raw && raw.length > 0) return raw.map((p) => ({ from: new Date(p.from), to: new Date(p.to), kwh: p.kwh }));
  return uniformProfile(s.startedAt, s.endedAt ?? s.startedAt, s.energyUsedKwh ?? s.energyAddedKwh);
}

/** Re-prices one stored session (after reconciliation changed its energy or its day's buckets arrived). */
export async function repriceSession(
  ctx: SyncContext,
  s: SessionRow,
  vehicle: Pick<VehicleRow, 'freeSupercharging'> | undefined,
): Promise<void> {
  const fee =
    s.source === 'supercharger_history' && s.cost !== null && s.costCurrency ? { amount: s.cost, currency: s.costCurrency } : null;
  const profile = storedProfile(s);
  const priced = priceCharge(
    {
      profile,
      chargerKind: s.chargerType,
      latitude: s.latitude,
      longitude: s.longitude,
      meteredKwh: s.source === 'wall_connector' || s.source === 'supercharger_history' ? s.energyUsedKwh : null,
      actualFee: fee,
      freeSupercharging: vehicle?.freeSupercharging ?? false,
      knownHome: s.source === 'wall_connector',
      closed: s.endedAt !== null,
    },
    { ...(await ctx.pricing()), timeZone: ctx.site?.timeZone ?? 'UTC', buckets: await siteBuckets(ctx, s, profile) },
  );
  await updateSession(ctx.db, s.id, priced);
}

/** Fills the solar split of closed sessions in [from, to) once the site's buckets cover them. */
export async function repricePending(ctx: SyncContext, from: Date, to: Date, vehicles: readonly VehicleRow[]): Promise<void> {
  for (const s of await sessionsAwaitingSplit(ctx.db, from, to)) {
    await repriceSession(
      ctx,
      s,
      vehicles.find((v) => v.id === s.vehicleId),
    );
    ctx.count('charges_repriced');
  }
}
