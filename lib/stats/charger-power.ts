import type { VehicleStateRow } from './types';

export type ChargerKind = 'ac' | 'dc' | 'supercharger';

type PowerSample = Pick<
  VehicleStateRow,
  | 'chargingState'
  | 'chargerPowerKw'
  | 'chargerVoltage'
  | 'chargerActualCurrent'
  | 'chargerPhases'
  | 'fastChargerPresent'
  | 'fastChargerType'
  | 'fastChargerBrand'
>;

/** `fast_charger_type` values that name an AC adapter rather than a DC charger. */
const AC_ADAPTER_TYPES = new Set(['ACSingleWireCAN', 'MCSingleWireCAN', '<invalid>']);

function mode(values: readonly number[]): number | null {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

/**
 * The phase factor to multiply `voltage × current` by on AC, decided once per session (TeslaMate's
 * `determine_phases`, reference §7.2). The car's own `charger_phases` is not always right: some cars
 * report 3 phases with the phase-to-neutral voltage but a current that makes V·I·3 disagree with
 * `charger_power`, or the line-to-line voltage so the true factor is √3. So the factor measured from
 * `charger_power·1000 / (V·I)` decides:
 * - it rounds to the reported (modal) phase count → that count;
 * - the car reports 3 and the measure is within 10 % of √3 → √3;
 * - the measure is within 0.3 of an integer → that integer;
 * - otherwise null: fall back to `charger_power` (whole kW only, hence the preference for V·I).
 */
export function acPhaseFactor(samples: readonly PowerSample[]): number | null {
  const usable = samples.filter(
    (s) =>
      s.chargingState === 'Charging' &&
      (s.chargerPhases ?? 0) > 0 &&
      (s.chargerPowerKw ?? 0) > 0 &&
      (s.chargerActualCurrent ?? 0) > 0 &&
      (s.chargerVoltage ?? 0) > 50,
  );
  if (usable.length === 0) return null;
  const measured =
    usable.reduce((sum, s) => sum + ((s.chargerPowerKw ?? 0) * 1000) / ((s.chargerVoltage ?? 1) * (s.chargerActualCurrent ?? 1)), 0) /
    usable.length;
  const reported = mode(usable.map((s) => s.chargerPhases ?? 0));
  if (reported !== null && Math.round(measured) === reported) return reported;
  if (reported === 3 && Math.abs(measured / Math.sqrt(3) - 1) <= 0.1) return Math.sqrt(3);
  if (Math.abs(Math.round(measured) - measured) <= 0.3 && Math.round(measured) > 0) return Math.round(measured);
  return null;
}

/**
 * Power drawn from the charger (kW) at one sample: `V × I × phaseFactor` on AC when the factor is
 * known, else `charger_power`. Zero unless the car reports `Charging`.
 */
export function wallPowerKw(s: PowerSample, phaseFactor: number | null): number {
  if (s.chargingState !== 'Charging') return 0;
  const v = s.chargerVoltage ?? 0;
  const i = s.chargerActualCurrent ?? 0;
  if (phaseFactor !== null && v > 50 && i > 0) return (v * i * phaseFactor) / 1000;
  return Math.max(0, s.chargerPowerKw ?? 0);
}

/**
 * A sample at a Tesla Supercharger: `fast_charger_type` 'Supercharger', or a fast charger of the
 * brand 'Tesla' whatever its type (European Superchargers report `Combo` + brand `Tesla`: TeslaPy's
 * EU Model 3 payload, TeslaMate PR 3863, fleet-telemetry issue 356). An AC adapter is never one.
 */
export function atSupercharger(s: Pick<PowerSample, 'fastChargerPresent' | 'fastChargerType' | 'fastChargerBrand'>): boolean {
  if (s.fastChargerType === 'Supercharger') return true;
  return s.fastChargerBrand === 'Tesla' && s.fastChargerPresent === true && !AC_ADAPTER_TYPES.has(s.fastChargerType ?? '<invalid>');
}

/**
 * Charger kind from the charging samples: `supercharger` at a Tesla Supercharger (`atSupercharger`); `dc` when
 * a fast charger of another type (CCS `Combo`, CHAdeMO, GB…) is present, or when the car charges
 * with no AC phases and no AC current (TeslaMate's rule: modal phases null/0 ⇒ DC); else `ac`.
 * Null when no sample was charging.
 */
export function chargerKind(samples: readonly PowerSample[]): ChargerKind | null {
  const charging = samples.filter((s) => s.chargingState === 'Charging' || s.chargingState === 'Starting');
  if (charging.length === 0) return null;
  if (charging.some(atSupercharger)) return 'supercharger';
  if (charging.some((s) => s.fastChargerPresent === true && !AC_ADAPTER_TYPES.has(s.fastChargerType ?? '<invalid>'))) return 'dc';
  const powered = charging.filter((s) => (s.chargerPowerKw ?? 0) > 0);
  if (
    powered.length > 0 &&
    (mode(powered.map((s) => s.chargerPhases ?? 0)) ?? 0) === 0 &&
    powered.every((s) => (s.chargerActualCurrent ?? 0) === 0)
  ) {
    return 'dc';
  }
  return 'ac';
}
