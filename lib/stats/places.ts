import type { locations } from '@/db/schema';
import { centralAngleRad } from '@/lib/geo';
import type { GeoPoint } from './types';

/** The columns of a `locations` row used for matching. */
export type NamedLocation = Pick<
  typeof locations.$inferSelect,
  'id' | 'name' | 'latitude' | 'longitude' | 'radiusM' | 'tariffId' | 'isHome'
>;

export type PlaceMatch<L extends NamedLocation = NamedLocation> = { location: L; distanceM: number };

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function haversineM(a: GeoPoint, b: GeoPoint): number {
  return EARTH_RADIUS_M * centralAngleRad(a.latitude, a.longitude, b.latitude, b.longitude);
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
