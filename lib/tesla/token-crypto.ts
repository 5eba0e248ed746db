import 'server-only';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { TokenDecryptError } from './errors';

/**
 * AES-256-GCM for Tesla tokens at rest. Key: ENCRYPTION_KEY, 64 hex chars (32 bytes). Every
 * encryption draws a fresh random 12-byte IV; the 16-byte auth tag is stored next to the
 * ciphertext, so any change to ciphertext, IV or tag (or a different key) fails to decrypt with
 * TokenDecryptError instead of yielding garbage. All three parts are base64.
 *
 * Stored tokens (`encryptColumn`) are also bound to their column and key: the ciphertext is
 * `v1.<key id>.<base64>`, where the key id is a fingerprint of the key (not the key), and the
 * AES-GCM additional data names the column and the key id. A value copied into another column (the
 * refresh token's cipher into the access token's place) does not decrypt, and `Keyring.previous`
 * lets values made under an older key be read while `npm run keys:rotate` re-encrypts them.
 */
export type EncryptedSecret = { ciphertext: string; iv: string; tag: string };
/** The token columns of user_config, by what they hold. */
export type SecretColumn = 'refresh token' | 'access token';
/** The key new values are encrypted with, and older keys still accepted for reading. */
export type Keyring = { current: string; previous?: readonly string[] };

const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

function keyBytes(hexKey: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hexKey)) throw new Error('ENCRYPTION_KEY must be 64 hex characters (openssl rand -hex 32)');
  return Buffer.from(hexKey, 'hex');
}

/** A short public fingerprint of a key: says which key a value needs, reveals nothing about it. */
export function keyId(hexKey: string): string {
  return createHash('sha256').update(`tessie-stats/key-id/v1:${hexKey.toLowerCase()}`).digest('hex').slice(0, 12);
}

const aadFor = (column: SecretColumn, kid: string) => Buffer.from(`tessie-stats/user_config/${column}/${kid}`);

export function encryptSecret(plaintext: string, hexKey: string, aad?: Buffer): EncryptedSecret {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(hexKey), iv, { authTagLength: TAG_BYTES });
  if (aad) cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { ciphertext: ciphertext.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Decrypts, or throws TokenDecryptError naming `what` (never the value). */
export function decryptSecret(secret: EncryptedSecret, hexKey: string, what = 'token', aad?: Buffer): string {
  const key = keyBytes(hexKey);
  try {
    const iv = Buffer.from(secret.iv, 'base64');
    const tag = Buffer.from(secret.tag, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('bad iv or tag length');
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(secret.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new TokenDecryptError(what);
  }
}

const ring = (keys: string | Keyring): Keyring => (typeof keys === 'string' ? { current: keys } : keys);

/** Encrypts a token for its column under the current key. */
export function encryptColumn(plaintext: string, keys: string | Keyring, column: SecretColumn): EncryptedSecret {
  const { current } = ring(keys);
  const kid = keyId(current);
  const sealed = encryptSecret(plaintext, current, aadFor(column, kid));
  return { ...sealed, ciphertext: `${VERSION}.${kid}.${sealed.ciphertext}` };
}

/**
 * Decrypts a stored token of `column` with the key its id names (current or previous). A value from
 * before key ids existed (plain base64) is read with the current key, then the previous ones.
 */
export function decryptColumn(secret: EncryptedSecret, keys: string | Keyring, column: SecretColumn): string {
  const { current, previous = [] } = ring(keys);
  const [version, kid, body] = secret.ciphertext.split('.');
  if (version === VERSION && kid && body !== undefined) {
    const key = [current, ...previous].find((k) => keyId(k) === kid);
    if (!key) throw new TokenDecryptError(column);
    return decryptSecret({ ...secret, ciphertext: body }, key, column, aadFor(column, kid));
  }
  for (const key of [current, ...previous]) {
    try {
      return decryptSecret(secret, key, column);
    } catch {
      // the next key, if any
    }
  }
  throw new TokenDecryptError(column);
}

/** True when a stored value is not yet bound to its column under the current key (keys:rotate re-encrypts it). */
export function needsReencryption(secret: Pick<EncryptedSecret, 'ciphertext'>, keys: string | Keyring): boolean {
  const [version, kid] = secret.ciphertext.split('.');
  return version !== VERSION || kid !== keyId(ring(keys).current);
}
