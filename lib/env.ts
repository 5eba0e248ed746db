import { createPublicKey, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { API_TOKEN_SCOPES } from '../db/tables/account';
import { parseClockSetting } from './clock';
import { log } from './log';

/**
 * Every environment variable the app reads, parsed once with zod.
 * With no env file at all the embedded demo works: PGlite in ./.data/pglite and secrets
 * generated once into ./.data/secrets.json (mode 0600).
 */
const hex64 = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes): openssl rand -hex 32');
const secret = z.string().min(32, 'must be at least 32 characters: openssl rand -base64 32');
const boolish = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const optionalUrl = z.url().optional();

/**
 * TESLA_PUBLIC_KEY: the EC public key (prime256v1) Tesla fetches from
 * /.well-known/appspecific/com.tesla.3p.public-key.pem. Accepted as PEM (newlines may be written
 * as \n) or as the base64 of the PEM file (one line, easier in dashboards); stored as PEM.
 */
export function normalizePublicKeyPem(raw: string): string | undefined {
  const text = raw.includes('BEGIN PUBLIC KEY') ? raw.replace(/\\n/g, '\n') : Buffer.from(raw.trim(), 'base64').toString('utf8');
  if (!text.includes('-----BEGIN PUBLIC KEY-----')) return undefined;
  try {
    const key = createPublicKey(text);
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return undefined;
    return key.export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    return undefined;
  }
}
const publicKeyPem = z.string().transform((raw, ctx) => {
  const pem = normalizePublicKeyPem(raw);
  if (!pem)
    ctx.addIssue({
      code: 'custom',
      message: 'must be an EC prime256v1 public key, as PEM or base64 of the PEM (npm run tesla:setup prints it)',
    });
  return pem ?? '';
});

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_PREPARE: boolish.default(true),
  DATA_DIR: z.string().min(1).default('./.data'),
  PGLITE_DIR: z.string().min(1).optional(),
  ENCRYPTION_KEY: hex64.optional(),
  AUTH_SECRET: secret.optional(),
  CRON_SECRET: secret.optional(),
  OWNER_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  API_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** What API_TOKEN may do: comma-separated scopes (read, sync, admin). */
  API_TOKEN_SCOPES: z
    .string()
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.enum(API_TOKEN_SCOPES, 'must be a comma-separated list of read, sync and admin')).min(1))
    .default(['read']),
  /** How many reverse proxies in front of the app append to X-Forwarded-For (0: the socket's address is the client's). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** The key values were encrypted with before ENCRYPTION_KEY, while `npm run keys:rotate` re-encrypts them. */
  ENCRYPTION_KEY_PREVIOUS: hex64.optional(),
  TESLA_MODE: z.enum(['simulator', 'live']).default('simulator'),
  SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  DEMO_SCENARIO: z.enum(['commuter', 'two-cars', 'solar-home', 'real-life']).default('commuter'),
  DEMO_DAYS: z.coerce.number().int().min(1).max(1100).default(90),
  DEMO_SEED: z.coerce.number().int().min(0).default(1),
  TESLA_FLEET_API_URL: optionalUrl,
  TESLA_AUTH_URL: optionalUrl,
  /** Browser authorize page of the OAuth connect flow (default https://auth.tesla.com/oauth2/v3/authorize; China: auth.tesla.cn). */
  TESLA_AUTHORIZE_URL: optionalUrl,
  /** OAuth redirect URI registered in the Tesla developer app (default: <this server's origin>/api/tesla/callback). */
  TESLA_REDIRECT_URI: optionalUrl,
  /** The app's public key served at /.well-known/appspecific/com.tesla.3p.public-key.pem (404 while unset). */
  TESLA_PUBLIC_KEY: publicKeyPem.optional(),
  TESLA_CLIENT_ID: z.string().min(1).optional(),
  TESLA_CLIENT_SECRET: z.string().min(1).optional(),
  /** Fleet API region used until region discovery (a 421) says otherwise. */
  TESLA_REGION: z.enum(['na', 'eu', 'cn']).default('na'),
  TESLA_RATE_PER_SECOND: z.coerce.number().positive().max(50).default(1),
  TESLA_RATE_PER_MINUTE: z.coerce.number().int().positive().max(3000).default(10),
  /** api_cache TTL for live reads; 0 disables the cache. */
  TESLA_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(120),
  TESLA_MAX_WAKES_PER_DAY: z.coerce.number().int().min(0).default(2),
  /** Priced calls stop once this month's Fleet API cost reaches it (Tesla credits $10 a month). */
  TESLA_MONTHLY_BUDGET_USD: z.coerce.number().min(0).default(10),
  VERCEL: z.string().optional(),
  /** The app's clock for the demo and tests (lib/clock): `<ISO 8601 instant with offset>[@<epoch ms>]`. */
  TESSIE_CLOCK: z
    .string()
    .refine(
      (v) => parseClockSetting(v) !== undefined,
      'must be an ISO 8601 instant with offset, e.g. 2026-03-29T00:05:00+01:00 (optionally @<epoch ms> of the wall clock it was read at)',
    )
    .optional(),
});

