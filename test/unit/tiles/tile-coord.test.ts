import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BAD_COORD,
  BUFFER,
  EXTENT,
  WORLD_HALF,
  atZoom,
  inBufferedTile,
  lonLatToMercator,
  lonLatToTile,
  mercatorToLonLat,
  metresPerPixel,
  parseTileCoord,
  tileBounds,
  tileEnvelope,
  toTileUnits,
} from '../../../tiles/src/tile-coord';

const lon = fc.double({ min: -180, max: 179.999999, noNaN: true });
const lat = fc.double({ min: -85, max: 85, noNaN: true });
const zoom = fc.integer({ min: 0, max: 22 });

describe('parseTileCoord', () => {
  it('accepts integer z/x/y inside the zoom range', () => {
    expect(parseTileCoord('12', '3244', '1905', 16)).toEqual({
      ok: true,
      value: { z: 12, x: 3244, y: 1905 },
    });
    expect(parseTileCoord('0', '0', '0', 16)).toEqual({ ok: true, value: { z: 0, x: 0, y: 0 } });
  });

  it('accepts every column and row of every zoom up to the maximum', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 16 })
          .chain((z) => fc.tuple(fc.constant(z), fc.nat(2 ** z - 1), fc.nat(2 ** z - 1))),
        ([z, x, y]) => {
          expect(parseTileCoord(String(z), String(x), String(y), 16)).toEqual({
            ok: true,
            value: { z, x, y },
          });
        },
      ),
    );
  });

  it('rejects anything that is not plain decimal digits, naming the bad part', () => {
    for (const bad of ['', 'a', '1.5', '-1', '+1', '1e2', '0x10', ' 1', '12345678901']) {
      expect(parseTileCoord(bad, '0', '0', 16)).toMatchObject({
        ok: false,
        reason: BAD_COORD.NOT_INTEGER,
        path: 'z',
      });
      expect(parseTileCoord('1', bad, '0', 16)).toMatchObject({
        ok: false,
        reason: BAD_COORD.NOT_INTEGER,
        path: 'x',
      });
      expect(parseTileCoord('1', '0', bad, 16)).toMatchObject({
        ok: false,
        reason: BAD_COORD.NOT_INTEGER,
        path: 'y',
      });
    }
  });

  it('rejects a zoom above the maximum and a column or row beyond 2^z − 1', () => {
    expect(parseTileCoord('17', '0', '0', 16)).toMatchObject({
      ok: false,
      reason: BAD_COORD.ZOOM_OUT_OF_RANGE,
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 1000 }), (z, extra) => {
        const beyond = String(2 ** z + extra);
        expect(parseTileCoord(String(z), beyond, '0', 16)).toMatchObject({
          ok: false,
          reason: BAD_COORD.COLUMN_OUT_OF_RANGE,
        });
        expect(parseTileCoord(String(z), '0', beyond, 16)).toMatchObject({
          ok: false,
          reason: BAD_COORD.ROW_OUT_OF_RANGE,
        });
      }),
    );
  });
});

