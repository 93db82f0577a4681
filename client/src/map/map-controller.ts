/**
 * Owns the MapLibre map: creates it from the built style, keeps layer visibility, selection highlight and the
 * heat map in step with the app state, and reports clicks and errors back. React talks to it through map-view.tsx.
 */
import {
  AttributionControl,
  type MapMouseEvent,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
} from 'maplibre-gl';
import type { ClientConfig } from '../../../server/contracts/api';
import type { HeatPoint } from '../overlays/failing-samples-heatmap.layer';
import type { DeckOverlay } from '../overlays/deck-overlay';
import { TOGGLE_IDS, type ToggleId } from './catalog';
import { hasPointAt, pickAt } from './click';
import { FitCountyControl } from './controls/fit-county-control';
import { fitPadding, PHONE_MAX_WIDTH } from './fit-padding';
import type { PickCandidate, Selection } from './pick';
import { buildStyle, styleLayerIdsByToggle } from './style/build-style';
import { IDEOGRAPH_FONT_FAMILY } from './style/fonts';
import type { TileSources } from './style/sources';
import { installSubjectIcons } from './subject-icons';
import { setUpMapLibre } from './setup';
import { exposeTestHook, removeTestHook } from './test-hook';
import { createDrawing, type Drawing } from './draw/drawing';
import type { MapHandle } from './map-handle';
import { overlayHits, setOverlay } from './overlays';
import { prefersReducedMotion } from '../lib/motion';

export interface ControlLabels {
  zoomIn: string;
  zoomOut: string;
  resetBearing: string;
  toggleAttribution: string;
  fitCounty: string;
  mapLabel: string;
}

export interface MapControllerOptions {
  container: HTMLElement;
  config: ClientConfig;
  sources: TileSources;
  visibility: Record<ToggleId, boolean>;
  labels: ControlLabels;
  onPick: (candidates: PickCandidate[]) => void;
  onError: (message: string) => void;
}

/** Where to look when the database has no county yet: all of China. */
const CHINA_VIEW = { center: [104, 35] as [number, number], zoom: 3.2 };

const STYLE_LAYERS = styleLayerIdsByToggle();

export class MapController {
  readonly map: MapLibreMap;
  readonly ready: Promise<void>;
  private selection: Selection | null = null;
  private visibility: Record<ToggleId, boolean>;
  private highlighted: { source: string; id: number }[] = [];
  private overlay: DeckOverlay | null = null;
  private overlayLoading: Promise<DeckOverlay> | null = null;
  private readonly fitControl: FitCountyControl;
  private hoverFrame = 0;
  private drawing: Drawing | null = null;
  private drawingActive = false;
  private readonly overlayClicks = new Map<string, (ids: (number | string)[]) => void>();
  private baseMuted = false;
  private mapClick: ((lngLat: [number, number]) => void) | null = null;

