import pkg from '@/package.json';
import { ensureDatabaseReady } from '@/db';
import { getMigrationStatus } from '@/db/migrate';
import { errorResponse } from '@/lib/http/errors';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

// GET /api/health – public liveness: app version, database driver, migrations current. No data.
export async function GET(): Promise<Response> {
  try {
    const handle = await ensureDatabaseReady();
    const migrations = await getMigrationStatus(handle);
    return Response.json(
      { status: migrations.current ? 'ok' : 'degraded', version: pkg.version, database: { driver: handle.driver, migrations } },
      { status: migrations.current ? 200 : 503 },
    );
  } catch (err) {
    log.error('Health check: database unavailable', err);
    return errorResponse(503, 'database_unavailable', 'The database is not reachable.');
  }
}
