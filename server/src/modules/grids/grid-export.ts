/**
 * The grids as files for GIS and for other offices: GeoJSON, and a zipped Shapefile (.shp .shx .dbf .prj .cpg) in
 * geographic WGS 84 / CGCS2000 (equal at map scales) with UTF-8 text — code, name, level, parent code, area, staffed
 * and a roster summary per grid. A level, a parent, or a level under a parent (e.g. every village of a township).
 */
import type { ExportedGridProperties, GridExportQuery } from '../../../contracts/grid-exchange';
import type { Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { type DbfField, polygonShapefile, zip } from '../exports/shapefile';

export interface ExportedGrid {
  type: 'Feature';
  id: number;
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  properties: ExportedGridProperties;
}

const LEVEL_DEPTH = { county: 0, township: 1, village: 2 } as const;

/** The grids asked for: children of `parentId` (or its descendants of `level`), or a whole level. */
export async function exportedGrids(tx: Queryable, query: GridExportQuery): Promise<ExportedGrid[]> {
  let where: string;
  const params: unknown[] = [];
  if (query.parentId !== undefined) {
    const { rows } = await tx.query<{ level: keyof typeof LEVEL_DEPTH }>(
      'SELECT level FROM grid_unit WHERE id = $1',
      [query.parentId],
    );
    const parent = rows[0];
    if (!parent) throw new AppError('NOT_FOUND', { resource: 'grid', id: query.parentId });
    params.push(query.parentId);
    const level = query.level ?? (parent.level === 'county' ? 'township' : 'village');
    const depth = LEVEL_DEPTH[level] - LEVEL_DEPTH[parent.level];
    if (depth === 0) where = 'g.id = $1';
    else if (depth === 1) where = 'g.parent_id = $1';
    else if (depth === 2) where = 'g.parent_id IN (SELECT id FROM grid_unit WHERE parent_id = $1)';
    else
      throw new AppError(
        'VALIDATION_FAILED',
        [{ path: 'query.level', message: `no ${level} grids under a ${parent.level} grid` }],
        {
          zh: `${parent.level === 'village' ? '村级' : '该'}网格下没有该层级的网格`,
          en: `There are no ${level} grids under a ${parent.level} grid`,
        },
      );
    params.push(level);
    where += ' AND g.level = $2';
  } else {
    params.push(query.level);
    where = 'g.level = $1';
  }
  const { rows } = await tx.query<{
    id: number;
    geometry: ExportedGrid['geometry'];
    code: string;
    name: string;
    level: ExportedGridProperties['level'];
    parentCode: string | null;
    parentName: string | null;
    areaM2: number;
    staffed: boolean;
    roster: ExportedGridProperties['roster'] | null;
  }>(
    `SELECT g.id::int AS id, ST_AsGeoJSON(ST_Multi(g.geom), 7)::json AS geometry, g.code, g.name, g.level,
       p.code AS "parentCode", p.name AS "parentName", round(ST_Area(g.geom::geography)::numeric, 1)::float8 AS "areaM2",
       NOT EXISTS (SELECT 1 FROM grid_role r WHERE r.level = g.level AND r.required
                   AND NOT EXISTS (SELECT 1 FROM grid_person q WHERE q.grid_id = g.id AND q.role = r.role)) AS staffed,
       (SELECT json_agg(json_build_object('role', q.role, 'roleName', r.name_zh, 'name', q.name, 'post', q.post,
                                          'phone', q.phone) ORDER BY r.sort_order, q.sort_order, q.id)
          FROM grid_person q JOIN grid_role r ON r.role = q.role WHERE q.grid_id = g.id) AS roster
     FROM grid_unit g LEFT JOIN grid_unit p ON p.id = g.parent_id
     WHERE ${where} ORDER BY g.code`,
    params,
  );
  return rows.map(({ id, geometry, roster, ...rest }) => ({
    type: 'Feature',
    id,
    geometry,
    properties: {
      ...rest,
      roster: roster ?? [],
      rosterSummary: (roster ?? []).map((p) => `${p.roleName}：${p.name} ${p.phone}`).join('；'),
    },
  }));
}

const FIELDS: DbfField[] = [
  { name: 'code', type: 'C', length: 12 },
  { name: 'name', type: 'C', length: 120 },
  { name: 'level', type: 'C', length: 8 },
  { name: 'parent', type: 'C', length: 12 },
  { name: 'parent_nm', type: 'C', length: 120 },
  { name: 'area_m2', type: 'N', length: 16, decimals: 1 },
  { name: 'staffed', type: 'N', length: 1 },
  { name: 'people', type: 'N', length: 4 },
  { name: 'roster', type: 'C', length: 254 },
];

/** The grids as a zipped Shapefile named `name` (fields: see FIELDS; the roster summary is cut at 254 bytes). */
export function gridsShapefileZip(name: string, grids: ExportedGrid[]): Buffer {
  return zip(
    polygonShapefile(
      name,
      FIELDS,
      grids.map((g) => ({
        polygons: g.geometry.coordinates,
        attributes: {
          code: g.properties.code,
          name: g.properties.name,
          level: g.properties.level,
          parent: g.properties.parentCode,
          parent_nm: g.properties.parentName,
          area_m2: g.properties.areaM2,
          staffed: g.properties.staffed ? 1 : 0,
          people: g.properties.roster.length,
          roster: g.properties.rosterSummary,
        },
      })),
    ),
  );
}

/** A file name for the export: "<parent code>-village-grids", "township-grids". */
export async function exportName(tx: Queryable, query: GridExportQuery): Promise<string> {
  if (query.parentId === undefined) return `${query.level}-grids`;
  const { rows } = await tx.query<{ code: string; level: string }>(
    'SELECT code, level FROM grid_unit WHERE id = $1',
    [query.parentId],
  );
  const level = query.level ?? (rows[0]?.level === 'county' ? 'township' : 'village');
  return `${rows[0]?.code ?? query.parentId}-${level}-grids`;
}
