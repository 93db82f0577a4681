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
  ZoningRunSummary,
} from '../../../../server/contracts/soil';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { WorkspaceProps } from '../../app/workspaces';
import { SOIL_ZONES_GROUP, soilLayers } from '../../overlays/soil-zones.layer';
import { ImportWizard } from '../imports/import-wizard';
import { soilApi } from './api';
import { type MapLayer, RunForm, RunList, RunResult } from './run-view';
import { OverlayView, SampleCard, SampleLegend, StandardsView } from './soil-panels';
import './soil.css';

const TABS = ['samples', 'run', 'overlay', 'standards'] as const;
type Tab = (typeof TABS)[number];

/** Squared distance in degrees with longitude scaled by the cosine of the latitude (good enough to pick a point). */
function near(a: [number, number], b: number[], cos: number): number {
  const dx = (a[0] - b[0]!) * cos;
  const dy = a[1] - b[1]!;
  return dx * dx + dy * dy;
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
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);

  const loadSamples = useCallback(
    () => soilApi.samples(options).then(setSamples).catch(fail),
    [options, fail],
  );
  const loadRuns = useCallback(() => soilApi.runs(options).then(setRuns).catch(fail), [options, fail]);
  useEffect(() => {
    void loadSamples();
    void loadRuns();
    soilApi.grids(options).then(setGrids).catch(fail);
  }, [options, fail, loadSamples, loadRuns]);

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
    if (id === null || !run) {
      setOther(null);
      setComparison(null);
      return;
    }
    Promise.all([soilApi.run(id, options), soilApi.compare(run.id, id, options)])
      .then(([detail, c]) => {
        setOther(detail);
        setComparison(c);
      })
      .catch(fail);
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
    if (tab !== 'overlay' || !run || overlay?.run.id === run.id) return;
    soilApi.overlay(run.id, options).then(setOverlay).catch(fail);
  }, [tab, run, overlay, options, fail]);

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
                min: surface.min,
                max: surface.max,
                corners: surface.corners,
              }
            : null,
        suggestions: tab === 'run' && run ? run.suggestions : [],
      }),
    );
  }, [map, tab, zones, sampleData, surface, run]);

  // A click on the map picks the nearest sample (within about 400 m) while the samples are shown.
  useEffect(() => {
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
  }, [map, tab, samples]);

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
          <RunForm grids={grids} busy={busy} onRun={create} />
          {runs.length > 0 && (
            <>
              <h3>{t('soilZones.result.runs')}</h3>
              <RunList
                runs={runs}
                current={run?.id ?? null}
                compare={other?.id ?? null}
                onOpen={open}
                onCompare={compareWith}
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
            />
          )}
        </>
      )}
      {tab === 'overlay' &&
        (run ? (
          overlay ? (
            <OverlayView overlay={overlay} />
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
