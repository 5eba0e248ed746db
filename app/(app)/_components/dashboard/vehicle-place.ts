import type { VehicleSummary } from '@/db/queries/dashboard';
import type { LocationRow } from '@/db/queries/locations';
import { matchPlace } from '@/lib/stats';

export type LastPlace = { name: string | null; latitude: number; longitude: number; at: Date } | null;

/**
 * Where the car was last seen: the newest sample's position, or where the newest drive ended when
 * that is later (a car that fell asleep on arrival leaves no parked sample). Named by the owner's
 * places (nearest within its radius), else by the drive's own place name, else coordinates only.
 */
export function lastPlace(s: Pick<VehicleSummary, 'latest' | 'lastDrive'>, places: readonly LocationRow[]): LastPlace {
  const sample =
    s.latest?.latitude != null && s.latest.longitude != null
      ? { latitude: s.latest.latitude, longitude: s.latest.longitude, at: s.latest.timestamp }
      : null;
  const d = s.lastDrive;
  const arrival =
    d?.endedAt && d.endLatitude != null && d.endLongitude != null
      ? { latitude: d.endLatitude, longitude: d.endLongitude, at: d.endedAt, name: d.endPlace }
      : null;
  const point = arrival && (!sample || arrival.at > sample.at) ? arrival : sample;
  if (!point) return null;
  const named = matchPlace(point, places)?.location.name ?? (point === arrival ? arrival.name : null);
  return { name: named ?? null, latitude: point.latitude, longitude: point.longitude, at: point.at };
}

/** "Office" or "52.38340, 4.87166" (5 decimals ≈ 1 m). */
export function placeLabel(p: LastPlace): string {
  if (!p) return '–';
  return p.name ?? `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`;
}
