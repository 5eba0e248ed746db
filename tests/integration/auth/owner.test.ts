import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { userConfig } from '@/db/schema';
import { createApiToken, listApiTokens, revokeApiToken, verifyApiToken } from '@/lib/auth/api-tokens';
import { checkOwnerLogin, isOwnerSetUp, LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS, setOwnerPassword } from '@/lib/auth/owner';
import { HttpError } from '@/lib/http/errors';
import { openTestDb, testDriver, truncateAll } from '../../setup/test-db';

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => h.close());
beforeEach(async () => truncateAll(h));

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
    expect(row!.ownerPasswordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row!.ownerPasswordHash).not.toContain(PASSWORD);
    expect(await httpStatusOf(setOwnerPassword(h.db, 'another long password'))).toBe(409);
    // OWNER_PASSWORD from the environment replaces it (force).
    await setOwnerPassword(h.db, 'from the environment', { force: true });
    expect(await checkOwnerLogin(h.db, { password: 'from the environment', client: 'a' })).toBe(true);
    expect(await h.db.select().from(userConfig)).toHaveLength(1);
  });

  it('two first-run setups at once leave exactly one owner', async () => {
    const results = await Promise.allSettled([setOwnerPassword(h.db, 'first password!'), setOwnerPassword(h.db, 'second password')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await h.db.select().from(userConfig)).toHaveLength(1);
  });

  it('rate-limits failed logins per client, even for the right password, until the window passes', async () => {
    await setOwnerPassword(h.db, PASSWORD);
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
    expect(await verifyApiToken(h.db, token)).toBe(true);
    expect(await verifyApiToken(h.db, `${token}x`)).toBe(false);
    const listed = await listApiTokens(h.db);
    expect(listed).toEqual([expect.objectContaining({ id: info.id, name: 'home assistant', prefix: token.slice(0, 10) })]);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed[0]!.lastUsedAt).toBeInstanceOf(Date);
    await revokeApiToken(h.db, info.id);
    expect(await verifyApiToken(h.db, token)).toBe(false);
    expect(await listApiTokens(h.db)).toEqual([]);
    expect(await httpStatusOf(revokeApiToken(h.db, info.id))).toBe(404);
  });

  it('accept the API_TOKEN from the environment', async () => {
    const envToken = 'an-env-token-for-headless-setups';
    expect(await verifyApiToken(h.db, envToken, envToken)).toBe(true);
    expect(await verifyApiToken(h.db, 'something-else-entirely-123', envToken)).toBe(false);
  });
});
