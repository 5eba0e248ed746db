import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FleetErrorBodySchema, isBillingLockout, missingScopesOf } from '@/lib/fleet-api';
import { billingBackoffMs } from '@/lib/tesla/account-store';

/** Tesla's 403s told apart on the real bodies of tests/fixtures/real (issue 13, known differences 2 and 5). */
const errorOf = (file: string) =>
  FleetErrorBodySchema.parse(
    (JSON.parse(readFileSync(path.join(import.meta.dirname, '../../fixtures/real', file), 'utf8')) as { body: unknown }).body,
  ).error;

describe('403 classification', () => {
  it('reads the scopes a refusal names, and tells a billing lock-out and the Owner API cut-off apart from it', () => {
    expect(missingScopesOf(errorOf('vehicle-data-403-missing-vehicle-location-scope.json'))).toEqual(['vehicle_location']);
    expect(missingScopesOf(errorOf('vehicle-data-403-unauthorized-missing-scopes.json'))).toEqual([]);
    expect(missingScopesOf(errorOf('vehicle-data-403-exceeded-limit.json'))).toBeNull();
    expect(missingScopesOf(errorOf('vehicle-403-owner-api-forbidden.json'))).toBeNull();
    expect(isBillingLockout(errorOf('vehicle-data-403-exceeded-limit.json'))).toBe(true);
    expect(isBillingLockout(errorOf('vehicle-data-403-missing-vehicle-location-scope.json'))).toBe(false);
    expect(isBillingLockout(errorOf('vehicle-403-owner-api-forbidden.json'))).toBe(false);
  });
});

describe('billing lock-out back-off', () => {
  it('waits as long as the lock-out has lasted: at least 15 minutes, at most 2 hours', () => {
    const MIN = 60_000;
    const tries = [0];
    while (tries.length < 8) tries.push(tries.at(-1)! + billingBackoffMs(0, tries.at(-1)!));
    expect(tries.map((t) => t / MIN)).toEqual([0, 15, 30, 60, 120, 240, 360, 480]);
  });
});
