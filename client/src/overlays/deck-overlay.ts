/**
 * The deck.gl overlay above the map. Non-interleaved: deck.gl draws on its own canvas over MapLibre's, because
 * interleaved mode on MapLibre 6 still has an open label bug (ECOSYSTEM.md). map/ adds `control` to the map.
 * This module is loaded on demand (the heat map is off at start), keeping deck.gl out of the first download.
 */
import type { Layer } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { failingSamplesHeatmap, type HeatPoint } from './failing-samples-heatmap.layer';

export interface DeckOverlay {
  /** The MapLibre control to add with map.addControl. */
  control: MapLibreOverlay;
  setHeatPoints(points: readonly HeatPoint[] | null): void;
  /** Ids of the deck.gl layers currently drawn. */
  layerIds(): string[];
  /** deck.gl's canvas (tests read its pixels; deck keeps the drawing buffer). */
  canvas(): HTMLCanvasElement | null;
  /** Frames drawn so far. */
  renderCount(): number;
}

export function createDeckOverlay(onError: (error: Error) => void): DeckOverlay {
  let layers: Layer[] = [];
  let renders = 0;
  const control = new MapLibreOverlay({
    interleaved: false,
    layers,
    onAfterRender: () => {
      renders += 1;
    },
    onError: (error) => onError(error),
  });
  return {
    control,
    setHeatPoints(points) {
      layers = points ? [failingSamplesHeatmap(points)] : [];
      control.setProps({ layers });
    },
    layerIds: () => layers.map((layer) => layer.id),
    canvas: () => control.getCanvas(),
    renderCount: () => renders,
  };
}
