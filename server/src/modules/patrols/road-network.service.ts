/**
 * Travel times for patrol routes (docs/patrols.md, "Road network"): over the loaded road network with pgRouting
 * (pgr_dijkstraCostMatrix on road_edge) when PostgreSQL has the extension and every point lies near a road, else
 * great-circle distance × detour factor ÷ speed. And the loader that turns GeoJSON lines into the noded edges table.
 */
import type { PlanTravel } from '../../../contracts/patrol-plans';
import type { Db, Queryable } from '../../db/engine';
import { type LonLat, type TravelMatrix, greatCircleTravel } from '../../domain/patrols/routing';

/** A station or subject farther than this from the nearest road vertex makes the plan fall back to the great circle. */
export const SNAP_MAX_M = 1000;

/** Default speeds per road class (OpenStreetMap `highway` values and their Chinese equivalents), km/h. */
export const DEFAULT_ROAD_SPEEDS: Record<string, number> = {
  motorway: 100,
  trunk: 80,
  primary: 60,
  secondary: 50,
  tertiary: 40,
  unclassified: 30,
  residential: 30,
  service: 20,
  track: 15,
  高速: 100,
  国道: 80,
  省道: 60,
  县道: 50,
  乡道: 40,
  村道: 30,
  机耕路: 15,
};
export const FALLBACK_ROAD_SPEED = 30;

/** Whether pgRouting is installed in this database (never on PGlite). */
export async function hasPgRouting(db: Queryable): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'pgrouting'`);
  return rows.length > 0;
}

/**
 * Installs pgRouting when the server offers it (`CREATE EXTENSION IF NOT EXISTS`, needs a role allowed to create
 * extensions); answers whether it is there afterwards. Never fails: PGlite and servers without the package say no.
 */
export async function ensurePgRouting(db: Queryable): Promise<boolean> {
  if (await hasPgRouting(db)) return true;
  const { rows } = await db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting'`);
  if (!rows.length) return false;
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pgrouting');
  } catch {
    return false;
  }
  return hasPgRouting(db);
}

export interface TravelOptions {
  speedKmh: number;
  detourFactor: number;
  mode: 'auto' | 'great_circle';
}

/**
 * Travel between the points (index 0 = station): the road network when it can be used, else the great circle.
 * Off-road access (point → nearest vertex) is added at the detour factor and speed of the request.
 */
