/** Great-circle helpers on WGS84 degrees. */
import { centralAngleRad } from '@/lib/geo';

const R_MILES = 3958.8;
const rad = (d: number) => (d * Math.PI) / 180;

export interface LatLon {
  lat: number;
  lon: number;
}

export function haversineMiles(a: LatLon, b: LatLon): number {
  return R_MILES * centralAngleRad(a.lat, a.lon, b.lat, b.lon);
}

/** Initial bearing a → b in whole degrees 0–359. */
export function bearingDeg(a: LatLon, b: LatLon): number {
  const y = Math.sin(rad(b.lon - a.lon)) * Math.cos(rad(b.lat));
  const x = Math.cos(rad(a.lat)) * Math.sin(rad(b.lat)) - Math.sin(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(b.lon - a.lon));
  return Math.round(((Math.atan2(y, x) * 180) / Math.PI + 360) % 360) % 360;
}

/**
 * Point at fraction f of a gently curved route a → b: the straight line bowed sideways by
 * `bow` × its length at mid-route, so positions look like a road rather than a ruler.
 */
export function alongRoute(a: LatLon, b: LatLon, f: number, bow = 0.08): LatLon {
  const side = Math.sin(Math.PI * f) * bow;
  return {
    lat: a.lat + (b.lat - a.lat) * f - (b.lon - a.lon) * side * Math.cos(rad(a.lat)),
    lon: a.lon + (b.lon - a.lon) * f + ((b.lat - a.lat) * side) / Math.cos(rad(a.lat)),
  };
}

/** A point `milesNorth`/`milesEast` from `origin` (scenario geometry). */
export function offsetMiles(origin: LatLon, milesNorth: number, milesEast: number): LatLon {
  return {
    lat: origin.lat + milesNorth / 69.05,
    lon: origin.lon + milesEast / (69.17 * Math.cos(rad(origin.lat))),
  };
}
