/**
 * Vehicle physics in SI-ish units: traction power from rolling resistance and drag, HVAC load
 * from outdoor temperature, AC/DC charging power curves. Efficiency therefore varies with speed
 * and temperature, as the issue asks.
 */
const MPH_TO_MS = 0.44704;
const DRIVETRAIN_EFFICIENCY = 0.88;
const ROLLING_RESISTANCE = 0.0095;
const AIR_DENSITY = 1.2;

/** Battery-side power (kW) to cruise at `mph` with outdoor `tempC`, incl. HVAC and electronics. */
export function drivePowerKw(mph: number, tempC: number, massKg: number, cdA: number): number {
  const v = mph * MPH_TO_MS;
  const traction = (ROLLING_RESISTANCE * massKg * 9.81 * v + 0.5 * AIR_DENSITY * cdA * v ** 3) / 1000;
  // Stop-and-go overhead: acceleration losses matter more in town.
  const urban = mph < 45 ? 1.35 - (mph / 45) * 0.25 : 1.1;
  return (traction * urban) / DRIVETRAIN_EFFICIENCY + hvacKw(tempC) + 0.25;
}

/** Cabin heating/cooling draw, kW (heat pump). */
export function hvacKw(tempC: number): number {
  return 0.12 * Math.max(0, 18 - tempC) + 0.08 * Math.max(0, tempC - 24);
}

/** Typical cruise speed for a leg of this length, mph. */
export function cruiseMph(distanceMiles: number): number {
  if (distanceMiles < 6) return 27;
  if (distanceMiles < 20) return 42;
  return 64;
}

/** Wall-to-battery efficiency of AC charging (onboard charger + overheads). */
export const AC_EFFICIENCY = 0.9;
/** Supercharger-meter-to-battery efficiency. */
export const DC_EFFICIENCY = 0.95;

/** Wall power (kW) an AC session draws at `socPct`: EVSE × car limit, tapering above 97 %. */
export function acWallKw(evseKw: number, carMaxKw: number, socPct: number): number {
  const p = Math.min(evseKw, carMaxKw);
  return socPct > 97 ? p * Math.max(0.25, (100 - socPct) / 3) : p;
}

const DC_CURVE: readonly (readonly [number, number])[] = [
  [0, 0.75],
  [10, 1],
  [20, 1],
  [30, 0.8],
  [50, 0.5],
  [70, 0.3],
  [80, 0.2],
  [90, 0.12],
  [100, 0.04],
];

/** Supercharger power (kW, at the stall) at `socPct`: peak at low SoC, tapering to ~10 kW. */
export function dcStallKw(carMaxKw: number, stallMaxKw: number, socPct: number, tempC: number): number {
  const soc = Math.min(100, Math.max(0, socPct));
  let f = DC_CURVE[DC_CURVE.length - 1]?.[1] ?? 0;
  for (let i = 1; i < DC_CURVE.length; i++) {
    const [s1, f1] = DC_CURVE[i - 1] as readonly [number, number];
    const [s2, f2] = DC_CURVE[i] as readonly [number, number];
    if (soc <= s2) {
      f = f1 + ((f2 - f1) * (soc - s1)) / (s2 - s1);
      break;
    }
  }
  const cold = tempC < 5 ? 0.7 : 1; // no preconditioning modelled
  return Math.max(8, Math.min(carMaxKw, stallMaxKw) * f * cold);
}
