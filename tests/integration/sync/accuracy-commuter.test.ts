import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { openTestDb, testDriver } from '../../setup/test-db';
import { expectAccurate } from './accuracy';
import { DAYS } from './harness';

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => h.close());

describe(`sync engine vs ground truth: commuter on ${testDriver()}`, () => {
  it(`finds every drive and charge of ${DAYS} days, prices and splits them, and never costs the car sleep`, async () => {
    await expectAccurate(h, 'commuter', DAYS);
  }, 600_000);
});
