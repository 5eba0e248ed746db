import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withFastQuery } from '@/db/pglite-fast';

let pg: PGlite;
let fast: ReturnType<typeof withFastQuery>;
let calls = 0;

beforeAll(async () => {
  pg = new PGlite();
  await pg.exec(
    `create table t (id serial primary key, name text unique, n numeric(10,3), b boolean, at timestamptz, j jsonb, big bigint)`,
  );
  const original = pg.query.bind(pg);
  // Counts the calls that fall back to PGlite's own query path.
  fast = withFastQuery(pg, (...a) => (calls++, original(...a)), false);
}, 60_000); // starting PGlite takes seconds, many more on a loaded machine
afterAll(async () => pg.close());

describe('PGlite one-call queries', () => {
  it('stores and reads every scalar kind as PGlite does itself', async () => {
    const at = new Date('2026-06-01T12:34:56.789Z');
    const params = ['a', 1.5, true, at, '{"k":[1,2]}', 9007199254740993n];
    const before = calls;
    await fast('insert into t (name, n, b, at, j, big) values ($1, $2, $3, $4, $5, $6)', params);
    const mine = await fast('select name, n, b, at, j, big from t where name = $1 and b = $2 and at = $3', ['a', true, at]);
    const theirs = await pg.query('select name, n, b, at, j, big from t where name = $1 and b = $2 and at = $3', ['a', true, at]);
    expect(calls).toBe(before); // none fell back
    expect(mine.rows).toEqual(theirs.rows);
    expect(mine.rows[0]).toMatchObject({ name: 'a', b: true, j: { k: [1, 2] } });
    expect((mine.rows[0] as { at: Date }).at.toISOString()).toBe(at.toISOString());
    expect(String((mine.rows[0] as { big: unknown }).big)).toBe('9007199254740993');
    expect(mine.fields.map((f) => f.name)).toEqual(['name', 'n', 'b', 'at', 'j', 'big']);
  });

  it('passes null, honours rowMode and reports affected rows', async () => {
    await fast('insert into t (name, n) values ($1, $2)', ['b', null]);
    expect((await fast('select name, n from t where name = $1', ['b'], { rowMode: 'array' })).rows).toEqual([['b', null]]);
    const updated = await fast('update t set n = $1 where name in ($2, $3)', [2, 'a', 'b']);
    expect(updated.affectedRows).toBe(2);
  });

  it("raises PGlite's DatabaseError with the SQLSTATE, and the connection stays usable", async () => {
    await expect(fast('insert into t (name) values ($1)', ['a'])).rejects.toMatchObject({ code: '23505' });
    expect((await fast('select count(*)::int as n from t', [])).rows).toEqual([{ n: 2 }]);
  });

  it("sends what only PGlite's typed serializers can format (arrays, objects) through PGlite's path", async () => {
    const before = calls;
    const r = await fast('select $1::int[] as a', [[1, 2, 3]]);
    expect(r.rows).toEqual([{ a: [1, 2, 3] }]);
    expect(calls).toBe(before + 1);
  });

  it('runs inside a transaction in its turn and rolls back with it', async () => {
    await expect(
      pg.transaction(async (tx) => {
        const q = withFastQuery(pg, tx.query.bind(tx), true);
        await q('insert into t (name) values ($1)', ['c']);
        expect((await q('select count(*)::int as n from t', [])).rows).toEqual([{ n: 3 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await fast('select count(*)::int as n from t', [])).rows).toEqual([{ n: 2 }]);
  });
});
