import 'server-only';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../client';
import { locations } from '../schema';
import { clock } from '@/lib/clock';

const locationColumns = {
  id: locations.id,
  name: locations.name,
  latitude: locations.latitude,
  longitude: locations.longitude,
  radiusM: locations.radiusM,
  tariffId: locations.tariffId,
  isHome: locations.isHome,
  createdAt: locations.createdAt,
  updatedAt: locations.updatedAt,
};
export type LocationRow = typeof locations.$inferSelect;
export type LocationInput = {
  name: string;
  latitude: number;
  longitude: number;
  radiusM: number;
  tariffId: string | null;
  isHome: boolean;
};

export async function listLocations(db: Db): Promise<LocationRow[]> {
  return db.select(locationColumns).from(locations).orderBy(asc(locations.name), asc(locations.id));
}

export async function getLocation(db: Db, id: string): Promise<LocationRow | undefined> {
  const [row] = await db.select(locationColumns).from(locations).where(eq(locations.id, id)).limit(1);
  return row;
}

/** There is one home: marking a location as home unmarks the others, in the same transaction. */
export async function createLocation(db: Db, input: LocationInput): Promise<LocationRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(locations).values(input).returning(locationColumns);
    if (input.isHome)
      await tx
        .update(locations)
        .set({ isHome: false, updatedAt: clock.now() })
        .where(and(eq(locations.isHome, true), ne(locations.id, row!.id)));
    return row!;
  });
}

/** Updates the given fields; undefined when no location has this id. */
export async function updateLocation(db: Db, id: string, patch: Partial<LocationInput>): Promise<LocationRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(locations)
      .set({ ...patch, updatedAt: clock.now() })
      .where(eq(locations.id, id))
      .returning(locationColumns);
    if (row && patch.isHome)
      await tx
        .update(locations)
        .set({ isHome: false, updatedAt: clock.now() })
        .where(and(eq(locations.isHome, true), ne(locations.id, id)));
    return row;
  });
}

/** Deletes a location (sessions and drives keep their place names; their location link becomes null). */
export async function deleteLocation(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(locations).where(eq(locations.id, id)).returning({ id: locations.id });
  return rows.length > 0;
}
