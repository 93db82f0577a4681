/**
 * Distances for interpolation are measured in metres on a local transverse Mercator (Gauss-Krüger) projection of the
 * CGCS2000/GRS80 ellipsoid whose central meridian and origin pass through the middle of the data, never in degrees.
 * Its scale error grows with the square of the distance from the central meridian — 1 + x²/2R²: 1.1e-5 at 30 km,
 * 1.2e-4 at 100 km — so a county's distances are true to better than 1e-4 and a region wider than
 * MAX_HALF_WIDTH_M on either side is refused rather than distorted (it would need several projections).
 * proj4's `etmerc` (Poder/Engsager) keeps the projection itself exact to well below a millimetre.
 */
import proj4 from 'proj4';
import { GEOSTATS_REASONS, type Result, fail, ok } from './result';

/** Largest distance from the central meridian (and origin) accepted, metres: scale error ≤ 4.9e-4. */
export const MAX_HALF_WIDTH_M = 200_000;
const METRES_PER_DEGREE = 111_320;

export interface LocalProjection {
  /** The PROJ definition, recorded with every run so that its cells can be placed again. */
  definition: string;
  forward(lon: number, lat: number): [number, number];
  inverse(x: number, y: number): [number, number];
}

export function projectionDefinition(lon0: number, lat0: number): string {
  const r = (v: number) => Number(v.toFixed(6));
  return `+proj=tmerc +lat_0=${r(lat0)} +lon_0=${r(lon0)} +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

export function projectionFrom(definition: string): LocalProjection {
  const converter = proj4('EPSG:4326', definition);
  return {
    definition,
    forward: (lon, lat) => converter.forward([lon, lat]) as [number, number],
    inverse: (x, y) => converter.inverse([x, y]) as [number, number],
  };
}

/** A projection centred on the bounding box of the given positions, or EXTENT_TOO_LARGE. */
export function localProjection(positions: readonly (readonly [number, number])[]): Result<LocalProjection> {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of positions) {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  if (!Number.isFinite(w)) return fail(GEOSTATS_REASONS.TOO_FEW_POINTS, { count: 0 });
  const [lon0, lat0] = [(w + e) / 2, (s + n) / 2];
  const halfWidth =
    ((e - w) / 2) * METRES_PER_DEGREE * Math.cos((Math.min(Math.abs(s), Math.abs(n)) * Math.PI) / 180);
  const halfHeight = ((n - s) / 2) * METRES_PER_DEGREE;
  if (Math.max(halfWidth, halfHeight) > MAX_HALF_WIDTH_M) {
    return fail(GEOSTATS_REASONS.EXTENT_TOO_LARGE, {
      widthKm: Math.round((2 * halfWidth) / 1000),
      heightKm: Math.round((2 * halfHeight) / 1000),
      limitKm: (2 * MAX_HALF_WIDTH_M) / 1000,
    });
  }
  return ok(projectionFrom(projectionDefinition(lon0, lat0)));
}
