import { sql } from 'drizzle-orm';
import { check, index, pgTable, unique, uuid, varchar } from 'drizzle-orm/pg-core';
import { id, tz } from './columns';
import { vehicles } from './vehicles';

export const CONNECTIVITY_STATES = ['online', 'asleep', 'offline'] as const;
export type Connectivity = (typeof CONNECTIVITY_STATES)[number];

/**
 * What the free state check saw, run-length encoded: one row per stretch of equal answers.
 * `started_at` is the first check that saw the state, `last_seen_at` the latest one. While the sync
 * runs, a new stretch starts where the previous one ends, so the rows tile the observed time;
 * a gap longer than the sync's tick means nobody looked. Driving and charging are overlaid at read
 * time from `drives` and `charging_sessions` (lib/stats `activityIntervals`).
 */
export const vehicleActivity = pgTable(
  'vehicle_activity',
  {
    id: id(),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => vehicles.id, { onDelete: 'cascade' }),
    state: varchar('state', { length: 16 }).$type<Connectivity>().notNull(),
    startedAt: tz('started_at').notNull(),
    lastSeenAt: tz('last_seen_at').notNull(),
  },
  (t) => [
    unique('vehicle_activity_vehicle_start_uq').on(t.vehicleId, t.startedAt),
    index('idx_vehicle_activity_vehicle_start').on(t.vehicleId, t.startedAt.desc()),
    check('vehicle_activity_state_chk', sql`${t.state} in ('online','asleep','offline')`),
  ],
);
