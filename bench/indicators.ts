/**
 * Dashboard benchmark (issue 8): every indicator per level on a province-scale dataset on PostgreSQL — 100 counties,
 * 1,000 townships, 10,000 villages, 1 M subjects, 2 M samples, 5 M patrols (times --scale) — and the drill-down into
 * one township's villages, each as a ratio against a baseline measured in the same run (one plain scan that counts
 * the samples and patrols of the period per village). Prints, never asserts.
 *
 * The dataset is made by generate_series in SQL (triggers off, so no per-row grid lookup or audit) in a SCRATCH
 * database whose name must contain "bench" — never a test database. It is built once and reused while its size
 * matches (--rebuild to build it again).
 *
 *   npm run bench indicators -- --scale=0.1 --runs=3 --database=postgres://postgres@127.0.0.1:5432/nongan_bench_indicators
 */
import pg from 'pg';
import type { IndicatorsQuery } from '../server/contracts/indicators';
import type { Db } from '../server/src/db/engine';
import { migrate } from '../server/src/db/migrate';
import { PgDb } from '../server/src/db/pg-engine';
import { indicators } from '../server/src/modules/indicators/indicators.service';

export const description =
  'dashboard: all indicators per level on 100 counties / 10,000 villages / 1 M subjects / 2 M samples / 5 M patrols (× --scale) vs a plain scan';

