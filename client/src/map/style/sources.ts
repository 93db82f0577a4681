/**
 * Vector sources of the style, one per tile layer, made from the TileJSON documents the tile server publishes
 * (/tiles/index.json → /tiles/{layer}.json). Tile URLs are made absolute because MapLibre fetches them from a
 * web worker, whose base URL is the worker script, not the page.
 */
import type { VectorSourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { LayerId, TileJson } from '../../../../server/contracts/layers';

/** Resolves a URL against a base without percent-encoding MapLibre's {z}/{x}/{y} placeholders. */
export function absoluteUrl(url: string, base: string): string {
  const tokens: string[] = [];
  const masked = url.replace(/\{[a-z]+\}/gi, (token) => {
    tokens.push(token);
    return `__TOKEN${tokens.length - 1}__`;
  });
  const resolved = new URL(masked, base).href;
  return resolved.replace(/__TOKEN(\d+)__/g, (_, index: string) => tokens[Number(index)] ?? '');
}

export function vectorSource(tileJson: TileJson, tileJsonUrl: string): VectorSourceSpecification {
  return {
    type: 'vector',
    tiles: tileJson.tiles.map((tile) => absoluteUrl(tile, tileJsonUrl)),
    minzoom: tileJson.minzoom,
    maxzoom: tileJson.maxzoom,
    bounds: tileJson.bounds,
    ...(tileJson.attribution ? { attribution: tileJson.attribution } : {}),
  };
}

export type TileSources = Partial<Record<LayerId, VectorSourceSpecification>>;
