import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { tariffs, type TouPeriod } from '../schema';
import { clock } from '@/lib/clock';

const tariffColumns = {
  id: tariffs.id,
  name: tariffs.name,
  kind: tariffs.kind,
  currency: tariffs.currency,
  pricePerKwh: tariffs.pricePerKwh,
  periods: tariffs.periods,
  sessionFee: tariffs.sessionFee,
  feedInPricePerKwh: tariffs.feedInPricePerKwh,
  createdAt: tariffs.createdAt,
  updatedAt: tariffs.updatedAt,
};
export type TariffRow = typeof tariffs.$inferSelect;
export type TariffInput = {
  name: string;
  kind: 'flat' | 'time_of_use';
  currency: string;
  pricePerKwh: number;
  periods: TouPeriod[];
  sessionFee: number;
  feedInPricePerKwh: number | null;
};

export async function listTariffs(db: Db): Promise<TariffRow[]> {
  return db.select(tariffColumns).from(tariffs).orderBy(asc(tariffs.name), asc(tariffs.id));
}

export async function getTariff(db: Db, id: string): Promise<TariffRow | undefined> {
  const [row] = await db.select(tariffColumns).from(tariffs).where(eq(tariffs.id, id)).limit(1);
  return row;
}

export async function createTariff(db: Db, input: TariffInput): Promise<TariffRow> {
  const [row] = await db.insert(tariffs).values(input).returning(tariffColumns);
  return row!;
}

/** Replaces the tariff's fields; undefined when no tariff has this id. */
export async function updateTariff(db: Db, id: string, input: TariffInput): Promise<TariffRow | undefined> {
  const [row] = await db
    .update(tariffs)
    .set({ ...input, updatedAt: clock.now() })
    .where(eq(tariffs.id, id))
    .returning(tariffColumns);
  return row;
}

/** Deletes a tariff; locations that used it fall back to no tariff (FK on delete set null). */
export async function deleteTariff(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(tariffs).where(eq(tariffs.id, id)).returning({ id: tariffs.id });
  return rows.length > 0;
}
