/**
 * A small window hook for end-to-end tests (and for support staff poking at a live map from the console):
 * `window.__nongan`. It exposes the MapLibre map so tests can assert on queryRenderedFeatures, not on pixels.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ToggleId } from './catalog';
import type { Selection } from './pick';

export interface NonganTestHook {
  map: MapLibreMap;
  /** Resolves once the style is loaded and the first tiles have been drawn (the map went idle). */
  ready: Promise<void>;
  /** Style layer ids of a layer-panel toggle (empty for the deck.gl heat map). */
  styleLayers(toggle: ToggleId): string[];
  /** The record the inspector shows, if any. */
  selection(): Selection | null;
  /** The deck.gl overlay, once the heat map has been switched on. */
  overlay(): { layerIds: string[]; renderCount: number; canvas: HTMLCanvasElement | null } | null;
  /** The planning drawing tool: whether a drawing is under way, and how often the pointer snapped. */
  drawing(): {
    active: boolean;
    snapCount: number;
    lastSnap: { position: [number, number]; kind: string } | null;
  };
}

declare global {
  interface Window {
    __nongan?: NonganTestHook;
  }
}

export function exposeTestHook(hook: NonganTestHook): void {
  window.__nongan = hook;
}

export function removeTestHook(): void {
  delete window.__nongan;
}
