import { z } from 'zod';

/**
 * The sync's own bookkeeping on a charging session (`charging_sessions.sync_meta`), never Tesla's
 * payload. Written by the derivation and by reconciliation as this JSON shape (instants as ISO
 * strings); read back only through `readSessionSyncMeta`, which checks it with zod.
 */
const segment = z.object({ from: z.string(), to: z.string(), kwh: z.number() });
const wallConnectorSpan = z.object({ start: z.string(), durationS: z.number(), kwh: z.number() });

export const sessionSyncMetaSchema = z.object({
  /** What the derivation saw: still charging, gone quiet while charging, wall-to-battery efficiency, samples. */
  open: z.boolean().optional(),
  stale: z.boolean().optional(),
  efficiency: z.number().nullable().optional(),
  sampleCount: z.number().optional(),
  firstObservedAt: z.string().optional(),
  endObservedAt: z.string().nullable().optional(),
  /** The derivation's wall energy over time (kWh per segment): re-pricing uses it when no Wall Connector record is matched. */
  profile: z.array(segment).optional(),
  /** The inputs the stored price was made from (lib/sync/price-charge.ts `pricingKey`): the same key, the price stands. */
  pricingKey: z.string().optional(),
  /** The Wall Connector's records matched to this session (start, seconds drawing power, metered kWh). */
  wallConnector: z.array(wallConnectorSpan).optional(),
  /** The highest power a sample reported: with `billedSpan`, the peak is this or the billed average, whichever is higher. */
  peakSeenKw: z.number().nullable().optional(),
  /** The Supercharger history's start and stop of this charge (ISO): the session's span covers them (`withBilledSpan`). */
  billedSpan: z.object({ startedAt: z.string(), endedAt: z.string() }).optional(),
  /** The session was added from Tesla's history, with no samples of its own. */
  fromHistory: z.literal(true).optional(),
});

export type SessionSyncMeta = z.infer<typeof sessionSyncMetaSchema>;
export type WallConnectorSpan = z.infer<typeof wallConnectorSpan>;

/** The stored bookkeeping, checked; anything unreadable reads as none (the session is then re-priced from its columns). */
export function readSessionSyncMeta(json: unknown): SessionSyncMeta {
  const parsed = sessionSyncMetaSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : {};
}

/**
 * A session's span widened to cover the Supercharger history's billed start and stop, when the
 * history matched it: polling sees the edges late, Tesla's times are the charge's own. An open
 * session stays open.
 */
export function withBilledSpan(
  span: { startedAt: Date; endedAt: Date | null },
  meta: SessionSyncMeta,
): { startedAt: Date; endedAt: Date | null } {
  const own = { startedAt: span.startedAt, endedAt: span.endedAt };
  if (!meta.billedSpan) return own;
  const start = Date.parse(meta.billedSpan.startedAt);
  const end = Date.parse(meta.billedSpan.endedAt);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return own;
  return {
    startedAt: new Date(Math.min(own.startedAt.getTime(), start)),
    endedAt: own.endedAt === null ? null : new Date(Math.max(own.endedAt.getTime(), end)),
  };
}
