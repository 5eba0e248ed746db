import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { userConfig } from '@/db/schema';
import { createApiToken, listApiTokens, revokeApiToken, verifyApiToken } from '@/lib/auth/api-tokens';
import { checkOwnerLogin, isOwnerSetUp, LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS, setOwnerPassword } from '@/lib/auth/owner';
import { HttpError } from '@/lib/http/errors';
import { testDriver } from '../../setup/test-db';
import { useEmptyDb } from '../../setup/seeded-db';

let h: DbHandle;
useEmptyDb((handle) => (h = handle));

const PASSWORD = 'correct horse battery';

async function httpStatusOf(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return err instanceof HttpError ? err.status : -1;
  }
}

describe(`owner account on ${testDriver()}`, () => {
  it('is set once: the password is stored hashed, a second setup is refused, a weak one too', async () => {
    expect(await isOwnerSetUp(h.db)).toBe(false);
    expect(await httpStatusOf(setOwnerPassword(h.db, 'short'))).toBe(422);
    await setOwnerPassword(h.db, PASSWORD);
    expect(await isOwnerSetUp(h.db)).toBe(true);
    const [row] = await h.db.select().from(userConfig);
    expect(row!.ownerPasswordHash).toMatch(/^scrypt\$131072\$8\$1\$/); // OWASP's scrypt parameters (N=2^17, r=8, p=1)
    expect(row!.ownerPasswordHash).not.toContain(PASSWORD);
    expect(await httpStatusOf(setOwnerPassword(h.db, 'another long password'))).toBe(409);
    // OWNER_PASSWORD from the environment replaces it (force).
    await setOwnerPassword(h.db, 'from the environment', { force: true });
    expect(await checkOwnerLogin(h.db, { password: 'from the environment', client: 'a' })).toBe(true);
    expect(await h.db.select().from(userConfig)).toHaveLength(1);
  });

  it('replaces a hash made with older scrypt parameters at the next login (issue 15, item 9)', async () => {
    // What the app stored before: N=2^15.
    const salt = randomBytes(16);
    const key = scryptSync(PASSWORD, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    await h.db
      .insert(userConfig)
      .values({ ownerPasswordHash: ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$') });
    expect(await checkOwnerLogin(h.db, { password: 'wrong password', client: 'a' })).toBe(false);
    expect((await h.db.select().from(userConfig))[0]!.ownerPasswordHash).toMatch(/^scrypt\$32768\$/); // not on a failure
    expect(await checkOwnerLogin(h.db, { password: PASSWORD, client: 'a' })).toBe(true);
    const [row] = await h.db.select().from(userConfig);
    expect(row!.ownerPasswordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(row!.credentialsVersion).toBe(1); // the same password: sessions stay
    expect(await checkOwnerLogin(h.db, { password: PASSWORD, client: 'a' })).toBe(true);
  });

  it('two first-run setups at once leave exactly one owner', async () => {
    const results = await Promise.allSettled([setOwnerPassword(h.db, 'first password!'), setOwnerPassword(h.db, 'second password')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await h.db.select().from(userConfig)).toHaveLength(1);
  });

  it('rate-limits failed logins per client, even for the right password, until the window passes', async () => {
    // Stored at a small scrypt cost: the limits do not depend on it, and this checks 8 passwords.
    const salt = randomBytes(16);
    const key = scryptSync(PASSWORD, salt, 32, { N: 1024, r: 8, p: 1 });
    await h.db
      .insert(userConfig)
      .values({ ownerPasswordHash: ['scrypt', 1024, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$') });
    const now = new Date('2026-06-01T12:00:00Z');
    expect(await checkOwnerLogin(h.db, { password: PASSWORD, client: 'attacker', now })).toBe(true);
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      expect(await checkOwnerLogin(h.db, { password: `guess ${i}`, client: 'attacker', now })).toBe(false);
    }
    expect(await httpStatusOf(checkOwnerLogin(h.db, { password: PASSWORD, client: 'attacker', now }))).toBe(429);
    expect(await checkOwnerLogin(h.db, { password: PASSWORD, client: 'owner-phone', now })).toBe(true);
    const later = new Date(now.getTime() + LOGIN_WINDOW_MS + 1000);
    expect(await checkOwnerLogin(h.db, { password: PASSWORD, client: 'attacker', now: later })).toBe(true);
  });
});

describe(`API tokens on ${testDriver()}`, () => {
  it('are shown once, stored hashed, listed without the secret, and stop working when revoked', async () => {
    const { token, info } = await createApiToken(h.db, 'home assistant');
    expect(token).toMatch(/^ts_[A-Za-z0-9_-]{43}$/);
    expect(await verifyApiToken(h.db, token)).toEqual(['read']); // read only, unless asked for more
    expect(await verifyApiToken(h.db, `${token}x`)).toBeNull();
    const listed = await listApiTokens(h.db);
    expect(listed).toEqual([
      expect.objectContaining({ id: info.id, name: 'home assistant', prefix: token.slice(0, 10), scopes: ['read'] }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed[0]!.lastUsedAt).toBeInstanceOf(Date);
    await revokeApiToken(h.db, info.id);
    expect(await verifyApiToken(h.db, token)).toBeNull();
    expect(await listApiTokens(h.db)).toEqual([]);
    expect(await httpStatusOf(revokeApiToken(h.db, info.id))).toBe(404);
  });

  it('accept the API_TOKEN from the environment, with the scopes API_TOKEN_SCOPES gives it', async () => {
    const envToken = { token: 'an-env-token-for-headless-setups', scopes: ['sync', 'read'] as const };
    expect(await verifyApiToken(h.db, envToken.token, envToken)).toEqual(['read', 'sync']);
    expect(await verifyApiToken(h.db, 'something-else-entirely-123', envToken)).toBeNull();
  });
});
