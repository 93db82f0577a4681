/**
 * The soil zones workspace (土壤分区): soil samples coloured by their GB 15618 class with a card per sample, zoning runs
 * (IDW or ordinary kriging) with the variogram, cross-validation compared side by side, class zones, kriging variance
 * and exceedance-probability maps, suggested sampling locations, the production subjects in risky zones, exports,
 * and the standard values. See docs/soil.md ("Using the workspace").
 */
import { type ReactElement, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridSummary } from '../../../../server/contracts/api';
import type {
  OverlayResponse,
  RunComparison,
  SoilSampleCollection,
  SurfaceView,
  ZoneCollection,
  ZoningRunCreate,
  ZoningRunDetail,
  ZoneDetail,
  ZoningRunSummary,
} from '../../../../server/contracts/soil';
import { ApiError } from '../../api/http';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { WorkspaceProps } from '../../app/workspaces';
import { type Collection, SOIL_ZONES_GROUP, soilLayers } from '../../overlays/soil-zones.layer';
import { ImportWizard } from '../imports/import-wizard';
import { NO_FILTER, type OverlayClass, type SampleFilter, soilApi } from './api';
import { type MapLayer, RunForm, RunList, RunResult } from './run-view';
import { SampleFilterForm } from './sample-filter';
import { surfaceDomain } from './soil-legend';
import { OverlayView, SampleCard, SampleLegend, StandardsView, ZoneCard } from './soil-panels';
import './soil.css';

const TABS = ['samples', 'run', 'overlay', 'standards'] as const;
type Tab = (typeof TABS)[number];

/** Squared distance in degrees with longitude scaled by the cosine of the latitude (good enough to pick a point). */
function near(a: [number, number], b: number[], cos: number): number {
  const dx = (a[0] - b[0]!) * cos;
  const dy = a[1] - b[1]!;
  return dx * dx + dy * dy;
}

