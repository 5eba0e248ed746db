/** Great-circle geometry on WGS84 degrees, shared by the stats (place matching) and the simulator (routes). */
const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * The haversine central angle between two points, in radians: multiply by a sphere's radius for
 * the distance along it (the mean Earth radius in metres, or in miles).
 */
export function centralAngleRad(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const dLat = rad(bLat - aLat);
  const dLon = rad(bLon - aLon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(aLat)) * Math.cos(rad(bLat)) * Math.sin(dLon / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}
