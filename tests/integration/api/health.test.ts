import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { GET as unknownApi } from '@/app/api/[...path]/route';
import { installDbHandle } from '@/db';
import type { DbHandle } from '@/db/client';
import { openTestDb, testDriver } from '../../setup/test-db';

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
  installDbHandle(h);
});
afterAll(async () => h.close());

describe(`GET /api/health on ${testDriver()}`, () => {
  it('reports version, driver and current migrations, and nothing else', async () => {
    const res = await health();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: { driver: testDriver(), migrations: { current: true, applied: expect.any(Number), expected: expect.any(Number) } },
    });
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await unknownApi();
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect((await res.json()).error.code).toBe('not_found');
  });
});
