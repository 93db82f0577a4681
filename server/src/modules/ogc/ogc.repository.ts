/**
 * SQL of the OGC API – Features endpoint. Collections supply the app's own SQL fragments; every request value is a
 * parameter. Features are built as JSON by the database (one string per page), which keeps a page of a thousand
 * features well within the issue's 200 ms.
 */
import type { Queryable } from '../../db/engine';
import type { Bbox, Interval } from '../../domain/ogc/params';
import type { OgcCollection, PropertyType } from './collections';

export interface ItemsFilter {
  bbox: Bbox | null;
  datetime: Interval | null;
  properties: { name: string; value: string | number | boolean }[];
}

const CAST: Record<PropertyType, string> = {
  string: 'text',
  integer: 'bigint',
  number: 'float8',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
};

function where(collection: OgcCollection, filter: ItemsFilter, after: number | null = null) {
  const params: unknown[] = [];
  const conditions = collection.where ? [collection.where] : [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.bbox) {
    const [w, s, e, n] = filter.bbox;
    const box = `ST_MakeEnvelope(${p(w)}::float8, ${p(s)}::float8, ${p(e)}::float8, ${p(n)}::float8, 4326)`;
    conditions.push(`${collection.geometry} && ${box} AND ST_Intersects(${collection.geometry}, ${box})`);
  }
  if (filter.datetime && collection.datetime) {
    const column = `(${collection.datetime})::timestamptz`;
    if (filter.datetime.start) conditions.push(`${column} >= ${p(filter.datetime.start)}::timestamptz`);
    if (filter.datetime.end) conditions.push(`${column} <= ${p(filter.datetime.end)}::timestamptz`);
  }
  for (const { name, value } of filter.properties) {
    const property = collection.properties[name];
    if (property) conditions.push(`(${property.sql}) = ${p(value)}::${CAST[property.type]}`);
  }
  if (after !== null) conditions.push(`${collection.id_sql} > ${p(after)}::bigint`);
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** The WHERE clause of an export: the filter, and ids after `after` (keyset paging; null: from the start). */
export const exportWhere = (collection: OgcCollection, filter: ItemsFilter, after: number | null) =>
  where(collection, filter, after);

function featureJson(collection: OgcCollection): string {
  const properties = Object.entries(collection.properties)
    .map(([name, property]) => `'${name}', ${property.sql}`)
    .join(', ');
  return `json_build_object('type', 'Feature', 'id', ${collection.id_sql},
    'geometry', ST_AsGeoJSON(${collection.geometry}, 7)::json, 'properties', json_build_object(${properties}))`;
}

export async function queryItems(
  db: Queryable,
  collection: OgcCollection,
  filter: ItemsFilter,
  limit: number,
  offset: number,
) {
  const w = where(collection, filter);
  const [count, page] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*) AS n FROM ${collection.from} ${w.sql}`, w.params),
    db.query<{ features: unknown[] | null }>(
      `SELECT json_agg(f ORDER BY k) AS features FROM (
         SELECT ${collection.id_sql} AS k, ${featureJson(collection)} AS f
         FROM ${collection.from} ${w.sql}
         ORDER BY ${collection.id_sql}
         LIMIT $${w.params.length + 1} OFFSET $${w.params.length + 2}) q`,
      [...w.params, limit, offset],
    ),
  ]);
  return { matched: count.rows[0]?.n ?? 0, features: page.rows[0]?.features ?? [] };
}

export async function queryItem(
  db: Queryable,
  collection: OgcCollection,
  id: number,
): Promise<unknown | null> {
  const base = collection.where ? `${collection.where} AND ` : '';
  const { rows } = await db.query<{ f: unknown }>(
    `SELECT ${featureJson(collection)} AS f FROM ${collection.from} WHERE ${base}${collection.id_sql} = $1`,
    [id],
  );
  return rows[0]?.f ?? null;
}

export async function collectionExtent(db: Queryable, collection: OgcCollection) {
  const time = collection.datetime
    ? `min((${collection.datetime})::timestamptz) AS t0, max((${collection.datetime})::timestamptz) AS t1`
    : 'NULL::timestamptz AS t0, NULL::timestamptz AS t1';
  const { rows } = await db.query<{
    w: number | null;
    s: number | null;
    e: number | null;
    n: number | null;
    t0: string | null;
    t1: string | null;
  }>(
    `SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n, t0, t1
     FROM (SELECT ST_Extent(${collection.geometry})::geometry AS x, ${time}
           FROM ${collection.from} ${collection.where ? `WHERE ${collection.where}` : ''}) q`,
  );
  return rows[0] ?? null;
}
