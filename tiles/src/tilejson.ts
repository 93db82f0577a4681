/**
 * TileJSON 3.0.0 documents (one per layer) and the index of layers, with absolute URLs built from the request.
 *
 * Glossary:
 * - base URL: protocol, Host header and the router's mount path (e.g. http://host:8080/tiles); every URL in these
 *   documents starts with it, so QGIS or a map on another machine can follow them as they are.
 * - bounds: the extent of the layer's data in degrees, padded a little (a single point would otherwise be a box
 *   of zero size, and clients skip tiles outside bounds); the whole Web Mercator world when the layer is empty.
 */
import type { LayerId, TileIndex, TileJson } from '../../server/contracts/layers';
import type { TileLayer } from './registry';
import { MAX_LATITUDE } from './tile-coord';

export type Bounds = [number, number, number, number];

export const WORLD_BOUNDS: Bounds = [-180, -MAX_LATITUDE, 180, MAX_LATITUDE];

/** Degrees added around the data's extent. */
const BOUNDS_PAD = 0.001;

// Host may be "name", "name:port", "1.2.3.4:port" or "[::1]:port"; anything else is not echoed into URLs.
const HOST = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$/;

export function baseUrl(protocol: string, host: string | undefined, mountPath: string): string {
  const safeHost = host !== undefined && HOST.test(host) ? host : 'localhost';
  const safeProtocol = protocol === 'https' ? 'https' : 'http';
  return `${safeProtocol}://${safeHost}${mountPath}`;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Padded, clamped and rounded bounds from [west, south, east, north] of the data, or the world when there is none. */
export function dataBounds(extent: (number | null)[] | undefined): Bounds {
  if (!extent || extent.length !== 4 || extent.some((v) => v === null || !Number.isFinite(v)))
    return WORLD_BOUNDS;
  const [west, south, east, north] = extent as number[] as Bounds;
  return [
    Math.max(-180, round6(west - BOUNDS_PAD)),
    Math.max(-MAX_LATITUDE, round6(south - BOUNDS_PAD)),
    Math.min(180, round6(east + BOUNDS_PAD)),
    Math.min(MAX_LATITUDE, round6(north + BOUNDS_PAD)),
  ];
}

export function tileUrlTemplate(base: string, id: LayerId): string {
  return `${base}/${id}/{z}/{x}/{y}.mvt`;
}

export function tileJsonUrl(base: string, id: LayerId): string {
  return `${base}/${id}.json`;
}

export function tileJson(layer: TileLayer, base: string, bounds: Bounds): TileJson {
  const { contract } = layer;
  const fields = Object.fromEntries(
    Object.entries(contract.fields).map(([name, field]) => [name, field.description]),
  );
  const document: TileJson = {
    tilejson: '3.0.0',
    name: layer.id,
    description: contract.description,
    tiles: [tileUrlTemplate(base, layer.id)],
    minzoom: contract.minzoom,
    maxzoom: contract.maxzoom,
    bounds,
    vector_layers: [
      {
        id: layer.id,
        description: contract.description,
        minzoom: contract.minzoom,
        maxzoom: contract.maxzoom,
        fields,
      },
    ],
  };
  if (bounds !== WORLD_BOUNDS) {
    const zoom = Math.min(contract.maxzoom, Math.max(contract.minzoom, 10));
    document.center = [round6((bounds[0] + bounds[2]) / 2), round6((bounds[1] + bounds[3]) / 2), zoom];
  }
  return document;
}

export function tileIndex(layers: Iterable<TileLayer>, base: string): TileIndex {
  return {
    layers: [...layers].map((layer) => ({
      id: layer.id,
      description: layer.contract.description,
      geometry: layer.contract.geometry,
      tilejson: tileJsonUrl(base, layer.id),
    })),
  };
}
