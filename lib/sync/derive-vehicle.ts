import 'server-only';
import { derivationAnchors, drivesSince, sessionsSince, upsertDrive, upsertSession, type SessionRow } from '@/db/queries/sync-sessions';
import { activitySince, statesFrom, updateVehicle, type VehicleRow } from '@/db/queries/sync-vehicles';
import {
  adoptExistingKeys,
  deriveChargingSessions,
  deriveDrives,
  matchPlace,
  powerOverSpan,
  type DerivedChargingSession,
} from '@/lib/stats';
import { projectArrivals, projectChargeEnds } from './arrivals';
import { assignDrivers } from './assign-drivers';
import { readSessionSyncMeta, withBilledSpan } from '@/db/tables/session-sync-meta';
import type { SyncContext } from './context';
import { chargeToPrice, priceCharge, pricingKey, splitPossible, wallConnectorProfile, type PricedColumns } from './price-charge';
import { siteBuckets } from './site-buckets';
import { DAY_MS } from '@/lib/time';

const HISTORY_SOURCES = new Set(['wall_connector', 'supercharger_history']);

/**
 * Re-derives a vehicle's newest charging sessions and drives from its stored samples and upserts
 * them. The window starts at the newest stored session's first sample or the newest drive's
 * start, whichever is older, plus the sample before it (the contract of lib/stats), so every
 * derived record keeps its natural key from run to run and only the tail is recomputed.
 * Values Tesla's own histories put on a session (metered energy, real fee, source) are kept.
 * Drives in the window are then assigned to drivers by their rules (lib/sync/assign-drivers.ts).
 */
export async function deriveVehicle(ctx: SyncContext, v: VehicleRow): Promise<void> {
  const { db } = ctx;
  const now = ctx.now();
  const anchors = await derivationAnchors(db, v.id);
  const sessionFrom = anchors.session ? new Date(anchors.session.sessionKey.slice(v.id.length + 1)) : null;
  const candidates = [sessionFrom, anchors.driveStartedAt].filter((d): d is Date => d !== null && !Number.isNaN(d.getTime()));
  const from = candidates.length > 0 ? new Date(Math.min(...candidates.map((d) => d.getTime()))) : new Date(0);
  const stored = await statesFrom(db, v.id, from);
  if (stored.length === 0) return;
  const stretches = await activitySince(db, v.id, stored[0]!.timestamp);
  const states = projectChargeEnds(projectArrivals(stored, stretches), stretches);

  const capacity = v.batteryCapacityKwh ?? estimateCapacity(deriveChargingSessions(states, { vehicleId: v.id, now }));
  const storedDrives = await drivesSince(db, v.id, new Date(from.getTime() - DAY_MS));
  const keyed = storedDrives.map((d) => ({ sessionKey: d.startedAt.toISOString(), startedAt: d.startedAt, endedAt: d.endedAt }));
  const derivedDrives = deriveDrives(states, { vehicleId: v.id, batteryCapacityKwh: capacity });
  const adopted = adoptExistingKeys(
    derivedDrives.map((d) => ({ sessionKey: d.startedAt.toISOString(), startedAt: d.startedAt, endedAt: d.endedAt })),
    keyed,
    now,
  );
  for (const [i, d] of derivedDrives.entries()) {
    const storedAt = adopted[i]!.sessionKey !== d.startedAt.toISOString() ? new Date(adopted[i]!.sessionKey) : null;
    const { locations } = (await ctx.pricing()).places;
    const start = matchPlace({ latitude: d.startLatitude, longitude: d.startLongitude }, locations);
    const end = matchPlace({ latitude: d.endLatitude, longitude: d.endLongitude }, locations);
    await upsertDrive(db, storedAt, {
      vehicleId: v.id,
      startedAt: d.startedAt,
      endedAt: d.endedAt,
      startOdometerKm: d.startOdometerKm,
      endOdometerKm: d.endOdometerKm,
      distanceKm: d.distanceKm,
      startBatteryLevel: d.startBatteryLevel,
      endBatteryLevel: d.endBatteryLevel,
      energyUsedKwh: d.energyUsedKwh,
      startLatitude: d.startLatitude,
      startLongitude: d.startLongitude,
      endLatitude: d.endLatitude,
      endLongitude: d.endLongitude,
      startPlace: start?.location.name ?? null,
      endPlace: end?.location.name ?? null,
      startLocationId: start?.location.id ?? null,
      endLocationId: end?.location.id ?? null,
      maxSpeedKmh: d.maxSpeedKmh,
      outsideTempAvgC: d.outsideTempAvgC,
      inferred: d.inferred,
    });
    ctx.count('drives_upserted');
  }
  // Drives just derived (and any whose start moved) get their driver by the rules; hand assignments stay.
  if (derivedDrives.length > 0) {
    const assigned = await assignDrivers(db, {
      vehicleId: v.id,
      from: new Date(Math.min(from.getTime(), derivedDrives[0]!.startedAt.getTime()) - DAY_MS),
    });
    if (assigned > 0) ctx.count('drivers_assigned', assigned);
  }

  const derived = deriveChargingSessions(states, { vehicleId: v.id, now });
  const existing = await sessionsSince(db, v.id, new Date(from.getTime() - DAY_MS));
  for (const s of adoptExistingKeys(derived, existing, now)) {
    await upsertSession(
      db,
      await sessionColumns(
        ctx,
        v,
        s,
        existing.find((e) => e.sessionKey === s.sessionKey),
      ),
    );
    ctx.count(s.source === 'inferred' ? 'charges_inferred' : 'charges_upserted');
  }
  if (!v.batteryCapacityKwh && capacity) await updateVehicle(db, v.id, { batteryCapacityKwh: capacity });
}