export async function travelMatrix(
  db: Queryable,
  points: readonly LonLat[],
  o: TravelOptions,
): Promise<{ matrix: TravelMatrix; travel: PlanTravel }> {
  const fallback = (reason: string) => ({
    matrix: greatCircleTravel(points[0]!, points.slice(1), o.detourFactor, o.speedKmh),
    travel: { model: 'great_circle' as const, reason },
  });
  if (o.mode === 'great_circle') return fallback('requested');
  if (!(await hasPgRouting(db))) return fallback('no_pgrouting');
  const { rows: any } = await db.query(`SELECT 1 FROM road_edge LIMIT 1`);
  if (!any.length) return fallback('no_road_network');
  const { rows: snapped } = await db.query<{ i: number; vertex: number; m: number }>(
    `SELECT p.i, v.id::int AS vertex, ST_Distance(v.geom::geography, p.g::geography) AS m
     FROM (SELECT x.i, ST_SetSRID(ST_MakePoint(x.lon, x.lat), 4326) AS g
           FROM json_to_recordset($1::json) AS x(i int, lon float8, lat float8)) p
     CROSS JOIN LATERAL (SELECT id, geom FROM road_vertex ORDER BY geom <-> p.g LIMIT 1) v
     ORDER BY p.i`,
    [JSON.stringify(points.map((p, i) => ({ i, lon: p.lon, lat: p.lat })))],
  );
  if (snapped.length !== points.length || snapped.some((s) => s.m > SNAP_MAX_M))
    return fallback('off_network');
  const vertices = [...new Set(snapped.map((s) => s.vertex))];
  const cost = async (column: string, reverse: string) => {
    const { rows } = await db.query<{ a: number; b: number; c: number }>(
      `SELECT start_vid::int AS a, end_vid::int AS b, agg_cost AS c
       FROM pgr_dijkstraCostMatrix($1, $2::bigint[], directed => true)`,
      [`SELECT id, source, target, ${column} AS cost, ${reverse} AS reverse_cost FROM road_edge`, vertices],
    );
    return new Map(rows.map((r) => [`${r.a}:${r.b}`, r.c]));
  };
  const seconds = await cost('cost_s', 'reverse_cost_s');
  const metres = await cost('length_m', 'CASE WHEN reverse_cost_s < 0 THEN -1 ELSE length_m END');
  const n = points.length;
  const accessMin = snapped.map((s) => ((s.m / 1000) * o.detourFactor * 60) / o.speedKmh);
  const accessKm = snapped.map((s) => (s.m / 1000) * o.detourFactor);
  const minutes: number[][] = [];
  const km: number[][] = [];
  for (let i = 0; i < n; i++) {
    minutes.push([]);
    km.push([]);
    for (let j = 0; j < n; j++) {
      const [a, b] = [snapped[i]!.vertex, snapped[j]!.vertex];
      if (i === j) {
        minutes[i]!.push(0);
        km[i]!.push(0);
        continue;
      }
      const s = a === b ? 0 : seconds.get(`${a}:${b}`);
      const m = a === b ? 0 : metres.get(`${a}:${b}`);
      if (s === undefined || m === undefined) return fallback('unreachable');
      minutes[i]!.push(s / 60 + accessMin[i]! + accessMin[j]!);
      km[i]!.push(m / 1000 + accessKm[i]! + accessKm[j]!);
    }
  }
  return { matrix: { minutes, km }, travel: { model: 'road_network' } };
}

export interface RoadLoadOptions {
  /** Speed per road class, km/h (merged over DEFAULT_ROAD_SPEEDS). */
  speeds?: Record<string, number>;
  /** Feature property holding the road class; default: the first of highway, road_class, class, fclass. */
  classProperty?: string;
  /** Replace the loaded network (default) or add to it. */
  replace?: boolean;
}

export interface RoadLoadResult {
  lines: number;
  edges: number;
  vertices: number;
  lengthKm: number;
  classes: Record<string, number>;
  pgrouting: boolean;
}

interface GeoJsonLines {
  type: string;
  features?: {
    geometry?: { type?: string; coordinates?: unknown } | null;
    properties?: Record<string, unknown> | null;
  }[];
}

/**
 * Loads road lines (GeoJSON LineString / MultiLineString, WGS84) as a noded network: the lines are split where
 * they cross or touch (ST_Node), each piece keeps the class of the line it lies on, the ends become vertices, and
 * cost = geodesic length ÷ the speed of the class (seconds; `oneway` = yes/true/1 → no reverse travel).
 */
