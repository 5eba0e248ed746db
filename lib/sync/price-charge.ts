import 'server-only';
import { createHash } from 'node:crypto';
import type { LocationRow, SessionRow, TariffRow } from '@/db/queries/sync-sessions';
import type { ChargeSource, PricingBasis } from '@/db/schema';
import { readSessionSyncMeta, type SessionSyncMeta } from '@/db/tables/session-sync-meta';
import {
  chargingCost,
  matchPlace,
  splitChargeEnergy,
  type AttributionRule,
  type ChargerKind,
  pricingEnergy,
  type EnergySegment,
  type SiteEnergyBucket,
} from '@/lib/stats';

export type Places = { locations: LocationRow[]; tariffs: TariffRow[] };

export type ChargeToPrice = {
  /** When the energy flowed (the derivation's profile, or a uniform span for history-only sessions): only its shape counts. */
  profile: EnergySegment[];
  chargerKind: ChargerKind | null;
  latitude: number | null;
  longitude: number | null;
  /** Metered wall energy from Tesla's history (Wall Connector, Supercharger billed kWh). */
  meteredKwh: number | null;
  meteredBy: 'wall_connector' | 'supercharger' | null;
  /** The car's own measure of the energy it drew (the derivation's `energyUsedKwh`). */
  measuredKwh: number | null;
  /** Energy added to the battery. */
  addedKwh: number | null;
  actualFee: { amount: number; currency: string } | null;
  freeSupercharging: boolean;
  /** The session is known to be at home (matched a Wall Connector record) even without a position. */
  knownHome: boolean;
  closed: boolean;
};

export type PricingContext = {
  places: Places;
  rule: AttributionRule;
  timeZone: string;
  /** Site buckets around the charge (from 48 h before it), or null when the site has none. */
  buckets: SiteEnergyBucket[] | null;
};

/** The columns of `charging_sessions` that place, cost and solar attribution fill. */
export type PricedColumns = {
  locationId: string | null;
  locationName: string | null;
  cost: number | null;
  costWithoutSolar: number | null;
  costCurrency: string | null;
  /** The energy from the wall the cost is of, and how it is known (lib/stats `pricingEnergy`). */
  pricedKwh: number | null;
  pricingBasis: PricingBasis | null;
  solarKwh: number | null;
  batteryKwh: number | null;
  gridKwh: number | null;
  solarPercentage: number | null;
  attributionRule: string | null;
  splitBucketMinutes: number | null;
};

