/**
 * GeoJSON (RFC 7946) input schemas with the limits the API enforces: positions are [longitude, latitude] in
 * EPSG:4326 (CGCS2000 is accepted as identical), finite and in range; rings are closed; vertex counts are bounded.
 * Topological validity (self-intersection and the like) is checked by PostGIS, which can say where the problem is.
 */
import { z } from 'zod';
import { bilingual } from './messages';

/** Upper bound on vertices in one geometry accepted by the API. */
export const MAX_VERTICES = 100_000;

/** Web Mercator cannot show the poles; no farmland is there either. */
export const MAX_LATITUDE = 85.05;

export const Position = z
  .tuple([z.number(), z.number()], z.number().optional())
  .refine(([lon]) => Number.isFinite(lon) && lon >= -180 && lon <= 180, {
    ...bilingual('经度必须在 -180 到 180 之间', 'longitude must be between -180 and 180'),
    path: [0],
  })
  .refine(([, lat]) => Number.isFinite(lat) && lat >= -MAX_LATITUDE && lat <= MAX_LATITUDE, {
    ...bilingual(
      `纬度必须在 -${MAX_LATITUDE} 到 ${MAX_LATITUDE} 之间`,
      `latitude must be between -${MAX_LATITUDE} and ${MAX_LATITUDE}`,
    ),
    path: [1],
  });
export type Position = z.infer<typeof Position>;

const samePosition = (a: Position | undefined, b: Position | undefined) =>
  a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];

export const LinearRing = z
  .array(Position)
  .min(4)
  .refine(
    (ring) => samePosition(ring[0], ring[ring.length - 1]),
    bilingual(
      '多边形的环必须闭合（首尾坐标相同）',
      'a polygon ring must be closed (first and last positions equal)',
    ),
  );

const countVertices = (value: unknown): number =>
  Array.isArray(value)
    ? typeof value[0] === 'number'
      ? 1
      : value.reduce((n: number, v) => n + countVertices(v), 0)
    : 0;

const vertexLimit = <T extends z.ZodType>(schema: T) =>
  schema.refine(
    (geometry) => countVertices((geometry as { coordinates: unknown }).coordinates) <= MAX_VERTICES,
    bilingual(
      `几何图形的顶点数不能超过 ${MAX_VERTICES}`,
      `a geometry may have at most ${MAX_VERTICES} vertices`,
    ),
  );

export const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position }).strict();
export type PointGeometry = z.infer<typeof PointGeometry>;

export const LineStringGeometry = vertexLimit(
  z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) }).strict(),
);
export type LineStringGeometry = z.infer<typeof LineStringGeometry>;

export const PolygonGeometry = vertexLimit(
  z.object({ type: z.literal('Polygon'), coordinates: z.array(LinearRing).min(1) }).strict(),
);
export type PolygonGeometry = z.infer<typeof PolygonGeometry>;

export const MultiPolygonGeometry = vertexLimit(
  z
    .object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(LinearRing).min(1)).min(1) })
    .strict(),
);
export type MultiPolygonGeometry = z.infer<typeof MultiPolygonGeometry>;

export const AreaGeometry = z.union([PolygonGeometry, MultiPolygonGeometry]);
export type AreaGeometry = z.infer<typeof AreaGeometry>;

/** Output types (responses): looser, as the server produces them. */
export interface Geometry {
  type: string;
  coordinates: unknown;
}

export interface Feature<P = Record<string, unknown>, G extends Geometry | null = Geometry | null> {
  type: 'Feature';
  id: number | string;
  geometry: G;
  properties: P;
}

export interface FeatureCollection<P = Record<string, unknown>, G extends Geometry | null = Geometry | null> {
  type: 'FeatureCollection';
  features: Feature<P, G>[];
}
