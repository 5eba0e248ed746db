import 'server-only';
import { listPlaces } from '@/db/queries/sync-sessions';
import { listVehicleRows, upsertVehicles, type VehicleRow } from '@/db/queries/sync-vehicles';
import type { Connectivity } from '@/db/schema';
import { log } from '@/lib/log';
import { emptyTally, withUnreadableTally } from '@/lib/tesla';
import { SyncBudgetExceeded, createBudget, type SyncContext } from './context';
import { ensureSites, homeSite, syncSite } from './energy-step';
import { smartPolicy } from './policy';
import { finishRun, startRun } from './runs';
import { repriceUnbased } from './reprice';
import { readAttributionRule } from './settings';
import { DEFAULT_LIMITS, type SyncDeps, type SyncOptions, type SyncSummary } from './types';
import { syncVehicle } from './vehicle-step';
import { knownZone } from '@/lib/time';

export type { SyncDeps, SyncOptions, SyncSummary, SyncLimits } from './types';

/**
 * One sync run (cron, "sync now", the self-hosted scheduler, demo seeding all call this).
 * - Lock: `startRun` admits one running run across processes; an overlapping call records a
 *   'skipped' run and returns at once.
 * - Bounded: at most `maxVehicles` vehicles (least recently synced first), `maxRequests` Tesla
 *   calls and `maxDurationMs`; what does not fit is left for the next run (still 'succeeded').
 * - Cars and sites are independent: per vehicle `Promise.allSettled`, each site on its own; a failing
 *   vehicle list still syncs the sites (against the stored cars), a failing /products or site_info
 *   still syncs the cars, and a closed day whose history cannot be read is retried on a back-off
 *   while the days after it are read. The run is 'failed' only when nothing synced, otherwise
 *   'succeeded' with the failures listed in `error`. Home charges are split against `homeSite`.
 * - Safe to repeat and to crash: samples are keyed by the car's timestamp, sessions and drives by
 *   natural keys and re-derived from stored samples, so a run killed half-way leaves complete rows
 *   and the next run converges to the same rows; each session is upserted in its own transaction.
 * - Lenient with Tesla: what Tesla sent that could not be read (values read as null, entries left
 *   out) never stops the run; it is counted per path in `sync_runs.tesla_unreadable`, and in
 *   `counts.tesla_fields_nulled` / `counts.tesla_entries_skipped`.
 */
export async function runSync(deps: SyncDeps, opts: SyncOptions): Promise<SyncSummary> {
  const { db } = deps;
  const startedAt = deps.now();
  const run = await startRun(db, { trigger: opts.trigger, now: startedAt });
  if (!run.started) return { runId: null, status: 'skipped', counts: {}, requests: 0, error: 'Another sync was running.' };

  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const budget = createBudget(limits);
  const counts: Record<string, number> = {};
  const count = (key: string, n = 1) => {
    counts[key] = (counts[key] ?? 0) + n;
  };
  const errors: string[] = [];
  let status: 'succeeded' | 'failed' = 'succeeded';
  /** Vehicles and sites that synced: with failures, the run failed only when none did. */
  let units = 0;
  const unreadable = emptyTally();
  await withUnreadableTally(unreadable, async () => {
    try {
      let pricing: ReturnType<SyncContext['pricing']> | undefined;
      const ctx: SyncContext = {
        db,
        tesla: deps.tesla,
        now: deps.now,
        policy: deps.policy ?? smartPolicy,
        fresh: opts.fresh ?? false,
        pricing: () => (pricing ??= Promise.all([listPlaces(db), readAttributionRule(db)]).then(([places, rule]) => ({ places, rule }))),
        site: null,
        observationGapMs: limits.observationGapMs,
        count,
        report: (failure) => errors.push(failure),
        nextDecision: (at) => {
          const inS = Math.max(0, Math.round((at.getTime() - startedAt.getTime()) / 1000));
          counts.next_decision_in_s = Math.min(counts.next_decision_in_s ?? Infinity, inS);
        },
        call: (fn) => budget.call(fn),
      };
      // Cars and sites are independent: a failing vehicle list still lets the sites sync (against
      // the stored cars), a failing /products or site still lets the cars sync.
      let listed: Awaited<ReturnType<typeof deps.tesla.getVehicles>> = [];
      let rows: VehicleRow[];
      try {
        listed = await ctx.call(() => deps.tesla.getVehicles());
        rows = await upsertVehicles(
          db,
          listed.map((v) => ({ teslaId: v.id, vin: v.vin, displayName: v.displayName })),
        );
      } catch (err) {
        if (err instanceof SyncBudgetExceeded) throw err;
        errors.push(`vehicles: ${messageOf(err)}`);
        rows = await listVehicleRows(db);
      }
      const sites = await ensureSites(ctx);
      const site = homeSite(sites);
      ctx.site = site ? { id: site.id, timeZone: knownZone(site.timeZone) } : null;
      const state = new Map(listed.map((v) => [v.vin, v.state as Connectivity]));
      const batch = rows.filter((r) => state.has(r.vin)).slice(0, limits.maxVehicles);
      const results = await Promise.allSettled(batch.map((v) => syncVehicle(ctx, v, state.get(v.vin)!)));
      let budgetReached = 0; // failures that are the run's budget running out, not errors of Tesla's or ours
      results.forEach((r, i) => {
        if (r.status !== 'rejected') return units++;
        if (r.reason instanceof SyncBudgetExceeded) budgetReached++;
        errors.push(`${batch[i]!.vin}: ${messageOf(r.reason)}`);
        ctx.nextDecision(startedAt); // unfinished work: worth the very next tick
      });
      count('vehicles', batch.length);
      for (const s of sites) {
        try {
          await syncSite(ctx, s, rows);
          units++;
        } catch (err) {
          if (err instanceof SyncBudgetExceeded) throw err;
          errors.push(`site ${s.teslaSiteId}: ${messageOf(err)}`);
        }
      }
      // After the cars and sites: sessions they added from history, or priced before the pricing basis was recorded.
      try {
        await repriceUnbased(ctx, rows);
      } catch (err) {
        if (err instanceof SyncBudgetExceeded) throw err;
        errors.push(`re-pricing: ${messageOf(err)}`);
      }
      const real = errors.length - budgetReached;
      if (budgetReached > 0) count('budget_reached');
      if (real > 0 && units === 0) status = 'failed';
    } catch (err) {
      if (err instanceof SyncBudgetExceeded) count('budget_reached');
      else {
        status = 'failed';
        errors.push(messageOf(err));
      }
    }
  });
  const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  if (total(unreadable.fields) > 0) count('tesla_fields_nulled', total(unreadable.fields));
  if (total(unreadable.entries) > 0) count('tesla_entries_skipped', total(unreadable.entries));
  const error = errors.length > 0 ? errors.join('; ').slice(0, 2000) : undefined;
  if (error) log.warn(`Sync ${opts.trigger}: ${error}`);
  const requests = await finishRun(db, run.id, { status, now: deps.now(), counts, requestsSince: startedAt, error, unreadable });
  return { runId: run.id, status, counts, requests, ...(error ? { error } : {}) };
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
