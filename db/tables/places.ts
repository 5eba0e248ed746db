import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, latitude, longitude, num, updatedAt } from './columns';

/** A time-of-use window: days 0 (Sunday) to 6, local times 'HH:mm', end exclusive ('24:00' allowed). */
export type TouPeriod = { days: number[]; from: string; to: string; pricePerKwh: number };

/** Electricity prices. `flat` uses price_per_kwh; `time_of_use` uses periods, falling back to price_per_kwh. */
export const tariffs = pgTable(
  'tariffs',
  {
    id: id(),
    name: varchar('name', { length: 100 }).notNull(),
    kind: varchar('kind', { length: 16 }).$type<'flat' | 'time_of_use'>().notNull(),
    currency: varchar('currency', { length: 3 }).notNull(),
    pricePerKwh: num('price_per_kwh', 10, 5).notNull(),
    periods: jsonb('periods').$type<TouPeriod[]>().notNull().default([]),
    sessionFee: num('session_fee', 10, 2).notNull().default(0),
    /** What exported solar earns; values the solar credit of a home charge. */
    feedInPricePerKwh: num('feed_in_price_per_kwh', 10, 5),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('tariffs_kind_chk', sql`${t.kind} in ('flat','time_of_use')`),
    check('tariffs_price_chk', sql`${t.pricePerKwh} >= 0 and ${t.sessionFee} >= 0`),
  ],
);

/** Named places with a radius: charging cost (their tariff) and drive start/end names. */
export const locations = pgTable(
  'locations',
  {
    id: id(),
    name: varchar('name', { length: 100 }).notNull(),
    latitude: latitude().notNull(),
    longitude: longitude().notNull(),
    radiusM: integer('radius_m').notNull().default(100),
    tariffId: uuid('tariff_id').references(() => tariffs.id, { onDelete: 'set null' }),
    /** The home location is where the energy site is: home charges get a solar split. */
    isHome: boolean('is_home').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('locations_radius_chk', sql`${t.radiusM} > 0 and ${t.radiusM} <= 100000`)],
);
