/**
 * Soil zoning benchmark (issue 5): 5,000 synthetic soil samples (log-normal background + a Gaussian Cd plume) over a
 * 3,000 km² square county, a 250 m grid (~48,000 cells inside), 16 neighbours:
 * - IDW and ordinary kriging (fixed and auto-fitted variogram) at every cell, in Node, with leave-one-out;
 * - the baseline, measured in the same run: kriging with a fresh ml-matrix `solve` per cell (no factorisation reuse,
 *   no typed arrays) on a sample of cells, scaled to all cells;
 * - the whole zoning pipeline (pH, probabilities by log-normal kriging, contours, suggestions);
 * - per engine: the zone polygons (clip, difference, dump, geodesic areas) in PostGIS — rolled back afterwards.
 * It prints, never asserts.
 *
 *   npm run bench soil -- --engine=pglite|postgres|both --database=postgres://…/nongan_soil
 */
import { Matrix, solve } from 'ml-matrix';
import type { Db } from '../server/src/db/engine';
import { migrate } from '../server/src/db/migrate';
import { PgDb } from '../server/src/db/pg-engine';
import { cellCentre, gridOverArea } from '../server/src/domain/geostats/grid';
import { interpolate } from '../server/src/domain/geostats/interpolate';
import { NeighbourIndex } from '../server/src/domain/geostats/neighbours';
import { localProjection } from '../server/src/domain/geostats/projection';
import { type VariogramModel, covariance } from '../server/src/domain/geostats/variogram';
import { zoneSurface, type ZoningInput, type ZoningOutput } from '../server/src/domain/soil/zoning';
import { insertZones } from '../server/src/modules/soil/soil-runs.repository';
import { getStandard } from '../server/src/modules/soil/soil-standards.repository';
import { openCachedPglite } from '../test/support/test-db';

export const description =
  'soil zoning: IDW and kriging of 5,000 samples onto a 250 m grid of 3,000 km² (16 neighbours), zones per engine';

const [LON0, LAT0] = [121.0, 47.5];
const SIDE = Math.sqrt(3000e6);
const MX = 111_320 * Math.cos((LAT0 * Math.PI) / 180);
const MY = 111_100;
const VARIOGRAM: VariogramModel = { model: 'spherical', nugget: 0.01, psill: 1.5, range: 4000 };

function synthetic(n: number): ZoningInput['samples'] {
  let seed = 42;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const normal = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  return Array.from({ length: n }, () => {
    const [x, y] = [(rnd() - 0.5) * SIDE, (rnd() - 0.5) * SIDE];
    const plume = 8 * Math.exp(-((x - 5000) ** 2 + (y + 3000) ** 2) / (2 * 1600 ** 2));
    return {
      lon: LON0 + x / MX,
      lat: LAT0 + y / MY,
      value: 0.12 * Math.exp(0.3 * normal()) + plume * Math.exp(0.14 * normal()),
      ph: 8 + 0.3 * normal(),
      landUse: rnd() < 0.1 ? ('orchard' as const) : ('dry' as const),
    };
  });
}

const half = SIDE / 2;
const AREA = [
  [
    [
      [LON0 - half / MX, LAT0 - half / MY],
      [LON0 + half / MX, LAT0 - half / MY],
      [LON0 + half / MX, LAT0 + half / MY],
      [LON0 - half / MX, LAT0 + half / MY],
      [LON0 - half / MX, LAT0 - half / MY],
    ],
  ],
];

function time<T>(label: string, f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  const ms = performance.now() - t0;
  console.log(`  ${label.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms`);
  return { value, ms };
}

/** Kriging as one would write it first: a new matrix and ml-matrix solve per cell. */
function naiveKriging(
  x: Float64Array,
  y: Float64Array,
  z: Float64Array,
  tx: number[],
  ty: number[],
  k: number,
): number {
  const index = new NeighbourIndex(x, y);
  let sum = 0;
  tx.forEach((px, t) => {
    const near = index.find(px, ty[t]!, { maxNeighbors: k });
    const a = Matrix.zeros(k + 1, k + 1);
    const b = Matrix.zeros(k + 1, 1);
    near.forEach((i, r) => {
      near.forEach((j, c) => a.set(r, c, covariance(VARIOGRAM, Math.hypot(x[i]! - x[j]!, y[i]! - y[j]!))));
      a.set(r, k, 1);
      a.set(k, r, 1);
      b.set(r, 0, covariance(VARIOGRAM, Math.hypot(x[i]! - px, y[i]! - ty[t]!)));
    });
    b.set(k, 0, 1);
    const w = solve(a, b);
    near.forEach((i, r) => (sum += w.get(r, 0) * z[i]!));
  });
  return sum;
}

