/**
 * Patrol coverage benchmark (issue 6, "Performance"): coverage per township (subjects patrolled as often as the rules
 * require ÷ subjects) on a province-scale dataset on PostgreSQL — 100 counties, 1,000 townships, 10,000 villages,
 * 1 M subjects, 5 M patrols over two years (times --scale) — for every township of the province and for one county's
 * townships, each against a baseline measured in the same run: one plain scan counting the year's patrols per
 * township (what any coverage answer has to read at least). Target: < 3 s per township-level answer. Prints, never
 * asserts.
 *
 * The dataset is made by generate_series in SQL (triggers off) in a SCRATCH database whose name must contain
 * "bench" — never a test database; built once and reused while its size matches (--rebuild to build it again).
 *
 *   npm run bench coverage -- --scale=0.1 --runs=3 --database=postgres://postgres@127.0.0.1:5432/nongan_bench_coverage
 */
import pg from 'pg';
import type { Db } from '../server/src/db/engine';
import { migrate } from '../server/src/db/migrate';
import { PgDb } from '../server/src/db/pg-engine';
import { coverage } from '../server/src/modules/patrols/patrol-compliance.service';

export const description =
  'patrol coverage per township on 1,000 townships / 1 M subjects / 5 M patrols (× --scale) vs a plain scan';

const option = (args: string[], name: string, fallback: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/bench/.test(name))
    throw new Error(
      `the coverage benchmark writes millions of rows: its database name must contain "bench", not ${name}`,
    );
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

interface Size {
  counties: number;
  subjects: number;
  patrols: number;
}

async function loadedSize(db: Db): Promise<Size> {
  const { rows } = await db.query<Size>(
    `SELECT (SELECT count(*)::int FROM grid_unit WHERE level = 'county') AS counties,
       (SELECT count(*)::int FROM production_subject) AS subjects, (SELECT count(*)::int FROM patrol) AS patrols`,
  );
  return rows[0]!;
}

async function build(db: Db, size: Size, log: (s: string) => void): Promise<void> {
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(sql, params);
    });
    log(`  ${label}: ${seconds(performance.now() - t)}`);
  };
  await db.query(
    `TRUNCATE enforcement_case, patrol_photo, patrol_plan_stop, patrol_plan, patrol, sample_result, sample,
       production_subject_event, production_subject, grid_person, grid_history, grid_unit RESTART IDENTITY CASCADE`,
  );
  const county = (c: string) =>
    `'70' || lpad((${c} / 50 + 1)::text, 2, '0') || lpad((${c} % 50 + 1)::text, 2, '0')`;
  const n = String(size.counties);
  await step(
    `${size.counties} counties, ${size.counties * 10} townships, ${size.counties * 100} villages`,
    `INSERT INTO grid_unit (code, name, level, parent_id, geom)
     SELECT ${county('c')} || '000000', '基准县' || c, 'county', NULL,
       ST_Multi(ST_MakeEnvelope(100 + (c % 10) * 0.5, 30 + (c / 10) * 0.5, 100.5 + (c % 10) * 0.5, 30.5 + (c / 10) * 0.5, 4326))
     FROM generate_series(0, ${n} - 1) c;
     INSERT INTO grid_unit (code, name, level, parent_id, geom)
     SELECT ${county('c')} || lpad((t + 1)::text, 3, '0') || '000', '基准乡' || c || '-' || t, 'township', p.id,
       ST_Multi(ST_MakeEnvelope(100 + (c % 10) * 0.5, 30 + (c / 10) * 0.5 + t * 0.05,
                                100.5 + (c % 10) * 0.5, 30 + (c / 10) * 0.5 + (t + 1) * 0.05, 4326))
     FROM generate_series(0, ${n} - 1) c CROSS JOIN generate_series(0, 9) t
     JOIN grid_unit p ON p.code = ${county('c')} || '000000';
     INSERT INTO grid_unit (code, name, level, parent_id, geom)
     SELECT ${county('c')} || lpad((t + 1)::text, 3, '0') || lpad((v + 1)::text, 3, '0'), '基准村' || c || '-' || t || '-' || v,
       'village', p.id,
       ST_Multi(ST_MakeEnvelope(100 + (c % 10) * 0.5 + v * 0.05, 30 + (c / 10) * 0.5 + t * 0.05,
                                100 + (c % 10) * 0.5 + (v + 1) * 0.05, 30 + (c / 10) * 0.5 + (t + 1) * 0.05, 4326))
     FROM generate_series(0, ${n} - 1) c CROSS JOIN generate_series(0, 9) t CROSS JOIN generate_series(0, 9) v
     JOIN grid_unit p ON p.code = ${county('c')} || lpad((t + 1)::text, 3, '0') || '000'`,
  );
  await step(
    `${size.subjects.toLocaleString()} subjects`,
    `WITH v AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, ST_XMin(geom) AS x, ST_YMin(geom) AS y
                FROM grid_unit WHERE level = 'village')
     INSERT INTO production_subject (code, name, type, grid_id, geom, key_list, credit_class)
     SELECT 'BM-' || i, '基准主体' || i,
       (ARRAY['enterprise', 'cooperative', 'family_farm', 'large_grower', 'small_household', 'small_household', 'input_shop'])[1 + i % 7],
       v.id, ST_SetSRID(ST_MakePoint(v.x + 0.001 + (i % 97) * 0.0005, v.y + 0.001 + (i % 89) * 0.0005), 4326),
       i % 17 = 0, (ARRAY['A', 'A', 'B', 'C'])[1 + i % 4]
     FROM generate_series(0::bigint, $1::bigint - 1) i JOIN v ON v.k = i % $2`,
    [size.subjects, size.counties * 100],
  );
  await step(
    `${size.patrols.toLocaleString()} patrols over 2024–2025`,
    `INSERT INTO patrol (subject_id, grid_id, inspector_name, patrolled_at, outcome, rectify_deadline)
     SELECT s.id, s.grid_id, '巡查员', timestamptz '2024-01-01 09:00+08' + ((i * 104729) % 731) * interval '1 day',
       CASE WHEN i % 12 = 0 THEN 'rectify' ELSE 'compliant' END,
       CASE WHEN i % 12 = 0 THEN date '2024-01-15' + ((i * 104729) % 731)::int END
     FROM generate_series(0::bigint, $1::bigint - 1) i
     JOIN production_subject s ON s.id = (SELECT min(id) FROM production_subject) + (i * 7) % $2`,
    [size.patrols, size.subjects],
  );
  // The rollup of patrols per subject and year, filled as migration 0036 does (the build ran with triggers off).
  await step('patrol_subject_year rollup', `SELECT patrol_subject_year_rebuild()`);
  await step('patrol_rectification (migration 0037)', `SELECT patrol_rectification_rebuild()`);
  const t = performance.now();
  await db.query('VACUUM ANALYZE');
  log(`  vacuum analyze: ${seconds(performance.now() - t)}`);
}

