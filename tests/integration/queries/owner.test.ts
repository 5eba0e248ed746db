import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '@/db/client';
import { getMonthlyBudgetUsd, getOwner, mergeOwnerSettings, updateOwner } from '@/db/queries/owner';
import { openTestDb, testDriver } from '../../setup/test-db';

/** db/queries/owner: the one door to the owner row (user_config, one row at most). */
let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(() => h.close());

const rowCount = async () => (await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from user_config`))[0]!.n;

describe(`owner row (${testDriver()})`, () => {
  it('reads nothing and the configured budget before the row exists', async () => {
    expect(await getOwner(h.db)).toBeUndefined();
    expect(await getMonthlyBudgetUsd(h.db, 10)).toBe(10);
  });

  it('creates the row on the first write and updates that one row afterwards', async () => {
    await updateOwner(h.db, { teslaRegion: 'eu' });
    await updateOwner(h.db, { teslaRegion: 'na' }, { stampUpdatedAt: true });
    expect(await rowCount()).toBe(1);
    expect((await getOwner(h.db))?.teslaRegion).toBe('na');
  });

  it('merges settings, keeping the other keys', async () => {
    await mergeOwnerSettings(h.db, { demo: { seed: 1 } });
    await mergeOwnerSettings(h.db, { monthlyBudgetUsd: 25.5 });
    expect((await getOwner(h.db))?.settings).toEqual({ demo: { seed: 1 }, monthlyBudgetUsd: 25.5 });
    expect(await rowCount()).toBe(1);
  });

  it("reads the owner's budget, and the fallback for a value that is not a non-negative number", async () => {
    expect(await getMonthlyBudgetUsd(h.db, 10)).toBe(25.5);
    for (const bad of ['lots', -3, null, '5x5']) {
      await mergeOwnerSettings(h.db, { monthlyBudgetUsd: bad });
      expect(await getMonthlyBudgetUsd(h.db, 10), JSON.stringify(bad)).toBe(10);
    }
    await mergeOwnerSettings(h.db, { monthlyBudgetUsd: 0 });
    expect(await getMonthlyBudgetUsd(h.db, 10)).toBe(0);
  });
});
