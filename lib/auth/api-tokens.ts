import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiTokens } from '@/db/schema';
import { HttpError } from '@/lib/http/errors';
import { clock } from '@/lib/clock';

/**
 * API tokens for scripts and other tools (`Authorization: Bearer ts_…`). The token is shown once
 * at creation; only its SHA-256 is stored (tokens are 256-bit random, so a fast hash is enough).
 */
const PREFIX = 'ts_';
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export type ApiTokenInfo = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null };

export async function createApiToken(db: Db, name: string): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const [row] = await db
    .insert(apiTokens)
    .values({ name, tokenHash: sha256(token), prefix: token.slice(0, 10) })
    .returning({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    });
  return { token, info: row! };
}

export async function listApiTokens(db: Db): Promise<ApiTokenInfo[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(isNull(apiTokens.revokedAt))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, id: string): Promise<void> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: clock.now() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (rows.length === 0) throw new HttpError(404, 'not_found', 'No such API token.');
}

/** True for a live stored token or the API_TOKEN from the environment (compared in constant time). */
export async function verifyApiToken(db: Db, token: string, envToken?: string): Promise<boolean> {
  if (envToken) {
    const a = Buffer.from(sha256(token));
    const b = Buffer.from(sha256(envToken));
    if (timingSafeEqual(a, b)) return true;
  }
  if (!token.startsWith(PREFIX)) return false;
  const rows = await db
    .update(apiTokens)
    .set({ lastUsedAt: clock.now() })
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
