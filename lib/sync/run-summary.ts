import { countOf } from '@/lib/format';

/**
 * What a sync run did, in words, from its `counts` (lib/sync/run-sync.ts): "1 car read, 3 car states,
 * 1 drive". Counts of nothing, and the bookkeeping ones (timers, budget, what Tesla sent unreadably:
 * that has its own line), are left out. Nouns are counted in the right number ("1 drive", never "1 drives").
 */
const NOUNS: [key: string, one: string, many: string][] = [
  ['vehicles', 'car read', 'cars read'],
  ['vehicle_states', 'car state', 'car states'],
  ['drives_upserted', 'drive', 'drives'],
  ['charges_upserted', 'charge', 'charges'],
  ['charges_inferred', 'inferred charge', 'inferred charges'],
  ['charges_repriced', 'charge repriced', 'charges repriced'],
  ['drivers_assigned', 'driver assigned', 'drivers assigned'],
  ['energy_states', 'Powerwall reading', 'Powerwall readings'],
  ['energy_buckets', 'energy interval', 'energy intervals'],
  ['energy_days_closed', 'energy day closed', 'energy days closed'],
  ['wakes', 'wake', 'wakes'],
];

export function runSummary(counts: Record<string, unknown> | null | undefined): string {
  return NOUNS.flatMap(([key, one, many]) => {
    const n = counts?.[key];
    return typeof n === 'number' && n > 0 ? [countOf(n, one, many)] : [];
  }).join(', ');
}
