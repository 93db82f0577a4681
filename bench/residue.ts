/**
 * Residue analysis benchmark: the failure-rate choropleth (POST /api/analysis/rates) and Gi* hot spots
 * (POST /api/analysis/area-hotspots, queen weights from the polygons: built on the first call, then cached until a
 * grid changes) over a synthetic county of 10,000 village grids (100 townships × 100 villages, 0.01° squares) and
 * 2,000,000 samples with one result each, the 100 villages of one township (a 10 × 10 block) failing four times as
 * often. Baseline: a plain `count(*)` over the same samples in the same run. It prints, never asserts.
 *
 *   npm run bench residue -- --engine=postgres|pglite|both --samples=2000000 --database=postgres://…/nongan_bench_residue
 *
 * PostgreSQL data are generated once into their own database (reused while it holds the same sizes); PGlite gets a
 * fresh in-memory database with --pglite-samples (default 200,000) because generating 2 M rows in WebAssembly is slow.
 */
import pg from 'pg';
import type { Db } from '../server/src/db/engine';
import { migrate } from '../server/src/db/migrate';
import { PgDb } from '../server/src/db/pg-engine';
import { PgliteDb } from '../server/src/db/pglite-engine';
import { areaHotspots, rates } from '../server/src/modules/analysis/analysis.service';
import { AreaHotspotsRequest, RatesRequest } from '../server/contracts/analysis';

export const description =
  'residue analysis: failure-rate choropleth + Gi* over 2 M samples and 10,000 village grids (ms, ratio to count(*))';

const COUNTY = '980101000000';

function option(args: string[], name: string, fallback: string): string {
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (rows.length === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '')}"`);
  await client.end();
}

