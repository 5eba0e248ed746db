import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EnvError, normalizePublicKeyPem, parseEnv } from '@/lib/env';

const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
// Set before the route first reads the environment (env() is computed once per process).
process.env.TESLA_PUBLIC_KEY = Buffer.from(ec).toString('base64');

describe('TESLA_PUBLIC_KEY', () => {
  it('accepts PEM, PEM with escaped newlines, and base64 of the PEM; stores PEM', () => {
    expect(normalizePublicKeyPem(ec)).toBe(ec);
    expect(normalizePublicKeyPem(ec.replace(/\n/g, '\\n'))).toBe(ec);
    expect(normalizePublicKeyPem(Buffer.from(ec).toString('base64'))).toBe(ec);
  });
  it('refuses an RSA key, a private key and garbage with a clear message', () => {
    expect(normalizePublicKeyPem(rsa)).toBeUndefined();
    expect(normalizePublicKeyPem('not a key')).toBeUndefined();
    const priv = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(normalizePublicKeyPem(priv)).toBeUndefined();
    expect(() => parseEnv({ NODE_ENV: 'test', DATA_DIR: process.env.DATA_DIR, TESLA_PUBLIC_KEY: rsa })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: 'test', DATA_DIR: process.env.DATA_DIR, TESLA_PUBLIC_KEY: rsa })).toThrow(
      /TESLA_PUBLIC_KEY: must be an EC prime256v1 public key/,
    );
  });
});

describe('GET /.well-known/appspecific/com.tesla.3p.public-key.pem', () => {
  it('serves the configured key as PEM, publicly', async () => {
    const { GET } = await import('@/app/.well-known/appspecific/com.tesla.3p.public-key.pem/route');
    const res = GET();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-pem-file');
    expect(await res.text()).toBe(ec);
  });
});
