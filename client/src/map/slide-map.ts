/**
 * One map of presentation mode: a MapLibre map built from the same style as the app's map (buildStyle), without
 * the app's pick, inspector and drawing machinery, showing a slide's layers, camera and indicator choropleth in
 * large type. Presentation mode holds one (or two, when comparing periods) and reuses them from slide to slide.
 */
import type { Layer } from '@deck.gl/core';
import { AttributionControl, Map as MapLibreMap, ScaleControl } from 'maplibre-gl';
import type { ClientConfig } from '../../../server/contracts/api';
import type { Camera } from '../../../server/contracts/views';
import { TOGGLE_IDS, type ToggleId } from './catalog';
import { type OverlayData, setOverlay } from './overlays';
import { setUpMapLibre } from './setup';
import { buildStyle, styleLayerIdsByToggle } from './style/build-style';
import { IDEOGRAPH_FONT_FAMILY } from './style/fonts';
import type { TileSources } from './style/sources';
import type { DeckOverlay } from '../overlays/deck-overlay';

const OVERLAY = 'presentation-grids';
const STYLE_LAYERS = styleLayerIdsByToggle();

export class SlideMap {
  readonly map: MapLibreMap;
  readonly ready: Promise<void>;
  private layers: ReadonlySet<string> = new Set();
  private choropleth: OverlayData | null = null;
  private readonly resizer: ResizeObserver;
  private deck: Promise<DeckOverlay> | null = null;
  private loaded = false;
  private framed: Camera | null = null;

  constructor(
    container: HTMLElement,
    config: ClientConfig,
    sources: TileSources,
    private readonly onError: (message: string) => void,
  ) {
    setUpMapLibre();
    const none = Object.fromEntries(TOGGLE_IDS.map((id) => [id, false])) as Record<ToggleId, boolean>;
    const bbox = config.county?.bbox;
    this.map = new MapLibreMap({
      container,
      style: buildStyle({ basemap: config.basemap, sources, visibility: none }),
      ...(bbox ? { bounds: bbox, fitBoundsOptions: { padding: 40 } } : { center: [104, 35], zoom: 3.2 }),
      attributionControl: false,
      localIdeographFontFamily: IDEOGRAPH_FONT_FAMILY,
      maxPitch: 0,
      fadeDuration: 0,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 160 }), 'bottom-left');
    this.map.addControl(new AttributionControl({ compact: true }), 'bottom-right');
    this.map.on('error', (event) => {
      const error = event.error as { name?: string; message?: string } | undefined;
      if (error?.name !== 'AbortError') onError(error?.message ?? String(error));
    });
    this.ready = new Promise((resolve) =>
      this.map.once('load', () => {
        this.loaded = true;
        this.applyLayers();
        this.applyChoropleth();
        resolve();
      }),
    );
    // A framed extent stays framed when the stage changes size (full screen, side by side), until the user moves.
    this.resizer = new ResizeObserver(() => {
      this.map.resize();
      if (this.framed) this.frame(this.framed);
    });
    const release = (event: { originalEvent?: unknown }) => {
      if (event.originalEvent) this.framed = null;
    };
    this.map.on('dragstart', release);
    this.map.on('zoomstart', release);
    this.map.on('rotatestart', release);
    this.resizer.observe(container);
  }

  /** Shows these layer-panel toggles and hides the rest. */
  setLayers(layers: readonly string[]): void {
    this.layers = new Set(layers);
    if (this.loaded) this.applyLayers();
  }

  /** The indicator choropleth (null: none), labels in large type for a projector. */
  setChoropleth(data: OverlayData | null): void {
    this.choropleth = data;
    if (this.loaded) this.applyChoropleth();
  }

  jumpTo(camera: Pick<Camera, 'center' | 'zoom' | 'bearing'>): void {
    this.map.jumpTo({ center: camera.center, zoom: camera.zoom, bearing: camera.bearing });
  }

  /** Shows a saved view's extent: the same area on any screen size (its bounds), else its centre and zoom. */
  frame(camera: Camera): void {
    this.framed = camera;
    if (!camera.bounds) return this.jumpTo(camera);
    const [w, s, e, n] = camera.bounds;
    const box = this.map.getContainer();
    const pad = Math.round(Math.min(box.clientWidth, box.clientHeight) * 0.02);
    this.map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: pad, bearing: camera.bearing, duration: 0 },
    );
  }

  /** Frames an area once (e.g. the day's patrol tracks); a later resize does not frame it again. */
  fitTo(bbox: [number, number, number, number]): void {
    this.framed = null;
    const box = this.map.getContainer();
    const pad = Math.round(Math.min(box.clientWidth, box.clientHeight) * 0.08);
    this.map.fitBounds(
      [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[3]],
      ],
      { padding: pad, duration: 0, maxZoom: 15 },
    );
  }

  camera(): Pick<Camera, 'center' | 'zoom' | 'bearing'> {
    const { lng, lat } = this.map.getCenter();
    return { center: [lng, lat], zoom: this.map.getZoom(), bearing: this.map.getBearing() };
  }

  /** Grids of the choropleth drawn in the current view (distinct ids; tests and the stage's data-rendered). */
  renderedGrids(): number {
    if (!this.map.getLayer(`${OVERLAY}-fill`)) return 0;
    const ids = this.map
      .queryRenderedFeatures({ layers: [`${OVERLAY}-fill`] })
      .map((f) => String(f.properties.id));
    return new Set(ids).size;
  }

  /** deck.gl layers above the map (patrol-track playback); loaded the first time they are needed. */
  setDeckLayers(group: string, layers: readonly Layer[] | null): void {
    if (!layers && !this.deck) return;
    this.deck ??= import('../overlays/deck-overlay').then(({ createDeckOverlay }) => {
      const overlay = createDeckOverlay((error) => this.onError(error.message));
      this.map.addControl(overlay.control);
      return overlay;
    });
    this.deck
      .then((overlay) => overlay.setLayers(group, layers))
      .catch((error: unknown) => this.onError(String(error)));
  }

  private applyLayers(): void {
    for (const toggle of TOGGLE_IDS)
      for (const id of STYLE_LAYERS[toggle]) {
        if (!this.map.getLayer(id)) continue;
        const value = this.layers.has(toggle) ? 'visible' : 'none';
        if (this.map.getLayoutProperty(id, 'visibility') !== value)
          this.map.setLayoutProperty(id, 'visibility', value);
      }
  }

  private applyChoropleth(): void {
    setOverlay(this.map, OVERLAY, 'choropleth', this.choropleth);
    if (this.choropleth && this.map.getLayer(`${OVERLAY}-label`)) {
      this.map.setLayoutProperty(`${OVERLAY}-label`, 'text-size', [
        'interpolate',
        ['linear'],
        ['zoom'],
        7,
        15,
        10,
        22,
      ]);
      this.map.setPaintProperty(`${OVERLAY}-line`, 'line-width', 2.5);
    }
  }

  destroy(): void {
    this.resizer.disconnect();
    this.map.remove();
  }
}
