/**
 * Every GET route of the JSON API (and the CSV exports) answered over a freshly seeded demo, written
 * to one JSON file, so a refactor can prove it changed no answer:
 *
 *   node --conditions=react-server --import tsx scripts/api-snapshot.ts before.json
 *   … change the code …
 *   node --conditions=react-server --import tsx scripts/api-snapshot.ts after.json && diff before.json after.json
 *
 * The world is the same every time: in-memory PGlite, the demo scenario seeded for SNAPSHOT_DAYS (14)
 * days through the sync engine, and the app's clock frozen at SNAPSHOT_AT (default the tests'
 * moment). Random ids become `<id:N>` in order of first appearance; database-stamped audit times
 * (createdAt, updatedAt, lastUsedAt) become `<db-time>`, the random API token's prefix a placeholder.
 */
import { writeFileSync } from 'node:fs';
import { createDb } from '../db/client';
import { installDbHandle } from '../db';
import { migrateDb } from '../db/migrate';
import { createApiToken } from '../lib/auth/api-tokens';
import { clock, setClock } from '../lib/clock';
import { seedDemoHistory } from '../lib/runtime';
import { TEST_MOMENT } from '../tests/setup/test-clock';

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Route = { path: string; module: string; params?: Record<string, string> };

const out = process.argv[2] ?? 'api-snapshot.json';
setClock(new Date(process.env.SNAPSHOT_AT ?? TEST_MOMENT), { frozen: true });
const handle = createDb({ pgliteDir: 'memory://' });
await migrateDb(handle);
installDbHandle(handle);
await seedDemoHistory(handle.db, { scenario: 'commuter', seed: 1, days: Number(process.env.SNAPSHOT_DAYS ?? 14), now: clock.now() });
const { token } = await createApiToken(handle.db, 'snapshot');

async function get(route: Route): Promise<{ status: number; body: unknown }> {
  const mod = (await import(`../app/api/${route.module}/route.ts`)) as { GET: Handler };
  const req = new Request(`http://localhost${route.path}`, { headers: { authorization: `Bearer ${token}` } });
  const res = await mod.GET(req, { params: Promise.resolve(route.params ?? {}) });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? await res.json() : await res.text() };
}

const answers: Record<string, { status: number; body: unknown }> = {};
const ask = async (route: Route) => (answers[route.path] = await get(route));
const list = async (route: Route, key: string) => ((await ask(route)).body as Record<string, { id: string }[]>)[key] ?? [];

const firstMonth = clock.now().toISOString().slice(0, 7);
for (const path of [
  '/api/health',
  '/api/auth/status',
  '/api/tesla/status',
  '/api/settings',
  '/api/usage',
  `/api/usage?month=${firstMonth}`,
  '/api/sync/status',
  '/api/tokens',
]) {
  await ask({ path, module: path.slice(5).split('?')[0]! });
}
for (const v of (await list({ path: '/api/vehicles', module: 'vehicles' }, 'vehicles')).slice(0, 2)) {
  const params = { id: v.id };
  await ask({ path: `/api/vehicles/${v.id}`, module: 'vehicles/[id]', params });
  await ask({ path: `/api/vehicles/${v.id}/state`, module: 'vehicles/[id]/state', params });
  for (const r of ['raw', 'hour', 'day'])
    await ask({ path: `/api/vehicles/${v.id}/history?resolution=${r}`, module: 'vehicles/[id]/history', params });
}
for (const s of (await list({ path: '/api/charging/sessions?limit=200', module: 'charging/sessions' }, 'sessions')).slice(0, 8)) {
  await ask({ path: `/api/charging/sessions/${s.id}`, module: 'charging/sessions/[id]', params: { id: s.id } });
}
for (const period of ['day', 'week', 'month', 'year']) {
  await ask({ path: `/api/charging/stats?period=${period}&tz=Europe/Amsterdam`, module: 'charging/stats' });
}
for (const site of await list({ path: '/api/energy/sites', module: 'energy/sites' }, 'sites')) {
  const params = { id: site.id };
  await ask({ path: `/api/energy/sites/${site.id}`, module: 'energy/sites/[id]', params });
  await ask({ path: `/api/energy/sites/${site.id}/live`, module: 'energy/sites/[id]/live', params });
  for (const p of ['raw', 'day', 'week', 'month', 'year']) {
    await ask({ path: `/api/energy/sites/${site.id}/history?period=${p}`, module: 'energy/sites/[id]/history', params });
  }
}
await ask({ path: '/api/energy/solar/stats', module: 'energy/solar/stats' });
for (const d of await list({ path: '/api/drivers', module: 'drivers' }, 'drivers')) {
  await ask({ path: `/api/drivers/${d.id}`, module: 'drivers/[id]', params: { id: d.id } });
  await ask({ path: `/api/drivers/${d.id}/stats`, module: 'drivers/[id]/stats', params: { id: d.id } });
}
for (const d of (await list({ path: '/api/drives?limit=200', module: 'drives' }, 'drives')).slice(0, 8)) {
  await ask({ path: `/api/drives/${d.id}`, module: 'drives/[id]', params: { id: d.id } });
}
for (const l of await list({ path: '/api/locations', module: 'locations' }, 'locations')) {
  await ask({ path: `/api/locations/${l.id}`, module: 'locations/[id]', params: { id: l.id } });
}
for (const t of await list({ path: '/api/tariffs', module: 'tariffs' }, 'tariffs')) {
  await ask({ path: `/api/tariffs/${t.id}`, module: 'tariffs/[id]', params: { id: t.id } });
}
for (const csv of ['charging-sessions.csv', 'drives.csv', 'energy-daily.csv'])
  await ask({ path: `/api/export/${csv}`, module: `export/${csv}` });

const ids = new Map<string, string>();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const AUDIT = new Set(['createdAt', 'updatedAt', 'lastUsedAt']);
const masked = (key: string, value: unknown) =>
  typeof value !== 'string' ? value : AUDIT.has(key) ? '<db-time>' : key === 'prefix' ? '<random token prefix>' : value;
const text = JSON.stringify(answers, masked, 2).replace(UUID, (id) => {
  if (!ids.has(id)) ids.set(id, `<id:${ids.size + 1}>`);
  return ids.get(id)!;
});
writeFileSync(out, `${text}\n`);
console.log(`${Object.keys(answers).length} answers written to ${out}`);
await handle.close();
