/**
 * The app shell: header, map, layer panel, legend and inspector, wired to one reducer of UI state.
 * Wide screens: the layer panel floats on the map's left, the legend at its bottom right, the inspector docks on
 * the right. Phones: the map fills the screen; layers and legend open as sheets; the inspector is a bottom sheet.
 */
import { type ReactElement, Suspense, useCallback, useEffect, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFailingSamplePoints } from '../features/analysis/api';
import { AuthGate } from '../features/auth/auth-gate';
import { useSession } from '../features/auth/session';
import { Inspector } from '../features/inspector/inspector';
import { LayerPanel } from '../features/layers/layer-panel';
import { LegendPanel } from '../features/layers/legend-panel';
import { ViewsDock } from '../features/views/views-dock';
import type { ToggleId } from '../map/catalog';
import { type MapHandle, MapHandleContext } from '../map/map-handle';
import { MapView } from '../map/map-view';
import type { PickCandidate, Selection } from '../map/pick';
import { useMapData } from '../map/use-map-data';
import { LoadBoundary } from '../ui/load-boundary';
import { Loading } from '../ui/notice';
import { appReducer, initialState, loadVisibility, saveVisibility, type Sheet } from './app-state';
import { describeError } from './describe-error';
import { Header } from './layout/header';
import { MapNotices } from './layout/map-notices';
import { SheetButtons } from './layout/sheet-buttons';
import { useControlLabels } from './use-control-labels';
import { useLang } from './use-lang';
import { useWorkspace } from './use-workspace';
import { workspacesFor } from './workspaces';
import './layout/layout.css';

/** The app behind the login page (features/auth/auth-gate.tsx). */
export function App(): ReactElement {
  return (
    <AuthGate>
      <AppShell />
    </AuthGate>
  );
}

function AppShell(): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const [state, dispatch] = useReducer(appReducer, undefined, () => initialState(loadVisibility()));
  const [zoom, setZoom] = useState<number | null>(null);
  const data = useMapData(lang);
  const heat = useFailingSamplePoints(state.visibility.heatmap);
  const labels = useControlLabels();
  const [hashWorkspace, openWorkspace] = useWorkspace();
  const workspaces = workspacesFor(useSession()?.me.permissions);
  const [mapHandle, setMapHandle] = useState<MapHandle | null>(null);
  // A workspace the account may not open (a link from someone else) shows the map instead.
  const workspace = workspaces.find((w) => w.id === hashWorkspace) ?? workspaces[0];
  const workspaceId = workspace?.id ?? hashWorkspace;
  const WorkspacePanel = workspace?.Panel ?? null;

  useEffect(() => saveVisibility(state.visibility), [state.visibility]);
  const reportError = useCallback((text: string) => dispatch({ type: 'error', text }), []);
  useEffect(() => {
    if (heat.error) reportError(t('map.heatmapError', { message: describeError(heat.error, t) }));
  }, [heat.error, reportError, t]);

  const onToggle = useCallback(
    (id: ToggleId, visible: boolean) => dispatch({ type: 'toggle', id, visible }),
    [],
  );
  const onPick = useCallback((candidates: PickCandidate[]) => dispatch({ type: 'picked', candidates }), []);
  const onSelect = useCallback((selection: Selection) => dispatch({ type: 'select', selection }), []);
  const onSheet = useCallback((sheet: Sheet) => dispatch({ type: 'sheet', sheet }), []);
  const onMapError = useCallback(
    (message: string) => reportError(t('map.dataError', { message })),
    [reportError, t],
  );
  const county = data.config?.county ?? null;
  const onMapWorkspace = !WorkspacePanel;

  return (
    <div
      className={`app ${onMapWorkspace && state.selection ? 'app--inspecting' : ''} ${onMapWorkspace && state.sheet ? `app--sheet-${state.sheet}` : ''}`}
      data-workspace={workspaceId}
    >
      <Header
        countyName={county?.name ?? (data.settled ? '—' : null)}
        workspace={workspaceId}
        onWorkspace={openWorkspace}
      />
      <main className={`workspace ${onMapWorkspace ? '' : 'workspace--split'}`}>
        <div className="map-area">
          {data.config && data.settled ? (
            <MapView
              key={data.sources ? 'with-tiles' : 'basemap-only'}
              config={data.config}
              sources={data.sources ?? {}}
              visibility={state.visibility}
              selection={state.selection}
              heatPoints={state.visibility.heatmap ? (heat.data ?? null) : null}
              labels={labels}
              ariaLabel={t('map.ariaLabel', { county: county?.name ?? '' })}
              onPick={onPick}
              onZoom={setZoom}
              onError={onMapError}
              onHandle={setMapHandle}
            />
          ) : (
            data.configError === null && <Loading label={t('app.loading')} />
          )}
          <MapNotices
            configError={data.configError}
            sourcesError={data.sourcesError}
            noCounty={Boolean(data.config && !county)}
            errors={state.errors}
            onRetry={data.retry}
            onDismiss={(id) => dispatch({ type: 'dismissError', id })}
          />
          {data.config && data.settled && (
            <ViewsDock
              map={mapHandle}
              workspace={workspaceId}
              visibility={state.visibility}
              onToggle={onToggle}
              onWorkspace={openWorkspace}
              config={data.config}
              sources={data.sources ?? {}}
              onError={reportError}
            />
          )}
          {onMapWorkspace && (
            <>
              <SheetButtons sheet={state.sheet} onSheet={onSheet} />
              <LayerPanel
                visibility={state.visibility}
                zoom={zoom}
                onToggle={onToggle}
                onClose={() => onSheet(null)}
                busy={{ heatmap: heat.isFetching }}
              />
              <LegendPanel visibility={state.visibility} onClose={() => onSheet(null)} />
            </>
          )}
        </div>
        {WorkspacePanel && county && mapHandle && (
          <aside className="workspace-side" data-testid={`workspace-${workspaceId}`}>
            <MapHandleContext.Provider value={mapHandle}>
              <LoadBoundary key={workspaceId} message={t('app.workspaceFailed')}>
                <Suspense fallback={<Loading label={t('app.loadingWorkspace')} />}>
                  <WorkspacePanel county={county} map={mapHandle} onError={reportError} />
                </Suspense>
              </LoadBoundary>
            </MapHandleContext.Provider>
          </aside>
        )}
        {onMapWorkspace && state.selection && (
          <Inspector
            selection={state.selection}
            candidates={state.candidates}
            onSelect={onSelect}
            onClose={() => dispatch({ type: 'closeInspector' })}
          />
        )}
      </main>
    </div>
  );
}
