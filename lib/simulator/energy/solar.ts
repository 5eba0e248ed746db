/**
 * Clear-sky PV output from the sun's elevation (declination + hour angle, no equation of time),
 * scaled for a fixed tilted array. Returns W for the given peak power; weather is applied by the
 * caller. Good enough for realistic day shapes and seasons, not for yield estimates.
 */
const rad = Math.PI / 180;

export function sunElevationSin(ms: number, lat: number, lon: number): number {
  const date = new Date(ms);
  const doy = Math.floor((ms - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  const decl = 23.44 * rad * Math.sin((2 * Math.PI * (284 + doy)) / 365);
  const utcHours = date.getUTCHours() + date.getUTCMinutes() / 60 + date.getUTCSeconds() / 3600;
  const hourAngle = (utcHours + lon / 15 - 12) * 15 * rad;
  return Math.sin(lat * rad) * Math.sin(decl) + Math.cos(lat * rad) * Math.cos(decl) * Math.cos(hourAngle);
}

/** Clear-sky AC output in W of a `kWp` array at `ms` (0 at night). */
export function clearSkySolarW(ms: number, lat: number, lon: number, kWp: number): number {
  const s = sunElevationSin(ms, lat, lon);
  if (s <= 0.02) return 0;
  return kWp * 1000 * 0.85 * Math.pow(s, 0.7);
}
