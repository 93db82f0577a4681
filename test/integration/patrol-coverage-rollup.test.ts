/**
 * Patrol coverage read from the yearly rollup (patrol_subject_year, migration 0036: a row per subject and year, a
 * column per month) gives exactly what counting the patrols themselves gives (on both engines): the rollup's months
 * equal a GROUP BY over patrol after inserts of many rows in one statement, deletes, a patrol moved to another
 * subject and date, a move inside its month, an edit that changes no count and a rolled-back insert; and GET
 * /api/patrols/coverage equals evaluating every subject with the pure rules over its patrol dates, for periods of
 * whole months, partial months at either edge, days inside one month, a period crossing the year and one cut by asOf
 * — with patrols just after midnight China time, which fall in the previous UTC month — and so do all those periods
 * counted in one query, as the dashboard counts its two. An account reads the rows of the subjects it may read and
 * cannot write any; a rollup bypassed refuses the write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageResponse } from '../../server/contracts/patrol-plans';
import type { Db } from '../../server/src/db/engine';
import { evaluateSubject, ruleFor, type SubjectType } from '../../server/src/domain/patrols/rules';
import { listRules } from '../../server/src/modules/patrols/patrol-compliance.service';
import {
  coverageCountsOf,
  coverageSubjects,
} from '../../server/src/modules/patrols/patrol-coverage.repository';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { asAccountOf } from '../support/scope';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let server: TestServer;
let county: FixtureCounty;
const ids: Record<string, number> = {};

const PERIODS: { from: string; to: string; asOf: string }[] = [
  { from: '2025-01-01', to: '2025-12-31', asOf: '2025-12-31' },
  { from: '2025-01-15', to: '2025-03-10', asOf: '2025-12-31' },
  { from: '2025-02-03', to: '2025-02-20', asOf: '2025-12-31' },
  { from: '2024-12-15', to: '2025-07-15', asOf: '2025-06-30' },
  { from: '2025-03-01', to: '2025-03-31', asOf: '2025-12-31' },
  { from: '2025-01-31', to: '2025-02-01', asOf: '2025-12-31' },
  { from: '2025-05-01', to: '2025-10-31', asOf: '2025-12-31' },
];

/** Subjects: key, type, village index, key list, credit class. */
const SUBJECTS: [string, string, number, boolean, string | null][] = [
  ['ent', 'enterprise', 0, false, 'A'],
  ['entKey', 'enterprise', 1, true, 'B'],
  ['coop', 'cooperative', 0, false, 'C'],
  ['farm', 'family_farm', 2, false, null],
  ['grower', 'large_grower', 3, false, 'A'],
  ['small', 'small_household', 1, true, null],
  ['smallFree', 'small_household', 2, false, null],
  ['shop', 'input_shop', 3, false, 'C'],
];

/** Patrols as [subject, China local time]; several fall on month edges, two just after midnight. */
const PATROLS: [string, string][] = [
  ['ent', '2024-12-31 23:30'],
  ['ent', '2025-01-01 00:30'],
  ['ent', '2025-01-14 10:00'],
  ['ent', '2025-02-01 00:30'],
  ['ent', '2025-06-30 16:00'],
  ['ent', '2025-07-01 09:00'],
  ['entKey', '2025-01-15 09:00'],
  ['entKey', '2025-01-31 23:59'],
  ['entKey', '2025-02-28 12:00'],
  ['entKey', '2025-03-01 00:10'],
  ['entKey', '2025-03-10 18:00'],
  ['entKey', '2025-03-11 08:00'],
  ['entKey', '2025-08-08 08:00'],
  ['coop', '2025-02-03 10:00'],
  ['coop', '2025-02-20 10:00'],
  ['coop', '2025-02-20 15:00'],
  ['coop', '2025-10-31 23:00'],
  ['coop', '2025-11-01 00:05'],
  ['farm', '2025-05-05 10:00'],
  ['farm', '2025-09-09 10:00'],
  ['farm', '2025-12-31 23:59'],
  ['grower', '2025-03-15 10:00'],
  ['small', '2025-06-01 10:00'],
  ['shop', '2025-01-20 10:00'],
  ['shop', '2025-01-21 10:00'],
  ['shop', '2025-04-01 10:00'],
  ['shop', '2026-01-01 00:00'],
];

