import { describe, expect, it } from 'vitest';
import { LAYER_IDS, LAYERS } from '../../../server/contracts/layers';
import { loadLayers } from '../../../tiles/src/registry';
import { WORLD_BOUNDS, baseUrl, dataBounds, tileIndex, tileJson } from '../../../tiles/src/tilejson';

const layers = loadLayers();

describe('baseUrl', () => {
  it('joins the protocol, the Host header and the mount path', () => {
    expect(baseUrl('http', '10.0.0.5:8080', '/tiles')).toBe('http://10.0.0.5:8080/tiles');
    expect(baseUrl('https', 'map.example.cn', '/tiles')).toBe('https://map.example.cn/tiles');
    expect(baseUrl('http', '[::1]:8080', '/tiles')).toBe('http://[::1]:8080/tiles');
  });

  it('does not echo a Host header that is not a host name into URLs', () => {
    expect(baseUrl('http', 'evil.example/"><script>', '/tiles')).toBe('http://localhost/tiles');
    expect(baseUrl('javascript', undefined, '/tiles')).toBe('http://localhost/tiles');
  });
});

describe('dataBounds', () => {
  it('pads the data extent a little so that a single point still has a box', () => {
    expect(dataBounds([87.3, 44, 87.3, 44])).toEqual([87.299, 43.999, 87.301, 44.001]);
  });

  it('falls back to the whole Web Mercator world for an empty layer', () => {
    expect(dataBounds([null, null, null, null])).toBe(WORLD_BOUNDS);
    expect(dataBounds(undefined)).toBe(WORLD_BOUNDS);
  });

  it('never leaves the Web Mercator world', () => {
    expect(dataBounds([-180, -89, 180, 89])).toEqual(WORLD_BOUNDS);
  });
});

describe('tileJson', () => {
  it('writes TileJSON 3.0.0 with the absolute tile URL, the contract zooms and one vector layer whose fields are described', () => {
    const document = tileJson(layers.get('samples')!, 'http://h:1/tiles', [87, 43.9, 87.6, 44.2]);
    expect(document).toEqual({
      tilejson: '3.0.0',
      name: 'samples',
      description: LAYERS.samples.description,
      tiles: ['http://h:1/tiles/samples/{z}/{x}/{y}.mvt'],
      minzoom: 6,
      maxzoom: 16,
      bounds: [87, 43.9, 87.6, 44.2],
      center: [87.3, 44.05, 10],
      vector_layers: [
        {
          id: 'samples',
          description: LAYERS.samples.description,
          minzoom: 6,
          maxzoom: 16,
          fields: Object.fromEntries(
            Object.entries(LAYERS.samples.fields).map(([name, f]) => [name, f.description]),
          ),
        },
      ],
    });
  });

  it('leaves out the centre when the layer has no data', () => {
    expect(tileJson(layers.get('patrols')!, 'http://h/tiles', WORLD_BOUNDS).center).toBeUndefined();
  });
});

describe('tileIndex', () => {
  it('lists every layer with the URL of its TileJSON', () => {
    const index = tileIndex(layers.values(), 'http://h/tiles');
    expect(index.layers.map((l) => l.id).sort()).toEqual([...LAYER_IDS].sort());
    expect(index.layers.find((l) => l.id === 'grids-village')).toEqual({
      id: 'grids-village',
      description: LAYERS['grids-village'].description,
      geometry: 'polygon',
      tilejson: 'http://h/tiles/grids-village.json',
    });
  });
});
