/**
 * The dashboard's sample rollup (migration 0031) against direct counts: after inserts, verdict changes, deletes, a
 * sample moved to another date, subject or village, a subject gaining a certification and an analyte becoming banned,
 * the counts the indicators read (whole months from the rollup, partial edge days from the samples) equal the counts
 * taken from the samples alone, for periods of whole and partial months, per village, per township and for the
 * whole county; and the rollup rows equal a recount of the records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../server/src/db/engine';
import {
  type CountParams,
  leafPairs,
  sampleCounts,
} from '../../server/src/modules/indicators/indicators.repository';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let county: FixtureCounty;
/** An analyte of this test only, so changing its status touches no other test's samples. */
const BANNED = `禁用${uniqueCode('AN')}`;
const subjects: number[] = [];

const PERIODS: [string, string][] = [
  ['2025-01-01', '2025-12-31'], // whole year: rollup only
  ['2025-01-15', '2025-03-10'], // partial at both ends, one whole month between
  ['2025-02-01', '2025-02-28'], // one whole month
  ['2025-01-31', '2025-02-01'], // two edge days, no whole month
  ['2024-12-20', '2025-02-05'], // across the year
  ['2025-03-01', '2025-03-31'],
];

const KINDS = {
  quotaKinds: ['routine', 'supervisory', 'quantitative'],
  rateKinds: ['routine', 'supervisory', 'quantitative'],
  rapidKinds: ['rapid'],
};