export async function loadRoadNetwork(
  db: Db,
  geojson: GeoJsonLines,
  o: RoadLoadOptions = {},
): Promise<RoadLoadResult> {
  if (geojson.type !== 'FeatureCollection' || !Array.isArray(geojson.features))
    throw new Error(
      'road layer: expected a GeoJSON FeatureCollection of LineString / MultiLineString features',
    );
  const speeds = { ...DEFAULT_ROAD_SPEEDS, ...o.speeds };
  const classOf = (p: Record<string, unknown>) => {
    const keys = o.classProperty ? [o.classProperty] : ['highway', 'road_class', 'class', 'fclass'];
    const hit = keys.map((k) => p[k]).find((v) => typeof v === 'string' && v.trim());
    return typeof hit === 'string' ? hit.trim() : 'unclassified';
  };
  const lines: { cls: string; name: string; oneway: boolean; geom: string }[] = [];
  for (const [i, f] of geojson.features.entries()) {
    const g = f.geometry;
    if (!g || (g.type !== 'LineString' && g.type !== 'MultiLineString'))
      throw new Error(`road layer: feature ${i} is ${g?.type ?? 'without geometry'}, not a LineString`);
    const p = f.properties ?? {};
    const oneway = ['yes', 'true', '1'].includes(String(p.oneway ?? '').toLowerCase());
    lines.push({ cls: classOf(p), name: String(p.name ?? ''), oneway, geom: JSON.stringify(g) });
  }
  const speedRows = Object.entries(speeds).map(([cls, kmh]) => ({ cls, kmh }));
  const pgrouting = await ensurePgRouting(db);
  return db.transaction(async (tx) => {
    if (o.replace !== false) {
      await tx.query('DELETE FROM road_edge');
      await tx.query('DELETE FROM road_vertex');
    }
    await tx.query(
      `CREATE TEMP TABLE road_src ON COMMIT DROP AS
       SELECT x.cls, x.name, x.oneway, (ST_Dump(ST_SetSRID(ST_GeomFromGeoJSON(x.geom), 4326))).geom AS geom
       FROM json_to_recordset($1::json) AS x(cls text, name text, oneway boolean, geom text)`,
      [JSON.stringify(lines)],
    );
    await tx.query('CREATE INDEX ON road_src USING gist (geom)');
    await tx.query(
      `CREATE TEMP TABLE road_piece ON COMMIT DROP AS
       SELECT n.geom, s.cls, s.name, s.oneway
       FROM (SELECT (ST_Dump(ST_Node(ST_Collect(geom)))).geom AS geom FROM road_src) n
       CROSS JOIN LATERAL (SELECT cls, name, oneway FROM road_src s
         ORDER BY s.geom <-> ST_LineInterpolatePoint(n.geom, 0.5) LIMIT 1) s
       WHERE ST_Length(n.geom) > 0`,
    );
    await tx.query(
      `CREATE TEMP TABLE road_end ON COMMIT DROP AS
       WITH ends AS (
         SELECT DISTINCT ST_SnapToGrid(ST_StartPoint(geom), 1e-7) AS geom FROM road_piece
         UNION SELECT ST_SnapToGrid(ST_EndPoint(geom), 1e-7) FROM road_piece)
       SELECT (SELECT coalesce(max(id), 0) FROM road_vertex) + row_number() OVER (ORDER BY ST_X(geom), ST_Y(geom)) AS id,
         geom FROM ends`,
    );
    await tx.query(`INSERT INTO road_vertex (id, geom) SELECT id, geom FROM road_end`);
    const { rows } = await tx.query<{ edges: number; km: number }>(
      `WITH ins AS (
         INSERT INTO road_edge (source, target, road_class, name, length_m, cost_s, reverse_cost_s, geom)
         SELECT a.id, b.id, p.cls, p.name, len, len / (sp.kmh / 3.6),
           CASE WHEN p.oneway THEN -1 ELSE len / (sp.kmh / 3.6) END, p.geom
         FROM (SELECT *, greatest(ST_Length(geom::geography), 0.01) AS len FROM road_piece) p
         JOIN road_end a ON a.geom = ST_SnapToGrid(ST_StartPoint(p.geom), 1e-7)
         JOIN road_end b ON b.geom = ST_SnapToGrid(ST_EndPoint(p.geom), 1e-7)
         CROSS JOIN LATERAL (SELECT coalesce((SELECT s.kmh FROM json_to_recordset($1::json) AS s(cls text, kmh float8)
           WHERE s.cls = p.cls), $2::float8) AS kmh) sp
         RETURNING length_m)
       SELECT count(*)::int AS edges, coalesce(sum(length_m), 0) / 1000 AS km FROM ins`,
      [JSON.stringify(speedRows), FALLBACK_ROAD_SPEED],
    );
    const { rows: v } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM road_end`);
    const { rows: cls } = await tx.query<{ cls: string; n: number }>(
      `SELECT cls, count(*)::int AS n FROM road_piece GROUP BY cls ORDER BY cls`,
    );
    return {
      lines: lines.length,
      edges: rows[0]!.edges,
      vertices: v[0]!.n,
      lengthKm: rows[0]!.km,
      classes: Object.fromEntries(cls.map((c) => [c.cls, c.n])),
      pgrouting,
    };
  });
}
