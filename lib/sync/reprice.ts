import 'server-only';
import { sessionsAwaitingSplit, sessionsWithoutBasis, updateSession, type SessionRow } from '@/db/queries/sync-sessions';
import type { VehicleRow } from '@/db/queries/sync-vehicles';
import { readSessionSyncMeta } from '@/db/tables/session-sync-meta';
import type { SyncContext } from './context';
import { chargeToPrice, priceCharge, storedProfile } from './price-charge';
import { siteBuckets } from './site-buckets';

/** Re-prices one stored session (after reconciliation changed its energy or its day's buckets arrived). */
export async function repriceSession(
  ctx: SyncContext,
  s: SessionRow,
  vehicle: Pick<VehicleRow, 'freeSupercharging'> | undefined,
): Promise<void> {
  const charge = chargeToPrice({ ...s, profile: storedProfile(s), closed: s.endedAt !== null }, vehicle?.freeSupercharging ?? false);
  const priced = priceCharge(charge, {
    ...(await ctx.pricing()),
    timeZone: ctx.site?.timeZone ?? 'UTC',
    buckets: await siteBuckets(ctx, s, charge.profile),
  });
  // A session added from Tesla's history keeps the name the history gave its place (a Supercharger's site) when no place of the owner's matches.
  const historyName = readSessionSyncMeta(s.syncMeta).fromHistory && priced.locationId === null ? s.locationName : null;
  await updateSession(ctx.db, s.id, { ...priced, locationName: priced.locationName ?? historyName });
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

/** Sessions re-priced per run by `repriceUnbased` (a bound on one run's work; the rest follow in the next runs). */
const UNBASED_PER_RUN = 200;

/**
 * Prices on energy from the wall (`pricing_basis`) the stored sessions priced before it was
 * recorded, and history-only sessions added without a price. Safe to run every run: a re-priced
 * session has a basis and is not selected again.
 */
export async function repriceUnbased(ctx: SyncContext, vehicles: readonly VehicleRow[]): Promise<void> {
  for (const s of await sessionsWithoutBasis(ctx.db, UNBASED_PER_RUN)) {
    await repriceSession(
      ctx,
      s,
      vehicles.find((v) => v.id === s.vehicleId),
    );
    ctx.count('charges_repriced');
  }
}
