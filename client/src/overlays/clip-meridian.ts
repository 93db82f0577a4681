/**
 * Cutting polygons at a meridian, for the swipe comparison of two soil zoning runs (the west part of one run's zones
 * beside the east part of another's). Pure geometry on longitude/latitude; no deck.gl.
 */
export interface Collection {
  type: 'FeatureCollection';
  features: { id?: number | string; geometry: unknown; properties: Record<string, unknown> }[];
}

type Ring = number[][];

/** A ring clipped to one side of the meridian `lon` (Sutherland–Hodgman against one half-plane). */
function clipRing(ring: Ring, lon: number, west: boolean): Ring {
  const inside = (p: number[]) => (west ? p[0]! <= lon : p[0]! >= lon);
  const out: Ring = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    const [ia, ib] = [inside(a), inside(b)];
    if (ia) out.push(a);
    if (ia !== ib) {
      const f = (lon - a[0]!) / (b[0]! - a[0]!);
      out.push([lon, a[1]! + f * (b[1]! - a[1]!)]);
    }
  }
  if (out.length >= 3) {
    const [first, last] = [out[0]!, out[out.length - 1]!];
    if (first[0] !== last[0] || first[1] !== last[1]) out.push(first);
  }
  return out.length >= 4 ? out : [];
}

/**
 * Zones cut at the meridian `lon`, keeping the west or the east side (for the swipe comparison of two runs).
 * Polygons whose outer ring falls wholly on the other side are dropped.
 */
export function clipCollection(c: Collection, lon: number, west: boolean): Collection {
  const polygon = (rings: Ring[]) => {
    const clipped = rings.map((r) => clipRing(r, lon, west));
    return clipped[0]?.length ? clipped.filter((r) => r.length) : null;
  };
  const features = c.features.flatMap((f) => {
    const g = f.geometry as { type: string; coordinates: unknown };
    let coordinates: Ring[] | Ring[][] | null = null;
    if (g?.type === 'Polygon') coordinates = polygon(g.coordinates as Ring[]);
    else if (g?.type === 'MultiPolygon') {
      const parts = (g.coordinates as Ring[][]).map(polygon).filter((p): p is Ring[] => p !== null);
      coordinates = parts.length ? parts : null;
    }
    return coordinates ? [{ ...f, geometry: { type: g.type, coordinates } }] : [];
  });
  return { type: 'FeatureCollection', features };
}
