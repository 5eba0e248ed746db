import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import { setLogSink } from '@/lib/log';

const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'tessie-env-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const KEY = 'a'.repeat(64);
const SECRET = 'x'.repeat(40);

describe('parseEnv', () => {
  it('needs no env at all: embedded PGlite in the data folder, demo secrets generated once (0600)', () => {
    const DATA_DIR = dataDir();
    const lines: string[] = [];
    const level = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'info'; // the suite runs at 'warn'; this test reads an info line
    const restoreSink = setLogSink((_, line) => lines.push(line));
    const restore = () => {
      restoreSink();
      process.env.LOG_LEVEL = level;
    };
    const first = parseEnv({ DATA_DIR });
    const second = parseEnv({ DATA_DIR });
    restore();
    expect(first.DATABASE_URL).toBeUndefined();
    expect(first.PGLITE_DIR).toBe(path.join(DATA_DIR, 'pglite'));
    expect(first.PORT).toBe(3000);
    expect(first.TESLA_MODE).toBe('simulator');
    expect(first.secretsSource).toBe('generated');
    expect(first.ENCRYPTION_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(second.ENCRYPTION_KEY).toBe(first.ENCRYPTION_KEY);
    expect(second.AUTH_SECRET).toBe(first.AUTH_SECRET);
    const file = path.join(DATA_DIR, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).CRON_SECRET).toBe(first.CRON_SECRET);
    // Said once in the log, and the log never carries the values.
    expect(lines.filter((l) => l.includes('Generated demo secrets'))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain(first.ENCRYPTION_KEY);
    expect(lines.join('\n')).not.toContain(first.AUTH_SECRET);
  });

  it('lists every invalid variable with a message a person understands', () => {
    const run = () =>
      parseEnv({ DATA_DIR: dataDir(), PORT: 'eighty', DATABASE_URL: 'mysql://x', ENCRYPTION_KEY: 'short', TESLA_MODE: 'prod' });
    expect(run).toThrow(EnvError);
    const message = (() => {
      try {
        run();
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
    expect(message).toContain('ENCRYPTION_KEY: must be 64 hex characters');
    expect(message).toContain('TESLA_MODE');
  });

  it('requires real secrets in production with a live Tesla account, and on Vercel', () => {
    expect(() => parseEnv({ DATA_DIR: dataDir(), NODE_ENV: 'production', TESLA_MODE: 'live' })).toThrow(
      /Missing ENCRYPTION_KEY, AUTH_SECRET, CRON_SECRET/,
    );
    expect(() => parseEnv({ DATA_DIR: dataDir(), VERCEL: '1', ENCRYPTION_KEY: KEY })).toThrow(/Missing AUTH_SECRET, CRON_SECRET/);
    const ok = parseEnv({ NODE_ENV: 'production', TESLA_MODE: 'live', ENCRYPTION_KEY: KEY, AUTH_SECRET: SECRET, CRON_SECRET: SECRET });
    expect(ok.secretsSource).toBe('env');
    expect(ok.ENCRYPTION_KEY).toBe(KEY);
  });

  it('treats empty strings as unset and parses DATABASE_PREPARE=false for poolers', () => {
    const e = parseEnv({ DATA_DIR: dataDir(), DATABASE_URL: '', DATABASE_PREPARE: 'false', PGLITE_DIR: 'memory://' });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.DATABASE_PREPARE).toBe(false);
    expect(e.PGLITE_DIR).toBe('memory://');
  });
});
