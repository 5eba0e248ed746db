import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as driver from '@/app/api/drivers/[id]/route';
import * as preview from '@/app/api/drivers/reassign-preview/route';
import * as settings from '@/app/api/settings/route';
import type { DbHandle } from '@/db/client';
import { drives } from '@/db/schema';
import { assignDrivers } from '@/lib/sync/assign-drivers';
import { testDriver } from '../../setup/test-db';
import { useSeededDb, type Call, type Seeded } from '../../setup/seeded-db';

let h: DbHandle;
let data: Seeded;
let call: Call;
useSeededDb((s) => ({ h, data, call } = s));

async function driverOf(id: string) {
  const [row] = await h.db.select({ driverId: drives.driverId, by: drives.driverAssignment }).from(drives).where(eq(drives.id, id));
  return row;
}

const put = (body: unknown) => call(settings.PUT, '/api/settings', { method: 'PUT', body });
const previewIn = (zone: string) => call(preview.GET, `/api/drivers/reassign-preview?timeZone=${encodeURIComponent(zone)}`);

// Seeded (Europe/Berlin, the site's zone): Alice's rule is Wednesdays and Fridays; d1 Wed 2026-03-11 08:00Z and d3 Fri
// 2026-03-13 10:00Z are hers by rule, d2 Bob's by hand. In Pacific/Kiritimati (UTC+14) d3 starts on Saturday 00:00: nobody's.
describe(`a new time zone and the driver rules on ${testDriver()}`, () => {
  it('previews the move without writing, and refuses a bad zone or parameter with 400', async () => {
    const res = await previewIn('Pacific/Kiritimati');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ timeZone: 'Pacific/Kiritimati', rulesTimeZone: 'Europe/Berlin', changes: 1 });
    expect(res.body.drivers).toEqual([
      { id: data.drivers.alice.id, name: 'Alice', drives: 2, drivesAfter: 1 },
      { id: data.drivers.bob.id, name: 'Bob', drives: 1, drivesAfter: 1 },
    ]);
    expect(res.body.unassigned).toEqual({ drives: 0, drivesAfter: 1 });
    expect(await driverOf(data.drives.d3.id)).toEqual({ driverId: data.drivers.alice.id, by: 'rule' });
    // The owner's own zone: nothing moves.
    expect((await call(preview.GET, '/api/drivers/reassign-preview')).body).toMatchObject({ timeZone: 'Europe/Berlin', changes: 0 });
    for (const q of ['timeZone=Mars%2FOlympus', 'timeZone=', 'zone=UTC', 'timeZone=UTC&timeZone=UTC']) {
      const bad = await call(preview.GET, `/api/drivers/reassign-preview?${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.body.error.code, q).toBe('invalid_query');
    }
  });

  it('a new zone with driver rules needs an explicit answer: 422 without one, nothing changed', async () => {
    const res = await put({ timeZone: 'Pacific/Kiritimati', currency: 'GBP' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'reassign_drivers_required', details: [{ path: 'reassignDrivers' }] });
    expect(res.body.error.message).toContain('reassignDrivers: true');
    expect((await call(settings.GET, '/api/settings')).body.settings).toMatchObject({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    for (const bad of ['yes', 1, null]) {
      const r = await put({ timeZone: 'Pacific/Kiritimati', reassignDrivers: bad });
      expect(r.status, String(bad)).toBe(422);
      expect(r.body.error.details[0].path).toBe('reassignDrivers');
    }
    // Without a zone change the answer is not needed.
    expect((await put({ currency: 'GBP' })).status).toBe(200);
    expect((await put({ currency: 'EUR' })).status).toBe(200);
  });

  it('keeping the drivers changes the zone, keeps every drive and judges the rules in the old zone from then on', async () => {
    const kept = await put({ timeZone: 'Pacific/Kiritimati', reassignDrivers: false });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ reassigned: 0, settings: { timeZone: 'Pacific/Kiritimati', driverRulesTimeZone: 'Europe/Berlin' } });
    expect(await driverOf(data.drives.d3.id)).toEqual({ driverId: data.drivers.alice.id, by: 'rule' });
    // A later run of the rules (the sync, a rule edit) still judges them in Berlin: d3 stays Alice's.
    expect(await assignDrivers(h.db)).toBe(0);
    await call(driver.PUT, '/x', { method: 'PUT', params: { id: data.drivers.alice.id }, body: { priority: 3 } });
    expect(await driverOf(data.drives.d3.id)).toEqual({ driverId: data.drivers.alice.id, by: 'rule' });
    // Another zone: the question is about the rules' zone (Berlin), still required.
    expect((await put({ timeZone: 'America/Los_Angeles' })).status).toBe(422);
    // Back to the rules' own zone: nothing to ask, and they follow the owner's zone again.
    const back = await put({ timeZone: 'Europe/Berlin' });
    expect(back.status).toBe(200);
    expect(back.body.settings).toMatchObject({ timeZone: 'Europe/Berlin', driverRulesTimeZone: 'Europe/Berlin' });
  });

  it('re-running moves the drives the preview named, and {"reassignDrivers": true} alone moves kept rules to the owner\'s zone', async () => {
    const ran = await put({ timeZone: 'Pacific/Kiritimati', reassignDrivers: true });
    expect(ran.status).toBe(200);
    expect(ran.body).toMatchObject({
      reassigned: 1,
      settings: { timeZone: 'Pacific/Kiritimati', driverRulesTimeZone: 'Pacific/Kiritimati' },
    });
    expect(await driverOf(data.drives.d3.id)).toEqual({ driverId: null, by: null });
    expect(await driverOf(data.drives.d2.id)).toEqual({ driverId: data.drivers.bob.id, by: 'manual' });

    // Keep on the way back to Berlin, then ask for the owner's zone with no other change.
    expect((await put({ timeZone: 'Europe/Berlin', reassignDrivers: false })).body.settings.driverRulesTimeZone).toBe('Pacific/Kiritimati');
    expect((await call(preview.GET, '/api/drivers/reassign-preview')).body).toMatchObject({
      rulesTimeZone: 'Pacific/Kiritimati',
      changes: 1,
    });
    const moved = await put({ reassignDrivers: true });
    expect(moved.body).toMatchObject({ reassigned: 1, settings: { timeZone: 'Europe/Berlin', driverRulesTimeZone: 'Europe/Berlin' } });
    expect(await driverOf(data.drives.d3.id)).toEqual({ driverId: data.drivers.alice.id, by: 'rule' });
  });

  it('with no driver rules nothing is asked: the zone changes and the rules follow it', async () => {
    await call(driver.PUT, '/x', { method: 'PUT', params: { id: data.drivers.alice.id }, body: { rules: [] } });
    expect((await previewIn('Pacific/Kiritimati')).body.changes).toBe(0);
    const res = await put({ timeZone: 'Pacific/Kiritimati' });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ timeZone: 'Pacific/Kiritimati', driverRulesTimeZone: 'Pacific/Kiritimati' });
    expect((await put({ timeZone: 'Europe/Berlin' })).status).toBe(200);
  });
});
