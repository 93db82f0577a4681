/**
 * What a workspace may ask of the shared map, without touching maplibre-gl: draw overlays from presets, listen to
 * clicks on them, frame an area and draw with snapping. The map view hands one out when the map is ready
 * (MapHandleContext); workspaces read it with useMapHandle().
 */
import type { Layer } from '@deck.gl/core';
import { createContext, useContext } from 'react';
import type { DrawKind, DrawResult } from './draw/drawing';
import type { SnapTarget } from './draw/snap';
import type { OverlayData, OverlayPreset } from './overlays';

export interface MapHandle {
  setOverlay(id: string, preset: OverlayPreset, data: OverlayData | null): void;
  /** Called with the ids of an overlay's features under a click (instead of the inspector's pick). */
  onOverlayClick(id: string, callback: ((ids: (number | string)[]) => void) | null): void;
  fitBounds(bbox: [number, number, number, number]): void;
  /** Called with the clicked position (longitude, latitude) instead of any pick, until set to null. */
  onMapClick(callback: ((lngLat: [number, number]) => void) | null): void;
  draw(kind: DrawKind, snapTo: SnapTarget, onFinish: (geometry: DrawResult) => void): void;
  cancelDraw(): void;
  /** Hides or shows tile layers of the map workspace (by their panel toggle). */
  setBaseLayersMuted(muted: boolean): void;
  /** Draws (null: removes) a named group of deck.gl layers (built in client/src/overlays/) above the map. */
  setDeckLayers(group: string, layers: readonly Layer[] | null): void;
  /** Where the map looks (saved views). */
  getCamera(): {
    center: [number, number];
    zoom: number;
    bearing: number;
    bounds: [number, number, number, number];
  };
  /** Moves the map to a saved camera, without animation. */
  jumpTo(camera: { center: [number, number]; zoom: number; bearing: number }): void;
}

export const MapHandleContext = createContext<MapHandle | null>(null);

export function useMapHandle(): MapHandle | null {
  return useContext(MapHandleContext);
}

export type { DrawResult, DrawKind, SnapTarget, OverlayData, OverlayPreset };