/** Whether a point lies inside a ring (even–odd rule, longitude/latitude). */
function inRing(p: [number, number], ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The id of the zone under a point (holes respected), or null. */
function zoneAt(zones: ZoneCollection, p: [number, number]): number | null {
  for (const f of zones.features) {
    const g = f.geometry as { type: string; coordinates: unknown };
    const polygons =
      g.type === 'Polygon'
        ? [g.coordinates as number[][][]]
        : g.type === 'MultiPolygon'
          ? (g.coordinates as number[][][][])
          : [];
    for (const rings of polygons)
      if (inRing(p, rings[0]!) && !rings.slice(1).some((hole) => inRing(p, hole))) return Number(f.id);
  }
  return null;
}

export default function SoilWorkspace({ map, onError }: WorkspaceProps): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const fail = useCallback((e: unknown) => onError(describeError(e, t)), [onError, t]);
  const [tab, setTab] = useState<Tab>('run');
  const [samples, setSamples] = useState<SoilSampleCollection | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [grids, setGrids] = useState<GridSummary[]>([]);
  const [runs, setRuns] = useState<ZoningRunSummary[]>([]);
  const [run, setRun] = useState<ZoningRunDetail | null>(null);
  const [other, setOther] = useState<ZoningRunDetail | null>(null);
  const [comparison, setComparison] = useState<RunComparison | null>(null);
  const [zones, setZones] = useState<ZoneCollection | null>(null);
  const [mapLayer, setMapLayer] = useState<MapLayer>('zones');
  const [loaded, setLoaded] = useState<{ runId: number; layer: MapLayer; view: SurfaceView } | null>(null);
  const [overlay, setOverlay] = useState<OverlayResponse | null>(null);
  const [overlayClass, setOverlayClass] = useState<OverlayClass | null>(null);
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const [filter, setFilter] = useState<SampleFilter>(NO_FILTER);
  const [notice, setNotice] = useState<string | null>(null);
  const [zoneDetail, setZoneDetail] = useState<ZoneDetail | null>(null);
  const [swipe, setSwipe] = useState<number | null>(null);
  const [otherZones, setOtherZones] = useState<ZoneCollection | null>(null);

  const loadSamples = useCallback(
    () => soilApi.samples(filter, options).then(setSamples).catch(fail),
    [filter, options, fail],
  );
  const loadRuns = useCallback(() => soilApi.runs(options).then(setRuns).catch(fail), [options, fail]);
  useEffect(() => {
    void loadRuns();
    soilApi.grids(options).then(setGrids).catch(fail);
  }, [options, fail, loadRuns]);
  useEffect(() => {
    void loadSamples();
  }, [loadSamples]);

  useEffect(() => {
    map.setBaseLayersMuted(true);
    return () => {
      map.setBaseLayersMuted(false);
      map.setDeckLayers(SOIL_ZONES_GROUP, null);
      map.onMapClick(null);
    };
  }, [map]);

  const open = useCallback(
    (id: number) => {
      setOther(null);
      setComparison(null);
      setOverlay(null);
      setZoneDetail(null);
      setSwipe(null);
      setOtherZones(null);
      setMapLayer('zones');
      Promise.all([soilApi.run(id, options), soilApi.zones(id, options)])
        .then(([detail, z]) => {
          setRun(detail);
          setZones(z);
          const lons = detail.corners.map((c) => c[0]);
          const lats = detail.corners.map((c) => c[1]);
          map.fitBounds([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]);
        })
        .catch(fail);
    },
    [options, fail, map],
  );

  const create = (body: ZoningRunCreate) => {
    setBusy(true);
    soilApi
      .createRun(body, options)
      .then((detail) => {
        void loadRuns();
        open(detail.id);
      })
      .catch(fail)
      .finally(() => setBusy(false));
  };

  const compareWith = (id: number | null) => {
    setSwipe(null);
    if (id === null || !run) {
      setOther(null);
      setComparison(null);
      setOtherZones(null);
      return;
    }
    Promise.all([soilApi.run(id, options), soilApi.compare(run.id, id, options), soilApi.zones(id, options)])
      .then(([detail, c, z]) => {
        setOther(detail);
        setComparison(c);
        setOtherZones(z);
      })
      .catch(fail);
  };

  /** A refused rename or delete: a stale version reloads the list and says so; anything else is an error. */
  const refused = (e: unknown) => {
    if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
      setNotice(t('soilZones.manage.conflict'));
      void loadRuns();
    } else fail(e);
  };

  const rename = (r: ZoningRunSummary, name: string): Promise<boolean> =>
    soilApi
      .renameRun(r.id, r.version, name, options)
      .then((detail) => {
        setNotice(null);
        void loadRuns();
        if (run?.id === r.id) setRun(detail);
        if (other?.id === r.id) setOther(detail);
        return true;
      })
      .catch((e: unknown) => {
        refused(e);
        return false;
      });

  const remove = (r: ZoningRunSummary) => {
    soilApi
      .deleteRun(r.id, r.version, options)
      .then(() => {
        setNotice(t('soilZones.manage.deleted', { name: r.name }));
        void loadRuns();
        if (run?.id === r.id) {
          setRun(null);
          setZones(null);
          setOverlay(null);
          setZoneDetail(null);
          setOther(null);
          setComparison(null);
          setOtherZones(null);
          setSwipe(null);
        } else if (other?.id === r.id) {
          setOther(null);
          setComparison(null);
          setOtherZones(null);
          setSwipe(null);
        }
      })
      .catch(refused);
  };

  // The surface shown under the zone outlines.
  useEffect(() => {
    if (!run || mapLayer === 'zones') return;
    let live = true;
    const runId = run.id;
    const layer = mapLayer;
    soilApi
      .surface(runId, layer, options)
      .then((view) => live && setLoaded({ runId, layer, view }))
      .catch(fail);
    return () => {
      live = false;
    };
  }, [run, mapLayer, options, fail]);

  const surface = run && loaded && loaded.runId === run.id && loaded.layer === mapLayer ? loaded.view : null;

  useEffect(() => {
    if (tab !== 'overlay' || !run) return;
    let live = true;
    soilApi
      .overlay(run.id, options, overlayClass ?? undefined)
      .then((o) => live && setOverlay(o))
      .catch(fail);
    return () => {
      live = false;
    };
  }, [tab, run, overlayClass, options, fail]);

  // The swipe: the current run's zones west of a meridian, the compared run's east of it, over both runs' extent.
  const swipeInput = useMemo(() => {
    if (swipe === null || !run || !other || !zones || !otherZones) return null;
    const corners = [...run.corners, ...other.corners];
    const lons = corners.map((c) => c[0]);
    const lats = corners.map((c) => c[1]);
    const [w, e] = [Math.min(...lons), Math.max(...lons)];
    return {
      west: zones as unknown as Collection,
      east: otherZones as unknown as Collection,
      lon: w + (e - w) * swipe,
      lat: [Math.min(...lats), Math.max(...lats)] as [number, number],
    };
  }, [swipe, run, other, zones, otherZones]);

  // Samples with their overall class as a flat property for the layer.
  const sampleData = useMemo(
    () =>
      samples && {
        type: 'FeatureCollection' as const,
        features: samples.features.map((f) => ({
          id: f.id,
          geometry: f.geometry,
          properties: { overall: f.properties.classification.overall ?? 'no_data' },
        })),
      },
    [samples],
  );

  useEffect(() => {
    const domain = surface && surfaceDomain(mapLayer, surface);
    map.setDeckLayers(
      SOIL_ZONES_GROUP,
      soilLayers({
        zones: tab === 'samples' ? null : (zones as never),
        samples: tab === 'samples' ? sampleData : null,
        surface:
          tab !== 'samples' && surface
            ? {
                values: surface.values,
                nx: surface.grid.nx,
                ny: surface.grid.ny,
                min: domain?.[0] ?? null,
                max: domain?.[1] ?? null,
                corners: surface.corners,
              }
            : null,
        suggestions: tab === 'run' && run ? run.suggestions : [],
        swipe: tab === 'run' ? swipeInput : null,
        highlight:
          tab !== 'samples' && zoneDetail && zoneDetail.run.id === run?.id
            ? { type: 'FeatureCollection', features: [zoneDetail.zone as never] }
            : null,
      }),
    );
  }, [map, tab, zones, sampleData, surface, mapLayer, run, swipeInput, zoneDetail]);

  // A click on the map picks the nearest sample (within about 400 m) while the samples are shown, and the zone
  // under it (with the subjects inside) while a run is shown.
  useEffect(() => {
    if (tab !== 'samples' && zones && swipe === null) {
      map.onMapClick((lngLat) => {
        const id = zoneAt(zones, lngLat);
        if (id === null) {
          setZoneDetail(null);
          return;
        }
        soilApi.zone(id, options).then(setZoneDetail).catch(fail);
      });
      return () => map.onMapClick(null);
    }
    if (tab !== 'samples' || !samples) {
      map.onMapClick(null);
      return;
    }
    map.onMapClick((lngLat) => {
      const cos = Math.cos((lngLat[1] * Math.PI) / 180);
      let best: number | null = null;
      let bestD = (400 / 111_320) ** 2;
      samples.features.forEach((f, i) => {
        const c = (f.geometry as { coordinates?: number[] }).coordinates;
        if (!c) return;
        const d = near(lngLat, c, cos);
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      });
      setPicked(best);
    });
    return () => map.onMapClick(null);
  }, [map, tab, samples, zones, swipe, options, fail]);

  const counts = useMemo(() => {
    const out: Record<string, number> = {};
    for (const f of samples?.features ?? []) {
      const k = f.properties.classification.overall ?? 'no_data';
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  }, [samples]);
  const pickedSample = picked === null ? null : samples?.features[picked]?.properties;

  return (
    <div className="soil" data-testid="soil">
      <h2>{t('soilZones.title')}</h2>
      <nav className="soil__tabs" role="tablist">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            data-testid={`soil-tab-${id}`}
            onClick={() => setTab(id)}
          >
            {t(`soilZones.tabs.${id}`)}
          </button>
        ))}
      </nav>
      {notice && (
        <p className="soil-notice" role="status" data-testid="soil-notice">
          {notice}
          <button type="button" onClick={() => setNotice(null)} aria-label={t('soilZones.zone.close')}>
            ×
          </button>
        </p>
      )}
      {tab !== 'samples' && tab !== 'standards' && zoneDetail && zoneDetail.run.id === run?.id && (
        <ZoneCard detail={zoneDetail} onClose={() => setZoneDetail(null)} />
      )}
      {(tab === 'samples' || tab === 'run') && (
        <SampleFilterForm
          grids={grids}
          value={filter}
          onChange={(f) => {
            setPicked(null);
            setFilter(f);
          }}
        />
      )}
      {tab === 'samples' && (
        <section data-testid="samples">
          <p>{t('soilZones.samples.count', { count: samples?.features.length ?? 0 })}</p>
          <SampleLegend counts={counts} />
          <p className="soil-note">{t('soilZones.samples.pick')}</p>
          {pickedSample && <SampleCard sample={pickedSample} />}
          {importing ? (
            <ImportWizard
              target="soil-samples"
              map={map}
              onCommitted={() => {
                setImporting(false);
                void loadSamples();
              }}
              onClose={() => setImporting(false)}
            />
          ) : (
            <button type="button" data-testid="soil-import" onClick={() => setImporting(true)}>
              {t('soilZones.samples.import')}
            </button>
          )}
        </section>
      )}
      {tab === 'run' && (
        <>
          <RunForm grids={grids} busy={busy} filter={filter} onRun={create} />
          {runs.length > 0 && (
            <>
              <h3>{t('soilZones.result.runs')}</h3>
              <RunList
                runs={runs}
                current={run?.id ?? null}
                compare={other?.id ?? null}
                onOpen={open}
                onCompare={compareWith}
                onRename={rename}
                onDelete={remove}
              />
            </>
          )}
          {run && (
            <RunResult
              run={run}
              other={other}
              comparison={comparison}
              mapLayer={mapLayer}
              onMapLayer={setMapLayer}
              surface={surface}
              swipe={swipe}
              onSwipe={setSwipe}
              onSuggestion={(p) => map.fitBounds([p.lon - 0.01, p.lat - 0.008, p.lon + 0.01, p.lat + 0.008])}
            />
          )}
        </>
      )}
      {tab === 'overlay' &&
        (run ? (
          overlay && overlay.run.id === run.id ? (
            <OverlayView overlay={overlay} klass={overlayClass} onClass={setOverlayClass} />
          ) : (
            <p>{t('soilZones.loading')}</p>
          )
        ) : (
          <p>{t('soilZones.overlay.pickRun')}</p>
        ))}
      {tab === 'standards' && <StandardsView onError={onError} />}
    </div>
  );
}