export type Env = Omit<z.infer<typeof EnvSchema>, 'ENCRYPTION_KEY' | 'AUTH_SECRET' | 'CRON_SECRET' | 'PGLITE_DIR'> & {
  ENCRYPTION_KEY: string;
  AUTH_SECRET: string;
  CRON_SECRET: string;
  PGLITE_DIR: string;
  /** Where the secrets came from: the environment, or the generated demo file. */
  secretsSource: 'env' | 'generated';
};

export class EnvError extends Error {
  override name = 'EnvError';
}

const SECRET_KEYS = ['ENCRYPTION_KEY', 'AUTH_SECRET', 'CRON_SECRET'] as const;

/** Parses an environment (process.env by default). Throws EnvError with every problem listed. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const env = result.data;
  const missing = SECRET_KEYS.filter((k) => !env[k]);
  const needsRealSecrets = (env.NODE_ENV === 'production' && env.TESLA_MODE === 'live') || Boolean(env.VERCEL);
  if (missing.length > 0 && needsRealSecrets) {
    throw new EnvError(
      `Missing ${missing.join(', ')}: required in production with a real Tesla account (TESLA_MODE=live) and on Vercel. ` +
        'Generate ENCRYPTION_KEY with `openssl rand -hex 32`, the others with `openssl rand -base64 32`.',
    );
  }
  if (env.TESSIE_CLOCK && env.TESLA_MODE === 'live') {
    throw new EnvError(
      'TESSIE_CLOCK is for the demo and tests only: a real Tesla account runs on the real clock (unset it, or use TESLA_MODE=simulator).',
    );
  }
  const generated = missing.length > 0 ? loadOrCreateDemoSecrets(env.DATA_DIR) : undefined;
  return {
    ...env,
    PGLITE_DIR: env.PGLITE_DIR ?? path.join(env.DATA_DIR, 'pglite'),
    ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? generated!.ENCRYPTION_KEY,
    // A rotation of the generated key (npm run keys:rotate) keeps the old key in the file until it is done.
    ENCRYPTION_KEY_PREVIOUS: env.ENCRYPTION_KEY_PREVIOUS ?? (env.ENCRYPTION_KEY ? undefined : generated!.ENCRYPTION_KEY_PREVIOUS),
    AUTH_SECRET: env.AUTH_SECRET ?? generated!.AUTH_SECRET,
    CRON_SECRET: env.CRON_SECRET ?? generated!.CRON_SECRET,
    secretsSource: missing.length > 0 ? 'generated' : 'env',
  };
}

export type DemoSecrets = Record<(typeof SECRET_KEYS)[number], string> & { ENCRYPTION_KEY_PREVIOUS?: string };
const DemoSecretsSchema = z.object({
  ENCRYPTION_KEY: hex64,
  AUTH_SECRET: secret,
  CRON_SECRET: secret,
  ENCRYPTION_KEY_PREVIOUS: hex64.optional(),
});

/** The generated secrets file of a data folder. */
export const secretsFile = (dataDir: string) => path.join(dataDir, 'secrets.json');

/**
 * Creates a folder (and its missing parents) readable by this user only (mode 0700): the data folder
 * holds the embedded database and the generated keys.
 */
export function makePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700); // whatever the umask
}

/** Reads `<dataDir>/secrets.json`, creating it (mode 0600) the first time. Never logs the values. */
export function loadOrCreateDemoSecrets(dataDir: string): DemoSecrets {
  const file = secretsFile(dataDir);
  if (existsSync(file)) {
    const parsed = DemoSecretsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new EnvError(`${file} is not a valid secrets file: delete it to generate a new one.`);
    return parsed.data;
  }
  const secrets: DemoSecrets = {
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    CRON_SECRET: randomBytes(32).toString('base64url'),
  };
  makePrivateDir(dataDir);
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  log.info(
    `Generated demo secrets (ENCRYPTION_KEY, AUTH_SECRET, CRON_SECRET) into ${file} (mode 0600). Set them in the environment for production.`,
  );
  return secrets;
}

let cached: Env | undefined;

/** The process's parsed environment, computed once. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
