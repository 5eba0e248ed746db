import 'server-only';
import { eq, like, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { apiCache } from '@/db/schema';
import type { TeslaClock } from './clock';

/**
 * Read-through cache over `api_cache`, checked before every Tesla call. Entries hold the validated
 * Tesla payload (vendor shape; transforms run on read, so a transform change needs no purge).
 * - TTL: TESLA_CACHE_TTL_SECONDS (default 120 s); 0 disables the cache entirely (no reads, no writes).
 * - `permanent` entries (`expires_at` null) are for history of closed periods, which never changes.
 * - Expired entries are kept: an asleep car is answered with its last snapshot (`getStale`).
 * Keys are built by `cacheKey` and include every parameter that changes the answer (the endpoint
 * set of vehicle_data, history range and period). Times come from the client's clock.
 */
export type CacheEntry<T> = { payload: T; fetchedAt: Date; fresh: boolean };
export type CacheTtl = 'default' | 'permanent';

export function cacheKey(...parts: (string | number)[]): string {
  return ['tesla', ...parts.map(String)].join(':');
}

export function createCache(db: Db, clock: TeslaClock, ttlSeconds: number) {
  const enabled = ttlSeconds > 0;
  const inflight = new Map<string, Promise<unknown>>();

  async function read<T>(key: string, schema: z.ZodType<T>): Promise<CacheEntry<T> | undefined> {
    if (!enabled) return undefined;
    const [row] = await db.select().from(apiCache).where(eq(apiCache.key, key)).limit(1);
    if (!row) return undefined;
    const parsed = schema.safeParse(row.payload);
    if (!parsed.success) return undefined; // an entry from an older payload shape is a miss
    return { payload: parsed.data, fetchedAt: row.fetchedAt, fresh: row.expiresAt === null || row.expiresAt.getTime() > clock.now() };
  }

  async function put(key: string, payload: unknown, ttl: CacheTtl = 'default'): Promise<void> {
    if (!enabled) return;
    const now = clock.now();
    const expiresAt = ttl === 'permanent' ? null : new Date(now + ttlSeconds * 1000);
    const values = { key, payload: payload as object, fetchedAt: new Date(now), expiresAt };
    await db
      .insert(apiCache)
      .values(values)
      .onConflictDoUpdate({ target: apiCache.key, set: { payload: values.payload, fetchedAt: values.fetchedAt, expiresAt } });
  }

  return {
    enabled,
    /** A fresh entry, or undefined. */
    async getFresh<T>(key: string, schema: z.ZodType<T>): Promise<CacheEntry<T> | undefined> {
      const entry = await read(key, schema);
      return entry?.fresh ? entry : undefined;
    },
    /** Any entry, fresh or expired (for asleep cars). */
    getStale: read,
    put,
    async invalidate(key: string): Promise<void> {
      await db.delete(apiCache).where(eq(apiCache.key, key));
    },
    /**
     * Fresh entry, else `fetcher()` stored with `ttl`. Concurrent misses of one key in this process
     * share one fetch (with the cache disabled, every call fetches).
     */
    async readThrough<T>(
      key: string,
      schema: z.ZodType<T>,
      fetcher: () => Promise<T>,
      ttl: CacheTtl = 'default',
    ): Promise<{ value: T; source: 'cache' | 'live'; fetchedAt: Date }> {
      const hit = await this.getFresh(key, schema);
      if (hit) return { value: hit.payload, source: 'cache', fetchedAt: hit.fetchedAt };
      const running = enabled ? (inflight.get(key) as Promise<T> | undefined) : undefined;
      if (running) return { value: await running, source: 'live', fetchedAt: new Date(clock.now()) };
      const p = (async () => {
        const value = await fetcher();
        await put(key, value, ttl);
        return value;
      })();
      if (enabled) inflight.set(key, p);
      try {
        return { value: await p, source: 'live', fetchedAt: new Date(clock.now()) };
      } finally {
        inflight.delete(key);
      }
    },
    /** Deletes expired entries older than `olderThanMs` (the asleep-car fallback keeps the rest). */
    async prune(olderThanMs: number): Promise<number> {
      const rows = await db
        .delete(apiCache)
        .where(lt(apiCache.expiresAt, new Date(clock.now() - olderThanMs)))
        .returning({ key: apiCache.key });
      return rows.length;
    },
    /** Drops every entry of this module (used when the account is reconnected). */
    async clear(): Promise<void> {
      await db.delete(apiCache).where(like(apiCache.key, 'tesla:%'));
    },
  };
}

export type TeslaCache = ReturnType<typeof createCache>;