function option(args: string[], name: string, fallback: string): string {
  const found = args.find((arg) => arg.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Creates the scratch database if it is missing (refusing any name without "bench"). */
async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/bench/.test(name))
    throw new Error(
      `the indicators benchmark writes millions of rows: its database name must contain "bench", not ${name}`,
    );
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

interface Size {
  counties: number;
  subjects: number;
  samples: number;
  patrols: number;
}

const sizeOf = (scale: number): Size => ({
  counties: Math.max(1, Math.round(100 * scale)),
  subjects: Math.round(1_000_000 * scale),
  samples: Math.round(2_000_000 * scale),
  patrols: Math.round(5_000_000 * scale),
});

/**
 * The tables the dashboard reads that triggers keep from the records (bypassed by the build): the migration that
 * adds each, its rebuild function, and a query that finds a record it is kept from.
 */
const DERIVED = [
  {
    label: 'sample rollup',
    migration: '0031',
    table: 'sample_rollup',
    rebuild: 'sample_rollup_rebuild',
    source: 'SELECT 1 FROM sample WHERE grid_id IS NOT NULL',
  },
  {
    label: 'patrol rollup',
    migration: '0036',
    table: 'patrol_subject_year',
    rebuild: 'patrol_subject_year_rebuild',
    source: 'SELECT 1 FROM patrol',
  },
  {
    label: 'rectifications',
    migration: '0037',
    table: 'patrol_rectification',
    rebuild: 'patrol_rectification_rebuild',
    source: "SELECT 1 FROM patrol WHERE outcome = 'rectify'",
  },
];

/** Province-scale rows: each county 10 townships × 10 villages on a 0.05° lattice; records spread over 2024–2025. */
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
  await step(
    `${size.counties} counties, ${size.counties * 10} townships, ${size.counties * 100} villages`,
    `INSERT INTO grid_unit (code, name, level, parent_id, population, geom)
     SELECT ${county('c')} || '000000', '基准县' || c, 'county', NULL, NULL,
       ST_Multi(ST_MakeEnvelope(100 + (c % 10) * 0.5, 30 + (c / 10) * 0.5, 100.5 + (c % 10) * 0.5, 30.5 + (c / 10) * 0.5, 4326))
     FROM generate_series(0, $1 - 1) c;
     INSERT INTO grid_unit (code, name, level, parent_id, population, geom)
     SELECT ${county('c')} || lpad((t + 1)::text, 3, '0') || '000', '基准乡' || c || '-' || t, 'township', p.id, NULL,
       ST_Multi(ST_MakeEnvelope(100 + (c % 10) * 0.5, 30 + (c / 10) * 0.5 + t * 0.05,
                                100.5 + (c % 10) * 0.5, 30 + (c / 10) * 0.5 + (t + 1) * 0.05, 4326))
     FROM generate_series(0, $1 - 1) c CROSS JOIN generate_series(0, 9) t
     JOIN grid_unit p ON p.code = ${county('c')} || '000000';
     INSERT INTO grid_unit (code, name, level, parent_id, population, geom)
     SELECT ${county('c')} || lpad((t + 1)::text, 3, '0') || lpad((v + 1)::text, 3, '0'), '基准村' || c || '-' || t || '-' || v,
       'village', p.id, 800 + (c * 37 + t * 11 + v * 7) % 2400,
       ST_Multi(ST_MakeEnvelope(100 + (c % 10) * 0.5 + v * 0.05, 30 + (c / 10) * 0.5 + t * 0.05,
                                100 + (c % 10) * 0.5 + (v + 1) * 0.05, 30 + (c / 10) * 0.5 + (t + 1) * 0.05, 4326))
     FROM generate_series(0, $1 - 1) c CROSS JOIN generate_series(0, 9) t CROSS JOIN generate_series(0, 9) v
     JOIN grid_unit p ON p.code = ${county('c')} || lpad((t + 1)::text, 3, '0') || '000'`.replace(
      /\$1/g,
      String(size.counties),
    ),
  );
  await step(
    'roster (every tenth grid misses a role)',
    `INSERT INTO grid_person (grid_id, role, name, post, phone, sort_order)
     SELECT g.id, r.role, '张伟', '', '13900000000', 0 FROM grid_unit g JOIN grid_role r ON r.level = g.level AND r.required
     WHERE g.id % 10 <> 0`,
  );
  await step(
    `${size.subjects.toLocaleString()} subjects`,
    `WITH v AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, ST_XMin(geom) AS x, ST_YMin(geom) AS y
                FROM grid_unit WHERE level = 'village')
     INSERT INTO production_subject (code, name, type, grid_id, geom, traceability, issues_certificate, certifications, updated_at)
     SELECT 'BM-' || i, '基准主体' || i,
       (ARRAY['enterprise', 'cooperative', 'family_farm', 'large_grower', 'small_household', 'small_household', 'input_shop'])[1 + i % 7],
       v.id, ST_SetSRID(ST_MakePoint(v.x + 0.001 + (i % 97) * 0.0005, v.y + 0.001 + (i % 89) * 0.0005), 4326),
       i % 3 <> 0, i % 4 <> 0, CASE WHEN i % 10 = 0 THEN ARRAY['green_food'] ELSE '{}'::text[] END,
       now() - ((i % 700) || ' days')::interval
     FROM generate_series(0::bigint, $1::bigint - 1) i JOIN v ON v.k = i % $2`,
    [size.subjects, size.counties * 100],
  );
  const first = `(SELECT min(id) FROM production_subject)`;
  await step(
    `${size.samples.toLocaleString()} samples (a banned-pesticide result on every fifth lab sample)`,
    `INSERT INTO sample (code, kind, sampled_at, commodity, commodity_category, subject_id, geom, grid_id, verdict)
     SELECT 'BS' || i,
       CASE WHEN i % 10 < 4 THEN 'rapid' WHEN i % 10 < 7 THEN 'routine' WHEN i % 10 < 9 THEN 'supervisory' ELSE 'quantitative' END,
       timestamptz '2024-01-01 10:00+08' + ((i * 7919) % 731) * interval '1 day', '菠菜', 'vegetable', s.id, s.geom, s.grid_id,
       CASE WHEN i % 37 = 0 THEN 'fail' ELSE 'pass' END
     FROM generate_series(0::bigint, $1::bigint - 1) i JOIN production_subject s ON s.id = ${first} + i % $2`,
    [size.samples, size.subjects],
  );
  await step(
    'sample results',
    `INSERT INTO sample_result (sample_id, analyte, verdict)
     SELECT id, '克百威', verdict FROM sample WHERE kind <> 'rapid' AND id % 5 = 0`,
  );
  await step(
    `${size.patrols.toLocaleString()} patrols (8 % rectifications, 2 % referrals)`,
    `INSERT INTO patrol (subject_id, grid_id, inspector_name, patrolled_at, outcome, rectify_deadline)
     SELECT s.id, s.grid_id, '巡查员', timestamptz '2024-01-01 09:00+08' + ((i * 104729) % 731) * interval '1 day',
       CASE WHEN i % 50 = 0 THEN 'refer' WHEN i % 12 = 0 THEN 'rectify' ELSE 'compliant' END,
       CASE WHEN i % 50 <> 0 AND i % 12 = 0 THEN date '2024-01-15' + ((i * 104729) % 731)::int END
     FROM generate_series(0::bigint, $1::bigint - 1) i JOIN production_subject s ON s.id = ${first} + (i * 7) % $2`,
    [size.patrols, size.subjects],
  );
  await step(
    'cases (about 3 a county a year)',
    `INSERT INTO enforcement_case (case_number, grid_id, subject_id, opened_on, closed_on, cause, status)
     SELECT 'BC' || i, s.grid_id, s.id, date '2024-01-01' + ((i * 31) % 731)::int, NULL, 'other', 'open'
     FROM generate_series(0::bigint, $1::bigint * 6 - 1) i JOIN production_subject s ON s.id = ${first} + (i * 7919) % $2`,
    [size.counties, size.subjects],
  );
  // The rows went in with triggers off: fill the tables kept by triggers as their migrations backfill them.
  for (const d of DERIVED)
    await step(`${d.label} (as migration ${d.migration} backfills it)`, `SELECT ${d.rebuild}()`);
  const t = performance.now();
  await db.query('VACUUM ANALYZE');
  log(`  vacuum analyze: ${seconds(performance.now() - t)}`);
}

