/**
 * The portable path's last step: rows of (id, GeoJSON geometry in tile units, properties) from mvt-sql.ts's
 * portable query, written as a Mapbox Vector Tile 2.1 protobuf with @maplibre/vt-pbf.
 *
 * Glossary:
 * - tile row: one feature as the database returns it; `geometry` is GeoJSON text with integer coordinates, already
 *   clipped, snapped, valid and oriented (exterior rings positive area in tile units, y down).
 * - vt feature: @maplibre/vt-pbf's input, { id, type: 1 point | 2 line | 3 polygon, geometry, tags }.
 *
 * The result matches ST_AsMVT's: one layer named after the layer id, version 2, extent 4096, the row id as feature
 * id, NULL properties absent.
 */
import { GeoJSONWrapper, fromVectorTileJs } from '@maplibre/vt-pbf';
import { EXTENT } from './tile-coord';

/** Part of every layer's definition hash: bump it when the encoding changes, so ETags change with it. */
export const ENCODER_VERSION = 'vt-pbf-4/1';

export interface TileRow {
  id: number;
  geometry: string;
  [field: string]: unknown;
}

type Position = [number, number];
type VtFeature = ConstructorParameters<typeof GeoJSONWrapper>[0][number];
type Properties = Record<string, string | number | boolean>;
type VtGeometry = { type: 1; geometry: Position[] } | { type: 2 | 3; geometry: Position[][] };

type TileGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** The geometry as vt-pbf wants it, or null for kinds a tile cannot hold (a collection left by clipping). */
export function toVtGeometry(geometry: TileGeometry): VtGeometry | null {
  switch (geometry.type) {
    case 'Point':
      return { type: 1, geometry: [geometry.coordinates] };
    case 'MultiPoint':
      return { type: 1, geometry: geometry.coordinates };
    case 'LineString':
      return { type: 2, geometry: [geometry.coordinates] };
    case 'MultiLineString':
      return { type: 2, geometry: geometry.coordinates };
    case 'Polygon':
      return { type: 3, geometry: geometry.coordinates };
    case 'MultiPolygon':
      // MVT has no multipolygon: each exterior ring starts a new polygon, its holes follow it.
      return { type: 3, geometry: geometry.coordinates.flat() };
    default:
      return null;
  }
}

/** The contract's fields of a row, without NULLs (ST_AsMVT leaves NULL properties out, and so must we). */
export function rowProperties(row: TileRow, fields: readonly string[]): Properties {
  const properties: Properties = {};
  for (const field of fields) {
    const value = row[field];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      properties[field] = value;
    else if (value !== null && value !== undefined)
      throw new TypeError(`Field ${field} has a ${typeof value}; tiles hold strings, numbers and booleans`);
  }
  return properties;
}

/** Encodes a layer's rows; an empty array when there are none (the router answers 204). */
export function encodeTile(layerId: string, rows: readonly TileRow[], fields: readonly string[]): Uint8Array {
  const features: VtFeature[] = [];
  for (const row of rows) {
    const vt = toVtGeometry(JSON.parse(row.geometry) as TileGeometry);
    if (vt === null) continue;
    features.push({ id: row.id, tags: rowProperties(row, fields), ...vt });
  }
  if (features.length === 0) return new Uint8Array(0);
  const layer = new GeoJSONWrapper(features, { version: 2, extent: EXTENT });
  layer.name = layerId;
  return fromVectorTileJs({ layers: { [layerId]: layer } });
}