async function timed(runs: number, task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await task();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function run(args: string[]): Promise<void> {
  const scale = Number(option(args, 'scale', '0.1'));
  const runs = Number(option(args, 'runs', '3'));
  const url = option(
    args,
    'database',
    process.env.BENCH_COVERAGE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/nongan_bench_coverage',
  );
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be in (0, 1], not ${scale}`);
  await ensureDatabase(url);
  const db = await PgDb.open({ connectionString: url, max: 4 });
  try {
    await migrate(db);
    const counties = Math.max(1, Math.round(100 * scale));
    const size = { counties, subjects: counties * 10_000, patrols: counties * 50_000 };
    if (args.includes('--rebuild') || JSON.stringify(await loadedSize(db)) !== JSON.stringify(size)) {
      console.log(`building the dataset (scale ${scale}) in ${new URL(url).pathname.slice(1)}:`);
      const t = performance.now();
      await build(db, size, (s) => console.log(s));
      console.log(`  built in ${seconds(performance.now() - t)}`);
    }
    const got = await loadedSize(db);
    console.log(
      `dataset: ${got.counties} counties, ${got.counties * 10} townships, ${got.counties * 100} villages, ` +
        `${got.subjects.toLocaleString()} subjects, ${got.patrols.toLocaleString()} patrols; median of ${runs} runs, year 2025`,
    );
    const period = { from: '2025-01-01', to: '2025-12-31', asOf: '2025-12-31' };
    const baseline = await timed(runs, () =>
      db.query(
        `SELECT t.id, count(*) FROM patrol p JOIN grid_unit v ON v.id = p.grid_id JOIN grid_unit t ON t.id = v.parent_id
         WHERE p.patrolled_at >= '2025-01-01T00:00:00+08' AND p.patrolled_at < '2026-01-01T00:00:00+08' GROUP BY t.id`,
      ),
    );
    console.log(`  baseline (one plain scan counting the year's patrols per township): ${seconds(baseline)}`);
    const { rows } = await db.query<{ id: number }>(
      `SELECT id::int FROM grid_unit WHERE level = 'county' ORDER BY code LIMIT 1`,
    );
    const cases: [string, Parameters<typeof coverage>[1]][] = [
      ['coverage of every township of the province', { level: 'township', ...period }],
      ['coverage of one county’s townships', { level: 'township', parentId: rows[0]!.id, ...period }],
    ];
    for (const [label, q] of cases) {
      let features = 0;
      const ms = await timed(runs, async () => {
        features = (await coverage(db, q)).features.length;
      });
      console.log(
        `  ${label.padEnd(46)} ${seconds(ms).padStart(9)}  ${(ms / baseline).toFixed(1)}× baseline  ` +
          `(${features} townships)  [target < 3 s]`,
      );
    }
  } finally {
    await db.close();
  }
}
