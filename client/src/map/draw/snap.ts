/**
 * Snapping for the planning workspace: the pointer snaps to the nearest vertex of a neighbouring grid or of the
 * parent boundary within `tolerancePx` screen pixels, else to the nearest point on one of their edges. Pure (the
 * projection is passed in), so it is unit-tested without a map.
 */
export type LngLat = [number, number];

export interface SnapTarget {
  /** Rings (closed or not) of neighbouring grids and of the parent, in longitude/latitude. */
  rings: LngLat[][];
}

export interface SnapResult {
  position: LngLat;
  kind: 'vertex' | 'edge';
  distancePx: number;
}

export function snapPosition(
  pointerPx: [number, number],
  target: SnapTarget,
  project: (p: LngLat) => [number, number],
  unproject: (p: [number, number]) => LngLat,
  tolerancePx: number,
): SnapResult | null {
  let best: SnapResult | null = null;
  for (const ring of target.rings)
    for (const vertex of ring) {
      const [x, y] = project(vertex);
      const d = Math.hypot(x - pointerPx[0], y - pointerPx[1]);
      if (d <= tolerancePx && (!best || d < best.distancePx))
        best = { position: vertex, kind: 'vertex', distancePx: d };
    }
  if (best) return best;
  for (const ring of target.rings)
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = project(ring[i] as LngLat);
      const b = project(ring[i + 1] as LngLat);
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      if (len2 === 0) continue;
      const t = Math.max(0, Math.min(1, ((pointerPx[0] - a[0]) * dx + (pointerPx[1] - a[1]) * dy) / len2));
      const px: [number, number] = [a[0] + t * dx, a[1] + t * dy];
      const d = Math.hypot(px[0] - pointerPx[0], px[1] - pointerPx[1]);
      if (d <= tolerancePx && (!best || d < best.distancePx))
        best = { position: unproject(px), kind: 'edge', distancePx: d };
    }
  return best;
}

/** Rings of polygon/multipolygon geometries, for snapping. */
export function ringsOf(geometries: { type: string; coordinates: unknown }[]): LngLat[][] {
  const rings: LngLat[][] = [];
  for (const geometry of geometries) {
    if (geometry.type === 'Polygon') rings.push(...(geometry.coordinates as LngLat[][]));
    else if (geometry.type === 'MultiPolygon')
      for (const polygon of geometry.coordinates as LngLat[][][]) rings.push(...polygon);
  }
  return rings;
}
