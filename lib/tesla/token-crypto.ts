import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TokenDecryptError } from './errors';

/**
 * AES-256-GCM for Tesla tokens at rest. Key: ENCRYPTION_KEY, 64 hex chars (32 bytes). Every
 * encryption draws a fresh random 12-byte IV; the 16-byte auth tag is stored next to the
 * ciphertext, so any change to ciphertext, IV or tag (or a different key) fails to decrypt with
 * TokenDecryptError instead of yielding garbage. All three parts are base64.
 */
export type EncryptedSecret = { ciphertext: string; iv: string; tag: string };

const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyBytes(hexKey: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hexKey)) throw new Error('ENCRYPTION_KEY must be 64 hex characters (openssl rand -hex 32)');
  return Buffer.from(hexKey, 'hex');
}

export function encryptSecret(plaintext: string, hexKey: string): EncryptedSecret {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(hexKey), iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { ciphertext: ciphertext.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Decrypts, or throws TokenDecryptError naming `what` (never the value). */
export function decryptSecret(secret: EncryptedSecret, hexKey: string, what = 'token'): string {
  const key = keyBytes(hexKey);
  try {
    const iv = Buffer.from(secret.iv, 'base64');
    const tag = Buffer.from(secret.tag, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('bad iv or tag length');
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(secret.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new TokenDecryptError(what);
  }
}
