/**
 * Plane geometry for the demo generator.
 *
 * Glossary:
 * - local frame: kilometres east (x) and north (y) of the county's reference point, an equirectangular projection that
 *   is accurate to well under 1 % across a county; all shapes are built there and converted to lon/lat at the end.
 * - Position: [lon, lat] in degrees (EPSG:4326), or [x, y] in km in the local frame — the type says which.
 * - ring: closed list of positions (first = last). Point-in-ring on lon/lat is planar in degrees, exactly like PostGIS
 *   ST_Covers on geometry(…, 4326), so the village the generator picks is the village the database assigns.
 */

export type Position = [number, number];
export type LonLat = Position;
export type Xy = Position;
export type Ring = Position[];

export interface LocalFrame {
  lon0: number;
  lat0: number;
  kmPerDegLon: number;
  kmPerDegLat: number;
}

/** A local frame centred on (lon0, lat0), with WGS84 metres-per-degree at that latitude. */
export function localFrame(lon0: number, lat0: number): LocalFrame {
  const phi = (lat0 * Math.PI) / 180;
  return {
    lon0,
    lat0,
    kmPerDegLon: 111.41288 * Math.cos(phi) - 0.0935 * Math.cos(3 * phi),
    kmPerDegLat: 111.13295 - 0.55982 * Math.cos(2 * phi),
  };
}

/** Rounds to 1e-7° (about 1 cm), the precision every stored coordinate of the demo has. */
export function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

export function toLonLat(frame: LocalFrame, [x, y]: Xy): LonLat {
  return [round7(frame.lon0 + x / frame.kmPerDegLon), round7(frame.lat0 + y / frame.kmPerDegLat)];
}

export function toLocal(frame: LocalFrame, [lon, lat]: LonLat): Xy {
  return [(lon - frame.lon0) * frame.kmPerDegLon, (lat - frame.lat0) * frame.kmPerDegLat];
}

export function distance(a: Position, b: Position): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Signed area (positive when counter-clockwise), in squared units of the ring. */
export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as Position;
    const [x2, y2] = ring[i + 1] as Position;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Even-odd ray casting; points exactly on the boundary may go either way (callers keep a margin). */
export function pointInRing([px, py]: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function distanceToSegment(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

export function distanceToRing(p: Position, ring: Ring): number {
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++)
    best = Math.min(best, distanceToSegment(p, ring[i] as Position, ring[i + 1] as Position));
  return best;
}

function orientation(a: Position, b: Position, c: Position): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

/** Whether segments ab and cd cross or touch. */
export function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  const onSegment = (p: Position, q: Position, r: Position) =>
    Math.min(p[0], r[0]) <= q[0] &&
    q[0] <= Math.max(p[0], r[0]) &&
    Math.min(p[1], r[1]) <= q[1] &&
    q[1] <= Math.max(p[1], r[1]);
  return (
    (o1 === 0 && onSegment(a, c, b)) ||
    (o2 === 0 && onSegment(a, d, b)) ||
    (o3 === 0 && onSegment(c, a, d)) ||
    (o4 === 0 && onSegment(c, b, d))
  );
}

/** Whether a closed ring crosses or touches itself anywhere other than at consecutive segments. O(n²): tests only. */
export function ringIsSimple(ring: Ring): boolean {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (
        segmentsIntersect(
          ring[i] as Position,
          ring[i + 1] as Position,
          ring[j] as Position,
          ring[j + 1] as Position,
        )
      )
        return false;
    }
  }
  return true;
}

/** Axis-aligned bounds [minX, minY, maxX, maxY] of some positions. */
export function bounds(points: readonly Position[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

/** Removes consecutive duplicates (e.g. vertices that rounding merged) and closes the ring. */
export function cleanRing(points: readonly Position[]): Ring {
  const out: Ring = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0], p[1]]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return out;
}
