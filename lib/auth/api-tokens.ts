import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { API_TOKEN_SCOPES, apiTokens, type ApiTokenScope } from '@/db/schema';
import { HttpError } from '@/lib/http/errors';
import { clock } from '@/lib/clock';

/**
 * API tokens for scripts and other tools (`Authorization: Bearer ts_…`). The token is shown once
 * at creation; only its SHA-256 is stored (tokens are 256-bit random, so a fast hash is enough).
 * Each has scopes (`read` by default; `sync`, `admin`): lib/http/handler.ts refuses a route the
 * token's scopes do not cover.
 */
const PREFIX = 'ts_';
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export type ApiTokenInfo = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiTokenScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
};

const infoColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  scopes: apiTokens.scopes,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
};

/** Scopes in their canonical order, without repeats. */
export const sortScopes = (scopes: readonly ApiTokenScope[]): ApiTokenScope[] => API_TOKEN_SCOPES.filter((s) => scopes.includes(s));

export async function createApiToken(
  db: Db,
  name: string,
  scopes: readonly ApiTokenScope[] = ['read'],
): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const [row] = await db
    .insert(apiTokens)
    .values({ name, tokenHash: sha256(token), prefix: token.slice(0, 10), scopes: sortScopes(scopes) })
    .returning(infoColumns);
  return { token, info: row! };
}

export async function listApiTokens(db: Db): Promise<ApiTokenInfo[]> {
  return db.select(infoColumns).from(apiTokens).where(isNull(apiTokens.revokedAt)).orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, id: string): Promise<void> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: clock.now() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (rows.length === 0) throw new HttpError(404, 'not_found', 'No such API token.');
}

/**
 * The scopes of a live stored token (its last use is recorded) or of the API_TOKEN from the
 * environment (compared in constant time); null for anything else.
 */
export async function verifyApiToken(
  db: Db,
  token: string,
  envToken?: { token: string; scopes: readonly ApiTokenScope[] },
): Promise<ApiTokenScope[] | null> {
  if (envToken) {
    const a = Buffer.from(sha256(token));
    const b = Buffer.from(sha256(envToken.token));
    if (timingSafeEqual(a, b)) return sortScopes(envToken.scopes);
  }
  if (!token.startsWith(PREFIX)) return null;
  const rows = await db
    .update(apiTokens)
    .set({ lastUsedAt: clock.now() })
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
    .returning({ scopes: apiTokens.scopes });
  return rows[0] ? rows[0].scopes : null;
}
