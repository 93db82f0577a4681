/**
 * One feature layer as an OGC GeoPackage (1.3): an SQLite database written with sql.js (SQLite compiled to
 * WebAssembly, no native build) holding the required gpkg_spatial_ref_sys (EPSG:4326 and the two undefined
 * systems), gpkg_contents and gpkg_geometry_columns tables, and the feature table with a StandardGeoPackageBinary
 * geometry per row: the "GP" header (version 0, little-endian, srs_id, an x/y envelope) followed by ISO WKB.
 * QGIS, ArcGIS and GDAL open it as it is; Chinese text is stored as UTF-8, as SQLite does.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { AnyShape } from './shapefile';

export type GpkgColumnType = 'TEXT' | 'INTEGER' | 'REAL' | 'BOOLEAN' | 'DATE' | 'DATETIME';
export type GpkgGeometryType = 'POINT' | 'LINESTRING' | 'POLYGON' | 'MULTIPOLYGON';

export interface GpkgLayer {
  /** Table name: letters, digits and underscores. */
  name: string;
  title: string;
  description: string;
  geometryType: GpkgGeometryType;
  columns: { name: string; type: GpkgColumnType }[];
  features: {
    id: number;
    geometry: AnyShape;
    properties: Record<string, string | number | boolean | null>;
  }[];
}

/** 'GPKG' read as a big-endian 32-bit integer, and version 1.3.0. */
const APPLICATION_ID = 0x47504b47;
const USER_VERSION = 10300;
const WGS84 = 4326;

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

let sqlJs: Promise<SqlJsStatic> | undefined;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quoted(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

/** ISO WKB (little-endian, 2D) of a geometry. */
export function wkb(geometry: NonNullable<AnyShape>): Buffer {
  const parts: Buffer[] = [];
  const head = (type: number) => {
    const b = Buffer.alloc(5);
    b.writeUInt8(1, 0);
    b.writeUInt32LE(type, 1);
    parts.push(b);
  };
  const count = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n, 0);
    parts.push(b);
  };
  const points = (coords: number[][]) => {
    const b = Buffer.alloc(16 * coords.length);
    coords.forEach(([x, y], i) => {
      b.writeDoubleLE(x!, 16 * i);
      b.writeDoubleLE(y!, 16 * i + 8);
    });
    parts.push(b);
  };
  const polygon = (rings: number[][][]) => {
    head(3);
    count(rings.length);
    for (const ring of rings) {
      count(ring.length);
      points(ring);
    }
  };
  switch (geometry.type) {
    case 'Point':
      head(1);
      points([geometry.coordinates]);
      break;
    case 'LineString':
      head(2);
      count(geometry.coordinates.length);
      points(geometry.coordinates);
      break;
    case 'MultiLineString':
      head(5);
      count(geometry.coordinates.length);
      for (const line of geometry.coordinates) {
        head(2);
        count(line.length);
        points(line);
      }
      break;
    case 'Polygon':
      polygon(geometry.coordinates);
      break;
    case 'MultiPolygon':
      head(6);
      count(geometry.coordinates.length);
      for (const p of geometry.coordinates) polygon(p);
      break;
  }
  return Buffer.concat(parts);
}

function coordinatesOf(geometry: NonNullable<AnyShape>): number[][] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
  }
}

function envelopeOf(geometry: NonNullable<AnyShape>): [number, number, number, number] {
  let [xmin, xmax, ymin, ymax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of coordinatesOf(geometry)) {
    xmin = Math.min(xmin, x!);
    xmax = Math.max(xmax, x!);
    ymin = Math.min(ymin, y!);
    ymax = Math.max(ymax, y!);
  }
  return [xmin, xmax, ymin, ymax];
}

/** A StandardGeoPackageBinary blob: magic "GP", version 0, flags (little-endian, x/y envelope), srs_id, WKB. */
export function gpkgGeometry(geometry: NonNullable<AnyShape>, srsId = WGS84): Buffer {
  const head = Buffer.alloc(8 + 32);
  head.write('GP', 0, 'latin1');
  head.writeUInt8(0, 2);
  head.writeUInt8(0b0000_0011, 3); // bit 0: little-endian; bits 1–3 = 1: envelope [minx, maxx, miny, maxy]
  head.writeInt32LE(srsId, 4);
  envelopeOf(geometry).forEach((v, i) => head.writeDoubleLE(v, 8 + 8 * i));
  return Buffer.concat([head, wkb(geometry)]);
}

const TABLES = `
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
`;

/** The layer as the bytes of a .gpkg file. */
export async function geopackage(layer: GpkgLayer): Promise<Buffer> {
  sqlJs ??= initSqlJs();
  const SQL = await sqlJs;
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA application_id = ${APPLICATION_ID}`);
    db.run(`PRAGMA user_version = ${USER_VERSION}`);
    db.run('BEGIN');
    db.run(TABLES);
    const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    srs.run([
      'Undefined cartesian SRS',
      -1,
      'NONE',
      -1,
      'undefined',
      'undefined cartesian coordinate reference system',
    ]);
    srs.run([
      'Undefined geographic SRS',
      0,
      'NONE',
      0,
      'undefined',
      'undefined geographic coordinate reference system',
    ]);
    srs.run([
      'WGS 84 geodetic',
      WGS84,
      'EPSG',
      WGS84,
      WGS84_WKT,
      'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
    ]);
    srs.free();

    const table = quoted(layer.name);
    const columns = layer.columns.map((c) => `${quoted(c.name)} ${c.type}`);
    db.run(
      `CREATE TABLE ${table} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${layer.geometryType}${columns.map((c) => `, ${c}`).join('')})`,
    );
    const insert = db.prepare(
      `INSERT INTO ${table} (fid, geom${layer.columns.map((c) => `, ${quoted(c.name)}`).join('')})
       VALUES (?, ?${layer.columns.map(() => ', ?').join('')})`,
    );
    let [xmin, xmax, ymin, ymax] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const f of layer.features) {
      let blob: Uint8Array | null = null;
      if (f.geometry) {
        const [x0, x1, y0, y1] = envelopeOf(f.geometry);
        xmin = Math.min(xmin, x0);
        xmax = Math.max(xmax, x1);
        ymin = Math.min(ymin, y0);
        ymax = Math.max(ymax, y1);
        blob = gpkgGeometry(f.geometry);
      }
      insert.run([
        f.id,
        blob,
        ...layer.columns.map((c) => columnValue(c.type, f.properties[c.name] ?? null)),
      ]);
    }
    insert.free();
    const extent = Number.isFinite(xmin) ? [xmin, ymin, xmax, ymax] : [null, null, null, null];
    db.run(
      `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
       VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?)`,
      [layer.name, layer.title, layer.description, ...extent, WGS84],
    );
    db.run(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)`, [
      layer.name,
      layer.geometryType,
      WGS84,
    ]);
    db.run('COMMIT');
    return Buffer.from(db.export());
  } finally {
    db.close();
  }
}

/** A property as SQLite stores it for the column's GeoPackage type. */
function columnValue(type: GpkgColumnType, value: string | number | boolean | null): string | number | null {
  if (value === null) return null;
  switch (type) {
    case 'BOOLEAN':
      return value === true || value === 'true' ? 1 : 0;
    case 'INTEGER':
    case 'REAL':
      return Number(value);
    case 'DATE':
      return String(value).slice(0, 10);
    case 'DATETIME': {
      const t = new Date(String(value));
      return Number.isNaN(t.getTime()) ? String(value) : t.toISOString();
    }
    case 'TEXT':
      return String(value);
  }
}
