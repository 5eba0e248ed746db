import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The setup code: until the owner password exists, /setup asks for it (except from this machine's
 * own browser), so whoever reaches a new install first cannot make themselves its owner. It is
 * derived from AUTH_SECRET (an HMAC, which tells nothing about the secret), so every instance of a
 * deployment prints and accepts the same code without storing it; it is useless once the password
 * is set. 12 characters of an alphabet without look-alikes: 60 bits, behind the login limits.
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ0123456789'; // 32 symbols, no I, L, O, U

export function setupCode(authSecret: string): string {
  const mac = createHmac('sha256', authSecret).update('tessie-stats/setup-code/v1').digest();
  const chars = Array.from({ length: 12 }, (_, i) => ALPHABET[mac[i]! % 32]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Compares what the owner typed (any case, spaces and dashes ignored; O read as 0, I and L as 1) in constant time. */
export function isSetupCode(input: string, authSecret: string): boolean {
  const clean = (s: string) => s.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1').slice(0, 64);
  const a = Buffer.from(clean(input).padEnd(64, '#'));
  const b = Buffer.from(clean(setupCode(authSecret)).padEnd(64, '#'));
  return timingSafeEqual(a, b) && clean(input).length === 12;
}
