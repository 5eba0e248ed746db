import { overlapMs } from '@/lib/time';

type Keyed = { sessionKey: string; startedAt: Date; endedAt: Date | null };

/**
 * Safety net for upserts: a derived session whose key is not stored yet but whose span overlaps a
 * stored session of the same vehicle (that no other derived session claims by key) takes the stored
 * key, so a session re-derived from a window that lost its first sample updates its row instead of
 * adding a twin. Pass one vehicle's sessions; `now` closes open spans.
 */
export function adoptExistingKeys<T extends Keyed>(derived: readonly T[], stored: readonly Keyed[], now: Date): T[] {
  const derivedKeys = new Set(derived.map((d) => d.sessionKey));
  const storedKeys = new Set(stored.map((s) => s.sessionKey));
  const free = stored.filter((s) => !derivedKeys.has(s.sessionKey));
  const span = (k: Keyed) => ({
    from: k.startedAt,
    to: k.endedAt && k.endedAt > k.startedAt ? k.endedAt : new Date(Math.max(now.getTime(), k.startedAt.getTime() + 1)),
  });
  return derived.map((d) => {
    if (storedKeys.has(d.sessionKey)) return d;
    const match = free
      .map((s) => ({ s, ms: overlapMs(span(s), span(d)) }))
      .filter((m) => m.ms > 0)
      .sort((a, b) => b.ms - a.ms)[0];
    if (!match) return d;
    free.splice(free.indexOf(match.s), 1);
    return { ...d, sessionKey: match.s.sessionKey };
  });
}
