import 'server-only';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The app's EC key pair on disk, for `npm run tesla:setup` only (not exported from lib/tesla's
 * index: the server never touches these files, it serves TESLA_PUBLIC_KEY from the environment).
 */
export type KeyFiles = { dir: string; privateKeyPath: string; publicKeyPath: string; publicKeyPem: string };

/** Writes a new prime256v1 key pair into `dir` (private key mode 0600). Refuses to overwrite either file. */
export function writeKeyPair(dir: string): KeyFiles {
  const privateKeyPath = path.join(dir, 'private-key.pem');
  const publicKeyPath = path.join(dir, 'com.tesla.3p.public-key.pem');
  for (const f of [privateKeyPath, publicKeyPath]) {
    if (existsSync(f))
      throw new Error(`${f} already exists: refusing to overwrite a key Tesla may already know. Move it away or pass another --out.`);
  }
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const privatePem = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(privateKeyPath, privatePem, { mode: 0o600, flag: 'wx' });
  chmodSync(privateKeyPath, 0o600);
  writeFileSync(publicKeyPath, publicKeyPem, { mode: 0o644, flag: 'wx' });
  return { dir, privateKeyPath, publicKeyPath, publicKeyPem };
}

/** The pair in `dir`: the existing one (both files present), a new one (neither present); never overwrites one file. */
export function keysIn(dir: string): KeyFiles & { created: boolean } {
  const privateKeyPath = path.join(dir, 'private-key.pem');
  const publicKeyPath = path.join(dir, 'com.tesla.3p.public-key.pem');
  const have = [privateKeyPath, publicKeyPath].filter((f) => existsSync(f));
  if (have.length === 2) return { dir, privateKeyPath, publicKeyPath, publicKeyPem: readFileSync(publicKeyPath, 'utf8'), created: false };
  if (have.length === 1) throw new Error(`Only ${have[0]} exists in ${dir}: refusing to overwrite it. Move it away or pass another --out.`);
  return { ...writeKeyPair(dir), created: true };
}
