/**
 * The soil zones workspace's map (土壤分区): zones of a run coloured by class, soil samples coloured by their overall
 * class, a run's surface (prediction, kriging variance or exceedance probability) as an image on the run's grid,
 * the suggested new sampling locations, and two runs' zones side by side (swipe).
 */
import type { Layer } from '@deck.gl/core';
import { BitmapLayer, GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { clipCollection, type Collection } from './clip-meridian';

export type { Collection };

export const SOIL_ZONES_GROUP = 'soil-zones';

type Rgba = [number, number, number, number];

/** Class colours (green, amber, red; grey for no data), shared with the panel's legend. */
export const SOIL_CLASS_COLORS: Record<string, string> = {
  priority_protection: '#2e9d5b',
  safe_utilisation: '#e8a317',
  strict_control: '#d0342c',
  no_data: '#9aa5b1',
};

function rgba(hex: string | undefined, alpha: number): Rgba {
  const m = hex ? /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex) : null;
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16), alpha] : [150, 150, 150, alpha];
}

export interface SurfaceImage {
  values: (number | null)[];
  nx: number;
  ny: number;
  min: number | null;
  max: number | null;
  corners: [number, number][];
}

/** A yellow → red ramp for t in [0, 1]. */
export function ramp(t: number): Rgba {
  const c = Math.max(0, Math.min(1, t));
  return [255, Math.round(235 - 200 * c), Math.round(160 - 140 * c), Math.round(70 + 150 * c)];
}

/** The surface painted on a canvas, north up (the values run row by row from the south-west cell). */
function surfaceCanvas(s: SurfaceImage): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = s.nx;
  canvas.height = s.ny;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(s.nx, s.ny);
  const lo = s.min ?? 0;
  const span = (s.max ?? 1) - lo || 1;
  for (let j = 0; j < s.ny; j++) {
    for (let i = 0; i < s.nx; i++) {
      const v = s.values[i + j * s.nx];
      if (v === null || v === undefined) continue;
      const o = 4 * (i + (s.ny - 1 - j) * s.nx);
      const [r, g, b, a] = ramp((v - lo) / span);
      image.data[o] = r;
      image.data[o + 1] = g;
      image.data[o + 2] = b;
      image.data[o + 3] = a;
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** Two runs' zones side by side on the map: `west` left of the meridian `lon`, `east` right of it. */
export interface SwipeInput {
  west: Collection;
  east: Collection;
  lon: number;
  /** South and north ends of the divider line. */
  lat: [number, number];
}

function zoneLayer(id: string, data: Collection, filled: boolean): GeoJsonLayer {
  return new GeoJsonLayer({
    id,
    data: data as never,
    filled,
    stroked: true,
    getFillColor: (f: { properties: Record<string, unknown> }) =>
      rgba(SOIL_CLASS_COLORS[String(f.properties.class)], 120),
    getLineColor: (f: { properties: Record<string, unknown> }) =>
      rgba(SOIL_CLASS_COLORS[String(f.properties.class)], 255),
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
  });
}

export function soilLayers(input: {
  zones: Collection | null;
  samples: Collection | null;
  surface: SurfaceImage | null;
  suggestions: { lon: number; lat: number }[];
  swipe?: SwipeInput | null;
  /** The zone clicked, outlined. */
  highlight?: Collection | null;
}): Layer[] {
  const layers: Layer[] = [];
  if (input.swipe) {
    const { west, east, lon, lat } = input.swipe;
    layers.push(
      zoneLayer('soil-zones-west', clipCollection(west, lon, true), true),
      zoneLayer('soil-zones-east', clipCollection(east, lon, false), true),
      new PathLayer<{ path: [number, number][] }>({
        id: 'soil-swipe-line',
        data: [
          {
            path: [
              [lon, lat[0]],
              [lon, lat[1]],
            ],
          },
        ],
        getPath: (d) => d.path,
        getColor: [20, 30, 45, 230],
        getWidth: 3,
        widthUnits: 'pixels',
      }),
    );
  } else if (input.surface) {
    const [sw, se, ne, nw] = input.surface.corners as [
      [number, number],
      [number, number],
      [number, number],
      [number, number],
    ];
    layers.push(
      new BitmapLayer({
        id: 'soil-surface',
        image: surfaceCanvas(input.surface),
        // BitmapLayer's four corners: bottom-left, top-left, top-right, bottom-right.
        bounds: [sw, nw, ne, se],
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
      }),
    );
  }
  if (input.zones && !input.swipe) layers.push(zoneLayer('soil-zones', input.zones, !input.surface));
  if (input.highlight)
    layers.push(
      new GeoJsonLayer({
        id: 'soil-zone-picked',
        data: input.highlight as never,
        filled: false,
        stroked: true,
        getLineColor: [20, 30, 45, 255],
        getLineWidth: 3,
        lineWidthUnits: 'pixels',
      }),
    );
  if (input.samples)
    layers.push(
      new GeoJsonLayer({
        id: 'soil-samples',
        data: input.samples as never,
        pickable: true,
        pointType: 'circle',
        getFillColor: (f: { properties: Record<string, unknown> }) =>
          rgba(SOIL_CLASS_COLORS[String(f.properties.overall)], 230),
        getLineColor: [255, 255, 255, 255],
        stroked: true,
        getLineWidth: 1,
        lineWidthUnits: 'pixels',
        getPointRadius: 4,
        pointRadiusUnits: 'pixels',
      }),
    );
  if (input.suggestions.length)
    layers.push(
      new ScatterplotLayer<{ lon: number; lat: number }>({
        id: 'soil-suggestions',
        data: input.suggestions,
        getPosition: (d) => [d.lon, d.lat],
        getRadius: 7,
        radiusUnits: 'pixels',
        filled: false,
        stroked: true,
        getLineColor: [30, 60, 200, 255],
        lineWidthMinPixels: 3,
      }),
    );
  return layers;
}
