import { randomBytes, scryptSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '@/db/client';
import { loginAttempts, userConfig } from '@/db/schema';
import { checkOwnerLogin, LOGIN_MAX_FAILURES } from '@/lib/auth/owner';
import { clientAddress, isLocalRequest, limitKey } from '@/lib/http/client-address';
import { HttpError } from '@/lib/http/errors';
import { testDriver } from '../../setup/test-db';
import { useEmptyDb } from '../../setup/seeded-db';

/**
 * Issue 15, item 1: the login limit cannot be bypassed. The client address is the socket's (or
 * what a configured number of trusted proxies saw), never a value the client chooses; attempts are
 * recorded before the password is checked, atomically; a global limit slows guessing from many
 * addresses; old rows are pruned.
 */
let h: DbHandle;
useEmptyDb((handle) => (h = handle));

const PASSWORD = 'correct horse battery';
const NOW = new Date('2026-06-01T12:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
// Loaded when used, so the limit tests below also run (and fail) on the code before this module existed.
const headers = async (h: Record<string, string>, socket: string) =>
  new Headers((await import('@/lib/http/peer-address')).stampPeerForTests(h, socket));

/**
 * The owner, with the password stored at a small scrypt cost (N=2^10): the limits do not depend on
 * the cost, and this file checks a few dozen wrong passwords (a correct one is rehashed at today's cost).
 */
async function setOwner(password: string): Promise<void> {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N: 1024, r: 8, p: 1 });
  await h.db
    .insert(userConfig)
    .values({ ownerPasswordHash: ['scrypt', 1024, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$') });
}

async function statusOf(p: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof HttpError) return err.status;
    throw err;
  }
}

describe('the client address', () => {
  const direct = { hops: 0, vercel: false };
  it('is the socket address, whatever X-Forwarded-For or X-Real-IP the client sends', async () => {
    const spoofed = await headers({ 'x-forwarded-for': '198.51.100.7', 'x-real-ip': '198.51.100.8' }, '::ffff:203.0.113.9');
    expect(clientAddress(spoofed, direct)).toBe('203.0.113.9');
    expect(clientAddress(await headers({}, '::1'), direct)).toBe('::1');
  });

  it('behind N trusted proxies is the entry N hops from the right of X-Forwarded-For + socket', async () => {
    // The client forged the first entry; proxy 1 appended what it saw; proxy 2 (the socket) appended proxy 1.
    const chain = await headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.2' }, '127.0.0.1');
    expect(clientAddress(chain, { hops: 1, vercel: false })).toBe('10.0.0.2');
    expect(clientAddress(chain, { hops: 2, vercel: false })).toBe('203.0.113.9');
    // A request that skipped the proxies cannot reach further left than it has entries.
    expect(clientAddress(await headers({}, '203.0.113.50'), { hops: 1, vercel: false })).toBe('203.0.113.50');
  });

  it("on Vercel is Vercel's own header; without a stamp from our server it is unknown, never the client's header", () => {
    const h1 = new Headers({ 'x-vercel-forwarded-for': '203.0.113.9', 'x-forwarded-for': '6.6.6.6' });
    expect(clientAddress(h1, { hops: 0, vercel: true })).toBe('203.0.113.9');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '6.6.6.6' }), direct)).toBe('unknown');
    // A stamp forged by the client (without this process's nonce) is no stamp.
    expect(clientAddress(new Headers({ 'x-tessie-peer': 'guess direct 127.0.0.1' }), direct)).toBe('unknown');
  });

  it('is local only from a loopback socket with no forwarding header, never on Vercel', async () => {
    expect(isLocalRequest(await headers({}, '::ffff:127.0.0.1'), direct)).toBe(true);
    expect(isLocalRequest(await headers({}, '::1'), direct)).toBe(true);
    expect(isLocalRequest(await headers({ 'x-forwarded-for': '203.0.113.9' }, '127.0.0.1'), direct)).toBe(false); // a proxy on this machine
    expect(isLocalRequest(await headers({}, '192.168.1.20'), direct)).toBe(false);
    expect(isLocalRequest(await headers({}, '127.0.0.1'), { hops: 0, vercel: true })).toBe(false);
  });

  it('counts IPv6 clients by their /64 network', () => {
    expect(limitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(limitKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(limitKey('203.0.113.9')).toBe('203.0.113.9');
  });
});

describe(`login limits on ${testDriver()}`, () => {
  it('records each attempt before the password is checked: parallel guesses get no more than the limit', async () => {
    await setOwner(PASSWORD);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => checkOwnerLogin(h.db, { password: `guess ${i}`, client: '203.0.113.9', now: NOW })),
    );
    const checked = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected' && (r.reason as HttpError).status === 429);
    expect(checked).toHaveLength(LOGIN_MAX_FAILURES);
    expect(refused).toHaveLength(12 - LOGIN_MAX_FAILURES);
    expect(await statusOf(checkOwnerLogin(h.db, { password: PASSWORD, client: '203.0.113.9', now: NOW }))).toBe(429);
    // The owner elsewhere is not locked out by it.
    expect(await checkOwnerLogin(h.db, { password: PASSWORD, client: '198.51.100.1', now: NOW })).toBe(true);
  });

  it('slows everyone down once many addresses have failed, with a growing delay', async () => {
    await setOwner(PASSWORD);
    // 20 addresses, one wrong guess each, a second apart: below every per-address limit.
    for (let i = 0; i < 20; i++) {
      expect(await checkOwnerLogin(h.db, { password: 'wrong', client: `203.0.113.${i}`, now: at(i * 1000) })).toBe(false);
    }
    // The 21st address is refused until 1 s after the last failure, then gets one guess…
    expect(await statusOf(checkOwnerLogin(h.db, { password: 'wrong', client: '198.51.100.1', now: at(19_500) }))).toBe(429);
    expect(await checkOwnerLogin(h.db, { password: 'wrong', client: '198.51.100.1', now: at(20_000) })).toBe(false);
    // …after which the wait doubles (2 s).
    expect(await statusOf(checkOwnerLogin(h.db, { password: 'wrong', client: '198.51.100.2', now: at(21_500) }))).toBe(429);
    expect(await checkOwnerLogin(h.db, { password: 'wrong', client: '198.51.100.2', now: at(22_000) })).toBe(false);
    // The owner waits like everyone, then gets in.
    expect(await statusOf(checkOwnerLogin(h.db, { password: PASSWORD, client: '192.0.2.1', now: at(23_000) }))).toBe(429);
    expect(await checkOwnerLogin(h.db, { password: PASSWORD, client: '192.0.2.1', now: at(26_000) })).toBe(true);
  });

  it('prunes attempts older than a day', async () => {
    await setOwner(PASSWORD);
    await h.db.insert(loginAttempts).values([
      { at: at(-3 * 86_400_000), client: 'old', succeeded: false },
      { at: at(-25 * 3_600_000), client: 'old', succeeded: true },
      { at: at(-3_600_000), client: 'recent', succeeded: false },
    ]);
    await checkOwnerLogin(h.db, { password: PASSWORD, client: '203.0.113.9', now: NOW });
    const rows = await queryRows<{ client: string }>(h.db, sql`select client from login_attempts order by at`);
    expect(rows.map((r) => r.client)).toEqual(['recent', '203.0.113.9']);
  });
});
