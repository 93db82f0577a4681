/**
 * Drawing on the map with terra-draw (the adapter wiring lives here, the only place that knows maplibre-gl):
 * a polygon tool for new grids and a line tool for splits, both snapping to the neighbours' vertices and edges
 * (see snap.ts) with terra-draw's snapping point as the visible indicator. One drawing at a time; the result is
 * handed back as GeoJSON and removed from the drawing layer.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawRenderMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { type LngLat, snapPosition, type SnapResult, type SnapTarget } from './snap';

export type DrawKind = 'polygon' | 'line';

export interface DrawResult {
  type: 'Polygon' | 'LineString';
  coordinates: unknown;
}

export interface Drawing {
  start(kind: DrawKind, snapTo: SnapTarget, onFinish: (geometry: DrawResult) => void): void;
  cancel(): void;
  /** The last snap (for the indicator and for tests). */
  lastSnap(): SnapResult | null;
  snapCount(): number;
  destroy(): void;
}

const TOLERANCE_PX = 12;
const STYLE = {
  fillColor: '#2f80ed',
  outlineColor: '#1b4f9c',
  snappingPointColor: '#ff6d00',
  snappingPointWidth: 7,
} as const;

export function createDrawing(map: MapLibreMap): Drawing {
  let target: SnapTarget = { rings: [] };
  let last: SnapResult | null = null;
  let snaps = 0;
  const toCustom = (event: { containerX: number; containerY: number }) => {
    const result = snapPosition(
      [event.containerX, event.containerY],
      target,
      (p) => {
        const { x, y } = map.project(p as [number, number]);
        return [x, y];
      },
      ([x, y]) => {
        const { lng, lat } = map.unproject([x, y]);
        return [lng, lat] as LngLat;
      },
      TOLERANCE_PX,
    );
    if (result) {
      last = result;
      snaps++;
    }
    return result?.position;
  };
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 9 }),
    modes: [
      new TerraDrawPolygonMode({
        snapping: { toCustom },
        styles: {
          fillColor: STYLE.fillColor,
          fillOpacity: 0.25,
          outlineColor: STYLE.outlineColor,
          outlineWidth: 2,
          snappingPointColor: STYLE.snappingPointColor,
          snappingPointWidth: STYLE.snappingPointWidth,
        },
      }),
      new TerraDrawLineStringMode({
        snapping: { toCustom },
        styles: {
          lineStringColor: '#d35400',
          lineStringWidth: 3,
          snappingPointColor: STYLE.snappingPointColor,
        },
      }),
      new TerraDrawRenderMode({ modeName: 'idle', styles: {} }),
    ],
  });
  draw.start();
  draw.setMode('idle');
  let finish: ((geometry: DrawResult) => void) | null = null;
  draw.on('finish', (id) => {
    const feature = draw.getSnapshotFeature(id);
    const callback = finish;
    finish = null;
    draw.clear();
    draw.setMode('idle');
    if (feature && callback) callback(feature.geometry as DrawResult);
  });
  return {
    start(kind, snapTo, onFinish) {
      target = snapTo;
      last = null;
      finish = onFinish;
      draw.clear();
      draw.setMode(kind === 'polygon' ? 'polygon' : 'linestring');
    },
    cancel() {
      finish = null;
      draw.clear();
      draw.setMode('idle');
    },
    lastSnap: () => last,
    snapCount: () => snaps,
    destroy() {
      try {
        draw.stop();
      } catch {
        // the map may already be gone
      }
    },
  };
}
