import { numeric, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Column helpers shared by every table.
 * Units are canonical and metric (km, kWh, W, kW, °C, %), named in the column name.
 * Every instant is `timestamptz`; numerics come back as JS numbers (mode 'number').
 */
export const id = () => uuid('id').primaryKey().defaultRandom();
export const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => tz('created_at').notNull().defaultNow();
export const updatedAt = () => tz('updated_at').notNull().defaultNow();
export const num = (name: string, precision: number, scale: number) => numeric(name, { precision, scale, mode: 'number' });
export const latitude = (name = 'latitude') => num(name, 10, 7);
export const longitude = (name = 'longitude') => num(name, 10, 7);
