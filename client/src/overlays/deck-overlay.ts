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
  /** Sets (null: removes) a named group of layers a workspace draws, above the heat map. */
  setLayers(group: string, layers: readonly Layer[] | null): void;
  /** Ids of the deck.gl layers currently drawn. */
  layerIds(): string[];
  /** deck.gl's canvas (tests read its pixels; deck keeps the drawing buffer). */
  canvas(): HTMLCanvasElement | null;
  /** Frames drawn so far. */
  renderCount(): number;
}

export function createDeckOverlay(onError: (error: Error) => void): DeckOverlay {
  let layers: Layer[] = [];
  let heat: Layer[] = [];
  const groups = new Map<string, readonly Layer[]>();
  const update = (control: MapLibreOverlay): void => {
    layers = [...heat, ...[...groups.values()].flat()];
    control.setProps({ layers });
  };
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
      heat = points ? [failingSamplesHeatmap(points)] : [];
      update(control);
    },
    setLayers(group, list) {
      if (list) groups.set(group, list);
      else groups.delete(group);
      update(control);
    },
    layerIds: () => layers.map((layer) => layer.id),
    canvas: () => control.getCanvas(),
    renderCount: () => renders,
  };
}
