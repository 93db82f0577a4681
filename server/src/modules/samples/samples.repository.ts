import type { Queryable } from '../../db/engine';
import type { SamplePointCollection, SampleProperties, SampleResult } from '../../../contracts/api';
import type { SampleVerdict } from '../../../contracts/enums';
import type { Geometry } from '../../../contracts/geojson';

type SampleRow = Omit<SampleProperties, 'results'> & { geometry: Geometry };

export async function getSample(db: Queryable, id: number): Promise<SampleRow | null> {
  const { rows } = await db.query<SampleRow>(
    `SELECT s.id, s.code, s.kind, s.sampled_at AS "sampledAt", s.commodity, s.commodity_category AS category, s.verdict, s.lab,
       s.version, s.created_at AS "createdAt", s.created_by AS "createdBy", s.updated_at AS "updatedAt", s.updated_by AS "updatedBy",
       CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('id', p.id, 'code', p.code, 'name', p.name) END AS subject,
       CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('id', v.id, 'code', v.code, 'name', v.name) END AS village,
       ST_AsGeoJSON(s.geom, 7)::json AS geometry
     FROM sample s
     LEFT JOIN production_subject p ON p.id = s.subject_id
     LEFT JOIN grid_unit v ON v.id = s.grid_id
     WHERE s.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function getResults(db: Queryable, sampleId: number): Promise<SampleResult[]> {
  const { rows } = await db.query<SampleResult>(
    `SELECT id, analyte, value, unit, lod, inhibition_pct AS "inhibitionPct", limit_value AS "limitValue", standard, verdict
     FROM sample_result WHERE sample_id = $1
     ORDER BY CASE verdict WHEN 'fail' THEN 0 WHEN 'suspected' THEN 1 ELSE 2 END, analyte`,
    [sampleId],
  );
  return rows;
}

export interface SamplePointFilter {
  verdict?: SampleVerdict | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

/** Sample points as a FeatureCollection, newest first; dates are China Standard Time calendar dates. */
export async function listSamplePoints(
  db: Queryable,
  filter: SamplePointFilter,
): Promise<SamplePointCollection> {
  const { rows } = await db.query<{ collection: SamplePointCollection }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f ORDER BY f_order DESC), '[]'::json)) AS collection
     FROM (
       SELECT s.sampled_at AS f_order, json_build_object(
         'type', 'Feature', 'id', s.id,
         'geometry', ST_AsGeoJSON(s.geom, 6)::json,
         'properties', json_build_object('id', s.id, 'commodity', s.commodity, 'verdict', s.verdict, 'kind', s.kind,
                                         'sampledAt', to_char(s.sampled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))) AS f
       FROM sample s
       WHERE ($1::text IS NULL OR s.verdict = $1)
         AND ($2::date IS NULL OR (s.sampled_at AT TIME ZONE 'Asia/Shanghai')::date >= $2::date)
         AND ($3::date IS NULL OR (s.sampled_at AT TIME ZONE 'Asia/Shanghai')::date <= $3::date)
       ORDER BY s.sampled_at DESC
       LIMIT $4
     ) q`,
    [filter.verdict ?? null, filter.from ?? null, filter.to ?? null, filter.limit],
  );
  return (rows[0] as { collection: SamplePointCollection }).collection;
}
