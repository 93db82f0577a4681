/**
 * Geometry checks done by PostGIS on incoming GeoJSON, so that an invalid polygon is refused with the reason and
 * the place where it is invalid, before anything is written.
 */
import type { Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';

/** GEOS validity reasons → Chinese; unknown reasons are shown as GEOS words them. */
const REASONS_ZH: [RegExp, string][] = [
  [/^Ring Self-intersection/i, '环自相交'],
  [/^Self-intersection/i, '边自相交'],
  [/^Too few points/i, '点数过少'],
  [/^Hole lies outside shell/i, '内环（洞）在外环之外'],
  [/^Nested holes/i, '内环相互嵌套'],
  [/^Nested shells/i, '多个外环相互嵌套'],
  [/^Interior is disconnected/i, '多边形内部被分割成不连通的部分'],
  [/^Invalid Coordinate/i, '坐标无效'],
  [/^Ring is not closed/i, '环没有闭合'],
  [/^Duplicate Rings/i, '环重复'],
];

export interface GeometryProblem {
  path: string;
  reason: string;
  reasonZh: string;
  location: [number, number] | null;
}

/** Returns null when the GeoJSON geometry is valid, else what is wrong and where (longitude, latitude). */
export async function findGeometryProblem(
  db: Queryable,
  geojson: unknown,
  path: string,
): Promise<GeometryProblem | null> {
  const { rows } = await db.query<{
    valid: boolean;
    reason: string | null;
    x: number | null;
    y: number | null;
  }>(
    `SELECT (d).valid, (d).reason, ST_X((d).location) AS x, ST_Y((d).location) AS y
     FROM (SELECT ST_IsValidDetail(ST_GeomFromGeoJSON($1::text)) AS d) q`,
    [JSON.stringify(geojson)],
  );
  const row = rows[0];
  if (!row || row.valid) return null;
  const reason = row.reason ?? 'invalid geometry';
  const zh = REASONS_ZH.find(([pattern]) => pattern.test(reason))?.[1] ?? reason;
  return {
    path,
    reason,
    reasonZh: zh,
    location: row.x === null || row.y === null ? null : [row.x, row.y],
  };
}

export async function assertValidGeometry(db: Queryable, geojson: unknown, path: string): Promise<void> {
  const problem = await findGeometryProblem(db, geojson, path);
  if (!problem) return;
  const where = problem.location
    ? ` (${problem.location[0].toFixed(6)}, ${problem.location[1].toFixed(6)})`
    : '';
  throw new AppError('INVALID_GEOMETRY', [{ path, message: problem.reason, location: problem.location }], {
    zh: `${path} 的几何图形无效：${problem.reasonZh}${where}`,
    en: `The geometry at ${path} is invalid: ${problem.reason}${where}`,
  });
}
