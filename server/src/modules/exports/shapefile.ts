/**
 * Point, line and polygon layers as a zipped ESRI Shapefile (.shp, .shx, .dbf, .prj, .cpg), written here because
 * the npm shapefile packages only read. Shared by the soil zoning, the grid and the OGC collection exports (and by
 * tests that need Shapefile fixtures). Coordinates are longitude/latitude (WGS 84, which CGCS2000 equals at map
 * scales); text attributes are UTF-8 (declared in the .cpg, which QGIS and ArcGIS honour). Outer rings are written
 * clockwise and holes counter-clockwise, as the format requires.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export type Ring = number[][];
export type PolygonCoords = Ring[];

export interface DbfField {
  name: string;
  /** C text, N number, L logical (T/F, blank for null), D date (YYYYMMDD). */
  type: 'C' | 'N' | 'L' | 'D';
  length: number;
  decimals?: number;
}

export interface ShapeRecord {
  /** One or more polygons (MultiPolygon coordinates). */
  polygons: PolygonCoords[];
  attributes: Record<string, string | number | boolean | null>;
}

/** Shape types of the .shp header: point, polyline, polygon. */
export type ShapeType = 1 | 3 | 5;

/** One record of any shape type: GeoJSON-like coordinates (null: a null shape). */
export type AnyShape =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'MultiLineString'; coordinates: number[][][] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }
  | null;

export interface AnyRecord {
  geometry: AnyShape;
  attributes: ShapeRecord['attributes'];
}

/** The .prj of geographic WGS 84 (ESRI WKT, as ArcGIS writes it). */
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

function ringArea(ring: Ring): number {
  let a = 0;
  for (let k = 0; k + 1 < ring.length; k++)
    a += ring[k]![0]! * ring[k + 1]![1]! - ring[k + 1]![0]! * ring[k]![1]!;
  return a / 2;
}

/** Rings of one record: outer clockwise (negative area), holes counter-clockwise. */
function orientedRings(polygons: PolygonCoords[]): Ring[] {
  const out: Ring[] = [];
  for (const polygon of polygons)
    polygon.forEach((ring, k) => {
      const clockwise = ringArea(ring) < 0;
      out.push(clockwise === (k === 0) ? ring : [...ring].reverse());
    });
  return out;
}

function shpRecord(rings: Ring[], shapeType: 3 | 5 = 5): Buffer {
  const points = rings.reduce((n, r) => n + r.length, 0);
  const buf = Buffer.alloc(44 + 4 * rings.length + 16 * points);
  let [xmin, ymin, xmax, ymax] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of rings)
    for (const [x, y] of r) {
      xmin = Math.min(xmin, x!);
      ymin = Math.min(ymin, y!);
      xmax = Math.max(xmax, x!);
      ymax = Math.max(ymax, y!);
    }
  buf.writeInt32LE(shapeType, 0);
  [xmin, ymin, xmax, ymax].forEach((v, i) => buf.writeDoubleLE(v, 4 + 8 * i));
  buf.writeInt32LE(rings.length, 36);
  buf.writeInt32LE(points, 40);
  let start = 0;
  rings.forEach((r, i) => {
    buf.writeInt32LE(start, 44 + 4 * i);
    start += r.length;
  });
  let o = 44 + 4 * rings.length;
  for (const r of rings)
    for (const [x, y] of r) {
      buf.writeDoubleLE(x!, o);
      buf.writeDoubleLE(y!, o + 8);
      o += 16;
    }
  return buf;
}

function pointRecord([x, y]: number[]): Buffer {
  const buf = Buffer.alloc(20);
  buf.writeInt32LE(1, 0);
  buf.writeDoubleLE(x!, 4);
  buf.writeDoubleLE(y!, 12);
  return buf;
}

function nullRecord(): Buffer {
  return Buffer.alloc(4); // shape type 0
}

function header(fileBytes: number, bbox: number[], shapeType: ShapeType = 5): Buffer {
  const h = Buffer.alloc(100);
  h.writeInt32BE(9994, 0);
  h.writeInt32BE(fileBytes / 2, 24);
  h.writeInt32LE(1000, 28);
  h.writeInt32LE(shapeType, 32);
  bbox.forEach((v, i) => h.writeDoubleLE(v, 36 + 8 * i));
  return h;
}

