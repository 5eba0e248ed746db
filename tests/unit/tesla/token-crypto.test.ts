import { describe, expect, it } from 'vitest';
import { TokenDecryptError } from '@/lib/tesla';
import { decryptColumn, decryptSecret, encryptColumn, encryptSecret, keyId, needsReencryption } from '@/lib/tesla/token-crypto';

const KEY = 'a'.repeat(64);
const OTHER_KEY = 'b'.repeat(64);
const TOKEN = 'EU_refresh-token-secret-value-0123456789';

/** Flips one bit of a base64 value. */
function flip(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[0] = bytes[0]! ^ 0x01;
  return bytes.toString('base64');
}

describe('token-crypto (AES-256-GCM)', () => {
  it('round-trips and uses a fresh random 12-byte IV and a 16-byte tag each time', () => {
    const a = encryptSecret(TOKEN, KEY);
    const b = encryptSecret(TOKEN, KEY);
    expect(decryptSecret(a, KEY)).toBe(TOKEN);
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.tag, 'base64')).toHaveLength(16);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).not.toContain(TOKEN);
  });

  it.each([
    ['ciphertext', (s: ReturnType<typeof encryptSecret>) => ({ ...s, ciphertext: flip(s.ciphertext) })],
    ['iv', (s: ReturnType<typeof encryptSecret>) => ({ ...s, iv: flip(s.iv) })],
    ['tag', (s: ReturnType<typeof encryptSecret>) => ({ ...s, tag: flip(s.tag) })],
  ])('detects a tampered %s with a clear error that does not contain the token', (_part, tamper) => {
    const sealed = encryptSecret(TOKEN, KEY);
    let caught: unknown;
    try {
      decryptSecret(tamper(sealed), KEY, 'refresh token');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TokenDecryptError);
    const e = caught as TokenDecryptError;
    expect(e.message).toMatch(/refresh token could not be decrypted.*tampered/);
    expect(`${e.message} ${JSON.stringify(e)} ${String(e.stack)}`).not.toContain(TOKEN);
  });

  it('refuses a different key, and a key that is not 64 hex chars', () => {
    const sealed = encryptSecret(TOKEN, KEY);
    expect(() => decryptSecret(sealed, OTHER_KEY)).toThrow(TokenDecryptError);
    expect(() => encryptSecret(TOKEN, 'abc')).toThrow(/64 hex/);
  });
});

describe('stored tokens: bound to their column and key (issue 15, item 7)', () => {
  it('carry the key id, decrypt only for their own column, and refuse an unknown key id', () => {
    const sealed = encryptColumn(TOKEN, KEY, 'refresh token');
    expect(sealed.ciphertext.startsWith(`v1.${keyId(KEY)}.`)).toBe(true);
    expect(keyId(KEY)).not.toContain(KEY.slice(0, 8));
    expect(decryptColumn(sealed, KEY, 'refresh token')).toBe(TOKEN);
    expect(() => decryptColumn(sealed, KEY, 'access token')).toThrow(TokenDecryptError);
    const relabelled = { ...sealed, ciphertext: sealed.ciphertext.replace(keyId(KEY), keyId(OTHER_KEY)) };
    expect(() => decryptColumn(relabelled, { current: OTHER_KEY, previous: [KEY] }, 'refresh token')).toThrow(TokenDecryptError);
  });

  it('are read with a previous key while being rotated, and say when they need re-encrypting', () => {
    const old = encryptColumn(TOKEN, KEY, 'access token');
    const ring = { current: OTHER_KEY, previous: [KEY] };
    expect(decryptColumn(old, ring, 'access token')).toBe(TOKEN);
    expect(() => decryptColumn(old, OTHER_KEY, 'access token')).toThrow(TokenDecryptError);
    expect(needsReencryption(old, ring)).toBe(true);
    expect(needsReencryption(encryptColumn(TOKEN, ring, 'access token'), ring)).toBe(false);
    // A value stored before key ids existed is still read, and marked for re-encryption.
    const legacy = encryptSecret(TOKEN, KEY);
    expect(decryptColumn(legacy, ring, 'refresh token')).toBe(TOKEN);
    expect(needsReencryption(legacy, ring)).toBe(true);
  });
});