async function loadedSize(db: Db): Promise<Size> {
  const { rows } = await db.query<Size>(
    `SELECT (SELECT count(*)::int FROM grid_unit WHERE level = 'county') AS counties,
            (SELECT count(*)::int FROM production_subject) AS subjects,
            (SELECT count(*)::int FROM sample) AS samples,
            (SELECT count(*)::int FROM patrol) AS patrols`,
  );
  return rows[0]!;
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
    process.env.BENCH_INDICATORS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/nongan_bench_indicators',
  );
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be in (0, 1], not ${scale}`);
  await ensureDatabase(url);
  const db = await PgDb.open({ connectionString: url, max: 4 });
  try {
    await migrate(db);
    const size = sizeOf(scale);
    const have = await loadedSize(db);
    if (args.includes('--rebuild') || JSON.stringify(have) !== JSON.stringify(size)) {
      console.log(`building the dataset (scale ${scale}) in ${new URL(url).pathname.slice(1)}:`);
      const t = performance.now();
      await build(db, size, (s) => console.log(s));
      console.log(`  built in ${seconds(performance.now() - t)}`);
    }
    // A dataset built before one of those migrations has the records but not yet the table kept from them.
    for (const d of DERIVED) {
      const { rows } = await db.query<{ stale: boolean }>(
        `SELECT EXISTS (${d.source}) AND NOT EXISTS (SELECT 1 FROM ${d.table}) AS stale`,
      );
      if (!rows[0]?.stale) continue;
      const t = performance.now();
      await db.query(`SELECT ${d.rebuild}()`);
      await db.query(`ANALYZE ${d.table}`);
      console.log(`  ${d.label} filled: ${seconds(performance.now() - t)}`);
    }
    // The state indicators of a past period (2025) are rebuilt from the audit log as at its end; the dataset went in
    // with triggers off, so give it a history that starts before 2024 (one marker row) and creation times then, as
    // an installation that has been recording since would have — else they are `no_history` and not timed at all.
    const { rows: history } = await db.query<{ missing: boolean }>(
      `SELECT coalesce(audit_history_start() > '2023-12-31T00:00:00+08', true) AS missing`,
    );
    if (history[0]?.missing) {
      const t = performance.now();
      await db.transaction(async (tx) => {
        await tx.query(`SET LOCAL session_replication_role = replica`);
        for (const table of ['grid_unit', 'grid_person', 'production_subject'])
          await tx.query(
            `UPDATE ${table} SET created_at = '2023-12-31T00:00:00+08' WHERE created_at > '2023-12-31T00:00:00+08'`,
          );
        await tx.query(
          `INSERT INTO audit_log (at, actor, table_name, row_key, action, after)
           VALUES ('2023-12-30T00:00:00+08', 'bench', 'bench', 'history-start', 'insert', '{}')`,
        );
      });
      await db.query('VACUUM ANALYZE grid_unit, grid_person, production_subject');
      console.log(
        `  audit history start and creation times set to 2023-12-31: ${seconds(performance.now() - t)}`,
      );
    }
    const got = await loadedSize(db);
    console.log(
      `dataset: ${got.counties} counties, ${got.counties * 100} villages, ${got.subjects.toLocaleString()} subjects, ` +
        `${got.samples.toLocaleString()} samples, ${got.patrols.toLocaleString()} patrols; median of ${runs} runs, year 2025`,
    );
    const period = { from: '2025-01-01', to: '2025-12-31' };
    const baseline = await timed(runs, () =>
      db.query(
        `SELECT grid_id, count(*) FROM (
           SELECT grid_id FROM sample WHERE sampled_at >= '2025-01-01T00:00:00+08' AND sampled_at < '2026-01-01T00:00:00+08'
           UNION ALL
           SELECT grid_id FROM patrol WHERE patrolled_at >= '2025-01-01T00:00:00+08' AND patrolled_at < '2026-01-01T00:00:00+08') x
         GROUP BY grid_id`,
      ),
    );
    console.log(
      `  baseline (one plain scan counting the year's samples and patrols per village): ${seconds(baseline)}`,
    );
    const { rows } = await db.query<{ county: number; township: number }>(
      `SELECT t.parent_id::int AS county, t.id::int AS township FROM grid_unit t WHERE t.level = 'township' ORDER BY t.code LIMIT 1`,
    );
    const { county, township } = rows[0]!;
    const cases: [string, IndicatorsQuery, string][] = [
      ['every county (level=county)', { level: 'county', ...period }, '< 3 s'],
      ['every township (level=township)', { level: 'township', ...period }, '< 3 s'],
      ['every village (level=village)', { level: 'village', ...period }, '< 3 s'],
      ['one county’s townships', { level: 'township', parentId: county, ...period }, '< 500 ms'],
      [
        'drill-down: one township’s villages',
        { level: 'village', parentId: township, ...period },
        '< 500 ms',
      ],
    ];
    for (const [name, query, target] of cases) {
      let units = 0;
      const ms = await timed(runs, async () => {
        units = (await indicators(db, query)).units.length;
      });
      console.log(
        `  ${name.padEnd(38)} ${String(units).padStart(6)} units  ${seconds(ms).padStart(8)}  ` +
          `${(ms / baseline).toFixed(1).padStart(6)}× baseline  [target ${target}]`,
      );
    }
  } finally {
    await db.close();
  }
}