function dbf(fields: DbfField[], records: { attributes: ShapeRecord['attributes'] }[]): Buffer {
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const buf = Buffer.alloc(headerLength + recordLength * records.length + 1, 0x20);
  buf.fill(0, 0, headerLength);
  buf.writeUInt8(3, 0);
  const now = new Date(0);
  buf.writeUInt8(now.getUTCFullYear() - 1900, 1);
  buf.writeUInt8(1, 2);
  buf.writeUInt8(1, 3);
  buf.writeUInt32LE(records.length, 4);
  buf.writeUInt16LE(headerLength, 8);
  buf.writeUInt16LE(recordLength, 10);
  fields.forEach((f, i) => {
    const o = 32 + 32 * i;
    buf.write(f.name.slice(0, 10), o, 'latin1');
    buf.write(f.type, o + 11, 'latin1');
    buf.writeUInt8(f.length, o + 16);
    buf.writeUInt8(f.decimals ?? 0, o + 17);
  });
  buf.writeUInt8(0x0d, headerLength - 1);
  records.forEach((r, k) => {
    let o = headerLength + k * recordLength + 1;
    for (const f of fields) {
      const v = r.attributes[f.name];
      let text =
        v === null || v === undefined
          ? f.type === 'L'
            ? '?'
            : ''
          : f.type === 'N'
            ? Number(v).toFixed(f.decimals ?? 0)
            : f.type === 'L'
              ? v === true || v === 'true'
                ? 'T'
                : 'F'
              : f.type === 'D'
                ? String(v).slice(0, 10).replaceAll('-', '')
                : String(v);
      let bytes = Buffer.from(text, 'utf8');
      while (bytes.length > f.length) {
        text = text.slice(0, -1);
        bytes = Buffer.from(text, 'utf8');
      }
      if (f.type === 'N') bytes.copy(buf, o + f.length - bytes.length);
      else bytes.copy(buf, o);
      o += f.length;
    }
  });
  buf.writeUInt8(0x1a, buf.length - 1);
  return buf;
}

/** The five files of a polygon shapefile named `name` (`prj`: another coordinate system's WKT, for fixtures). */
export function polygonShapefile(
  name: string,
  fields: DbfField[],
  records: ShapeRecord[],
  prj: string = WGS84_PRJ,
): Record<string, Buffer> {
  return writeShapefile(
    name,
    5,
    records.map((r) => shpRecord(orientedRings(r.polygons))),
    fields,
    records,
    prj,
  );
}

/** The record body of one geometry in a layer of `shapeType` (a null shape for null). */
function shapeBody(shapeType: ShapeType, geometry: AnyShape): Buffer {
  if (geometry === null) return nullRecord();
  if (shapeType === 1 && geometry.type === 'Point') return pointRecord(geometry.coordinates);
  if (shapeType === 3 && geometry.type === 'LineString') return shpRecord([geometry.coordinates], 3);
  if (shapeType === 3 && geometry.type === 'MultiLineString') return shpRecord(geometry.coordinates, 3);
  if (shapeType === 5 && geometry.type === 'Polygon') return shpRecord(orientedRings([geometry.coordinates]));
  if (shapeType === 5 && geometry.type === 'MultiPolygon')
    return shpRecord(orientedRings(geometry.coordinates));
  throw new Error(`a ${geometry.type} cannot be written to a shapefile of shape type ${shapeType}`);
}

/** The five files of a point (1), polyline (3) or polygon (5) shapefile named `name`. */
export function shapefile(
  name: string,
  shapeType: ShapeType,
  fields: DbfField[],
  records: AnyRecord[],
): Record<string, Buffer> {
  return writeShapefile(
    name,
    shapeType,
    records.map((r) => shapeBody(shapeType, r.geometry)),
    fields,
    records,
    WGS84_PRJ,
  );
}

function writeShapefile(
  name: string,
  shapeType: ShapeType,
  bodies: Buffer[],
  fields: DbfField[],
  records: { attributes: ShapeRecord['attributes'] }[],
  prj: string,
): Record<string, Buffer> {
  let [xmin, ymin, xmax, ymax] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of bodies) {
    const type = b.readInt32LE(0);
    if (type === 0) continue;
    const [x0, y0, x1, y1] =
      type === 1
        ? [b.readDoubleLE(4), b.readDoubleLE(12), b.readDoubleLE(4), b.readDoubleLE(12)]
        : [b.readDoubleLE(4), b.readDoubleLE(12), b.readDoubleLE(20), b.readDoubleLE(28)];
    xmin = Math.min(xmin, x0);
    ymin = Math.min(ymin, y0);
    xmax = Math.max(xmax, x1);
    ymax = Math.max(ymax, y1);
  }
  const bbox = Number.isFinite(xmin) ? [xmin, ymin, xmax, ymax] : [0, 0, 0, 0];
  const shpLength = 100 + bodies.reduce((n, b) => n + 8 + b.length, 0);
  const shp = [header(shpLength, bbox, shapeType)];
  const shx = [header(100 + 8 * bodies.length, bbox, shapeType)];
  let offset = 100;
  bodies.forEach((b, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(b.length / 2, 4);
    shp.push(rh, b);
    const ix = Buffer.alloc(8);
    ix.writeInt32BE(offset / 2, 0);
    ix.writeInt32BE(b.length / 2, 4);
    shx.push(ix);
    offset += 8 + b.length;
  });
  return {
    [`${name}.shp`]: Buffer.concat(shp),
    [`${name}.shx`]: Buffer.concat(shx),
    [`${name}.dbf`]: dbf(fields, records),
    [`${name}.prj`]: Buffer.from(prj),
    [`${name}.cpg`]: Buffer.from('UTF-8'),
  };
}

/** A zip archive (deflate) of the given files, with UTF-8 names. */
export function zip(files: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01: fixed, so the same zones give the same bytes
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