describe('envelope math', () => {
  it('makes tile 0/0/0 the whole Web Mercator world', () => {
    expect(tileEnvelope({ z: 0, x: 0, y: 0 })).toEqual({
      xmin: -WORLD_HALF,
      ymin: -WORLD_HALF,
      xmax: WORLD_HALF,
      ymax: WORLD_HALF,
    });
  });

  it('splits every tile into four children that share its corners', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 20 })
          .chain((z) => fc.tuple(fc.constant(z), fc.nat(2 ** z - 1), fc.nat(2 ** z - 1))),
        ([z, x, y]) => {
          const parent = tileEnvelope({ z, x, y });
          const nw = tileEnvelope({ z: z + 1, x: 2 * x, y: 2 * y });
          const se = tileEnvelope({ z: z + 1, x: 2 * x + 1, y: 2 * y + 1 });
          expect(nw.xmin).toBeCloseTo(parent.xmin, 6);
          expect(nw.ymax).toBeCloseTo(parent.ymax, 6);
          expect(se.xmax).toBeCloseTo(parent.xmax, 6);
          expect(se.ymin).toBeCloseTo(parent.ymin, 6);
          expect(nw.xmax).toBeCloseTo(se.xmin, 6);
        },
      ),
    );
  });

  it('gives 512 pixels per tile side', () => {
    expect(metresPerPixel(0) * 512).toBeCloseTo(2 * WORLD_HALF, 6);
    expect(metresPerPixel(10)).toBeCloseTo(76.437, 3);
  });

  it('round-trips longitude and latitude through Web Mercator', () => {
    fc.assert(
      fc.property(lon, lat, (x, y) => {
        const [back, forth] = mercatorToLonLat(...lonLatToMercator(x, y));
        expect(back).toBeCloseTo(x, 9);
        expect(forth).toBeCloseTo(y, 9);
      }),
    );
  });

  it('finds the tile whose bounds contain a point, at every zoom', () => {
    fc.assert(
      fc.property(lon, lat, zoom, (x, y, z) => {
        const [west, south, east, north] = tileBounds(lonLatToTile(x, y, z));
        expect(west - 1e-9 <= x && x <= east + 1e-9 && south - 1e-9 <= y && y <= north + 1e-9).toBe(true);
      }),
    );
  });

  it('puts a point of its tile at tile units between 0 and 4096', () => {
    fc.assert(
      fc.property(lon, lat, zoom, (x, y, z) => {
        const [tx, ty] = toTileUnits(...lonLatToMercator(x, y), lonLatToTile(x, y, z));
        // A thousandth of a unit absorbs float error at z22, where a tile is 9.5 m and Web Mercator x is ~1e7 m.
        expect(tx >= -1e-3 && tx <= EXTENT + 1e-3 && ty >= -1e-3 && ty <= EXTENT + 1e-3).toBe(true);
      }),
    );
  });

  it('puts a point of the buffered envelope inside the clip box once snapped, and a point beyond it outside', () => {
    fc.assert(
      fc.property(
        zoom,
        fc.double({ min: -BUFFER, max: EXTENT + BUFFER, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (z, u, v) => {
          const tile = { z, x: (2 ** z) >> 1, y: (2 ** z) >> 1 };
          const e = tileEnvelope(tile);
          const size = e.xmax - e.xmin;
          const mx = e.xmin + (u / EXTENT) * size;
          const my = e.ymax - v * size;
          const units = toTileUnits(mx, my, tile);
          expect(Math.abs(units[0] - u)).toBeLessThan(1e-6 * EXTENT);
          // Tile units are snapped to integers before the clip (as ST_AsMVTGeom does), which absorbs float error.
          expect(inBufferedTile([Math.round(units[0]), Math.round(units[1])])).toBe(true);
          expect(inBufferedTile([units[0], -BUFFER - 1])).toBe(false);
        },
      ),
    );
  });

  it('puts a seam between two tiles at 4096 in the west tile and 0 in the east tile', () => {
    const west = { z: 12, x: 3242, y: 1933 };
    const east = { z: 12, x: 3243, y: 1933 };
    const seam = tileEnvelope(east).xmin;
    expect(Math.round(toTileUnits(seam, tileEnvelope(west).ymax - 1000, west)[0])).toBe(4096);
    expect(Math.round(toTileUnits(seam, tileEnvelope(west).ymax - 1000, east)[0])).toBe(0);
  });
});

describe('atZoom', () => {
  it('takes the value of the last step at or below the zoom', () => {
    const steps = [
      [0, 1],
      [12, 0.5],
      [14, 0],
    ] as const;
    expect([0, 11, 12, 13, 14, 16].map((z) => atZoom(steps, z))).toEqual([1, 1, 0.5, 0.5, 0, 0]);
  });

  it('refuses a zoom below the first step', () => {
    expect(() => atZoom([[10, 1]], 9)).toThrow(RangeError);
  });
});
