/**
 * The map as a React component: a thin shell around MapController, which owns the MapLibre map. Props flow
 * into the controller; clicks, view changes and errors flow out through callbacks.
 */
import { type ReactElement, useEffect, useLayoutEffect, useRef } from 'react';
import type { ClientConfig } from '../../../server/contracts/api';
import type { HeatPoint } from '../overlays/failing-samples-heatmap.layer';
import type { ToggleId } from './catalog';
import { type ControlLabels, MapController } from './map-controller';
import type { MapHandle } from './map-handle';
import type { PickCandidate, Selection } from './pick';
import type { TileSources } from './style/sources';

export interface MapViewProps {
  config: ClientConfig;
  sources: TileSources;
  visibility: Record<ToggleId, boolean>;
  selection: Selection | null;
  /** Failing samples for the heat map; null while it is switched off. */
  heatPoints: readonly HeatPoint[] | null;
  labels: ControlLabels;
  ariaLabel: string;
  onPick: (candidates: PickCandidate[]) => void;
  onZoom: (zoom: number) => void;
  onError: (message: string) => void;
  /** The map's workspace-facing handle once it exists (null when the map goes away). */
  onHandle?: (handle: MapHandle | null) => void;
}

export function MapView(props: MapViewProps): ReactElement {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  // Callbacks and the latest props are read through a ref, so a re-render never rebuilds the map.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    if (!container.current) return;
    let created: MapController;
    try {
      const { config, sources, visibility, labels } = latest.current;
      created = new MapController({
        container: container.current,
        config,
        sources,
        visibility,
        labels,
        onPick: (candidates) => latest.current.onPick(candidates),
        onError: (message) => latest.current.onError(message),
      });
    } catch (error) {
      latest.current.onError(error instanceof Error ? error.message : String(error));
      return;
    }
    created.map.on('zoomend', () => latest.current.onZoom(created.map.getZoom()));
    void created.ready.then(() => latest.current.onZoom(created.map.getZoom()));
    controller.current = created;
    void created.ready.then(() => latest.current.onHandle?.(created.handle()));
    return () => {
      latest.current.onHandle?.(null);
      controller.current = null;
      created.destroy();
    };
  }, []);

  const { visibility, selection, heatPoints, labels } = props;
  useEffect(() => controller.current?.setVisibility(visibility), [visibility]);
  useEffect(() => controller.current?.setSelection(selection), [selection]);
  useEffect(() => controller.current?.setLabels(labels), [labels]);
  useEffect(() => {
    controller.current
      ?.setHeatPoints(heatPoints)
      .catch((error: unknown) => latest.current.onError(String(error)));
  }, [heatPoints]);

  return <div ref={container} className="map-view" role="region" aria-label={props.ariaLabel} />;
}