/** Generates the synthetic county if the database does not hold one of this size. */
async function generate(db: Db, samples: number): Promise<void> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sample s JOIN grid_unit g ON g.id = s.grid_id WHERE g.code LIKE '980101%'`,
  );
  if ((rows[0]?.n ?? 0) === samples) return;
  if ((rows[0]?.n ?? 0) > 0)
    throw new Error('the benchmark database holds another size: drop it or pass --samples');
  const t0 = performance.now();
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO grid_unit (code, name, level, population, geom)
       VALUES ($1, '基准县', 'county', 1000000, ST_Multi(ST_MakeEnvelope(110, 35, 111, 36, 4326)))`,
      [COUNTY],
    );
    await tx.query(
      `INSERT INTO grid_unit (code, name, level, parent_id, population, geom)
       SELECT '980101' || (100 + t)::text || '000', '乡' || t, 'township', (SELECT id FROM grid_unit WHERE code = $1), 10000,
              ST_Multi(ST_MakeEnvelope(110 + (t % 10) * 0.1, 35 + (t / 10) * 0.1, 110 + (t % 10 + 1) * 0.1, 35 + (t / 10 + 1) * 0.1, 4326))
       FROM generate_series(0, 99) AS t`,
      [COUNTY],
    );
    await tx.query(
      `INSERT INTO grid_unit (code, name, level, parent_id, population, geom)
       SELECT '980101' || (100 + t)::text || (200 + v)::text, '村' || t || '-' || v, 'village',
              (SELECT id FROM grid_unit WHERE code = '980101' || (100 + t)::text || '000'), 100,
              ST_Multi(ST_MakeEnvelope(110 + (t % 10) * 0.1 + (v % 10) * 0.01, 35 + (t / 10) * 0.1 + (v / 10) * 0.01,
                                       110 + (t % 10) * 0.1 + (v % 10 + 1) * 0.01, 35 + (t / 10) * 0.1 + (v / 10 + 1) * 0.01, 4326))
       FROM generate_series(0, 99) AS t, generate_series(0, 99) AS v`,
    );
  });
  // Triggers (grid assignment, verdict refresh) are bypassed for speed: grid_id and verdict are written directly.
  await db.transaction(async (tx) => {
    await tx.exec('SET LOCAL session_replication_role = replica');
    await tx.query(
      `WITH v AS (SELECT id, ST_XMin(geom) AS x, ST_YMin(geom) AS y, row_number() OVER (ORDER BY code) - 1 AS k
                  FROM grid_unit WHERE level = 'village' AND code LIKE '980101%'),
            s AS (SELECT i, (hashint4(i) & 2147483647) % 10000 AS k, (hashint4(i * 7 + 1) & 2147483647) / 2147483647.0 AS u,
                         (hashint4(i * 13 + 5) & 2147483647) / 2147483647.0 AS a, (hashint4(i * 17 + 3) & 2147483647) / 2147483647.0 AS b
                  FROM generate_series(1, $1::int) AS i)
       INSERT INTO sample (code, kind, sampled_at, commodity, commodity_category, geom, grid_id, verdict)
       SELECT 'BR' || s.i, CASE WHEN s.i % 5 = 0 THEN 'rapid' ELSE 'routine' END,
              timestamptz '2024-01-01 10:00+08' + (s.i % 1000) * interval '1 day', '菠菜', 'vegetable',
              ST_SetSRID(ST_MakePoint(v.x + 0.0005 + s.a * 0.009, v.y + 0.0005 + s.b * 0.009), 4326), v.id,
              CASE WHEN s.u < (CASE WHEN v.k < 100 THEN 0.12 ELSE 0.03 END) THEN 'fail' ELSE 'pass' END
       FROM s JOIN v ON v.k = s.k`,
      [samples],
    );
    await tx.query(
      `INSERT INTO sample_result (sample_id, analyte, value, lod, verdict, rule)
       SELECT id, '克百威', CASE WHEN verdict = 'fail' THEN 0.05 END, 0.005, verdict,
              CASE WHEN verdict = 'fail' THEN 'banned_detected' ELSE 'not_detected' END
       FROM sample WHERE code LIKE 'BR%'`,
    );
  });
  await db.exec('ANALYZE sample; ANALYZE sample_result; ANALYZE grid_unit');
  console.log(
    `  generated ${samples.toLocaleString()} samples in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

async function time<T>(fn: () => Promise<T>, repeat = 3): Promise<{ ms: number; result: T }> {
  let best = Infinity;
  let result: T | undefined;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    result = await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result: result as T };
}

async function runEngine(engine: 'postgres' | 'pglite', db: Db, samples: number): Promise<void> {
  await migrate(db);
  await generate(db, samples);
  const { rows } = await db.query<{ id: number }>('SELECT id FROM grid_unit WHERE code = $1', [COUNTY]);
  const gridId = rows[0]!.id;
  const filter = { gridId, from: '2024-01-01', to: '2026-12-31' };
  const baseline = await time(() => db.query(`SELECT count(*) FROM sample WHERE code LIKE 'BR%'`));
  // First call in this process: grids, centroids and queen neighbours are computed (then cached until a grid changes).
  const cold = await time(
    () => areaHotspots(db, AreaHotspotsRequest.parse({ filter, method: 'gi_star', weights: 'queen' })),
    1,
  );
  const choropleth = await time(() => rates(db, RatesRequest.parse({ filter })));
  const gi = await time(() =>
    areaHotspots(db, AreaHotspotsRequest.parse({ filter, method: 'gi_star', weights: 'queen' })),
  );
  const giAnalyte = await time(() =>
    areaHotspots(
      db,
      AreaHotspotsRequest.parse({
        filter: { ...filter, analyte: '克百威', kinds: ['routine'] },
        weights: 'queen',
      }),
    ),
  );
  const both = choropleth.ms + gi.ms;
  const hot = gi.result.features.filter(
    (f) => f.properties.class === 'hot_95' || f.properties.class === 'hot_99',
  ).length;
  const line = (label: string, ms: number) =>
    console.log(
      `  ${engine.padEnd(8)} ${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms  ×${(ms / baseline.ms).toFixed(1)} of count(*)`,
    );
  console.log(
    `  ${engine}: ${samples.toLocaleString()} samples, ${choropleth.result.features.length.toLocaleString()} village grids (best of 3)`,
  );
  line('baseline: SELECT count(*) over the samples', baseline.ms);
  line('failure-rate choropleth (rates, EB, Wilson)', choropleth.ms);
  line('Gi* hot spots, first call (weights built)', cold.ms);
  line('Gi* hot spots, weights cached', gi.ms);
  line('Gi* with analyte + kind filter', giAnalyte.ms);
  line('choropleth + Gi*, two calls (target < 2 s on PG)', both);
  line('choropleth + Gi*, two calls, first ever', choropleth.ms + cold.ms);
  console.log(
    `  ${engine.padEnd(8)} hot villages at 95 %+: ${hot} (planted: township 0, a 10 × 10 block of 100 villages)`,
  );
}

export async function run(args: string[]): Promise<void> {
  const engine = option(args, 'engine', 'postgres');
  const samples = Number(option(args, 'samples', '2000000'));
  if (engine === 'postgres' || engine === 'both') {
    const url = option(
      args,
      'database',
      process.env.BENCH_RESIDUE_URL ?? 'postgres://postgres@127.0.0.1:5432/nongan_bench_residue',
    );
    await ensureDatabase(url);
    const db = await PgDb.open({ connectionString: url, max: 4 });
    try {
      await runEngine('postgres', db, samples);
    } finally {
      await db.close();
    }
  }
  if (engine === 'pglite' || engine === 'both') {
    const db = await PgliteDb.open();
    try {
      await runEngine('pglite', db, Number(option(args, 'pglite-samples', '200000')));
    } finally {
      await db.close();
    }
  }
}