/** The row for a derived session, keeping what reconciliation stored on it. */
async function sessionColumns(ctx: SyncContext, v: VehicleRow, s: DerivedChargingSession, prior: SessionRow | undefined) {
  // Sessions Tesla's histories enriched keep their source, metered energy, fee and Wall Connector profile.
  const fromHistory = prior !== undefined && HISTORY_SOURCES.has(prior.source);
  const meta = readSessionSyncMeta(prior?.syncMeta);
  const charge = chargeToPrice(
    {
      source: fromHistory ? prior.source : s.source,
      energyUsedKwh: fromHistory ? prior.energyUsedKwh : s.energyUsedKwh,
      energyAddedKwh: s.energyAddedKwh,
      cost: prior?.cost ?? null,
      costCurrency: prior?.costCurrency ?? null,
      chargerType: s.chargerKind,
      latitude: s.latitude,
      longitude: s.longitude,
      profile: (fromHistory ? wallConnectorProfile(meta) : null) ?? s.profile,
      closed: !s.open,
    },
    v.freeSupercharging,
  );
  const pricing = { ...(await ctx.pricing()), timeZone: ctx.site?.timeZone ?? 'UTC' };
  const key = pricingKey(charge, pricing);
  // The newest session is re-derived every run; once its split is made with the same inputs the
  // stored prices stand, and the site's buckets (two days of them) are not read again.
  const settled = prior && prior.attributionRule !== null && meta.pricingKey === key;
  const priced: PricedColumns = settled
    ? pickPriced(prior)
    : priceCharge(charge, {
        ...pricing,
        buckets: splitPossible(charge, pricing.places) ? await siteBuckets(ctx, s, charge.profile) : null,
      });
  const span = fromHistory ? withBilledSpan(s, meta) : { startedAt: s.startedAt, endedAt: s.endedAt };
  const billed =
    fromHistory && meta.billedSpan
      ? powerOverSpan({ peakSeenKw: s.peakSeenKw, energyKwh: charge.meteredKwh ?? s.energyUsedKwh, ...span })
      : null;
  return {
    vehicleId: v.id,
    sessionKey: s.sessionKey,
    source: fromHistory ? prior.source : s.source,
    externalId: fromHistory ? prior.externalId : null,
    // A span the Supercharger history widened stays widened (the samples alone see the edges late).
    ...span,
    startBatteryLevel: s.startBatteryLevel,
    endBatteryLevel: s.endBatteryLevel,
    energyAddedKwh: s.energyAddedKwh,
    energyUsedKwh: charge.meteredKwh ?? s.energyUsedKwh,
    chargeRateKw: billed?.averagePowerKw ?? s.averagePowerKw,
    peakPowerKw: billed?.peakPowerKw ?? s.peakPowerKw,
    chargerType: s.chargerKind,
    latitude: s.latitude,
    longitude: s.longitude,
    ...priced,
    historyCheckedAt: prior?.historyCheckedAt ?? null,
    syncMeta: {
      open: s.open,
      stale: s.stale,
      efficiency: s.efficiency,
      sampleCount: s.sampleCount,
      firstObservedAt: s.firstObservedAt.toISOString(),
      endObservedAt: s.endObservedAt?.toISOString() ?? null,
      profile: s.profile.map((p) => ({ from: p.from.toISOString(), to: p.to.toISOString(), kwh: p.kwh })),
      pricingKey: key,
      peakSeenKw: s.peakSeenKw,
      ...(fromHistory ? { wallConnector: meta.wallConnector, billedSpan: meta.billedSpan } : {}),
    },
  };
}

function pickPriced(p: SessionRow): PricedColumns {
  const {
    locationId,
    locationName,
    cost,
    costWithoutSolar,
    costCurrency,
    pricedKwh,
    pricingBasis,
    solarKwh,
    batteryKwh,
    gridKwh,
    solarPercentage,
    attributionRule,
    splitBucketMinutes,
  } = p;
  return {
    locationId,
    locationName,
    cost,
    costWithoutSolar,
    costCurrency,
    pricedKwh,
    pricingBasis,
    solarKwh,
    batteryKwh,
    gridKwh,
    solarPercentage,
    attributionRule,
    splitBucketMinutes,
  };
}

/**
 * Usable capacity from closed charges: their energy added ÷ battery % gained, pooled over every
 * charge of at least 5 points in the window (one 10-point charge alone rounds too coarsely), so
 * drive energy is known even when no single charge is long. Null without 15 points in total.
 */
function estimateCapacity(sessions: readonly DerivedChargingSession[]): number | null {
  let kwh = 0;
  let gain = 0;
  for (const s of sessions) {
    const g = (s.endBatteryLevel ?? 0) - (s.startBatteryLevel ?? 0);
    if (s.open || !s.energyAddedKwh || g < 5) continue;
    kwh += s.energyAddedKwh;
    gain += g;
  }
  return gain >= 15 ? Math.round((kwh / gain) * 100 * 10) / 10 : null;
}