function nodeBenchmarks(samples: ZoningInput['samples'], standards: ZoningInput['standards']): ZoningOutput {
  const projection = localProjection([...samples.map((s) => [s.lon, s.lat] as [number, number])]);
  if (!projection.ok) throw new Error(projection.reason);
  const p = projection.value;
  const x = new Float64Array(samples.length);
  const y = new Float64Array(samples.length);
  samples.forEach((s, i) => ([x[i], y[i]] = p.forward(s.lon, s.lat)));
  const z = Float64Array.from(samples, (s) => s.value);
  const polygons = AREA.map((poly) => poly.map((ring) => ring.map(([lon, lat]) => p.forward(lon!, lat!))));
  const area = gridOverArea(polygons, 250, 1_000_000);
  if (!area.ok) throw new Error(area.reason);
  const cells: number[] = [];
  area.value.inside.forEach((v, k) => {
    if (v) cells.push(k);
  });
  const tx = Float64Array.from(cells, (c) => cellCentre(area.value.grid, c)[0]);
  const ty = Float64Array.from(cells, (c) => cellCentre(area.value.grid, c)[1]);
  console.log(
    `  ${samples.length} samples, ${cells.length} cells of 250 m inside ${((SIDE * SIDE) / 1e6).toFixed(0)} km²`,
  );
  const idw = time('IDW (power 2, 16 neighbours) + leave-one-out', () =>
    interpolate({ x, y, z }, tx, ty, { kind: 'idw', power: 2, maxNeighbors: 16 }),
  );
  const fixed = time('kriging, variogram given, 16 neighbours + leave-one-out', () =>
    interpolate({ x, y, z }, tx, ty, { kind: 'kriging', variogram: VARIOGRAM, maxNeighbors: 16 }),
  );
  time('kriging, variogram fitted (3 models), 16 neighbours + LOO', () =>
    interpolate({ x, y, z }, tx, ty, { kind: 'kriging', variogram: 'auto', maxNeighbors: 16 }),
  );
  const step = 20;
  const sx = Array.from(tx).filter((_, i) => i % step === 0);
  const sy = Array.from(ty).filter((_, i) => i % step === 0);
  const naive = time(`baseline: ml-matrix solve per cell (${sx.length} cells)`, () =>
    naiveKriging(x, y, z, sx, sy, 16),
  );
  const baselineAll = naive.ms * (cells.length / sx.length);
  console.log(
    `  ${'baseline scaled to all cells (prediction only)'.padEnd(58)} ${baselineAll.toFixed(0).padStart(7)} ms`,
  );
  console.log(
    `  kriging ÷ baseline: ${(fixed.ms / baselineAll).toFixed(2)}× (ours includes leave-one-out); IDW ÷ kriging: ${(idw.ms / fixed.ms).toFixed(2)}×`,
  );
  const zoning = time('whole zoning pipeline (kriging auto, pH, probabilities, contours)', () =>
    zoneSurface({
      samples,
      metal: 'cd',
      variable: 'concentration',
      method: { kind: 'kriging', variogram: 'auto', maxNeighbors: 16 },
      area: AREA as number[][][][],
      cellSize: 250,
      landUse: 'nearest',
      standards,
      suggestions: { count: 10, minSpacing: 1000 },
      maxCells: 1_000_000,
    }),
  );
  if (!zoning.value.ok) throw new Error(zoning.value.reason);
  return zoning.value.value;
}

async function zonesOn(name: string, db: Db, output: ZoningOutput): Promise<void> {
  const rollback = new Error('rollback');
  try {
    await db.transaction(async (tx) => {
      const wkt = `MULTIPOLYGON(((${AREA[0]![0]!.map(([lon, lat]) => `${lon} ${lat}`).join(',')})))`;
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO grid_unit (code, name, level, geom) VALUES ('979901000000', '基准测试县', 'county', ST_GeomFromText($1, 4326)) RETURNING id`,
        [wkt],
      );
      const grid = rows[0]!.id;
      const run = await tx.query<{ id: number }>(
        `INSERT INTO soil_zone_run (name, metal, variable, method, parameters, cross_validation, area_grid_id, area, cell_size_m,
           land_use_rule, sample_filter, sample_count, sampled_from, sampled_to, standard_id, standard_values, projection, grid,
           surface, summary, duration_ms)
         SELECT 'bench', 'cd', 'concentration', 'idw', '{}', '{}', $1, '{"code":"979901000000","name":"bench","level":"county"}',
           250, 'nearest', '{}', 5000, '2025-01-01', '2025-01-01', id, '[]', '', '{}', '\\x', '{}', 0
         FROM soil_standard LIMIT 1 RETURNING id`,
        [grid],
      );
      const t0 = performance.now();
      await insertZones(tx, run.rows[0]!.id, grid, output.contours);
      const ms = performance.now() - t0;
      const n = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM soil_zone WHERE run_id = $1', [
        run.rows[0]!.id,
      ]);
      console.log(
        `  ${`zone polygons in PostGIS on ${name} (${n.rows[0]!.n} polygons)`.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms`,
      );
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
}

function option(args: string[], name: string, fallback: string): string {
  const found = args.find((arg) => arg.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

export async function run(args: string[]): Promise<void> {
  const engine = option(args, 'engine', 'both');
  const url = option(
    args,
    'database',
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/nongan_soil',
  );
  const pglite = await openCachedPglite('migrated', async (fresh) => {
    await migrate(fresh);
  });
  const standard = await getStandard(pglite);
  if (!standard) throw new Error('no GB 15618 standard in the database');
  console.log('Node (the same on both engines):');
  const output = nodeBenchmarks(synthetic(5000), { code: standard.code, values: standard.values });
  if (engine === 'both' || engine === 'pglite') await zonesOn('PGlite', pglite, output);
  await pglite.close();
  if (engine === 'both' || engine === 'postgres') {
    let db: PgDb;
    try {
      db = await PgDb.open({ connectionString: url, max: 2 });
      await migrate(db);
    } catch (error) {
      console.log(
        `  PostgreSQL at ${url} not reachable (${(error as Error).message}); pass --database=postgres://…`,
      );
      return;
    }
    await zonesOn('PostgreSQL', db, output);
    await db.close();
  }
}
