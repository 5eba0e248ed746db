import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Owner password hashing: scrypt at OWASP's current parameters (N=2^17, r=8, p=1: 128 MiB and about
 * a third of a second per hash here), a random 16-byte salt per hash. Stored as
 * `scrypt$N$r$p$salt$hash` (base64url), so a hash made with older parameters is still checked, and
 * `needsRehash` tells the login to replace it. Hashes run one at a time per process: a burst of
 * logins waits instead of claiming 128 MiB each.
 */
export const SCRYPT_N = 2 ** 17;
const R = 8;
const P = 1;
const KEYLEN = 32;
export const MIN_PASSWORD_LENGTH = 10;

let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return oneAtATime(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r, p, maxmem: 128 * n * r * 2 }, (err, key) =>
          err ? reject(err) : resolve(key),
        ),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT_N, R, P);
  return ['scrypt', SCRYPT_N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time check; false for any malformed stored hash (or one with absurd parameters). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  if (Number(n) > 2 ** 20 || Number(r) > 32 || Number(p) > 16) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when a stored hash was made with weaker parameters than today's (the next login replaces it). */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) < SCRYPT_N || Number(r) < R || Number(p) < P;
}
