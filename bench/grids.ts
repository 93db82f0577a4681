/**
 * Grid planning: (1) validating and saving one village edit in a county of 61 grids and 2,000 subjects (p50/p95 of
 * 30 saves, against a bare UPDATE of the same boundary as the baseline); (2) the topology check of a province-scale
 * level: 10,000 village grids in 100 townships (against one pass computing every village's area as the baseline).
 * Everything runs inside transactions that are rolled back, so any database can be used.
 *
 *   npm run bench grids -- --engine=both|pglite|postgres --database=postgres://…
 */
import type { Db, Queryable } from '../server/src/db/engine';
import { migrate } from '../server/src/db/migrate';
import { PgDb } from '../server/src/db/pg-engine';
import { PgliteDb } from '../server/src/db/pglite-engine';
import { applyEdit } from '../server/src/modules/grids/grids.service';
import { checkParents } from '../server/src/modules/grids/grid-topology.repository';

export const description =
  'grid planning: one village edit (60 grids, 2,000 subjects) and a 10,000-village topology check';

class Rollback extends Error {}

function option(args: string[], name: string, fallback: string): string {
  const found = args.find((arg) => arg.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** A lattice county: townships of k×k villages whose corners are jittered (shared, so they tile exactly). */
async function lattice(
  tx: Queryable,
  prefix: string,
  towns: number,
  villages: number,
  x0: number,
  y0: number,
): Promise<number[]> {
  const d = 0.01;
  const n = towns * villages;
  await tx.query(
    `INSERT INTO grid_unit (code, name, level, geom)
     VALUES ($1::text || '000000', '基准县', 'county', ST_Multi(ST_MakeEnvelope($2::float8, $3::float8, $2::float8 + $4::float8 * $5::int, $3::float8 + $4::float8 * $5::int, 4326)))`,
    [prefix, x0 - d, y0 - d, d, n + 2],
  );
  await tx.query(
    `CREATE TEMP TABLE bench_village ON COMMIT DROP AS
     WITH corner AS (
       SELECT i, j, $2::float8 + i * $4::float8 + CASE WHEN i IN (0, $5::int) THEN 0 ELSE $4::float8 * 0.3 * sin(i * 12.9898 + j * 78.233) END AS x,
                    $3::float8 + j * $4::float8 + CASE WHEN j IN (0, $5::int) THEN 0 ELSE $4::float8 * 0.3 * cos(i * 39.3468 + j * 11.135) END AS y
       FROM generate_series(0, $5::int) i, generate_series(0, $5::int) j
     )
     SELECT a.i, a.j, a.i / $6::int AS ti, a.j / $6::int AS tj,
       ST_Multi(ST_MakePolygon(ST_MakeLine(ARRAY[ST_Point(a.x, a.y), ST_Point(b.x, b.y), ST_Point(c.x, c.y), ST_Point(e.x, e.y), ST_Point(a.x, a.y)]))) AS geom
     FROM corner a
     JOIN corner b ON b.i = a.i + 1 AND b.j = a.j
     JOIN corner c ON c.i = a.i + 1 AND c.j = a.j + 1
     JOIN corner e ON e.i = a.i AND e.j = a.j + 1
     WHERE $1::text IS NOT NULL`,
    [prefix, x0, y0, d, n, villages],
  );
  await tx.query(`UPDATE bench_village SET geom = ST_SetSRID(geom, 4326)`);
  const { rows: county } = await tx.query<{ id: number }>(
    `SELECT id FROM grid_unit WHERE code = $1::text || '000000'`,
    [prefix],
  );
  const countyId = county[0]?.id;
  const { rows: townships } = await tx.query<{ id: number }>(
    `INSERT INTO grid_unit (code, name, level, parent_id, geom)
     SELECT $1::text || (100 + ti * $3::int + tj)::text || '000', '镇' || (ti * $3::int + tj), 'township', $2::bigint, ST_Multi(ST_Union(geom))
     FROM bench_village GROUP BY ti, tj RETURNING id`,
    [prefix, countyId, towns],
  );
  await tx.query(
    `INSERT INTO grid_unit (code, name, level, parent_id, geom)
     SELECT $1::text || (100 + v.ti * $2::int + v.tj)::text || (201 + (v.i % $3::int) * $3::int + (v.j % $3::int))::text, '村' || v.i || '-' || v.j,
       'village', t.id, v.geom
     FROM bench_village v JOIN grid_unit t ON t.code = $1::text || (100 + v.ti * $2::int + v.tj)::text || '000'`,
    [prefix, towns, villages],
  );
  return townships.map((t) => t.id);
}

async function villageEdit(db: Db): Promise<void> {
  const times: number[] = [];
  const baseline: number[] = [];
  await db
    .transaction(async (tx) => {
      await lattice(tx, '970101', 2, 4, 60, 10); // 1 county + 4 townships + 64 villages
      const { rows: extra } = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM grid_unit WHERE code LIKE '970101%'`,
      );
      await tx.query(
        `INSERT INTO production_subject (code, name, type, geom)
         SELECT 'BENCH-' || g, '主体' || g, 'family_farm', ST_SetSRID(ST_Point(60 + random() * 0.078 + 0.001, 10 + random() * 0.078 + 0.001), 4326)
         FROM generate_series(1, 2000) g`,
      );
      const { rows } = await tx.query<{ id: number; version: number; geom: unknown }>(
        `SELECT id, version, ST_AsGeoJSON(geom)::json AS geom FROM grid_unit WHERE code = '970101100201'`,
      );
      const village = rows[0] as {
        id: number;
        version: number;
        geom: { coordinates: [number, number][][][] };
      };
      const ring = village.geom.coordinates[0]?.[0] as [number, number][];
      console.log(`county: ${extra[0]?.n} grids, 2,000 subjects; editing one village, 30 saves`);
      for (let k = 0; k < 30; k++) {
        // Push the corner shared with three neighbours out and back: the neighbours give and take the area.
        const shift = k % 2 === 0 ? 0.002 : 0;
        const moved = ring.map(([x, y], i) => (i === 2 ? [x + shift, y + shift] : [x, y]));
        const geometry = { type: 'Polygon' as const, coordinates: [moved as [number, number][]] };
        const { rows: v } = await tx.query<{ version: number }>(
          'SELECT version FROM grid_unit WHERE id = $1',
          [village.id],
        );
        let t = performance.now();
        await tx.query('SAVEPOINT edit');
        await applyEdit(
          tx,
          {
            op: 'update',
            id: village.id,
            version: v[0]?.version ?? 1,
            geometry,
            overlap: 'carve',
            sliverM2: 500,
          },
          'bench',
          true,
        );
        await tx.query('RELEASE SAVEPOINT edit');
        times.push(performance.now() - t);
        t = performance.now();
        await tx.query(`UPDATE grid_unit SET geom = ST_Multi(ST_GeomFromGeoJSON($2)) WHERE id = $1`, [
          village.id,
          JSON.stringify(geometry),
        ]);
        baseline.push(performance.now() - t);
      }
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  const p95 = percentile(times, 95);
  console.log(
    `village edit: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target < 300 ms); ` +
      `bare UPDATE p50 ${percentile(baseline, 50).toFixed(1)} ms; ratio ×${(percentile(times, 50) / Math.max(0.01, percentile(baseline, 50))).toFixed(1)}`,
  );
}

async function levelCheck(db: Db): Promise<void> {
  await db
    .transaction(async (tx) => {
      let t = performance.now();
      const parents = await lattice(tx, '970102', 10, 10, 62, 10);
      console.log(
        `10,000 villages in ${parents.length} townships loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      t = performance.now();
      await tx.query(
        `SELECT sum(ST_Area(geom::geography)) FROM grid_unit WHERE parent_id = ANY($1::bigint[])`,
        [parents],
      );
      const base = performance.now() - t;
      t = performance.now();
      const result = await checkParents(tx, parents, { withGeometry: false });
      const check = performance.now() - t;
      const problems = result.reduce((n, p) => n + p.problems.length, 0);
      const complete = result.filter((p) => p.coveragePct === 100).length;
      console.log(
        `topology check of 10,000 villages: ${(check / 1000).toFixed(2)} s (target < 5 s); ${complete}/${result.length} townships 100 %, ` +
          `${problems} problems; baseline (area of every village) ${(base / 1000).toFixed(2)} s; ratio ×${(check / base).toFixed(1)}`,
      );
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
}

export async function run(args: string[]): Promise<void> {
  const engine = option(args, 'engine', 'both');
  const url = option(args, 'database', process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? '');
  if (engine !== 'pglite') {
    if (!url) console.log('postgres: skipped (give --database=postgres://… or BENCH_DATABASE_URL)');
    else {
      const db = await PgDb.open({ connectionString: url, max: 2 });
      try {
        await migrate(db);
        console.log('-- postgres');
        await villageEdit(db);
        await levelCheck(db);
      } finally {
        await db.close();
      }
    }
  }
  if (engine !== 'postgres') {
    const db = await PgliteDb.open();
    try {
      await migrate(db);
      console.log('-- pglite');
      await villageEdit(db);
      await levelCheck(db);
    } finally {
      await db.close();
    }
  }
}
