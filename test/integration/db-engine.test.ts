/**
 * The engine interface behaves the same on PGlite and PostgreSQL: same JavaScript types, same transaction
 * semantics, same authorship and versioning of rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import { makeCounty } from '../support/fixtures';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;

beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db.close();
});

describe(`database engine (${testEngine()})`, () => {
  it('reports which engine it is', () => {
    expect(db.engine).toBe(testEngine());
  });

  it('returns the same JavaScript types for integers, numerics, dates, timestamps, json and arrays', async () => {
    const { rows } = await db.query(
      `SELECT 42::int8 AS big, 1.25::numeric AS num, 2.5::float8 AS dbl, '2024-02-29'::date AS day,
              '2024-05-01 08:30:00+08'::timestamptz AS at, '{"a":[1,2]}'::jsonb AS doc, ARRAY['x','y'] AS list, true AS flag`,
    );
    expect(rows[0]).toEqual({
      big: 42,
      num: 1.25,
      dbl: 2.5,
      day: '2024-02-29',
      at: '2024-05-01T00:30:00.000Z',
      doc: { a: [1, 2] },
      list: ['x', 'y'],
      flag: true,
    });
  });

  it('commits a transaction when its function resolves and rolls everything back when it throws', async () => {
    const county = await makeCounty(db);
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`UPDATE grid_unit SET population = 5 WHERE id = $1`, [county.countyId]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const after = await db.query<{ population: number }>('SELECT population FROM grid_unit WHERE id = $1', [
      county.countyId,
    ]);
    expect(after.rows[0]?.population).toBe(1000);
    await db.transaction(async (tx) => {
      await tx.query(`UPDATE grid_unit SET population = 7 WHERE id = $1`, [county.countyId]);
    });
    const committed = await db.query<{ population: number }>(
      'SELECT population FROM grid_unit WHERE id = $1',
      [county.countyId],
    );
    expect(committed.rows[0]?.population).toBe(7);
  });

  it('records the acting user as author and bumps the version on every update', async () => {
    const county = await makeCounty(db);
    const before = await db.query<{ version: number; created_by: string }>(
      'SELECT version, created_by FROM grid_unit WHERE id = $1',
      [county.countyId],
    );
    expect(before.rows[0]).toEqual({ version: 1, created_by: 'system' });
    await db.transaction(
      (tx) => tx.query(`UPDATE grid_unit SET name = name || '（改）' WHERE id = $1`, [county.countyId]),
      {
        user: "planner 'zhang'",
      },
    );
    const after = await db.query<{ version: number; created_by: string; updated_by: string }>(
      'SELECT version, created_by, updated_by FROM grid_unit WHERE id = $1',
      [county.countyId],
    );
    expect(after.rows[0]).toEqual({ version: 2, created_by: 'system', updated_by: "planner 'zhang'" });
  });

  it('refuses writes in a read-only transaction', async () => {
    await expect(
      db.transaction((tx) => tx.query(`CREATE TEMP TABLE ro_probe (x int)`), { readOnly: true }),
    ).rejects.toThrow(/read-only/i);
  });

  it('answers a one-statement read like a query', async () => {
    const { rows } = await db.read<{ n: number; at: string }>(
      `SELECT $1::int8 AS n, '2024-01-01 00:00:00+00'::timestamptz AS at`,
      [7],
      {
        statementTimeoutMs: 5000,
      },
    );
    expect(rows).toEqual([{ n: 7, at: '2024-01-01T00:00:00.000Z' }]);
  });

  if (testEngine() === 'postgres') {
    it('refuses writes in a read and cancels a read that runs past its time limit (PostgreSQL)', async () => {
      await expect(
        db.read(`CREATE TEMP TABLE read_probe (x int)`, [], { statementTimeoutMs: 5000 }),
      ).rejects.toThrow(/read-only/i);
      await expect(db.read('SELECT pg_sleep(2)', [], { statementTimeoutMs: 100 })).rejects.toMatchObject({
        code: '57014',
      });
      // The pool of that timeout still serves the next statement.
      expect(
        (await db.read<{ one: number }>('SELECT 1 AS one', [], { statementTimeoutMs: 100 })).rows,
      ).toEqual([{ one: 1 }]);
    });
  }

  it('runs several statements in one exec and reports affected rows', async () => {
    const county = await makeCounty(db);
    const result = await db.query('UPDATE grid_unit SET population = 1 WHERE parent_id = $1', [
      county.countyId,
    ]);
    expect(result.rowCount).toBe(2);
  });
});