  constructor(private readonly options: MapControllerOptions) {
    setUpMapLibre();
    const { container, config, sources, visibility, labels } = options;
    this.visibility = visibility;
    const bbox = config.county?.bbox;
    this.map = new MapLibreMap({
      container,
      style: buildStyle({ basemap: config.basemap, sources, visibility }),
      ...(bbox
        ? { bounds: bbox, fitBoundsOptions: { padding: fitPadding(container.clientWidth) } }
        : CHINA_VIEW),
      attributionControl: false,
      localIdeographFontFamily: IDEOGRAPH_FONT_FAMILY,
      maxPitch: 0, // a supervision map is read flat; pitch only confuses touch users
      fadeDuration: prefersReducedMotion() ? 0 : 300, // labels fade in and out only for those who want motion
      locale: this.localeFor(labels),
    });
    this.map.touchZoomRotate.disableRotation();
    installSubjectIcons(this.map);
    this.fitControl = new FitCountyControl(() => this.fitCounty(), labels.fitCounty);
    this.map.addControl(new NavigationControl({ visualizePitch: false }), 'top-right');
    this.map.addControl(this.fitControl, 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 110 }), 'bottom-left');
    this.map.addControl(new AttributionControl({ compact: true }), 'bottom-right');
    this.map.on('click', this.handleClick);
    this.map.on('mousemove', this.handleMove);
    this.map.on('error', (event) => {
      const error = event.error as { name?: string; message?: string } | undefined;
      if (error?.name !== 'AbortError') options.onError(error?.message ?? String(error));
    });
    // Switches flipped while the style was still loading found no layers: apply the latest state once it is there.
    this.map.once('load', () => {
      this.setVisibility(this.visibility);
      this.setSelection(this.selection);
    });
    this.ready = new Promise((resolve) =>
      this.map.once('load', () => this.map.once('idle', () => resolve())),
    );
    exposeTestHook({
      map: this.map,
      ready: this.ready,
      styleLayers: (toggle) => [...STYLE_LAYERS[toggle]],
      selection: () => this.selection,
      overlay: () =>
        this.overlay && {
          layerIds: this.overlay.layerIds(),
          renderCount: this.overlay.renderCount(),
          canvas: this.overlay.canvas(),
        },
      drawing: () => ({
        active: this.drawingActive,
        snapCount: this.drawing?.snapCount() ?? 0,
        lastSnap: this.drawing?.lastSnap() ?? null,
      }),
    });
  }

  private localeFor(labels: ControlLabels): Record<string, string> {
    return {
      'NavigationControl.ZoomIn': labels.zoomIn,
      'NavigationControl.ZoomOut': labels.zoomOut,
      'NavigationControl.ResetBearing': labels.resetBearing,
      'AttributionControl.ToggleAttribution': labels.toggleAttribution,
      'Map.Title': labels.mapLabel,
    };
  }

  /** MapLibre reads its locale once; on a language switch the control titles are rewritten in place. */
  setLabels(labels: ControlLabels): void {
    const container = this.map.getContainer();
    const retitle = (selector: string, text: string) =>
      container.querySelectorAll<HTMLElement>(selector).forEach((element) => {
        element.title = text;
        element.setAttribute('aria-label', text);
      });
    retitle('.maplibregl-ctrl-zoom-in', labels.zoomIn);
    retitle('.maplibregl-ctrl-zoom-out', labels.zoomOut);
    retitle('.maplibregl-ctrl-compass', labels.resetBearing);
    retitle('.maplibregl-ctrl-attrib-button', labels.toggleAttribution);
    this.map.getCanvas().setAttribute('aria-label', labels.mapLabel);
    this.fitControl.setLabel(labels.fitCounty);
  }

  setVisibility(visibility: Record<ToggleId, boolean>): void {
    this.visibility = visibility;
    for (const toggle of TOGGLE_IDS) {
      for (const id of STYLE_LAYERS[toggle]) {
        if (!this.map.getLayer(id)) continue;
        // A workspace with its own overlays keeps only the grid outlines of the map underneath.
        const muted = this.baseMuted && !['county', 'township'].includes(toggle);
        const value = visibility[toggle] && !muted ? 'visible' : 'none';
        if (this.map.getLayoutProperty(id, 'visibility') !== value)
          this.map.setLayoutProperty(id, 'visibility', value);
      }
    }
  }

  setSelection(selection: Selection | null): void {
    this.selection = selection;
    for (const { source, id } of this.highlighted) {
      if (this.map.getSource(source))
        this.map.setFeatureState({ source, sourceLayer: source, id }, { selected: false });
    }
    this.highlighted = [];
    if (!selection) return;
    // A subject is drawn twice, as a point and as its base (the base feature carries the subject's id).
    const sources: string[] =
      selection.kind === 'subject' ? ['subjects', 'subject-bases'] : [selection.source];
    for (const source of sources) {
      if (!this.map.getSource(source)) continue;
      this.map.setFeatureState({ source, sourceLayer: source, id: selection.id }, { selected: true });
      this.highlighted.push({ source, id: selection.id });
    }
  }

  /** Shows the heat map of these points (null hides it). deck.gl is loaded the first time it is needed. */
  async setHeatPoints(points: readonly HeatPoint[] | null): Promise<void> {
    if (!points && !this.overlay) return;
    const overlay = await this.loadOverlay();
    overlay.setHeatPoints(points);
  }

  private loadOverlay(): Promise<DeckOverlay> {
    this.overlayLoading ??= import('../overlays/deck-overlay').then(({ createDeckOverlay }) => {
      const overlay = createDeckOverlay((error) => this.options.onError(error.message));
      this.map.addControl(overlay.control);
      this.overlay = overlay;
      return overlay;
    });
    return this.overlayLoading;
  }

  fitCounty(): void {
    const bbox = this.options.config.county?.bbox;
    if (bbox)
      this.map.fitBounds(bbox, { padding: fitPadding(this.map.getContainer().clientWidth), duration: 600 });
  }

  /** The workspace-facing side of the map (see map-handle.ts). */
  handle(): MapHandle {
    return {
      setOverlay: (id, preset, data) => {
        // The handle is handed out after the first 'load', so the style is there (isStyleLoaded() is false
        // while tiles load, and 'load' never fires again).
        setOverlay(this.map, id, preset, data);
      },
      onOverlayClick: (id, callback) => {
        if (callback) this.overlayClicks.set(id, callback);
        else this.overlayClicks.delete(id);
      },
      fitBounds: (bbox) =>
        this.map.fitBounds(bbox, { padding: fitPadding(this.map.getContainer().clientWidth), duration: 0 }),
      onMapClick: (callback) => {
        this.mapClick = callback;
      },
      draw: (kind, snapTo, onFinish) => {
        this.drawing ??= createDrawing(this.map);
        this.drawingActive = true;
        this.drawing.start(kind, snapTo, (geometry) => {
          this.drawingActive = false;
          onFinish(geometry);
        });
      },
      cancelDraw: () => {
        this.drawingActive = false;
        this.drawing?.cancel();
      },
      setBaseLayersMuted: (muted) => {
        this.baseMuted = muted;
        this.setVisibility(this.visibility);
      },
      setDeckLayers: (group, layers) => {
        if (!layers && !this.overlay) return;
        this.loadOverlay()
          .then((overlay) => overlay.setLayers(group, layers))
          .catch((error: unknown) => this.options.onError(String(error)));
      },
      getCamera: () => {
        const { lng, lat } = this.map.getCenter();
        const b = this.map.getBounds();
        return {
          center: [lng, lat],
          zoom: this.map.getZoom(),
          bearing: this.map.getBearing(),
          bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
        };
      },
      jumpTo: ({ center, zoom, bearing }) => this.map.jumpTo({ center, zoom, bearing }),
    };
  }

  private readonly handleClick = (event: MapMouseEvent): void => {
    if (this.drawingActive) return;
    if (this.mapClick) {
      this.mapClick([event.lngLat.lng, event.lngLat.lat]);
      return;
    }
    for (const [id, callback] of this.overlayClicks) {
      const hits = overlayHits(this.map, id, event.point);
      if (hits.length) {
        callback(hits);
        return;
      }
    }
    if (this.overlayClicks.size) return;
    const original = event.originalEvent as MouseEvent & { pointerType?: string };
    const touch = original.pointerType === 'touch' || window.matchMedia('(pointer: coarse)').matches;
    const candidates = pickAt(this.map, event.point.x, event.point.y, touch);
    this.options.onPick(candidates);
    if (candidates.length) this.keepAboveSheet(event.point.y);
  };

  /**
   * On a phone the inspector opens as a bottom sheet over the lower ~60 % of the map; a point picked there would
   * disappear under it, so the map pans to bring it into the upper part.
   */
  private keepAboveSheet(y: number): void {
    const container = this.map.getContainer();
    if (container.clientWidth > PHONE_MAX_WIDTH) return;
    const target = container.clientHeight * 0.22;
    if (y > container.clientHeight * 0.38) this.map.panBy([0, y - target], { duration: 300 });
  }

  private readonly handleMove = (event: MapMouseEvent): void => {
    cancelAnimationFrame(this.hoverFrame);
    this.hoverFrame = requestAnimationFrame(() => {
      this.map.getCanvas().style.cursor = hasPointAt(this.map, event.point.x, event.point.y) ? 'pointer' : '';
    });
  };

  destroy(): void {
    cancelAnimationFrame(this.hoverFrame);
    this.drawing?.destroy();
    removeTestHook();
    this.map.remove();
  }
}
