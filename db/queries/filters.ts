import 'server-only';
import { and, gte, lt, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { queryRows } from '../client';

/** A keyset position: rows strictly after it in the list's order (time, then id). */
export type Keyset = { at: Date; id: string };
export type SortDir = 'asc' | 'desc';

/** `(time, id) < / > (at, id)`: the keyset condition for a list ordered by (time, id) in `dir`. */
export function afterKeyset(time: AnyColumn, id: AnyColumn, after: Keyset | undefined, dir: SortDir): SQL | undefined {
  if (!after) return undefined;
  return dir === 'desc'
    ? sql`(${time}, ${id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
    : sql`(${time}, ${id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`;
}

/** `time` within [from, to) for whichever bounds are given. */
export function within(time: AnyColumn, from?: Date, to?: Date): SQL | undefined {
  return and(from ? gte(time, from) : undefined, to ? lt(time, to) : undefined);
}

/** Whether a row with this id exists in `table` (a cheap existence probe for filters). */
export async function exists(db: Db, table: string, id: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`select 1 as one from ${sql.identifier(table)} where id = ${id}::uuid limit 1`);
  return rows.length > 0;
}

/** Rounds a numeric aggregate to `digits` and returns it as a JS number (null stays null). */
export const rounded = (expr: SQL, digits = 3) =>
  sql<number | null>`round((${expr})::numeric, ${sql.raw(String(Math.trunc(digits)))})::float8`.mapWith(Number);
