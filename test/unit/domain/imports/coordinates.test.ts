import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { looksSwapped, parseDegrees, toWgs84 } from '../../../../server/src/domain/imports/coordinates';

/** Metres between two nearby lon/lat points (equirectangular; exact enough below a few km). */
function metres([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const k = Math.PI / 180;
  const x = (lon2 - lon1) * k * Math.cos(((lat1 + lat2) / 2) * k);
  return Math.hypot(x, (lat2 - lat1) * k) * 6_371_000;
}

describe('coordinates from spreadsheets', () => {
  it('reads decimal degrees, full-width digits and degrees-minutes-seconds with hemispheres', () => {
    expect(parseDegrees('87.3')).toBe(87.3);
    expect(parseDegrees('８７．３')).toBe(87.3);
    expect(parseDegrees(`87°18'36"E`)).toBeCloseTo(87.31, 10);
    expect(parseDegrees('44度0分36秒')).toBeCloseTo(44.01, 10);
    expect(parseDegrees('33°52′S')).toBeCloseTo(-33.866667, 6);
    expect(parseDegrees(`87°61'`)).toBeNull();
    expect(parseDegrees('东经87')).toBeNull();
  });

  it('recognises latitude and longitude written in each other’s columns for a point in China', () => {
    expect(looksSwapped(44.0, 87.3)).toBe(true);
    expect(looksSwapped(87.3, 44.0)).toBe(false);
    expect(looksSwapped(30, 31)).toBe(false); // neither reading is in China: not called swapped
  });

  it('leaves WGS84 and CGCS2000 as they are', () => {
    expect(toWgs84(87.3, 44.0, 'wgs84')).toEqual([87.3, 44.0]);
    expect(toWgs84(87.3, 44.0, 'cgcs2000')).toEqual([87.3, 44.0]);
  });

  it('removes the GCJ-02 and BD-09 offsets, which are hundreds of metres in China', () => {
    const gps: [number, number] = [116.391, 39.907];
    const fromAmap = toWgs84(116.397243, 39.908403, 'gcj02');
    const fromBaidu = toWgs84(116.403654, 39.914773, 'bd09');
    // The GCJ-02 and BD-09 readings of this spot are ~540 m and ~1.3 km from its GPS position ...
    expect(metres(gps, [116.397243, 39.908403])).toBeGreaterThan(400);
    expect(metres(gps, [116.403654, 39.914773])).toBeGreaterThan(1000);
    // ... and both convert back to within a few metres of it.
    expect(metres(gps, fromAmap)).toBeLessThan(5);
    expect(metres(gps, fromBaidu)).toBeLessThan(5);
  });

  it('inverts GCJ-02 and BD-09 to the centimetre, so long straight grid edges leave no slivers', () => {
    // gcoord's own inverse stops at 1e-6° (≈ 0.1 m), which at 97.2°E 36.27°N leaves 1.03e-6°: along a 44 km edge
    // that is a sliver of thousands of m², more than the 500 m² an import forgives.
    for (const p of [
      [97.2, 36.266666666666666],
      [116.391, 39.907],
      [125.3245, 43.8868],
      [87.6, 43.8],
    ] as [number, number][]) {
      for (const [datum, crs] of [
        ['gcj02', gcoord.GCJ02],
        ['bd09', gcoord.BD09],
      ] as const) {
        const shifted = gcoord.transform(p, gcoord.WGS84, crs) as [number, number];
        const back = toWgs84(shifted[0], shifted[1], datum);
        expect(Math.abs(back[0] - p[0])).toBeLessThan(2e-7);
        expect(Math.abs(back[1] - p[1])).toBeLessThan(2e-7);
      }
    }
  });
});