/** The counts of sampleCounts taken from the samples alone (the query before the rollup). */
async function direct(tx: Queryable, villageIds: number[], villageUnits: number[], from: string, to: string) {
  const start = (p: string) => `(${p}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const judged = `s.kind = ANY ($4::text[]) AND s.verdict IN ('pass', 'fail')`;
  const certified = `cardinality(ps.certifications) > 0`;
  const banned = `s.kind = ANY ($4::text[]) AND b.tested > 0`;
  const { rows } = await tx.query<{ unitId: number } & Record<string, number>>(
    `WITH leaf AS (SELECT * FROM unnest($1::bigint[], $2::bigint[]) AS l(village_id, unit_id)),
     banned AS (SELECT array_agg(n) AS names FROM analyte a, unnest(a.name_zh || a.aliases) n WHERE a.status = 'banned')
     SELECT l.unit_id::int AS "unitId",
       count(*) FILTER (WHERE s.kind = ANY ($3::text[]))::int AS "labSamples",
       count(*) FILTER (WHERE ${judged})::int AS judged,
       count(*) FILTER (WHERE ${judged} AND s.verdict = 'pass')::int AS passed,
       count(*) FILTER (WHERE ${judged} AND ${certified})::int AS "certJudged",
       count(*) FILTER (WHERE ${judged} AND ${certified} AND s.verdict = 'pass')::int AS "certPassed",
       count(*) FILTER (WHERE ${banned})::int AS "bannedJudged",
       count(*) FILTER (WHERE ${banned} AND b.bad = 0)::int AS "bannedPassed",
       count(DISTINCT v.parent_id::text || ':' || to_char(s.sampled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'))
         FILTER (WHERE s.kind = ANY ($7::text[]))::int AS "rapidDays"
     FROM sample s JOIN leaf l ON l.village_id = s.grid_id JOIN grid_unit v ON v.id = s.grid_id
     LEFT JOIN production_subject ps ON ps.id = s.subject_id
     LEFT JOIN LATERAL (SELECT count(*) AS tested, count(*) FILTER (WHERE r.verdict <> 'pass') AS bad
       FROM sample_result r WHERE r.sample_id = s.id AND r.analyte = ANY ((SELECT names FROM banned)::text[])) b ON true
     WHERE s.sampled_at >= ${start('$5')} AND s.sampled_at < (${start('$6')} + interval '1 day')
     GROUP BY l.unit_id`,
    [villageIds, villageUnits, KINDS.quotaKinds, KINDS.rateKinds, from, to, KINDS.rapidKinds],
  );
  return rows;
}

const sorted = <T extends { unitId: number }>(rows: T[]) =>
  [...rows]
    .filter((r) => Object.entries(r).some(([k, v]) => k !== 'unitId' && v !== 0))
    .sort((a, b) => a.unitId - b.unitId);

/** Rollup-based counts equal direct counts for every period, per village, per township and for the county. */
async function expectSameCounts(step: string) {
  const byVillage = await leafPairs(db, 'village', county.countyId);
  const byTownship = await leafPairs(db, 'township', county.countyId);
  const whole = { ...byVillage, villageUnits: byVillage.villageIds.map(() => county.countyId) };
  let compared = 0;
  for (const leaf of [byVillage, byTownship, whole])
    for (const [from, to] of PERIODS) {
      const params = { ...KINDS, ...leaf } as CountParams;
      const viaRollup = await sampleCounts(db, params, from, to);
      const fromSamples = await direct(db, leaf.villageIds, leaf.villageUnits, from, to);
      expect(sorted(viaRollup), `${step}: ${from}…${to}`).toEqual(sorted(fromSamples));
      compared += fromSamples.length;
    }
  expect(compared, `${step}: something was counted`).toBeGreaterThan(0);
  // The stored rows themselves equal a recount of the records.
  const recount = `SELECT s.grid_id, date_trunc('month', s.sampled_at AT TIME ZONE 'Asia/Shanghai')::date AS month, s.kind,
      count(*)::int AS samples, count(*) FILTER (WHERE s.verdict IN ('pass', 'fail'))::int AS judged
    FROM sample s WHERE s.grid_id = ANY ($1::bigint[]) GROUP BY 1, 2, 3`;
  const stored = `SELECT grid_id, month, kind, samples, judged FROM sample_rollup WHERE grid_id = ANY ($1::bigint[])`;
  const { rows: diff } = await db.query(
    `(${recount} EXCEPT ${stored}) UNION ALL (${stored} EXCEPT ${recount})`,
    [county.villageIds],
  );
  expect(diff, `${step}: rollup rows equal a recount`).toEqual([]);
}

async function addSubject(village: number, certifications: string[]): Promise<number> {
  const [lon, lat] = county.villagePoints[village]!;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO production_subject (code, name, type, certifications, geom)
     VALUES ($1, '汇总测试主体', 'family_farm', $2::text[], ST_SetSRID(ST_MakePoint($3, $4), 4326)) RETURNING id::int`,
    [uniqueCode('RU'), certifications, lon, lat],
  );
  return rows[0]!.id;
}

/** Inserts samples in one statement: [subject index, village of the place, China time, kind]. */
async function addSamples(rows: [number, number, string, string][]): Promise<number[]> {
  const values = rows.map(([subject, village, at, kind]) => {
    const [lon, lat] = county.villagePoints[village]!;
    return [uniqueCode('RS'), kind, at, subjects[subject]!, lon + 0.001, lat + 0.001];
  });
  const { rows: ids } = await db.query<{ id: number }>(
    `INSERT INTO sample (code, kind, sampled_at, commodity, commodity_category, subject_id, geom)
     SELECT code, kind, (at::timestamp AT TIME ZONE 'Asia/Shanghai'), '菠菜', 'vegetable', subject, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
     FROM jsonb_to_recordset($1::jsonb) AS x(code text, kind text, at text, subject bigint, lon float8, lat float8)
     ORDER BY code RETURNING id::int`,
    [
      JSON.stringify(
        values.map(([code, kind, at, subject, lon, lat]) => ({ code, kind, at, subject, lon, lat })),
      ),
    ],
  );
  return ids.map((r) => r.id);
}

async function addResults(results: [number, string, string][]) {
  await db.query(
    `INSERT INTO sample_result (sample_id, analyte, verdict)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])`,
    [results.map((r) => r[0]), results.map((r) => r[1]), results.map((r) => r[2])],
  );
}

let ids: number[] = [];

beforeAll(async () => {
  db = await openTestDb();
  county = await makeCounty(db);
  subjects.push(await addSubject(0, []), await addSubject(1, ['green_food']), await addSubject(2, []));
  await db.query(
    `INSERT INTO analyte (name_zh, name_en, class, kind, status) VALUES ($1, 'rollup test', 'test', 'pesticide', 'banned')`,
    [BANNED],
  );
  ids = await addSamples([
    [0, 0, '2025-01-10 09:00', 'routine'],
    [0, 0, '2025-01-31 23:30', 'supervisory'], // the last half hour of January in China, still 15:30 UTC
    [1, 1, '2025-02-01 00:30', 'quantitative'], // 16:30 UTC on 31 January: a February sample
    [1, 1, '2025-02-14 10:00', 'routine'],
    [2, 2, '2025-03-05 10:00', 'routine'],
    [2, 3, '2025-03-20 10:00', 'supervisory'],
    [0, 0, '2025-02-10 08:00', 'rapid'],
    [1, 1, '2025-02-10 15:00', 'rapid'], // same day in a village of the same or the other township
    [2, 2, '2025-02-10 11:00', 'rapid'],
    [2, 3, '2025-01-31 22:00', 'rapid'],
    [0, 0, '2024-12-28 10:00', 'routine'],
    [1, 1, '2025-01-02 10:00', 'routine'], // pending: no results
  ]);
  await addResults([
    [ids[0]!, '毒死蜱', 'pass'],
    [ids[1]!, '毒死蜱', 'fail'],
    [ids[2]!, BANNED, 'pass'],
    [ids[3]!, BANNED, 'fail'],
    [ids[3]!, '毒死蜱', 'pass'],
    [ids[4]!, '毒死蜱', 'pass'],
    [ids[5]!, BANNED, 'pass'],
    [ids[6]!, '速测', 'pass'],
    [ids[7]!, '速测', 'suspected'],
    [ids[8]!, '速测', 'pass'],
    [ids[9]!, '速测', 'pass'],
    [ids[10]!, '毒死蜱', 'pass'],
  ]);
});

afterAll(async () => {
  await db.close();
});

describe(`sample rollup against direct counts (${testEngine()})`, () => {
  it('counts the same after inserts, across China month boundaries and partial months', async () => {
    await expectSameCounts('inserts');
  });

  it('counts the same after verdicts change and results are deleted', async () => {
    await db.query(`UPDATE sample_result SET verdict = 'fail' WHERE sample_id = $1`, [ids[0]]);
    await db.query(`UPDATE sample_result SET verdict = 'pass' WHERE sample_id = $1 AND analyte = $2`, [
      ids[3],
      BANNED,
    ]);
    await db.query(`DELETE FROM sample_result WHERE sample_id = $1`, [ids[4]]); // back to pending
    await expectSameCounts('verdicts');
  });

  it('counts the same after samples move to another date, subject, village or kind, and after deletes', async () => {
    await db.query(`UPDATE sample SET sampled_at = sampled_at + interval '40 days' WHERE id = $1`, [ids[0]]);
    await db.query(`UPDATE sample SET sampled_at = timestamptz '2025-03-31 23:00+08' WHERE id = $1`, [
      ids[9],
    ]);
    await db.query(`UPDATE sample SET subject_id = $2 WHERE id = $1`, [ids[4], subjects[1]]);
    const [lon, lat] = county.villagePoints[3]!;
    await db.query(`UPDATE sample SET geom = ST_SetSRID(ST_MakePoint($2, $3), 4326) WHERE id = $1`, [
      ids[2],
      lon,
      lat,
    ]);
    await db.query(`UPDATE sample SET kind = 'rapid' WHERE id = $1`, [ids[11]]);
    await db.query(`DELETE FROM sample_result WHERE sample_id = $1`, [ids[7]]);
    await db.query(`DELETE FROM sample WHERE id = ANY ($1::bigint[])`, [[ids[7], ids[10]]]);
    await expectSameCounts('moves and deletes');
  });

  it('counts the same after a subject is certified and an analyte stops and starts being banned', async () => {
    await db.query(`UPDATE production_subject SET certifications = ARRAY['organic'] WHERE id = $1`, [
      subjects[0],
    ]);
    await db.query(`UPDATE production_subject SET certifications = '{}' WHERE id = $1`, [subjects[1]]);
    await expectSameCounts('certifications');
    await db.query(`UPDATE analyte SET status = 'permitted' WHERE name_zh = $1`, [BANNED]);
    await expectSameCounts('analyte permitted');
    await db.query(`UPDATE analyte SET status = 'banned' WHERE name_zh = $1`, [BANNED]);
    await expectSameCounts('analyte banned again');
  });

  it('counts the same when transactions write the same village, month and subject at once', async () => {
    // On PostgreSQL a later writer waits for the first's locks and then counts its committed rows (a second
    // recount of the same village-month, a sample of the subject whose certification the first changes); PGlite
    // runs them one after the other.
    const write = (subject: number, village: number, certify: boolean, delay: number) =>
      db.transaction(async (tx) => {
        await tx.query(`SELECT pg_sleep($1)`, [delay]);
        if (certify)
          await tx.query(`UPDATE production_subject SET certifications = ARRAY['green_food'] WHERE id = $1`, [
            subjects[subject],
          ]);
        const [lon, lat] = county.villagePoints[village]!;
        await tx.query(
          `INSERT INTO sample (code, kind, sampled_at, commodity, commodity_category, subject_id, geom, verdict)
           VALUES ($1, 'routine', timestamptz '2025-03-15 10:00+08', '菠菜', 'vegetable', $2,
                   ST_SetSRID(ST_MakePoint($3, $4), 4326), 'pass')`,
          [uniqueCode('RC'), subjects[subject], lon + 0.002, lat + 0.002],
        );
        await tx.query(`SELECT pg_sleep($1)`, [certify ? 0.3 : 0]);
      });
    await Promise.all([write(2, 0, true, 0), write(0, 0, false, 0.1), write(2, 3, false, 0.1)]);
    await expectSameCounts('concurrent writers');
  });

  it('counts the same after a whole statement of changes in one transaction, and empties with the samples', async () => {
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE sample SET sampled_at = sampled_at - interval '3 days' WHERE id = ANY ($1::bigint[])`,
        [ids],
      );
      await tx.query(`UPDATE sample_result SET verdict = 'pass' WHERE sample_id = ANY ($1::bigint[])`, [ids]);
    });
    await expectSameCounts('one transaction');
    await db.query(`DELETE FROM sample WHERE grid_id = ANY ($1::bigint[])`, [county.villageIds]);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sample_rollup WHERE grid_id = ANY ($1::bigint[])`,
      [county.villageIds],
    );
    expect(rows[0]!.n).toBe(0);
    await db.query(`DELETE FROM analyte WHERE name_zh = $1`, [BANNED]);
  });
});
