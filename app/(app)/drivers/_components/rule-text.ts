import type { DriverRule } from '@/lib/stats/driver-rules';

export const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** A rule in words, e.g. "Mon, Tue 07:00–09:00 · Red · from Home". */
export function ruleText(rule: DriverRule, names: { vehicles: Record<string, string>; locations: Record<string, string> }): string {
  const parts: string[] = [];
  const days = rule.days
    ? [...rule.days]
        .sort((a, b) => a - b)
        .map((d) => DAY_NAMES[d])
        .join(', ')
    : 'Every day';
  parts.push(rule.from && rule.to ? `${days} ${rule.from}–${rule.to}` : days);
  if (rule.vehicleId) parts.push(names.vehicles[rule.vehicleId] ?? 'a removed car');
  if (rule.startLocationId) parts.push(`from ${names.locations[rule.startLocationId] ?? 'a removed place'}`);
  return parts.join(' · ');
}
