/**
 * Basemaps from GET /api/config. 'none' is a plain land-coloured background that needs no network at all;
 * 'xyz' and 'tianditu' are raster tiles from the URLs the server gives (Tianditu adds a separate label layer,
 * drawn above the grid fills so place names stay readable).
 */
import type { LayerSpecification, SourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { ClientConfig } from '../../../../server/contracts/api';
import { BASE_COLORS } from '../catalog';

export interface BasemapParts {
  sources: Record<string, SourceSpecification>;
  /** Drawn first, under everything. */
  below: LayerSpecification[];
  /** Drawn above the area fills, under lines, points and our labels. */
  labels: LayerSpecification[];
}

const background: LayerSpecification = {
  id: 'background',
  type: 'background',
  paint: { 'background-color': BASE_COLORS.land },
};

function raster(tiles: string[], attribution: string, maxzoom: number): SourceSpecification {
  return { type: 'raster', tiles, tileSize: 256, maxzoom, ...(attribution ? { attribution } : {}) };
}

export function basemapParts(basemap: ClientConfig['basemap']): BasemapParts {
  switch (basemap.kind) {
    case 'none':
      return { sources: {}, below: [background], labels: [] };
    case 'xyz':
      return {
        sources: { basemap: raster(basemap.tiles, basemap.attribution, basemap.maxzoom) },
        // Muted a little so the supervision layers, not the basemap, carry the colour.
        below: [
          background,
          { id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-saturation': -0.35 } },
        ],
        labels: [],
      };
    case 'tianditu':
      return {
        sources: {
          basemap: raster(basemap.tiles, basemap.attribution, basemap.maxzoom),
          'basemap-labels': raster(basemap.labelTiles, '', basemap.maxzoom),
        },
        below: [
          background,
          { id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-saturation': -0.35 } },
        ],
        labels: [{ id: 'basemap-labels', type: 'raster', source: 'basemap-labels' }],
      };
  }
}
