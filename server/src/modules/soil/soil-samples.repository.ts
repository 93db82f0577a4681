/** Reading soil samples: lists for classification, and the samples a zoning run interpolates. */
import type { LandUse, SoilMetal } from '../../../contracts/enums';
import type { Ref } from '../../../contracts/api';
import type { Geometry } from '../../../contracts/geojson';
import type { SoilSampleListQuery } from '../../../contracts/soil';
import type { Queryable } from '../../db/engine';

/** Column of each metal (from the enumeration, never from a request's text). */
export const METAL_COLUMN: Record<SoilMetal, string> = {
  cd: 'cd_mgkg',
  hg: 'hg_mgkg',
  as: 'as_mgkg',
  pb: 'pb_mgkg',
  cr: 'cr_mgkg',
  cu: 'cu_mgkg',
  ni: 'ni_mgkg',
  zn: 'zn_mgkg',
};

export interface SoilSampleRow {
  id: number;
  code: string;
  sampledOn: string;
  landUse: LandUse;
  ph: number;
  metals: Record<SoilMetal, number | null>;
  village: Ref | null;
  geometry: Geometry;
}

/** Grid filter: the grid itself or any of its descendants (grids are three levels deep). */
const IN_GRID = `($1::bigint IS NULL OR v.id = $1 OR v.parent_id = $1 OR t.parent_id = $1)`;

export async function listSamples(db: Queryable, q: SoilSampleListQuery): Promise<SoilSampleRow[]> {
  const measured = q.metal ? `AND s.${METAL_COLUMN[q.metal]} IS NOT NULL` : '';
  const { rows } = await db.query<SoilSampleRow>(
    `SELECT s.id, s.code, s.sampled_on AS "sampledOn", s.land_use AS "landUse", s.ph,
       json_build_object('cd', s.cd_mgkg, 'hg', s.hg_mgkg, 'as', s.as_mgkg, 'pb', s.pb_mgkg, 'cr', s.cr_mgkg,
         'cu', s.cu_mgkg, 'ni', s.ni_mgkg, 'zn', s.zn_mgkg) AS metals,
       CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('id', v.id, 'code', v.code, 'name', v.name) END AS village,
       ST_AsGeoJSON(s.geom, 7)::json AS geometry
     FROM soil_sample s
     LEFT JOIN grid_unit v ON v.id = s.grid_id
     LEFT JOIN grid_unit t ON t.id = v.parent_id
     WHERE ${IN_GRID}
       AND ($2::date IS NULL OR s.sampled_on >= $2) AND ($3::date IS NULL OR s.sampled_on <= $3)
       AND ($4::text IS NULL OR s.land_use = $4) ${measured}
     ORDER BY s.sampled_on DESC, s.id
     LIMIT $5`,
    [q.gridId ?? null, q.from ?? null, q.to ?? null, q.landUse ?? null, q.limit],
  );
  return rows;
}

export interface RunSample {
  /** The first sample of the place; `merged` counts the others averaged into it. */
  id: number;
  code: string;
  lon: number;
  lat: number;
  value: number;
  ph: number;
  landUse: LandUse;
  sampledFrom: string;
  sampledTo: string;
  merged: number;
}

/** Distance (metres) around the area whose samples also inform the surface near its boundary. */
export const SAMPLE_MARGIN_M = 5000;

/**
 * Samples of one metal in or near (SAMPLE_MARGIN_M) a grid's area, filtered by date, land use and grid. Samples of one
 * place (the same point to about a metre, e.g. a monitoring point sampled every year) are merged: their values
 * and pH averaged, the land use of the latest kept.
 */
export async function samplesForRun(
  db: Queryable,
  metal: SoilMetal,
  gridId: number,
  filter: {
    from?: string | undefined;
    to?: string | undefined;
    landUses?: LandUse[] | undefined;
    /** Only samples inside this grid or its sub-grids. */
    gridId?: number | undefined;
  },
): Promise<RunSample[]> {
  const column = METAL_COLUMN[metal];
  const { rows } = await db.query<RunSample>(
    `WITH area AS (
       -- Web Mercator stretches lengths by 1/cos(latitude): the margin in its units at the area's latitude.
       SELECT geom_3857 AS g, ${SAMPLE_MARGIN_M} / cos(radians(ST_Y(ST_Centroid(geom)))) AS r FROM grid_unit WHERE id = $1
     ),
     picked AS (
       SELECT s.id, s.code, s.sampled_on, s.land_use, s.ph, s.${column} AS value, s.geom,
         round(ST_X(s.geom) * 1e5) AS kx, round(ST_Y(s.geom) * 1e5) AS ky
       FROM soil_sample s CROSS JOIN area
       LEFT JOIN grid_unit v ON v.id = s.grid_id
       LEFT JOIN grid_unit t ON t.id = v.parent_id
       WHERE s.${column} IS NOT NULL AND ST_DWithin(s.geom_3857, area.g, area.r)
         AND ($2::date IS NULL OR s.sampled_on >= $2) AND ($3::date IS NULL OR s.sampled_on <= $3)
         AND ($4::text[] IS NULL OR s.land_use = ANY($4::text[]))
         AND ($5::bigint IS NULL OR v.id = $5 OR v.parent_id = $5 OR t.parent_id = $5)
     )
     SELECT min(id)::float8 AS id, (array_agg(code ORDER BY id))[1] AS code,
       avg(ST_X(geom)) AS lon, avg(ST_Y(geom)) AS lat, avg(value) AS value, avg(ph) AS ph,
       (array_agg(land_use ORDER BY sampled_on DESC, id DESC))[1] AS "landUse",
       min(sampled_on) AS "sampledFrom", max(sampled_on) AS "sampledTo", (count(*) - 1)::float8 AS merged
     FROM picked GROUP BY kx, ky ORDER BY min(id)`,
    [gridId, filter.from ?? null, filter.to ?? null, filter.landUses ?? null, filter.gridId ?? null],
  );
  return rows;
}
