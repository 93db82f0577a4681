/**
 * The demo county as loaded into a real database (PGlite or PostgreSQL): exact tiling proved by PostGIS, every
 * record in the village the generator chose, verdicts consistent with results, truth present — and a load that is
 * all-or-nothing, never runs over existing data, and a seed CLI that refuses a database with grids.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import { PgliteDb } from '../../server/src/db/pglite-engine';
import { generateDemo } from '../../server/src/domain/demo/generate';
import type { DemoData } from '../../server/src/domain/demo/types';
import { DemoCountyExistsError, ensureDemoData, loadDemo } from '../../server/src/modules/demo/demo.service';
import { openDemoTestDb } from '../support/demo-db';
import { makeCounty } from '../support/fixtures';
import { openTestDb, pgliteCachePath, testDatabaseUrl, testEngine } from '../support/test-db';

const COUNTY = '652399000000';
const DEMO_GRIDS = `g.code LIKE '652399%'`;
const silent = pino({ level: 'silent' });

let db: Db;
let data: DemoData;
const one = async <T>(sql: string, params: unknown[] = []): Promise<T> =>
  (await db.query<{ v: T }>(sql, params)).rows[0]?.v as T;

beforeAll(async () => {
  db = await openDemoTestDb();
  data = generateDemo();
});
afterAll(async () => {
  await db?.close();
});

describe('the demo county in the database', () => {
  it('has valid boundaries everywhere', async () => {
    expect(await one(`SELECT count(*)::int AS v FROM grid_unit g WHERE ${DEMO_GRIDS}`)).toBe(68);
    expect(
      await one(`SELECT count(*)::int AS v FROM grid_unit g WHERE ${DEMO_GRIDS} AND NOT ST_IsValid(g.geom)`),
    ).toBe(0);
  });

  it('is tiled by its villages with less than 1 m² of gaps and of overlaps', async () => {
    // Gaps and spill-over together: the symmetric difference of the county and the union of its villages.
    // (Not ST_Difference: on PGlite's PostGIS 3.6.2 / GEOS 3.14 build, ST_Difference of these two exactly equal
    // polygons makes the whole row vanish from the result instead of returning an empty polygon.)
    const gap = await one<number>(
      `SELECT ST_Area(ST_SymDifference(c.geom, (SELECT ST_Union(g.geom) FROM grid_unit g WHERE g.level = 'village' AND ${DEMO_GRIDS}))::geography) AS v
       FROM grid_unit c WHERE c.code = $1`,
      [COUNTY],
    );
    const overlap = await one<number>(
      `SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0) AS v
       FROM grid_unit a JOIN grid_unit b ON a.id < b.id AND a.geom && b.geom
       WHERE a.level = 'village' AND b.level = 'village' AND a.code LIKE '652399%' AND b.code LIKE '652399%'`,
    );
    const areaDifference = await one<number>(
      `SELECT abs(sum(ST_Area(g.geom::geography)) FILTER (WHERE g.level = 'village') - sum(ST_Area(g.geom::geography)) FILTER (WHERE g.level = 'county')) AS v
       FROM grid_unit g WHERE ${DEMO_GRIDS}`,
    );
    expect(gap).toBeLessThan(1);
    expect(overlap).toBeLessThan(1);
    expect(areaDifference).toBeLessThan(1);
  });

  it('makes every township the union of its villages and the county the union of its townships', async () => {
    const { rows } = await db.query<{ code: string; children: number; covered: boolean; difference: number }>(
      `SELECT p.code, count(*)::int AS children, bool_and(ST_CoveredBy(c.geom, p.geom)) AS covered,
              ST_Area(ST_SymDifference(p.geom, ST_Union(c.geom))::geography) AS difference
       FROM grid_unit p JOIN grid_unit c ON c.parent_id = p.id
       WHERE p.code LIKE '652399%' GROUP BY p.id, p.code ORDER BY p.code`,
    );
    expect(rows).toHaveLength(11);
    expect(rows.find((r) => r.code === COUNTY)?.children).toBe(10);
    expect(rows.reduce((s, r) => s + (r.code === COUNTY ? 0 : r.children), 0)).toBe(57);
    for (const row of rows) {
      expect(row.covered).toBe(true);
      expect(row.difference).toBeLessThan(1);
    }
  });

  it('keeps the county and every township in one piece without holes, about 2,500–3,500 km²', async () => {
    const { rows } = await db.query<{ parts: number; holes: number; km2: number }>(
      `SELECT ST_NumGeometries(g.geom) AS parts, ST_NumInteriorRings(ST_GeometryN(g.geom, 1)) AS holes, ST_Area(g.geom::geography) / 1e6 AS km2
       FROM grid_unit g WHERE ${DEMO_GRIDS} AND g.level <> 'village'`,
    );
    expect(rows).toHaveLength(11);
    for (const row of rows) expect([row.parts, row.holes]).toEqual([1, 0]);
    const county = Math.max(...rows.map((r) => r.km2));
    expect(county).toBeGreaterThan(2500);
    expect(county).toBeLessThan(3500);
  });

  it('holds exactly the counts the generator recorded in its truth', async () => {
    const counts = await one<Record<string, number>>(
      `SELECT value->'counts' AS v FROM demo_truth WHERE key = 'generator'`,
    );
    const actual = (
      await db.query<Record<string, number>>(
        `SELECT
           (SELECT count(*)::int FROM grid_unit g WHERE ${DEMO_GRIDS}) AS grids,
           (SELECT count(*)::int FROM grid_person p JOIN grid_unit g ON g.id = p.grid_id WHERE ${DEMO_GRIDS}) AS persons,
           (SELECT count(*)::int FROM production_subject WHERE code LIKE '652399-%') AS subjects,
           (SELECT count(*)::int FROM sample WHERE code LIKE '__652399-%') AS samples,
           (SELECT count(*)::int FROM sample_result r JOIN sample s ON s.id = r.sample_id WHERE s.code LIKE '__652399-%') AS sample_results,
           (SELECT count(*)::int FROM soil_sample WHERE code LIKE 'TR652399-%') AS soil_samples,
           (SELECT count(*)::int FROM patrol p JOIN production_subject s ON s.id = p.subject_id WHERE s.code LIKE '652399-%') AS patrols`,
      )
    ).rows[0];
    expect(actual).toEqual({
      grids: counts.grids,
      persons: counts.persons,
      subjects: counts.subjects,
      samples: counts.samples,
      sample_results: counts.sample_results,
      soil_samples: counts.soil_samples,
      patrols: counts.patrols,
    });
    expect(counts).toMatchObject({ grids: 68, subjects: 2000, samples: 15_000 });
  });

  it('puts every subject, sample, soil sample and patrol in the village grid the generator chose', async () => {
    const located = async (sql: string) =>
      new Map((await db.query<{ code: string; village: string }>(sql)).rows.map((r) => [r.code, r.village]));
    const subjects = await located(
      `SELECT s.code, g.code AS village FROM production_subject s LEFT JOIN grid_unit g ON g.id = s.grid_id WHERE s.code LIKE '652399-%'`,
    );
    const samples = await located(
      `SELECT s.code, g.code AS village FROM sample s LEFT JOIN grid_unit g ON g.id = s.grid_id WHERE s.code LIKE '__652399-%'`,
    );
    const soil = await located(
      `SELECT s.code, g.code AS village FROM soil_sample s LEFT JOIN grid_unit g ON g.id = s.grid_id WHERE s.code LIKE 'TR652399-%'`,
    );
    expect(data.subjects.filter((s) => subjects.get(s.code) !== s.villageCode)).toEqual([]);
    expect(data.samples.filter((s) => samples.get(s.code) !== s.villageCode).map((s) => s.code)).toEqual([]);
    expect(data.soilSamples.filter((s) => soil.get(s.code) !== s.villageCode).map((s) => s.code)).toEqual([]);
    const patrolsOffGrid = await one<number>(
      `SELECT count(*)::int AS v FROM patrol p JOIN production_subject s ON s.id = p.subject_id
       WHERE s.code LIKE '652399-%' AND p.grid_id IS DISTINCT FROM s.grid_id`,
    );
    expect(patrolsOffGrid).toBe(0);
  });

  it('keeps every sample verdict the worst of its results, with no sample left pending', async () => {
    const inconsistent = await one<number>(
      `SELECT count(*)::int AS v FROM sample s
       WHERE s.code LIKE '__652399-%' AND s.verdict <> (
         SELECT CASE WHEN bool_or(r.verdict = 'fail') THEN 'fail' WHEN bool_or(r.verdict = 'suspected') THEN 'suspected'
                     WHEN count(r.id) > 0 THEN 'pass' ELSE 'pending' END
         FROM sample_result r WHERE r.sample_id = s.id)`,
    );
    expect(inconsistent).toBe(0);
    const rate = await one<number>(
      `SELECT avg((verdict = 'pass')::int)::float8 AS v FROM sample WHERE code LIKE '__652399-%'`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.96);
    expect(rate).toBeLessThanOrEqual(0.97);
  });

  it('keeps production bases valid and inside the village of their subject', async () => {
    const { rows } = await db.query<{ bases: number; outside: number; minMu: number; maxMu: number }>(
      `SELECT count(*)::int AS bases, count(*) FILTER (WHERE NOT ST_CoveredBy(s.base_geom, g.geom) OR NOT ST_Covers(s.base_geom, s.geom))::int AS outside,
              min(ST_Area(s.base_geom::geography) / 666.67) AS "minMu", max(ST_Area(s.base_geom::geography) / 666.67) AS "maxMu"
       FROM production_subject s JOIN grid_unit g ON g.id = s.grid_id WHERE s.code LIKE '652399-%' AND s.base_geom IS NOT NULL`,
    );
    expect(rows[0]).toMatchObject({ bases: 1000, outside: 0 });
    expect(rows[0]?.minMu).toBeGreaterThanOrEqual(20);
    expect(rows[0]?.maxMu).toBeLessThanOrEqual(3000);
  });

  it('leaves exactly the two unstaffed villages of the truth without a village coordinator', async () => {
    const missing = (
      await db.query<{ code: string }>(
        `SELECT g.code FROM grid_unit g JOIN grid_role r ON r.level = g.level AND r.required
         WHERE ${DEMO_GRIDS} AND NOT EXISTS (SELECT 1 FROM grid_person p WHERE p.grid_id = g.id AND p.role = r.role)
         ORDER BY g.code`,
      )
    ).rows.map((r) => r.code);
    const truth = await one<{ village_codes: string[] }>(
      `SELECT value AS v FROM demo_truth WHERE key = 'unstaffed_villages'`,
    );
    expect(missing).toEqual([...truth.village_codes].sort());
  });

  it('stores every ground-truth row, the generator row with the seed, scale and data digest', async () => {
    const keys = (await db.query<{ key: string }>('SELECT key FROM demo_truth ORDER BY key')).rows.map(
      (r) => r.key,
    );
    expect(keys).toEqual([
      'cadmium_plume',
      'carbofuran_clusters',
      'generator',
      'patrol_blind_spots',
      'state_history',
      'township_stations',
      'unstaffed_villages',
    ]);
    const generator = await one<Record<string, unknown>>(
      `SELECT value AS v FROM demo_truth WHERE key = 'generator'`,
    );
    expect(generator).toMatchObject({ seed: 652399, scale: 1, county_code: COUNTY });
    expect(generator.digest).toMatch(/^[0-9a-f]{64}$/);
    const author = await one<string>(
      `SELECT min(created_by) AS v FROM production_subject WHERE code LIKE '652399-%'`,
    );
    expect(author).toBe('demo-generator');
  });
});

describe('loading the demo', () => {
  it('does nothing at start-up when the database already has grids', async () => {
    for (const target of [db, await openTestDb()]) {
      if (target !== db) await makeCounty(target);
      const count = `SELECT (SELECT count(*) FROM grid_unit)::int + (SELECT count(*) FROM production_subject)::int AS v`;
      const before = (await target.query<{ v: number }>(count)).rows[0]?.v;
      await ensureDemoData(target, silent);
      expect((await target.query<{ v: number }>(count)).rows[0]?.v).toBe(before);
      if (target !== db) await target.close();
    }
  });

  it('refuses to load the demo county a second time and changes nothing', async () => {
    await expect(loadDemo(db)).rejects.toBeInstanceOf(DemoCountyExistsError);
    expect(await one(`SELECT count(*)::int AS v FROM production_subject WHERE code LIKE '652399-%'`)).toBe(
      2000,
    );
  });

  it('commits nothing when the load fails half-way', async () => {
    // Another county code so the load runs even where the demo is already loaded (the shared PostgreSQL database).
    const target = await openTestDb();
    const seen: string[] = [];
    try {
      const failing = loadDemo(target, { countyCode: '652398000000' }, (msg) => {
        seen.push(msg);
        if (msg.includes('loading samples'))
          throw new Error('injected failure after grids, roster and subjects');
      });
      await expect(failing).rejects.toThrow(/injected failure/);
      expect(seen.some((m) => m.includes('loading production subjects'))).toBe(true);
      const left = await target.query<{ grids: number; subjects: number; truth: number }>(
        `SELECT (SELECT count(*)::int FROM grid_unit WHERE code LIKE '652398%') AS grids,
                (SELECT count(*)::int FROM production_subject WHERE code LIKE '652398-%') AS subjects,
                (SELECT count(*)::int FROM demo_truth WHERE value->>'county_code' = '652398000000') AS truth`,
      );
      expect(left.rows[0]).toEqual({ grids: 0, subjects: 0, truth: 0 });
    } finally {
      await target.close();
    }
  });
});

/** Runs `npm run seed`'s script with extra environment; resolves with its exit code and output. */
function runSeed(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const base = { ...process.env };
    delete base.DATABASE_URL;
    delete base.DATA_DIR;
    const child = spawn(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'server/src/cli/seed.ts', ...args],
      { env: { ...base, ...env } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run seed', () => {
  it('rejects a scale that is not a positive integer, in Chinese and English', async () => {
    const result = await runSeed(['--scale', '0'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--scale 需要');
    expect(result.stderr).toContain('--scale needs an integer from 1 to 1000');
  });

  it('refuses a database that already holds grids and tells the user what to do', async () => {
    let env: Record<string, string>;
    let dir: string | undefined;
    if (testEngine() === 'postgres') {
      env = { DATABASE_URL: testDatabaseUrl() };
    } else {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nongan-seed-'));
      const migrated = new Blob([fs.readFileSync(pgliteCachePath('migrated'))]);
      const existing = await PgliteDb.open({ dataDir: path.join(dir, 'pglite'), loadDataDir: migrated });
      await makeCounty(existing);
      await existing.close();
      env = { DATA_DIR: dir };
    }
    try {
      const result = await runSeed(['--scale', '1'], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('该数据库已有网格数据，未做任何修改');
      expect(result.stderr).toContain(
        'Set DATA_DIR to a new directory, or DATABASE_URL to an empty database',
      );
    } finally {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