const AT = (local: string) => `${local}:00+08`;

/** Every patrol of the fixture's subjects inserted in one statement. */
async function insertPatrols(rows: [string, string][]) {
  await db.query(
    `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, outcome)
     SELECT s, '张伟', t, 'compliant' FROM unnest($1::bigint[], $2::timestamptz[]) AS x(s, t)`,
    [rows.map(([k]) => ids[k]), rows.map(([, t]) => AT(t))],
  );
}

const mine = () => Object.values(ids);

/**
 * The rollup of the fixture's subjects as (subject, month, patrols) for its months with patrols, and the same counted
 * from patrol; and how many of its rows have no patrol at all (a year emptied must be deleted, not kept at zero).
 */
async function rollupVersusPatrol() {
  const order = `ORDER BY 1, 2`;
  const { rows: rollup } = await db.query(
    `SELECT r.subject_id::int, to_char(make_date(r.year, k, 1), 'YYYY-MM-DD') AS month, n.patrols
     FROM patrol_subject_year r CROSS JOIN generate_series(1, 12) k
     CROSS JOIN LATERAL (SELECT (ARRAY[r.m01, r.m02, r.m03, r.m04, r.m05, r.m06, r.m07, r.m08, r.m09, r.m10, r.m11,
       r.m12])[k] AS patrols) n
     WHERE r.subject_id = ANY ($1::bigint[]) AND n.patrols <> 0 ${order}`,
    [mine()],
  );
  const { rows: direct } = await db.query(
    `SELECT subject_id::int, to_char(date_trunc('month', patrolled_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS month,
       count(*)::int AS patrols
     FROM patrol WHERE subject_id = ANY ($1::bigint[]) GROUP BY 1, 2 ${order}`,
    [mine()],
  );
  const { rows: empty } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM patrol_subject_year
     WHERE subject_id = ANY ($1::bigint[]) AND total = 0`,
    [mine()],
  );
  return { rollup, direct, emptyRows: empty[0]!.n };
}

/** Each subject evaluated with the pure rules over its patrol dates read from patrol, and its township. */
async function expectedSubjects(p: { from: string; to: string; asOf: string }) {
  const rules = await listRules(db);
  const { rows } = await db.query<{
    id: number;
    type: SubjectType;
    keyList: boolean;
    creditClass: string | null;
    unit: number;
    dates: string[];
  }>(
    `SELECT s.id::int, s.type, s.key_list AS "keyList", s.credit_class AS "creditClass", v.parent_id::int AS unit,
       coalesce((SELECT json_agg(to_char(x.patrolled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) FROM patrol x
                 WHERE x.subject_id = s.id), '[]'::json) AS dates
     FROM production_subject s JOIN grid_unit v ON v.id = s.grid_id
     WHERE v.parent_id = ANY ($1::bigint[])
       AND (s.status = 'active' OR s.retired_at >= (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))
     ORDER BY s.id`,
    [county.townshipIds, p.asOf],
  );
  return rows.map((s) => {
    const r = evaluateSubject(
      ruleFor(rules, s.type),
      { ...s, gridId: null, patrolDates: s.dates },
      { from: p.from, to: p.to },
      p.asOf,
    );
    const covered = r.status === 'on_track' || r.status === 'not_required';
    return { id: s.id, unit: s.unit, done: r.done, required: r.required, covered };
  });
}

/** Coverage per township from those. */
async function expectedCoverage(p: { from: string; to: string; asOf: string }) {
  const subjects = await expectedSubjects(p);
  return county.townshipIds.map((unit) => {
    const here = subjects.filter((s) => s.unit === unit);
    return { unit, subjects: here.length, covered: here.filter((s) => s.covered).length };
  });
}

/** Each subject's done, required and covered as the rollup query counts them (the dashboard's records). */
async function countedSubjects(p: { from: string; to: string; asOf: string }) {
  const { items } = await coverageSubjects(db, {
    ...p,
    rules: await listRules(db),
    gridId: county.countyId,
    missing: false,
    limit: 500,
    offset: 0,
  });
  return items
    .map((s) => ({ id: s.id, done: s.done, required: s.required, covered: s.covered }))
    .sort((a, b) => a.id - b.id);
}

async function servedCoverage(p: { from: string; to: string; asOf: string }) {
  const res = await request<CoverageResponse>(
    server.url,
    `/api/patrols/coverage?level=township&parentId=${county.countyId}&from=${p.from}&to=${p.to}&asOf=${p.asOf}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return county.townshipIds.map((unit) => {
    const f = res.body.features.find((x) => x.properties.grid.id === unit)!;
    return { unit, subjects: f.properties.subjects, covered: f.properties.covered };
  });
}

/**
 * Coverage per township of every period in one query, as the dashboard asks for its period and the previous one
 * (coverageCountsOf), reading the patrols per subject by index or grouped per subject once.
 */
async function countedAtOnce(periods: typeof PERIODS, perSubject: boolean) {
  const { rows } = await db.query<{ id: number; parent: number }>(
    `SELECT id::int, parent_id::int AS parent FROM grid_unit WHERE id = ANY ($1::bigint[]) ORDER BY id`,
    [county.villageIds],
  );
  const counts = await coverageCountsOf(db, periods, {
    rules: await listRules(db),
    villageIds: rows.map((r) => r.id),
    villageUnits: rows.map((r) => r.parent),
    perSubject,
  });
  return counts.map((list) =>
    county.townshipIds.map((unit) => {
      const c = list.find((x) => x.unit === unit);
      return { unit, subjects: c?.subjects ?? 0, covered: c?.covered ?? 0 };
    }),
  );
}

async function expectSameEverywhere() {
  const { rollup, direct, emptyRows } = await rollupVersusPatrol();
  expect(rollup).toEqual(direct);
  expect(emptyRows).toBe(0);
  for (const p of PERIODS) {
    expect(await servedCoverage(p), JSON.stringify(p)).toEqual(await expectedCoverage(p));
    const expected = (await expectedSubjects(p)).map(({ unit: _unit, ...rest }) => rest);
    expect(await countedSubjects(p), JSON.stringify(p)).toEqual(expected);
  }
  const expected = await Promise.all(PERIODS.map((p) => expectedCoverage(p)));
  expect(await countedAtOnce(PERIODS, true), 'all periods at once, per subject').toEqual(expected);
  expect(await countedAtOnce(PERIODS, false), 'all periods at once, grouped').toEqual(expected);
}

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  county = await makeCounty(db);
  for (const [key, type, village, keyList, credit] of SUBJECTS) {
    const [lon, lat] = county.villagePoints[village]!;
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO production_subject (code, name, type, key_list, credit_class, geom)
       VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326)) RETURNING id::int`,
      [uniqueCode('ROLL'), `${key}主体`, type, keyList, credit, lon, lat],
    );
    ids[key] = rows[0]!.id;
  }
  await insertPatrols(PATROLS);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe(`patrol coverage from the yearly rollup equals counting the patrols (${testEngine()})`, () => {
  it('after inserting many patrols in one statement, including two of one subject on one day', async () => {
    const { rollup } = await rollupVersusPatrol();
    // 2025-02-01 00:30 China time is still January in UTC: it counts in February.
    expect(rollup).toContainEqual(
      expect.objectContaining({ subject_id: ids.ent, month: '2025-02-01', patrols: 1 }),
    );
    expect(rollup).toContainEqual(
      expect.objectContaining({ subject_id: ids.coop, month: '2025-02-01', patrols: 3 }),
    );
    await expectSameEverywhere();
    // Not the same as "at least one patrol": the cooperative (low credit) has 3 in Feb but the year needs 2+1+1.
    const year = await servedCoverage(PERIODS[0]!);
    expect(year.reduce((a, u) => a + u.subjects, 0)).toBe(SUBJECTS.length);
  });

  it('after deleting patrols (a month emptied, a month reduced) in one statement', async () => {
    await db.query(
      `DELETE FROM patrol WHERE (subject_id = $1 AND patrolled_at = $2) OR (subject_id = $3 AND patrolled_at = $4)
         OR (subject_id = $5 AND patrolled_at >= $6)`,
      [
        ids.coop,
        AT('2025-02-20 15:00'),
        ids.grower,
        AT('2025-03-15 10:00'),
        ids.farm,
        AT('2025-09-01 00:00'),
      ],
    );
    const { rollup } = await rollupVersusPatrol();
    expect(rollup.filter((r) => r.subject_id === ids.grower)).toEqual([]);
    // The grower's only year emptied: its row is gone.
    const { rows } = await db.query(`SELECT 1 FROM patrol_subject_year WHERE subject_id = $1`, [ids.grower]);
    expect(rows).toEqual([]);
    await expectSameEverywhere();
  });

  it('after moving a patrol to another subject and date, one inside its month and an edit of its notes', async () => {
    await db.query(
      `UPDATE patrol SET subject_id = $1, patrolled_at = $2 WHERE subject_id = $3 AND patrolled_at = $4`,
      [ids.grower, AT('2025-07-31 23:50'), ids.ent, AT('2025-01-14 10:00')],
    );
    await db.query(`UPDATE patrol SET patrolled_at = $1 WHERE subject_id = $2 AND patrolled_at = $3`, [
      AT('2025-03-02 10:00'),
      ids.entKey,
      AT('2025-03-10 18:00'),
    ]);
    await db.query(`UPDATE patrol SET notes = '复查' WHERE subject_id = ANY ($1::bigint[])`, [mine()]);
    await expectSameEverywhere();
  });

  it('shows an account the rollup rows of the subjects it may read, and cannot be written by it', async () => {
    // A village account (village 0: the enterprise and the cooperative, by their points) under row-level security.
    const village = county.villageIds[0]!;
    const seen = await asAccountOf(
      db,
      village,
      async (scoped) =>
        (
          await scoped.query<{ subject: number }>(
            `SELECT DISTINCT subject_id::int AS subject FROM patrol_subject_year
             WHERE subject_id = ANY ($1::bigint[]) ORDER BY 1`,
            [mine()],
          )
        ).rows,
    );
    const { rows: expected } = await db.query<{ subject: number }>(
      `SELECT DISTINCT y.subject_id::int AS subject FROM patrol_subject_year y
       JOIN production_subject s ON s.id = y.subject_id
       WHERE y.subject_id = ANY ($1::bigint[]) AND coalesce(s.grid_id, s.owner_grid_id) = $2 ORDER BY 1`,
      [mine(), village],
    );
    expect(expected.map((r) => r.subject).sort()).toEqual([ids.ent, ids.coop].sort());
    expect(seen).toEqual(expected);
    await expect(
      asAccountOf(db, village, (scoped) =>
        scoped.query(`DELETE FROM patrol_subject_year WHERE subject_id = $1`, [ids.ent]),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('refuses a write when the rollup was bypassed, rather than drifting', async () => {
    // A rollup row removed behind the triggers' back: deleting that subject's patrols would take it below zero.
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`DELETE FROM patrol_subject_year WHERE subject_id = $1`, [ids.shop]);
        await tx.query(`DELETE FROM patrol WHERE subject_id = $1`, [ids.shop]);
      }),
    ).rejects.toThrow(/patrol_subject_year is out of step/);
    await expectSameEverywhere();
  });

  it('after a subject moves to the other township and an insert is rolled back', async () => {
    const [lon, lat] = county.villagePoints[2]!;
    await db.query(
      `UPDATE production_subject SET geom = ST_SetSRID(ST_MakePoint($1, $2), 4326) WHERE id = $3`,
      [lon, lat, ids.entKey],
    );
    await expect(
      db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, outcome) VALUES ($1, '张伟', $2, 'compliant')`,
          [ids.small, AT('2025-05-05 10:00')],
        );
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await expectSameEverywhere();
  });
});
