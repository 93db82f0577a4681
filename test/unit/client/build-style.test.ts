import { describe, expect, it } from 'vitest';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { LAYER_IDS, type TileJson } from '../../../server/contracts/layers';
import { defaultVisibility, TOGGLE_IDS } from '../../../client/src/map/catalog';
import {
  buildStyle,
  operationalLayers,
  styleLayerIdsByToggle,
} from '../../../client/src/map/style/build-style';
import { absoluteUrl, type TileSources, vectorSource } from '../../../client/src/map/style/sources';

function tileJson(id: string, tiles = [`http://localhost:8080/tiles/${id}/{z}/{x}/{y}.mvt`]): TileJson {
  return {
    tilejson: '3.0.0',
    name: id,
    description: id,
    tiles,
    minzoom: 0,
    maxzoom: 16,
    bounds: [87, 43.5, 87.6, 44.4],
    vector_layers: [],
  };
}

const allSources: TileSources = Object.fromEntries(
  LAYER_IDS.map((id) => [id, vectorSource(tileJson(id), `http://localhost:8080/tiles/${id}.json`)]),
);

const offline = buildStyle({
  basemap: { kind: 'none' },
  sources: allSources,
  visibility: defaultVisibility(),
});
const ids = (layers: LayerSpecification[]) => layers.map((layer) => layer.id);