const r3 = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Place, solar split and cost of one session. Every session is priced on energy from the wall
 * (lib/stats `pricingEnergy`: a Tesla meter's record, the car's measure, else energy added ÷ a
 * typical efficiency): the profile keeps its shape in time and is scaled to that energy, so the
 * tariff and the solar split (the home's meter sees wall energy) both see it. The split is made
 * only for a closed home charge whose whole span the site's buckets already cover (otherwise it
 * stays null and a later run, after the day's history arrived, fills it). Cost uses the
 * location's tariff, or the real fee.
 */
export function priceCharge(c: ChargeToPrice, ctx: PricingContext): PricedColumns {
  const location = chargeLocation(c, ctx.places);
  const tariff = location?.tariffId ? (ctx.places.tariffs.find((t) => t.id === location.tariffId) ?? null) : null;
  const priced = pricingEnergy(c);
  const profileKwh = c.profile.reduce((s, p) => s + p.kwh, 0);
  const scale = priced !== null && profileKwh > 0 ? priced.kwh / profileKwh : 1;
  const profile = c.profile.map((p) => ({ ...p, kwh: p.kwh * scale }));
  const end = Math.max(0, ...profile.map((p) => p.to.getTime()));
  const home = (location?.isHome ?? false) || c.knownHome;
  const covered = ctx.buckets !== null && ctx.buckets.length > 0 && Math.max(...ctx.buckets.map((b) => b.end.getTime())) >= end;
  const split =
    home && c.closed && covered && profile.length > 0 && c.chargerKind !== 'supercharger' && c.chargerKind !== 'dc'
      ? splitChargeEnergy(profile, ctx.buckets ?? [], { rule: ctx.rule })
      : null;
  const cost = chargingCost({
    profile,
    tariff,
    timeZone: ctx.timeZone,
    solarProfile: split?.solarProfile,
    chargerKind: c.chargerKind,
    freeSupercharging: c.freeSupercharging,
    actualFee: c.actualFee,
  });
  return {
    locationId: location?.id ?? null,
    locationName: location?.name ?? null,
    cost: cost.costWithSolarCredit,
    costWithoutSolar: cost.costWithoutSolar,
    costCurrency: cost.currency,
    pricedKwh: priced ? r3(priced.kwh) : null,
    pricingBasis: priced?.basis ?? null,
    solarKwh: split ? r3(split.solarKwh) : null,
    batteryKwh: split ? r3(split.batteryKwh) : null,
    gridKwh: split ? r3(split.gridKwh) : null,
    solarPercentage: split ? Math.round(split.solarPercentage * 100) / 100 : null,
    attributionRule: split ? ctx.rule : null,
    splitBucketMinutes: split ? splitResolution(profile, ctx.buckets ?? []) : null,
  };
}

/**
 * The longest site bucket (minutes) overlapping the charge, or just before it (the current bucket of
 * a day being read is cut at the moment it was read; the one before it shows its full length): how
 * finely its split could follow the sun.
 */
function splitResolution(profile: readonly EnergySegment[], buckets: readonly SiteEnergyBucket[]): number | null {
  const from = Math.min(...profile.map((p) => p.from.getTime()));
  const to = Math.max(...profile.map((p) => p.to.getTime()));
  const sorted = [...buckets].sort((a, b) => a.start.getTime() - b.start.getTime());
  const first = sorted.findIndex((b) => b.end.getTime() > from && b.start.getTime() < to);
  if (first < 0) return null;
  const lengths = sorted
    .filter((b, i) => i === first - 1 || (b.end.getTime() > from && b.start.getTime() < to))
    .map((b) => b.end.getTime() - b.start.getTime());
  return Math.round(Math.max(...lengths) / 60_000);
}

function chargeLocation(c: ChargeToPrice, places: Places): LocationRow | null {
  const match = matchPlace({ latitude: c.latitude, longitude: c.longitude }, places.locations);
  return match?.location ?? (c.knownHome ? (places.locations.find((l) => l.isHome) ?? null) : null);
}

/** Whether a solar split can be made at all (closed AC home charge): only then are the site's buckets read. */
export function splitPossible(c: ChargeToPrice, places: Places): boolean {
  const home = (chargeLocation(c, places)?.isHome ?? false) || c.knownHome;
  return home && c.closed && c.profile.length > 0 && c.chargerKind !== 'supercharger' && c.chargerKind !== 'dc';
}

/**
 * A fingerprint of everything `priceCharge` reads except the buckets: the charge, the rule, and
 * the places and tariffs (ids and edit times). A stored session whose split is made and whose
 * fingerprint is unchanged keeps its priced columns (closed periods' buckets do not change).
 */
export function pricingKey(c: ChargeToPrice, ctx: Omit<PricingContext, 'buckets'>): string {
  const places = [...ctx.places.locations, ...ctx.places.tariffs].map((p) => `${p.id}@${p.updatedAt.getTime()}`).sort();
  return createHash('sha256')
    .update(JSON.stringify([c, ctx.rule, ctx.timeZone, places]))
    .digest('base64url')
    .slice(0, 22);
}

/** Energy spread evenly over a span: the profile of a session known only from a history record. */
export function uniformProfile(from: Date, to: Date, kwh: number | null): EnergySegment[] {
  if (kwh === null || kwh <= 0) return [];
  return [{ from, to: to.getTime() > from.getTime() ? to : new Date(from.getTime() + 60_000), kwh }];
}

/** A session as priceCharge sees it: its stored (or derived) columns, its energy profile, closed or not. */
export type ChargeRecord = {
  source: ChargeSource;
  /** From the wall: Tesla's history's metered kWh (Wall Connector, Supercharger sources), else the car's own measure. */
  energyUsedKwh: number | null;
  energyAddedKwh: number | null;
  cost: number | null;
  costCurrency: string | null;
  chargerType: ChargerKind | null;
  latitude: number | null;
  longitude: number | null;
  profile: EnergySegment[];
  closed: boolean;
};

/**
 * The one way a session becomes priceCharge's input: Tesla's histories' metered energy (Wall
 * Connector, Supercharger) and billed fee (Supercharger) are taken as given; any other session's
 * `energyUsedKwh` is the car's own measure; a Wall Connector session is at home even without a position.
 */
export function chargeToPrice(s: ChargeRecord, freeSupercharging: boolean): ChargeToPrice {
  const meteredBy = s.source === 'wall_connector' ? 'wall_connector' : s.source === 'supercharger_history' ? 'supercharger' : null;
  return {
    profile: s.profile,
    chargerKind: s.chargerType,
    latitude: s.latitude,
    longitude: s.longitude,
    meteredKwh: meteredBy ? s.energyUsedKwh : null,
    meteredBy,
    measuredKwh: meteredBy ? null : s.energyUsedKwh,
    addedKwh: s.energyAddedKwh,
    actualFee:
      s.source === 'supercharger_history' && s.cost !== null && s.costCurrency ? { amount: s.cost, currency: s.costCurrency } : null,
    freeSupercharging,
    knownHome: s.source === 'wall_connector',
    closed: s.closed,
  };
}

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
