/**
 * Longitude/latitude to metres for distance-based weights, scan windows and hexagons: a transverse Mercator on the
 * WGS84 ellipsoid centred on the data (scale 1 on the central meridian). Over a county or a prefecture (< 300 km
 * east–west) the scale error stays below 0.1 %, where Web Mercator at 44° N would stretch distances by 39 %.
 */
import proj4 from 'proj4';
import type { Point } from './weights';

export interface Projector {
  forward(lonLat: Point): [number, number];
  inverse(xy: Point): [number, number];
  definition: string;
}

export function localProjector(lonLats: readonly Point[]): Projector {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of lonLats) {
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  const lon0 = lonLats.length > 0 ? (minLon + maxLon) / 2 : 0;
  const lat0 = lonLats.length > 0 ? (minLat + maxLat) / 2 : 0;
  const definition = `+proj=tmerc +lat_0=${lat0.toFixed(6)} +lon_0=${lon0.toFixed(6)} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`;
  const converter = proj4('EPSG:4326', definition);
  return {
    forward: (p) => converter.forward([p[0], p[1]]) as [number, number],
    inverse: (p) => converter.inverse([p[0], p[1]]) as [number, number],
    definition,
  };
}

/** Area-weighted centroid of polygons given as rings of planar points (holes subtract). */
export function planarCentroid(polygons: readonly (readonly (readonly Point[])[])[]): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (const rings of polygons)
    for (const ring of rings)
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x0, y0] = ring[i] as Point;
        const [x1, y1] = ring[i + 1] as Point;
        const cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
      }
  if (a === 0) {
    const first = polygons[0]?.[0]?.[0] ?? [0, 0];
    return [first[0], first[1]];
  }
  return [cx / (3 * a), cy / (3 * a)];
}
