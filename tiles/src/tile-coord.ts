/**
 * Tile addresses and the arithmetic between longitude/latitude, Web Mercator metres and tile units.
 *
 * Glossary:
 * - tile: (z, x, y) in the XYZ scheme of Web Mercator (EPSG:3857): x grows east, y grows south, (0, 0) is the
 *   north-west corner of the world; zoom z has 2^z × 2^z tiles.
 * - envelope: a tile's square in EPSG:3857 metres, the same numbers PostGIS's ST_TileEnvelope(z, x, y) returns.
 * - extent: the integer grid inside a tile, 4096 × 4096 units, origin at the tile's top-left corner, y down.
 * - buffer: 64 units around the tile in which features are kept, so that strokes and symbols meet at tile seams.
 * - pixel: 1/512 of a tile side (MapLibre draws a vector tile 512 CSS pixels wide), i.e. 8 units; simplification
 *   tolerances and thinning cells are given in pixels and turned into metres with metresPerPixel(z).
 */

export const EXTENT = 4096;
export const BUFFER = 64;
export const TILE_PIXELS = 512;
/** Half the width of the Web Mercator world in metres (π × 6378137). */
export const WORLD_HALF = 20037508.342789244;
/** Latitude at which Web Mercator is cut off (the world is square). */
export const MAX_LATITUDE = 85.0511287798066;

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

export interface Envelope {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

export const BAD_COORD = {
  NOT_INTEGER: 'NOT_INTEGER',
  ZOOM_OUT_OF_RANGE: 'ZOOM_OUT_OF_RANGE',
  COLUMN_OUT_OF_RANGE: 'COLUMN_OUT_OF_RANGE',
  ROW_OUT_OF_RANGE: 'ROW_OUT_OF_RANGE',
} as const;
export type BadCoordReason = (typeof BAD_COORD)[keyof typeof BAD_COORD];

export type TileCoordResult =
  | { ok: true; value: TileCoord }
  | { ok: false; reason: BadCoordReason; path: 'z' | 'x' | 'y'; message: string };

// Plain decimal digits only: no signs, exponents, hex or fractions; 10 digits is enough for 2^30 columns.
const DIGITS = /^[0-9]{1,10}$/;

/**
 * Parses the z, x and y of a tile URL and checks them against the zoom range 0..maxZoom.
 * @example parseTileCoord('12', '3244', '1905', 16) // { ok: true, value: { z: 12, x: 3244, y: 1905 } }
 */
export function parseTileCoord(z: string, x: string, y: string, maxZoom: number): TileCoordResult {
  for (const [path, text] of [
    ['z', z],
    ['x', x],
    ['y', y],
  ] as const) {
    if (!DIGITS.test(text))
      return {
        ok: false,
        reason: BAD_COORD.NOT_INTEGER,
        path,
        message: `${path} must be a non-negative integer`,
      };
  }
  const value = { z: Number(z), x: Number(x), y: Number(y) };
  if (value.z > maxZoom) {
    return {
      ok: false,
      reason: BAD_COORD.ZOOM_OUT_OF_RANGE,
      path: 'z',
      message: `z must be between 0 and ${maxZoom}`,
    };
  }
  const last = 2 ** value.z - 1;
  if (value.x > last)
    return {
      ok: false,
      reason: BAD_COORD.COLUMN_OUT_OF_RANGE,
      path: 'x',
      message: `x must be between 0 and ${last}`,
    };
  if (value.y > last)
    return {
      ok: false,
      reason: BAD_COORD.ROW_OUT_OF_RANGE,
      path: 'y',
      message: `y must be between 0 and ${last}`,
    };
  return { ok: true, value };
}

/** Width of a tile at zoom z, in metres. */
export function tileSize(z: number): number {
  return (2 * WORLD_HALF) / 2 ** z;
}

/** The tile's square in EPSG:3857 (as ST_TileEnvelope computes it). */
export function tileEnvelope({ z, x, y }: TileCoord): Envelope {
  const size = tileSize(z);
  const xmin = -WORLD_HALF + x * size;
  const ymax = WORLD_HALF - y * size;
  return { xmin, ymin: ymax - size, xmax: xmin + size, ymax };
}

/** Metres covered by one pixel (1/512 of a tile side) at zoom z. */
export function metresPerPixel(z: number): number {
  return tileSize(z) / TILE_PIXELS;
}

export function lonLatToMercator(lon: number, lat: number): [number, number] {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const x = (lon * WORLD_HALF) / 180;
  const y = Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)) * (WORLD_HALF / Math.PI);
  return [x, y];
}

export function mercatorToLonLat(x: number, y: number): [number, number] {
  const lon = (x * 180) / WORLD_HALF;
  const lat = (Math.atan(Math.exp((y * Math.PI) / WORLD_HALF)) * 360) / Math.PI - 90;
  return [lon, lat];
}

/** The tile at zoom z that contains a point (a point on a seam belongs to the tile east/south of it). */
export function lonLatToTile(lon: number, lat: number, z: number): TileCoord {
  const [mx, my] = lonLatToMercator(lon, lat);
  const size = tileSize(z);
  const last = 2 ** z - 1;
  const x = Math.min(last, Math.max(0, Math.floor((mx + WORLD_HALF) / size)));
  const y = Math.min(last, Math.max(0, Math.floor((WORLD_HALF - my) / size)));
  return { z, x, y };
}

/** [west, south, east, north] of a tile in degrees. */
export function tileBounds(coord: TileCoord): [number, number, number, number] {
  const e = tileEnvelope(coord);
  const [west, south] = mercatorToLonLat(e.xmin, e.ymin);
  const [east, north] = mercatorToLonLat(e.xmax, e.ymax);
  return [west, south, east, north];
}

/**
 * A Web Mercator point in the tile's units (not rounded, not clipped), computed as ST_AsMVTGeom does:
 * x' = x·fx − xmin·fx, y' = y·fy − ymax·fy with fx = extent / width and fy = −extent / height.
 */
export function toTileUnits(mx: number, my: number, coord: TileCoord): [number, number] {
  const e = tileEnvelope(coord);
  const fx = EXTENT / (e.xmax - e.xmin);
  const fy = -(EXTENT / (e.ymax - e.ymin));
  return [mx * fx + -e.xmin * fx, my * fy + -e.ymax * fy];
}

/** Whether tile units lie inside the tile plus its buffer (the box ST_AsMVTGeom clips to). */
export function inBufferedTile([tx, ty]: [number, number]): boolean {
  return tx >= -BUFFER && tx <= EXTENT + BUFFER && ty >= -BUFFER && ty <= EXTENT + BUFFER;
}

/**
 * A value that changes with zoom: [[fromZoom, value], …] in increasing zoom order; each value holds from its zoom
 * up to the next entry's.
 * @example atZoom([[0, 1], [12, 0.5]], 13) // 0.5
 */
export type ZoomSteps = readonly (readonly [fromZoom: number, value: number])[];

export function atZoom(steps: ZoomSteps, z: number): number {
  let value: number | undefined;
  for (const [fromZoom, stepValue] of steps) if (z >= fromZoom) value = stepValue;
  if (value === undefined)
    throw new RangeError(`No value for zoom ${z}: the first step starts at ${steps[0]?.[0]}`);
  return value;
}
