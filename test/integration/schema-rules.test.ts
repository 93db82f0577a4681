/**
 * The schema rejects nonsense on both engines: bad codes, wrong hierarchy, invalid geometry, bad phones,
 * points outside every village; and keeps derived columns (grid assignment, sample verdicts) right.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let county: FixtureCounty;

beforeAll(async () => {
  db = await openTestDb();
  county = await makeCounty(db);
});
afterAll(async () => {
  await db.close();
});

async function rejection(
  sql: string,
  params: unknown[] = [],
): Promise<{ code?: string; constraint?: string }> {
  try {
    await db.query(sql, params);
  } catch (error) {
    return error as { code?: string; constraint?: string };
  }
  throw new Error(`expected the database to refuse: ${sql}`);
}

const square = (w: number, s: number, d = 0.01) =>
  `SRID=4326;MULTIPOLYGON(((${w} ${s},${w + d} ${s},${w + d} ${s + d},${w} ${s + d},${w} ${s})))`;

describe(`schema rules (${testEngine()})`, () => {
  it('refuses a village whose code does not start with its township’s code', async () => {
    const prefix = county.countyCode.slice(0, 6);
    const error = await rejection(
      `INSERT INTO grid_unit (code, name, level, parent_id, geom) VALUES ($1, '错村', 'village', $2, ST_GeomFromEWKT($3))`,
      [`${prefix}300201`, county.townshipIds[0], square(county.bbox[0], county.bbox[1])],
    );
    expect(error).toMatchObject({ code: '23514', constraint: 'grid_unit_code_prefix' });
  });

  it('refuses a village placed directly under the county', async () => {
    const prefix = county.countyCode.slice(0, 6);
    const error = await rejection(
      `INSERT INTO grid_unit (code, name, level, parent_id, geom) VALUES ($1, '跳级村', 'village', $2, ST_GeomFromEWKT($3))`,
      [`${prefix}100299`, county.countyId, square(county.bbox[0], county.bbox[1])],
    );
    expect(error).toMatchObject({ code: '23514', constraint: 'grid_unit_parent_level' });
  });

  it('refuses duplicate grid codes and malformed codes', async () => {
    const dup = await rejection(
      `INSERT INTO grid_unit (code, name, level, geom) VALUES ($1, '重复县', 'county', ST_GeomFromEWKT($2))`,
      [county.countyCode, square(0, 0)],
    );
    expect(dup).toMatchObject({ code: '23505', constraint: 'grid_unit_code_key' });
    const bad = await rejection(
      `INSERT INTO grid_unit (code, name, level, geom) VALUES ('65AB99000000', '坏码县', 'county', ST_GeomFromEWKT($1))`,
      [square(0, 0)],
    );
    expect(bad).toMatchObject({ code: '23514', constraint: 'grid_unit_code_format' });
  });

  it('refuses a self-intersecting grid boundary', async () => {
    const error = await rejection(
      `INSERT INTO grid_unit (code, name, level, geom) VALUES ('990199000000', '领结县', 'county',
        ST_GeomFromEWKT('SRID=4326;MULTIPOLYGON(((0 0,1 1,1 0,0 1,0 0)))'))`,
    );
    expect(error).toMatchObject({ code: '23514', constraint: 'grid_unit_geom_valid' });
  });

  it('refuses a person whose role belongs to another grid level, and a phone with letters', async () => {
    const role = await rejection(
      `INSERT INTO grid_person (grid_id, role, name, phone) VALUES ($1, 'village_coordinator', '张三', '13912345678')`,
      [county.townshipIds[0]],
    );
    expect(role).toMatchObject({ code: '23514', constraint: 'grid_person_role_level' });
    const phone = await rejection(
      `INSERT INTO grid_person (grid_id, role, name, phone) VALUES ($1, 'village_coordinator', '张三', '1391234abcd')`,
      [county.villageIds[0]],
    );
    expect(phone).toMatchObject({ code: '23514', constraint: 'grid_person_phone_format' });
  });

  it('assigns a subject to the village grid containing it, and follows it when it moves', async () => {
    const [lon, lat] = county.villagePoints[2]!;
    const { rows } = await db.query<{ id: number; grid_id: number }>(
      `INSERT INTO production_subject (code, name, type, geom) VALUES ($1, '测试合作社', 'cooperative', ST_SetSRID(ST_MakePoint($2, $3), 4326))
       RETURNING id, grid_id`,
      [uniqueCode(), lon, lat],
    );
    expect(rows[0]?.grid_id).toBe(county.villageIds[2]);
    const [lon2, lat2] = county.villagePoints[1]!;
    const moved = await db.query<{ grid_id: number }>(
      `UPDATE production_subject SET geom = ST_SetSRID(ST_MakePoint($2, $3), 4326) WHERE id = $1 RETURNING grid_id`,
      [rows[0]?.id, lon2, lat2],
    );
    expect(moved.rows[0]?.grid_id).toBe(county.villageIds[1]);
  });

  it('refuses a subject located outside every village grid', async () => {
    const error = await rejection(
      `INSERT INTO production_subject (code, name, type, geom) VALUES ($1, '飞地', 'enterprise', ST_SetSRID(ST_MakePoint(10, 10), 4326))`,
      [uniqueCode()],
    );
    expect(error).toMatchObject({ code: '23514', constraint: 'production_subject_inside_grid' });
  });

  it('keeps a sample’s verdict equal to the worst of its results', async () => {
    const [lon, lat] = county.villagePoints[0]!;
    const { rows } = await db.query<{ id: number; verdict: string }>(
      `INSERT INTO sample (code, kind, sampled_at, commodity, commodity_category, geom)
       VALUES ($1, 'routine', '2025-06-01T02:00:00Z', '菠菜', 'vegetable', ST_SetSRID(ST_MakePoint($2, $3), 4326)) RETURNING id, verdict`,
      [uniqueCode('S'), lon, lat],
    );
    const id = rows[0]?.id;
    expect(rows[0]?.verdict).toBe('pending');
    const verdict = async () =>
      (await db.query<{ verdict: string }>('SELECT verdict FROM sample WHERE id = $1', [id])).rows[0]
        ?.verdict;
    await db.query(
      `INSERT INTO sample_result (sample_id, analyte, value, limit_value, verdict) VALUES ($1, '毒死蜱', NULL, 0.02, 'pass')`,
      [id],
    );
    expect(await verdict()).toBe('pass');
    await db.query(
      `INSERT INTO sample_result (sample_id, analyte, value, limit_value, verdict) VALUES ($1, '克百威', 0.05, 0.02, 'fail')`,
      [id],
    );
    expect(await verdict()).toBe('fail');
    await db.query(`UPDATE sample_result SET verdict = 'pass' WHERE sample_id = $1 AND analyte = '克百威'`, [
      id,
    ]);
    expect(await verdict()).toBe('pass');
    await db.query(`DELETE FROM sample_result WHERE sample_id = $1`, [id]);
    expect(await verdict()).toBe('pending');
  });

  it('refuses a rectification outcome without a deadline and a soil pH outside 0–14', async () => {
    const [lon, lat] = county.villagePoints[0]!;
    const subject = await db.query<{ id: number }>(
      `INSERT INTO production_subject (code, name, type, geom) VALUES ($1, '巡查对象', 'family_farm', ST_SetSRID(ST_MakePoint($2, $3), 4326)) RETURNING id`,
      [uniqueCode(), lon, lat],
    );
    const patrol = await rejection(
      `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, outcome) VALUES ($1, '张伟', now(), 'rectify')`,
      [subject.rows[0]?.id],
    );
    expect(patrol).toMatchObject({ code: '23514', constraint: 'patrol_rectify_needs_deadline' });
    const soil = await rejection(
      `INSERT INTO soil_sample (code, sampled_on, land_use, ph, cd_mgkg, geom) VALUES ($1, '2025-05-01', 'dry', 15, 0.2, ST_SetSRID(ST_MakePoint($2, $3), 4326))`,
      [uniqueCode('T'), lon, lat],
    );
    expect(soil).toMatchObject({ code: '23514', constraint: 'soil_sample_ph_check' });
  });

  it('counts every write to a table in layer_version, which tiles key their caches on', async () => {
    // Other test files write grid_unit concurrently: lock the counter so only this transaction can move it.
    await db.transaction(async (tx) => {
      const version = async (lock = '') =>
        (
          await tx.query<{ version: number }>(
            `SELECT version FROM layer_version WHERE source = 'grid_unit' ${lock}`,
          )
        ).rows[0]?.version ?? 0;
      const before = await version('FOR UPDATE');
      await tx.query('UPDATE grid_unit SET population = population WHERE id = $1', [county.countyId]);
      expect(await version()).toBe(before + 1);
    });
  });
});
