import type { locations } from '@/db/schema';
import type { GeoPoint } from './types';

/** The columns of a `locations` row used for matching. */
export type NamedLocation = Pick<
  typeof locations.$inferSelect,
  'id' | 'name' | 'latitude' | 'longitude' | 'radiusM' | 'tariffId' | 'isHome'
>;

export type PlaceMatch<L extends NamedLocation = NamedLocation> = { location: L; distanceM: number };

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function haversineM(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The nearest location whose radius contains `point` (distance ≤ radius_m), or null. When radii
 * overlap the nearest centre wins, so a small "Office car park" inside a large "City" resolves to
 * the car park. A null or partial position matches nothing.
 */
export function matchPlace<L extends NamedLocation>(
  point: Partial<GeoPoint> | { latitude: number | null; longitude: number | null } | null | undefined,
  places: readonly L[],
): PlaceMatch<L> | null {
  if (point?.latitude == null || point.longitude == null) return null;
  const p = { latitude: point.latitude, longitude: point.longitude };
  let best: PlaceMatch<L> | null = null;
  for (const location of places) {
    const distanceM = haversineM(p, location);
    if (distanceM <= location.radiusM && (best === null || distanceM < best.distanceM)) best = { location, distanceM };
  }
  return best;
}
