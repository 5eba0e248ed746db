import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { drivers } from '../schema';

const driverColumns = {
  id: drivers.id,
  name: drivers.name,
  profileId: drivers.profileId,
  rules: drivers.rules,
  createdAt: drivers.createdAt,
  updatedAt: drivers.updatedAt,
};
export type DriverRow = typeof drivers.$inferSelect;
export type DriverInput = { name: string; profileId: string | null; rules: unknown[] };

export async function listDrivers(db: Db): Promise<DriverRow[]> {
  return db.select(driverColumns).from(drivers).orderBy(asc(drivers.name), asc(drivers.id));
}

export async function getDriver(db: Db, id: string): Promise<DriverRow | undefined> {
  const [row] = await db.select(driverColumns).from(drivers).where(eq(drivers.id, id)).limit(1);
  return row;
}

export async function createDriver(db: Db, input: DriverInput): Promise<DriverRow> {
  const [row] = await db.insert(drivers).values(input).returning(driverColumns);
  return row!;
}

/** Updates the given fields; undefined when no driver has this id. */
export async function updateDriver(db: Db, id: string, patch: Partial<DriverInput>): Promise<DriverRow | undefined> {
  const [row] = await db
    .update(drivers)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(drivers.id, id))
    .returning(driverColumns);
  return row;
}
