/**
 * Page render time with one week and with three years of history (issue 7's goal: three years no
 * slower than 1.3 × one week, because pages read indexes and daily aggregates, never all history).
 * Run: `npm run bench -- render` (needs a build; `node scripts/ensure-build.mjs` makes one).
 *
 * For each size a fresh embedded PGlite folder gets 7 demo days through the sync engine (the
 * demo's own start-up path). The three-year database then repeats that week 156 times back in time
 * inside SQL (every time column shifted by whole weeks, natural keys rebuilt), so it holds three
 * years of rows of every kind at the demo's density without 25 minutes of seeding; the newest week
 * is the same in both. `next start` serves each folder; a signed-in owner GETs the dashboard, the
 * charging page and the energy page: 3 warm-ups, then RENDER_RUNS (default 15) timed requests
 * each; the median is printed. RENDER_WEEKS changes the long history's length.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// lib/sync is server-only: re-run under the react-server condition.
if (!process.execArgv.some((a) => a.includes('react-server'))) {
  const res = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { LOG_LEVEL: 'error', ...process.env },
  });
  process.exit(res.status ?? 1);
}

const WEEKS = Number(process.env.RENDER_WEEKS ?? 156);
const RUNS = Number(process.env.RENDER_RUNS ?? 15);
const PORT = Number(process.env.RENDER_PORT ?? 3290);
const PASSWORD = 'bench owner password';
const SECRETS = { ENCRYPTION_KEY: '6d'.repeat(32), AUTH_SECRET: 'b'.repeat(40), CRON_SECRET: 'c'.repeat(40) };
Object.assign(process.env, SECRETS, { NODE_ENV: 'production' });
const PAGES = [
  ['dashboard', '/'],
  ['charging', '/charging'],
  ['energy', '/energy'],
] as const;

const { sql } = await import('drizzle-orm');
const { createDb, queryRows } = await import('@/db/client');
const { migrateDb } = await import('@/db/migrate');
const { prepareDemo } = await import('@/lib/sync/demo');

const build = spawnSync(process.execPath, ['scripts/ensure-build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

/** Tables holding history, each repeated back in time; `keys` rebuilds a natural key from a shifted column. */
const HISTORY: { table: string; at: string; keys?: Record<string, string> }[] = [
  { table: 'vehicle_states', at: 'timestamp' },
  { table: 'vehicle_activity', at: 'started_at' },
  { table: 'drives', at: 'started_at' },
  {
    table: 'charging_sessions',
    at: 'started_at',
    keys: { session_key: `vehicle_id || ':' || to_char(started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` },
  },
  { table: 'energy_states', at: 'timestamp' },
  { table: 'energy_buckets', at: 'start_at' },
  { table: 'energy_daily', at: 'date' },
  { table: 'api_requests', at: 'requested_at' },
  { table: 'sync_runs', at: 'started_at' },
];

async function repeatBack(db: import('@/db/client').Db, weeks: number): Promise<number> {
  let rows = 0;
  for (const { table, at, keys = {} } of HISTORY) {
    const cols = await queryRows<{ name: string; type: string; def: string | null }>(
      db,
      sql`select column_name as name, data_type as type, column_default as def from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`,
    );
    const shift = (c: string, type: string) =>
      type === 'date' ? `(${c} - (k * 7))` : type.startsWith('timestamp') ? `(${c} - k * interval '7 days')` : c;
    const list = cols.filter((c) => !(c.name === 'id' && c.def)).map((c) => c.name);
    const select = list.map((name) => {
      const col = cols.find((c) => c.name === name)!;
      if (keys[name]) return keys[name]!.replace(/started_at/g, shift('started_at', 'timestamp'));
      return shift(`"${name}"`, col.type);
    });
    // The newest week, repeated; rows the engine already had (the year of energy_daily it backfills) are kept.
    const where = `where "${at}" >= now() - interval '7 days'${table === 'sync_runs' ? ` and status <> 'running'` : ''}`;
    await db.execute(
      sql.raw(
        `insert into "${table}" (${list.map((n) => `"${n}"`).join(', ')}) select ${select.join(', ')} from "${table}" cross join generate_series(1, ${weeks}) as k ${where} on conflict do nothing`,
      ),
    );
    const [n] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from "${table}"`));
    rows += n!.n;
  }
  await db.execute(sql`analyze`);
  return rows;
}

async function seed(dir: string, weeks: number): Promise<number> {
  const h = createDb({ pgliteDir: dir });
  try {
    await migrateDb(h);
    await prepareDemo(h.db, { scenario: 'commuter', seed: 1, days: 7, now: new Date() });
    if (weeks === 0) {
      const [n] = await queryRows<{ n: number }>(
        h.db,
        sql`select (select count(*) from vehicle_states) + (select count(*) from energy_buckets) + (select count(*) from charging_sessions) + (select count(*) from drives) + (select count(*) from energy_states) + (select count(*) from api_requests) as n`,
      );
      return Number(n!.n);
    }
    return await repeatBack(h.db, weeks);
  } finally {
    await h.close();
  }
}

async function waitFor(url: string, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer`);
}

/** Signs the owner in through Auth.js's credentials endpoint; returns the Cookie header. */
async function signIn(base: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, password: PASSWORD, callbackUrl: `${base}/` }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in failed (${res.status})`);
  return cookie();
}

async function timePage(base: string, cookie: string, href: string): Promise<number> {
  const once = async () => {
    const t = performance.now();
    const res = await fetch(`${base}${href}`, { headers: { cookie }, redirect: 'manual' });
    const body = await res.text();
    if (res.status !== 200 || body.length < 1000) throw new Error(`${href} answered ${res.status}`);
    return performance.now() - t;
  };
  for (let i = 0; i < 3; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function measure(label: string, weeks: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), `tessie-render-${label}-`));
  let server: ChildProcess | undefined;
  try {
    const t0 = performance.now();
    const rows = await seed(dir, weeks);
    console.log(`render_${label}_history_rows: ${rows} rows (seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(PORT)], {
      env: {
        ...process.env,
        ...SECRETS,
        PGLITE_DIR: dir,
        DATA_DIR: dir,
        OWNER_PASSWORD: PASSWORD,
        SYNC_INTERVAL_SECONDS: '0',
        LOG_LEVEL: 'error',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: 'ignore',
    });
    const base = `http://127.0.0.1:${PORT}`;
    await waitFor(`${base}/api/health`);
    const cookie = await signIn(base);
    const out: Record<string, number> = {};
    for (const [name, href] of PAGES) {
      out[name] = await timePage(base, cookie, href);
      console.log(`render_${name}_${label}_ms: ${out[name]!.toFixed(0)} ms (median of ${RUNS})`);
    }
    return out;
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.lock`, { force: true });
  }
}

const week = await measure('1_week', 0);
const years = await measure(WEEKS >= 52 && WEEKS % 52 === 0 ? `${WEEKS / 52}_years` : `${WEEKS}_weeks`, WEEKS);
for (const [name] of PAGES) {
  console.log(`render_${name}_ratio: ${(years[name]! / week[name]!).toFixed(2)} × (goal ≤ 1.3)`);
}
