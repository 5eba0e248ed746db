import { z } from 'zod';
import { intParam, invalidQuery } from './query';

/**
 * List pagination. Two styles, one at a time:
 * - `cursor` (keyset, stable while rows are added): pass back `nextCursor` from the last page;
 * - `page` (1-based, with `total`): convenient for tables, slower deep down.
 * `limit` is 1–200 (default 50). The cursor is opaque: base64url of the last row's sort key.
 */
export const MAX_PAGE_SIZE = 200;

export type Cursor = { at: Date; id: string };

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.at.toISOString(), c.id])).toString('base64url');

const CursorTuple = z.tuple([z.iso.datetime(), z.uuid()]);

export const cursorParam = z.string().transform((s, ctx) => {
  try {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(s)) throw new Error('not base64url');
    const [at, id] = CursorTuple.parse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
    return { at: new Date(at), id };
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not a cursor this API returned (use nextCursor from the previous page)' });
    return { at: new Date(0), id: '' };
  }
});

/** Query fields every paginated list accepts; spread into the list's z.object. */
export const pageFields = {
  limit: intParam(1, MAX_PAGE_SIZE).optional(),
  cursor: cursorParam.optional(),
  page: intParam(1, 100_000).optional(),
};

export type PageRequest = { limit: number } & ({ mode: 'cursor'; cursor?: Cursor } | { mode: 'page'; page: number });

/** Chooses the style from the parsed fields; both `cursor` and `page` at once is a 400. */
export function toPageRequest(q: { limit?: number; cursor?: Cursor; page?: number }, defaultLimit = 50): PageRequest {
  const limit = q.limit ?? defaultLimit;
  if (q.cursor && q.page) throw invalidQuery('The query string is not valid (use either cursor or page, not both).');
  return q.page ? { limit, mode: 'page', page: q.page } : { limit, mode: 'cursor', cursor: q.cursor };
}

export type PageInfo = { limit: number; nextCursor: string | null; page?: number; total?: number };

/** Builds the response's `pagination` from rows fetched with limit + 1. */
export function pageOf<T extends { id: string }>(
  rows: T[],
  req: PageRequest,
  sortKey: (r: T) => Date,
  total?: number,
): { items: T[]; pagination: PageInfo } {
  const items = rows.slice(0, req.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > req.limit && last ? encodeCursor({ at: sortKey(last), id: last.id }) : null;
  return {
    items,
    pagination: req.mode === 'page' ? { limit: req.limit, nextCursor: null, page: req.page, total } : { limit: req.limit, nextCursor },
  };
}

/** The list query's arguments for a page: one row more than asked, to tell whether another page follows. */
export function pageArgs(req: PageRequest): { limit: number; after?: Cursor; offset: number } {
  return req.mode === 'cursor'
    ? { limit: req.limit + 1, after: req.cursor, offset: 0 }
    : { limit: req.limit + 1, offset: (req.page - 1) * req.limit };
}
