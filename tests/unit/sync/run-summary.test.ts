import { describe, expect, it } from 'vitest';
import { runSummary } from '@/lib/sync/run-summary';

describe('runSummary', () => {
  it('counts each noun in the right number: one drive, two charges, never "1 drives"', () => {
    expect(runSummary({ vehicles: 1, vehicle_states: 1, drives_upserted: 1, charges_upserted: 2, drivers_assigned: 1 })).toBe(
      '1 car read, 1 car state, 1 drive, 2 charges, 1 driver assigned',
    );
    expect(runSummary({ vehicles: 2, vehicle_states: 1204, energy_states: 1 })).toBe('2 cars read, 1,204 car states, 1 Powerwall reading');
  });

  it('leaves out zeros, bookkeeping counts and values that are not numbers', () => {
    expect(runSummary({ drives_upserted: 0, next_decision_in_s: 300, tesla_fields_nulled: 4, wakes: 'x' })).toBe('');
    expect(runSummary(null)).toBe('');
  });
});
