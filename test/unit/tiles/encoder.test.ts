import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { type TileRow, encodeTile, rowProperties, toVtGeometry } from '../../../tiles/src/encoder';

const FIELDS = ['name', 'count', 'ok', 'missing'];

function decode(bytes: Uint8Array) {
  const layer = new VectorTile(new PbfReader(bytes)).layers['things'];
  if (!layer) throw new Error('layer "things" is missing');
  const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
  return { layer, features };
}

const row = (id: number, geometry: object, properties: Record<string, unknown> = {}): TileRow => ({
  id,
  geometry: JSON.stringify(geometry),
  ...properties,
});

describe('encodeTile', () => {
  it('writes one MVT 2 layer named after the layer, extent 4096, with the row ids as feature ids', () => {
    const bytes = encodeTile(
      'things',
      [row(7, { type: 'Point', coordinates: [10, 20] }), row(9, { type: 'Point', coordinates: [4096, 0] })],
      FIELDS,
    );
    const { layer, features } = decode(bytes);
    expect({ version: layer.version, extent: layer.extent, name: layer.name }).toEqual({
      version: 2,
      extent: 4096,
      name: 'things',
    });
    expect(
      features.map((f) => [f.id, f.type, f.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y]))]),
    ).toEqual([
      [7, 1, [[[10, 20]]]],
      [9, 1, [[[4096, 0]]]],
    ]);
  });

  it('keeps strings, numbers and booleans and leaves NULL properties out, as ST_AsMVT does', () => {
    const bytes = encodeTile(
      'things',
      [
        row(
          1,
          { type: 'Point', coordinates: [1, 1] },
          { name: '菠菜', count: 2.5, ok: false, missing: null },
        ),
      ],
      FIELDS,
    );
    expect(decode(bytes).features[0]?.properties).toEqual({ name: '菠菜', count: 2.5, ok: false });
  });

  it('encodes lines, multi-lines, polygons with holes and multi-polygons with the rings as given', () => {
    const outer = [
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
      [0, 0],
    ];
    const hole = [
      [10, 10],
      [10, 20],
      [20, 20],
      [20, 10],
      [10, 10],
    ];
    const rows = [
      row(1, {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [5, 5],
        ],
      }),
      row(2, {
        type: 'MultiLineString',
        coordinates: [
          [
            [0, 0],
            [5, 5],
          ],
          [
            [9, 9],
            [8, 8],
          ],
        ],
      }),
      row(3, { type: 'Polygon', coordinates: [outer, hole] }),
      row(4, { type: 'MultiPolygon', coordinates: [[outer], [hole.slice().reverse()]] }),
    ];
    const features = decode(encodeTile('things', rows, FIELDS)).features;
    expect(features.map((f) => f.type)).toEqual([2, 2, 3, 3]);
    expect(features[1]?.loadGeometry()).toHaveLength(2);
    const polygon = features[2]?.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y]));
    expect(polygon).toEqual([outer, hole]);
    expect(features[3]?.loadGeometry()).toHaveLength(2);
  });

  it('returns an empty array when there is no feature, so the router can answer 204', () => {
    expect(encodeTile('things', [], FIELDS).byteLength).toBe(0);
    expect(
      encodeTile('things', [row(1, { type: 'GeometryCollection', geometries: [] })], FIELDS).byteLength,
    ).toBe(0);
  });
});

describe('toVtGeometry', () => {
  it('turns a multipolygon into one list of rings, each exterior followed by its holes', () => {
    const a = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ] as [number, number][];
    expect(toVtGeometry({ type: 'MultiPolygon', coordinates: [[a, a], [a]] })).toEqual({
      type: 3,
      geometry: [a, a, a],
    });
    expect(
      toVtGeometry({
        type: 'MultiPoint',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      }),
    ).toEqual({
      type: 1,
      geometry: [
        [1, 2],
        [3, 4],
      ],
    });
  });
});

describe('rowProperties', () => {
  it('refuses values a tile cannot hold instead of writing them as text', () => {
    expect(() => rowProperties({ id: 1, geometry: '', name: { nested: true } }, ['name'])).toThrow(TypeError);
  });

  it('ignores columns that are not contract fields', () => {
    expect(rowProperties({ id: 1, geometry: '', priority: 3, name: 'a' }, ['name'])).toEqual({ name: 'a' });
  });
});
