/**
 * Downloads of an OGC collection as a file: GeoJSON, zipped Shapefile or GeoPackage — the same rows (the account's
 * jurisdiction, through the scoped database), properties and filters (bbox, datetime, property filters) as the
 * items of /ogc. Rows are read in id order, a batch at a time (keyset paging, no long transaction); an export
 * holding more than the configured maximum of features is refused before any is read, saying how to narrow it.
 */
import type { Response } from 'express';
import type { Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { geopackage, type GpkgColumnType, type GpkgGeometryType } from '../exports/geopackage';
import { type AnyShape, type DbfField, shapefile, type ShapeType, zip } from '../exports/shapefile';
import type { GeometryType, OgcCollection, PropertyType } from './collections';
import { exportWhere, type ItemsFilter } from './ogc.repository';

export const EXPORT_FORMATS = ['geojson', 'shp', 'gpkg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Value = string | number | boolean | null;

interface Row {
  id: number;
  geometry: AnyShape;
  properties: Record<string, Value>;
}

const BATCH = 2000;

/** File and layer name: the collection id with underscores ("grids_village", "soil_samples"). */
export const layerName = (collection: OgcCollection) => collection.id.replaceAll('-', '_');

const SHAPE_TYPE: Record<GeometryType, ShapeType> = {
  Point: 1,
  LineString: 3,
  Polygon: 5,
  MultiPolygon: 5,
};

const GPKG_GEOMETRY: Record<GeometryType, GpkgGeometryType> = {
  Point: 'POINT',
  LineString: 'LINESTRING',
  Polygon: 'POLYGON',
  MultiPolygon: 'MULTIPOLYGON',
};

const GPKG_TYPE: Record<PropertyType, GpkgColumnType> = {
  string: 'TEXT',
  integer: 'INTEGER',
  number: 'REAL',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'DATETIME',
};

async function countRows(db: Queryable, collection: OgcCollection, filter: ItemsFilter): Promise<number> {
  const w = exportWhere(collection, filter, null);
  const { rows } = await db.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM ${collection.from} ${w.sql}`,
    w.params,
  );
  return Number(rows[0]?.n ?? 0);
}

/** The rows in id order, a batch at a time. */
async function* rowsOf(db: Queryable, collection: OgcCollection, filter: ItemsFilter): AsyncGenerator<Row[]> {
  const properties = Object.entries(collection.properties)
    .map(([name, property]) => `'${name}', ${property.sql}`)
    .join(', ');
  let after: number | null = null;
  for (;;) {
    const w = exportWhere(collection, filter, after);
    const { rows } = await db.query<{
      id: number | string;
      geometry: AnyShape | string;
      properties: unknown;
    }>(
      `SELECT ${collection.id_sql} AS id, ST_AsGeoJSON(${collection.geometry}, 7)::json AS geometry,
              json_build_object(${properties}) AS properties
       FROM ${collection.from} ${w.sql}
       ORDER BY ${collection.id_sql} LIMIT ${BATCH}`,
      w.params,
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      id: Number(r.id),
      geometry: (typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry) as AnyShape,
      properties: (typeof r.properties === 'string' ? JSON.parse(r.properties) : r.properties) as Record<
        string,
        Value
      >,
    }));
    if (rows.length < BATCH) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

async function allRows(db: Queryable, collection: OgcCollection, filter: ItemsFilter): Promise<Row[]> {
  const out: Row[] = [];
  for await (const batch of rowsOf(db, collection, filter)) out.push(...batch);
  return out;
}

/** dBase field names: at most 10 characters, unique (a clash gets a number at its end). */
export function dbfNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let candidate = name.slice(0, 10);
    for (let k = 1; used.has(candidate); k++) candidate = `${name.slice(0, 10 - String(k).length)}${k}`;
    used.add(candidate);
    return candidate;
  });
}

function dbfFields(collection: OgcCollection, rows: Row[]): { fields: DbfField[]; names: string[] } {
  const names = Object.keys(collection.properties);
  const short = dbfNames(names);
  const fields = names.map((name, i): DbfField => {
    const type = collection.properties[name]!.type;
    const field = short[i]!;
    switch (type) {
      case 'integer':
        return { name: field, type: 'N', length: 18 };
      case 'number':
        return { name: field, type: 'N', length: 24, decimals: 7 };
      case 'boolean':
        return { name: field, type: 'L', length: 1 };
      case 'date':
        return { name: field, type: 'D', length: 8 };
      case 'datetime':
        return { name: field, type: 'C', length: 25 };
      case 'string': {
        // As wide as the longest value in UTF-8 bytes (the format's maximum is 254).
        let bytes = 1;
        for (const r of rows) {
          const v = r.properties[name];
          if (v !== null && v !== undefined) bytes = Math.max(bytes, Buffer.byteLength(String(v), 'utf8'));
        }
        return { name: field, type: 'C', length: Math.min(254, bytes) };
      }
    }
  });
  return { fields, names };
}

/** A timestamp as ISO 8601 UTC text, for the datetime fields of a shapefile. */
function isoText(value: Value): Value {
  if (typeof value !== 'string') return value;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? value : t.toISOString().replace(/\.000Z$/, 'Z');
}

async function shapefileZip(collection: OgcCollection, rows: Row[]): Promise<Buffer> {
  const { fields, names } = dbfFields(collection, rows);
  const records = rows.map((r) => ({
    geometry: r.geometry,
    attributes: Object.fromEntries(
      names.map((name, i) => {
        const v = r.properties[name] ?? null;
        return [fields[i]!.name, collection.properties[name]!.type === 'datetime' ? isoText(v) : v];
      }),
    ),
  }));
  return zip(shapefile(layerName(collection), SHAPE_TYPE[collection.geometryType], fields, records));
}

function gpkgOf(collection: OgcCollection, rows: Row[]): Promise<Buffer> {
  return geopackage({
    name: layerName(collection),
    title: collection.title,
    description: collection.description,
    geometryType: GPKG_GEOMETRY[collection.geometryType],
    columns: Object.entries(collection.properties).map(([name, p]) => ({ name, type: GPKG_TYPE[p.type] })),
    features: rows,
  });
}

/** Content-Disposition with an ASCII name (the names are ASCII already). */
const attachment = (file: string) => `attachment; filename="${file}"`;

/** Answers the request with the collection as a file of `format`, or refuses an export over `maxFeatures`. */
export async function sendExport(
  res: Response,
  db: Queryable,
  collection: OgcCollection,
  filter: ItemsFilter,
  format: ExportFormat,
  maxFeatures: number,
): Promise<void> {
  const count = await countRows(db, collection, filter);
  if (count > maxFeatures) {
    throw new AppError(
      'EXPORT_TOO_LARGE',
      { collection: collection.id, matched: count, maximum: maxFeatures },
      {
        zh: `要导出的「${collection.title}」有 ${count} 个要素，超过上限 ${maxFeatures} 个：请用 bbox、datetime 或属性条件缩小范围`,
        en: `The export of ${collection.id} would hold ${count} features, more than the maximum of ${maxFeatures}: narrow it with bbox, datetime or property filters`,
      },
    );
  }
  const name = layerName(collection);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Feature-Count', String(count));
  if (format === 'shp') {
    const body = await shapefileZip(collection, await allRows(db, collection, filter));
    res.type('application/zip').setHeader('Content-Disposition', attachment(`${name}.zip`));
    res.send(body);
    return;
  }
  if (format === 'gpkg') {
    const body = await gpkgOf(collection, await allRows(db, collection, filter));
    res.type('application/geopackage+sqlite3').setHeader('Content-Disposition', attachment(`${name}.gpkg`));
    res.send(body);
    return;
  }
  // GeoJSON: streamed a batch at a time (RFC 7946: WGS 84 longitude/latitude, no crs member).
  res.type('application/geo+json').setHeader('Content-Disposition', attachment(`${name}.geojson`));
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => res.write(text, (error) => (error ? reject(error) : resolve())));
  await write(`{"type":"FeatureCollection","name":${JSON.stringify(name)},"features":[`);
  let first = true;
  for await (const batch of rowsOf(db, collection, filter)) {
    const text = batch
      .map((r) =>
        JSON.stringify({ type: 'Feature', id: r.id, geometry: r.geometry, properties: r.properties }),
      )
      .join(',');
    await write(`${first ? '' : ','}${text}`);
    first = false;
  }
  res.end(']}');
}
