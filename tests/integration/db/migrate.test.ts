import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { getMigrationStatus, migrateDb } from '@/db/migrate';
import journal from '@/drizzle/meta/_journal.json';
import { openTestDb, testDriver } from '../../setup/test-db';

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => h.close());

describe(`migrations on ${testDriver()}`, () => {
  it('are current after migrating, and migrating again (twice at once) is a no-op', async () => {
    await Promise.all([migrateDb(h), migrateDb(h)]);
    const status = await getMigrationStatus(h);
    expect(status).toEqual({ current: true, applied: journal.entries.length, expected: journal.entries.length });
  });
});
