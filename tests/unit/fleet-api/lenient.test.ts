import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProductSchema, VehicleDataSchema, readLeniently } from '@/lib/fleet-api';

/** The lenient reader: what a real answer's surprises turn into, and the paths it reports (never values). */
describe('readLeniently', () => {
  const Schema = z.object({
    level: z.number().int().min(0).max(100),
    state: z.enum(['Charging', 'Stopped']),
    name: z.string().optional(),
    inner: z.object({ power: z.number(), at: z.number() }).optional(),
    list: z.array(z.object({ id: z.string(), w: z.number() })),
  });

  it('keeps a valid answer as zod reads it, reporting nothing', () => {
    const input = { level: 80, state: 'Charging', list: [{ id: 'a', w: 1 }], extra: true };
    expect(readLeniently(Schema, input, 'x')).toEqual({
      value: { level: 80, state: 'Charging', list: [{ id: 'a', w: 1 }] },
      unreadable: [],
    });
  });

  it('nulls a bad value, an unknown enum value and a missing required field; reads numbers sent as strings', () => {
    const { value, unreadable } = readLeniently(
      Schema,
      { level: '55', state: 'Preparing', inner: { power: 'fast', at: ' 12 ' }, list: [] },
      'x',
    );
    expect(value).toEqual({ level: 55, state: null, inner: { power: null, at: 12 }, list: [] });
    expect(unreadable).toEqual([
      { path: 'x.state', kind: 'unknown_value' },
      { path: 'x.inner.power', kind: 'invalid' },
    ]);
    expect(readLeniently(Schema, { state: 'Stopped', list: [] }, 'x').unreadable).toEqual([{ path: 'x.level', kind: 'missing' }]);
    // Out of range or not a whole number: not a number this field can hold.
    expect(readLeniently(Schema, { level: 101, state: 'Stopped', list: [] }).value?.level).toBeNull();
    expect(readLeniently(Schema, { level: '12.5', state: 'Stopped', list: [] }).value?.level).toBeNull();
  });

  it('drops an array entry that is not an object, keeps the others with their fields nulled', () => {
    const { value, unreadable } = readLeniently(Schema, { level: 1, state: 'Stopped', list: [null, 'x', { id: 'b', w: 'heavy' }] }, 'x');
    expect(value?.list).toEqual([{ id: 'b', w: null }]);
    expect(unreadable).toEqual([
      { path: 'x.list[]', kind: 'dropped' },
      { path: 'x.list[]', kind: 'dropped' },
      { path: 'x.list[].w', kind: 'invalid' },
    ]);
  });

  it('nulls a sub-object that is not an object, and gives null for an answer that is none', () => {
    expect(readLeniently(Schema, { level: 1, state: 'Stopped', inner: 'junk', list: [] }, 'x')).toEqual({
      value: { level: 1, state: 'Stopped', inner: null, list: [] },
      unreadable: [{ path: 'x.inner', kind: 'invalid' }],
    });
    expect(readLeniently(Schema, 'not an object', 'x')).toEqual({ value: null, unreadable: [{ path: 'x', kind: 'invalid' }] });
  });

  it('reads a /products entry by the member it fits best, even with bad values', () => {
    const vehicle = { id: 1, id_s: '1', vin: 'short', state: 'parked', display_name: 5 };
    const site = { energy_site_id: 'not-an-id', resource_type: 'battery' };
    const read = readLeniently(z.array(ProductSchema), [vehicle, site], 'products').value!;
    expect(read[0]).toMatchObject({ vin: null, state: null, display_name: null, id_s: '1' });
    expect(read[1]).toMatchObject({ energy_site_id: null, resource_type: 'battery' });
  });

  it("reads Tesla's empty shift_state as parked without reporting it", () => {
    const r = readLeniently(VehicleDataSchema.pick({ drive_state: true }), {
      drive_state: { power: 0, shift_state: '', speed: null, timestamp: 1705707520649 },
    });
    expect(r.value?.drive_state?.shift_state).toBeNull();
    expect(r.unreadable).toEqual([]);
  });
});
