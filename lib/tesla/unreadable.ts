import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { z } from 'zod';
import type { TeslaUnreadable } from '@/db/schema';
import { readLeniently, type Lenient, type Unreadable } from '@/lib/fleet-api';
import { log } from '@/lib/log';

/**
 * What Tesla sent that the app could not read. Every payload the app uses is read field by field
 * (`readTesla`); each field that became null and each entry left out is
 * - logged once per process per path (paths only: never a value, never a token), and
 * - counted in the tally of the sync run whose call brought it (`withUnreadableTally`: the run's
 *   async context, so concurrent route handlers never add to a run's count).
 * Only answers that came from Tesla now are reported: a cached answer read again was reported
 * when it arrived.
 */
/** Field path (`vehicle_data.charge_state.charger_power`) → values read as null; entry path (`products[]`) → entries left out. */
export type UnreadableTally = TeslaUnreadable;

export const emptyTally = (): UnreadableTally => ({ fields: {}, entries: {} });

const runTally = new AsyncLocalStorage<UnreadableTally>();
const logged = new Set<string>();

const WHAT: Record<Unreadable['kind'], string> = {
  invalid: 'a value of the wrong type or out of range',
  missing: 'no value for a field it always sent before',
  unknown_value: 'a value the app does not know',
  dropped: 'an entry the app could not use',
};

/** Logs (once per process per path) and counts what could not be read. */
export function reportUnreadable(items: readonly Unreadable[]): void {
  const tally = runTally.getStore();
  for (const u of items) {
    const key = `${u.kind} ${u.path}`;
    if (!logged.has(key)) {
      logged.add(key);
      log.warn(
        `Tesla sent ${WHAT[u.kind]} at ${u.path}: ${u.kind === 'dropped' ? 'left out' : 'read as null'}, the rest kept (logged once per process).`,
      );
    }
    if (tally) {
      const counts = u.kind === 'dropped' ? tally.entries : tally.fields;
      counts[u.path] = (counts[u.path] ?? 0) + 1;
    }
  }
}

/** Runs `fn` (a sync run) with `tally` collecting what its Tesla calls could not read. */
export function withUnreadableTally<T>(tally: UnreadableTally, fn: () => Promise<T>): Promise<T> {
  return runTally.run(tally, fn);
}

/**
 * Reads one Tesla payload with its schema, field by field (lib/fleet-api/lenient.ts). `what` names
 * the endpoint in reported paths (`vehicle_data`, `products`). `report`: the payload came from
 * Tesla just now (false for a cache entry read again).
 */
export function readTesla<S extends z.ZodType>(what: string, schema: S, payload: unknown, report: boolean): Lenient<z.output<S>> | null {
  const { value, unreadable } = readLeniently(schema, payload, what);
  if (report) reportUnreadable(unreadable);
  return value;
}
