import 'server-only';
import { insertState, latestState, recordObservation, updateVehicle, type VehicleRow } from '@/db/queries/sync-vehicles';
import type { Connectivity } from '@/db/schema';
import { DEFAULT_VEHICLE_ENDPOINTS, TeslaBillingLockedError, TeslaBudgetExceededError, TeslaWakeLimitError } from '@/lib/tesla';
import type { SyncContext } from './context';
import { deriveVehicle } from './derive-vehicle';
import { reconcileSupercharger } from './reconcile-step';
import { isCharging, isMoving, toLastSample, toStateRow, type SampleFacts } from './samples';

/**
 * One vehicle in one run: record the free state check, let the policy decide, sample (or, for the
 * naive baseline only, wake), then re-derive from the stored samples when something changed.
 * Never wakes the car under the product's policy: an asleep car is only observed.
 */
export async function syncVehicle(ctx: SyncContext, v: VehicleRow, connectivity: Connectivity): Promise<void> {
  const now = ctx.now();
  const recent = v.lastSeenAt !== null && now.getTime() - v.lastSeenAt.getTime() <= ctx.observationGapMs;
  const previous = recent ? (v.state as Connectivity | null) : null;
  await recordObservation(ctx.db, v, connectivity, now, ctx.observationGapMs);
  const last = await latestState(ctx.db, v.id);
  const decision = ctx.policy.decide({ now, connectivity, previous, last: toLastSample(last), fresh: ctx.fresh });
  let sampled = false;
  let newest: SampleFacts | undefined = last;
  if (decision.action === 'wake') {
    try {
      await ctx.call(() => ctx.tesla.wakeVehicle(v.vin));
      ctx.count('wakes');
    } catch (err) {
      if (!(err instanceof TeslaWakeLimitError)) throw err;
      ctx.count('wakes_refused');
    }
  } else if (decision.action === 'data') {
    const r = await ctx.call(() =>
      ctx.tesla
        .getVehicleData(v.vin, DEFAULT_VEHICLE_ENDPOINTS, { essential: ctx.fresh, checkedOnline: connectivity === 'online' })
        .catch((err: unknown) => heldBack(ctx, err)),
    );
    if (r?.status === 'online' && r.source === 'live' && r.snapshot.timestamp.getTime() > 0) {
      const row = toStateRow(v.id, r.snapshot, r.raw);
      sampled = await insertState(ctx.db, row);
      if (sampled) ctx.count('vehicle_states');
      // The car's timestamps only move forward; a late-arriving older sample leaves `last` the newest.
      if (sampled && (!last || row.timestamp > last.timestamp)) newest = row;
      const s = r.snapshot;
      // A car without a display_name in the vehicle list is named by the sample (vehicle_state.vehicle_name).
      const named = v.displayName ? {} : s.displayName ? { displayName: s.displayName } : {};
      const model = s.carType ?? v.model;
      const firmwareVersion = s.firmwareVersion ?? v.firmwareVersion;
      if (model !== v.model || firmwareVersion !== v.firmwareVersion || 'displayName' in named) {
        await updateVehicle(ctx.db, v.id, { model, firmwareVersion, ...named });
        Object.assign(v, { model, firmwareVersion, ...named });
      }
    } else ctx.count('data_not_online');
  }
  // The car became unreachable right after moving or charging: its arrival or charge end may be projected now.
  const leftUnreachable = connectivity !== 'online' && previous === 'online' && last !== undefined && (isMoving(last) || isCharging(last));
  // A derivation that did not finish (crash, error) is redone: the marker is written only after it.
  const pending =
    newest !== undefined &&
    (v.derivedSampleAt === null ||
      v.derivedSampleAt.getTime() !== newest.timestamp.getTime() ||
      (v.derivedState !== connectivity && (isMoving(newest) || isCharging(newest))));
  if (sampled || leftUnreachable || pending) {
    await deriveVehicle(ctx, v);
    const marker = { derivedSampleAt: newest?.timestamp ?? null, derivedState: connectivity };
    await updateVehicle(ctx.db, v.id, marker);
    Object.assign(v, marker);
  }
  if (sampled || leftUnreachable) await reconcileSupercharger(ctx, v).catch((err: unknown) => heldBack(ctx, err));
  const next = ctx.policy.nextDecisionAt({ now, connectivity, previous: connectivity, last: toLastSample(newest), fresh: false });
  if (next) ctx.nextDecision(next);
}

/**
 * A paid call held back: the monthly API budget is spent, or Tesla disabled the app for exceeding
 * its billing limit (counted: `billing_locked`). No sample this tick; the run still records state
 * checks and the energy site, which are free.
 */
function heldBack(ctx: SyncContext, err: unknown): null {
  if (err instanceof TeslaBillingLockedError) {
    ctx.count('billing_locked');
    return null;
  }
  if (err instanceof TeslaBudgetExceededError) return null;
  throw err;
}