describe('the offline style', () => {
  it('fetches nothing from the internet: no glyphs, no sprite, no raster basemap', () => {
    expect(offline).not.toHaveProperty('glyphs');
    expect(offline).not.toHaveProperty('sprite');
    expect(Object.values(offline.sources).every((source) => source.type === 'vector')).toBe(true);
    expect(JSON.stringify(offline)).not.toMatch(/https:\/\//);
  });

  it('starts with a plain land-coloured background', () => {
    expect(offline.layers[0]).toMatchObject({ id: 'background', type: 'background' });
  });

  it('has one vector source per tile layer of the index', () => {
    expect(Object.keys(offline.sources).sort()).toEqual([...LAYER_IDS].sort());
  });

  it('reads every style layer from its own tile layer', () => {
    for (const layer of offline.layers) {
      if (!('source' in layer)) continue;
      expect(layer['source-layer'], layer.id).toBe(layer.source);
    }
  });

  it('draws failing samples above suspected ones, both above subjects, and passing samples below subjects', () => {
    const order = ids(offline.layers);
    expect(order.indexOf('samples-fail')).toBeGreaterThan(order.indexOf('samples-suspected'));
    expect(order.indexOf('samples-suspected')).toBeGreaterThan(order.indexOf('subjects-icon'));
    expect(order.indexOf('subjects-icon')).toBeGreaterThan(order.indexOf('samples-other'));
  });

  it('draws points above the grid boundaries and the boundaries above the fills', () => {
    const order = ids(offline.layers);
    expect(order.indexOf('samples-other')).toBeGreaterThan(order.indexOf('grids-county-line'));
    expect(order.indexOf('grids-county-line')).toBeGreaterThan(order.indexOf('grids-village-fill'));
  });

  it('labels with local font families and names villages only from zoom 10', () => {
    const village = offline.layers.find((layer) => layer.id === 'grids-village-label');
    expect(village).toMatchObject({ type: 'symbol', minzoom: 10 });
    const fonts = (village as { layout: { 'text-font': string[] } }).layout['text-font'];
    expect(fonts).toContain('Noto Sans CJK SC');
    expect(fonts.at(-1)).toBe('sans-serif');
  });

  it('outlines unstaffed grids with a red dashed line filtered on staffed = false', () => {
    const unstaffed = offline.layers.find(
      (layer) => layer.id === 'grids-village-unstaffed',
    ) as LayerSpecification & {
      filter: unknown;
      paint: Record<string, unknown>;
    };
    expect(unstaffed.filter).toEqual(['==', ['get', 'staffed'], false]);
    expect(unstaffed.paint['line-dasharray']).toBeDefined();
  });

  it('colours the village fills by township through parent_id', () => {
    const fill = offline.layers.find((layer) => layer.id === 'grids-village-fill') as {
      paint: Record<string, unknown>;
    };
    expect(JSON.stringify(fill.paint['fill-color'])).toContain('parent_id');
  });
});

describe('layer visibility', () => {
  it('hides exactly the style layers of a switched-off toggle', () => {
    const style = buildStyle({
      basemap: { kind: 'none' },
      sources: allSources,
      visibility: { ...defaultVisibility(), samples: false },
    });
    const hidden = style.layers.filter(
      (layer) => layer.layout && 'visibility' in layer.layout && layer.layout.visibility === 'none',
    );
    expect(ids(hidden).sort()).toEqual([...styleLayerIdsByToggle().samples].sort());
  });

  it('gives every toggle except the deck.gl heat map at least one style layer', () => {
    const byToggle = styleLayerIdsByToggle();
    for (const toggle of TOGGLE_IDS) {
      if (toggle === 'heatmap') expect(byToggle[toggle]).toEqual([]);
      else expect(byToggle[toggle].length, toggle).toBeGreaterThan(0);
    }
  });

  it('uses unique style layer ids', () => {
    const all = operationalLayers().map((entry) => entry.layer.id);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('missing tiles and other basemaps', () => {
  it('leaves out the layers of a tile layer the server does not publish', () => {
    const { samples: _samples, ...rest } = allSources;
    const style = buildStyle({ basemap: { kind: 'none' }, sources: rest, visibility: defaultVisibility() });
    expect(ids(style.layers).filter((id) => id.startsWith('samples'))).toEqual([]);
    expect(ids(style.layers)).toContain('grids-village-fill');
  });

  it('still draws the basemap when no tile layer is available at all', () => {
    const style = buildStyle({ basemap: { kind: 'none' }, sources: {}, visibility: defaultVisibility() });
    expect(ids(style.layers)).toEqual(['background']);
  });

  it('puts Tianditu labels above the grid fills and below the boundaries', () => {
    const style = buildStyle({
      basemap: {
        kind: 'tianditu',
        tiles: ['https://t0.example/vec/{z}/{x}/{y}'],
        labelTiles: ['https://t0.example/cva/{z}/{x}/{y}'],
        attribution: '© 天地图',
        maxzoom: 18,
      },
      sources: allSources,
      visibility: defaultVisibility(),
    });
    const order = ids(style.layers);
    expect(order.slice(0, 2)).toEqual(['background', 'basemap']);
    expect(order.indexOf('basemap-labels')).toBeGreaterThan(order.indexOf('grids-village-fill'));
    expect(order.indexOf('basemap-labels')).toBeLessThan(order.indexOf('grids-township-line'));
    expect(style.sources['basemap-labels']).toMatchObject({
      type: 'raster',
      tiles: ['https://t0.example/cva/{z}/{x}/{y}'],
    });
  });

  it('uses the xyz tile URL the server configured', () => {
    const style = buildStyle({
      basemap: {
        kind: 'xyz',
        tiles: ['http://tiles.local/{z}/{x}/{y}.png'],
        attribution: '© local',
        maxzoom: 17,
      },
      sources: {},
      visibility: defaultVisibility(),
    });
    expect(style.sources.basemap).toMatchObject({
      type: 'raster',
      tiles: ['http://tiles.local/{z}/{x}/{y}.png'],
      attribution: '© local',
      maxzoom: 17,
    });
  });
});

describe('tile URLs', () => {
  it('resolves relative tile URLs against the TileJSON without encoding the placeholders', () => {
    expect(absoluteUrl('/tiles/samples/{z}/{x}/{y}.mvt', 'http://h:1/tiles/samples.json')).toBe(
      'http://h:1/tiles/samples/{z}/{x}/{y}.mvt',
    );
    expect(absoluteUrl('samples/{z}/{x}/{y}.mvt', 'http://h:1/tiles/samples.json')).toBe(
      'http://h:1/tiles/samples/{z}/{x}/{y}.mvt',
    );
  });

  it('keeps absolute tile URLs as they are', () => {
    const url = 'http://other:8080/tiles/subjects/{z}/{x}/{y}.mvt';
    expect(absoluteUrl(url, 'http://h:1/tiles/subjects.json')).toBe(url);
  });

  it('copies zoom range and bounds from the TileJSON', () => {
    expect(vectorSource(tileJson('subjects'), 'http://h/tiles/subjects.json')).toMatchObject({
      minzoom: 0,
      maxzoom: 16,
      bounds: [87, 43.5, 87.6, 44.4],
    });
  });
});
