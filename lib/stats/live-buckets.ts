import type { energyStates } from '@/db/schema';
import { HOUR_MS, MINUTE_MS } from '@/lib/time';
import type { SiteEnergyBucket } from './solar-split';

export type LiveSample = Pick<
  typeof energyStates.$inferSelect,
  'timestamp' | 'solarPowerW' | 'batteryPowerW' | 'gridPowerW' | 'loadPowerW'
>;

/**
 * Buckets from `live_status` snapshots, for when calendar_history is too coarse. Each snapshot's
 * powers hold until the next one, for at most `maxGapMs` (default 15 min; longer gaps stay uncovered).
 * Flows are allocated the way the gateway does (sign conventions of energy_states: battery > 0
 * discharging, grid > 0 importing): solar serves the load first; a discharging Powerwall serves
 * the rest; the grid covers what remains; a charging Powerwall takes surplus solar first, then grid.
 */
export function bucketsFromLiveStatus(samples: readonly LiveSample[], maxGapMs = 15 * MINUTE_MS): SiteEnergyBucket[] {
  const sorted = [...samples].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  const out: SiteEnergyBucket[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const s = sorted[i] as LiveSample;
    const start = s.timestamp.getTime();
    const end = Math.min((sorted[i + 1] as LiveSample).timestamp.getTime(), start + maxGapMs);
    const h = (end - start) / HOUR_MS / 1000;
    if (h <= 0) continue;
    const solarW = Math.max(0, s.solarPowerW ?? 0);
    const loadW = Math.max(0, s.loadPowerW ?? 0);
    const batteryW = s.batteryPowerW ?? 0;
    const solarToHome = Math.min(solarW, loadW);
    const batteryToHome = batteryW > 0 ? Math.min(batteryW, loadW - solarToHome) : 0;
    const gridToHome = Math.max(0, loadW - solarToHome - batteryToHome);
    const charge = batteryW < 0 ? -batteryW : 0;
    const solarToBattery = Math.min(charge, solarW - solarToHome);
    out.push({
      start: new Date(start),
      end: new Date(end),
      homeFromSolarKwh: solarToHome * h,
      homeFromBatteryKwh: batteryToHome * h,
      homeFromGridKwh: gridToHome * h,
      batteryFromSolarKwh: solarToBattery * h,
      batteryFromGridKwh: (charge - solarToBattery) * h,
      batteryDischargedKwh: Math.max(0, batteryW) * h,
    });
  }
  return out;
}
