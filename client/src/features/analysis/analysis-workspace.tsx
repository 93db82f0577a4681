/**
 * The residue analysis workspace (农残分析): one filter for every view, then the failure-rate choropleth, the heat
 * map / hexagons with month playback, the hot spot statistics (Gi*, Moran, scan, trends), the analyst's own data,
 * and entering / importing results. Clicking any unit or cluster lists the samples behind it (drill panel).
 */
import { type ReactElement, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridSummary } from '../../../../server/contracts/api';
import type { ReferenceResponse } from '../../../../server/contracts/residue';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { WorkspaceProps } from '../../app/workspaces';
import { analysisApi, type Filter } from './api';
import { DrillPanel, type DrillTarget } from './drill-panel';
import { EntryView } from './entry-view';
import { FilterBar } from './filter-bar';
import { HeatView } from './heat-view';
import { HotspotsView } from './hotspots-view';
import { OwnDataView } from './own-data-view';
import { RatesView } from './rates-view';
import './analysis.css';

const TABS = ['rates', 'heat', 'hotspots', 'own', 'entry'] as const;
type Tab = (typeof TABS)[number];

export default function AnalysisWorkspace({ map, onError }: WorkspaceProps): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const lastYear = new Date().getFullYear() - 1;
  const [filter, setFilter] = useState<Filter>({ from: `${lastYear}-01-01`, to: `${lastYear}-12-31` });
  const [tab, setTab] = useState<Tab>('rates');
  const [reference, setReference] = useState<ReferenceResponse | null>(null);
  const [grids, setGrids] = useState<GridSummary[]>([]);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [revision, setRevision] = useState(0);
  const drillRef = useRef<HTMLDivElement>(null);

  const fail = useCallback((text: string) => onError(text), [onError]);

  useEffect(() => {
    let live = true;
    Promise.all([analysisApi.reference(options), analysisApi.grids(options)])
      .then(([r, g]) => {
        if (!live) return;
        setReference(r);
        setGrids(g);
      })
      .catch((e: unknown) => live && onError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [options, onError, t]);

  useEffect(() => {
    map.setBaseLayersMuted(true);
    return () => map.setBaseLayersMuted(false);
  }, [map]);

  const onDrill = useCallback((target: DrillTarget) => setDrill(target), []);
  useEffect(() => {
    if (drill) drillRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [drill]);

  // A new object after a sample is saved makes every view load again.
  const viewFilter = useMemo(() => ({ ...filter }), [filter, revision]); // eslint-disable-line react-hooks/exhaustive-deps

  const changeFilter = (next: Filter) => {
    setFilter(next);
    setDrill(null);
  };

  return (
    <div className="analysis" data-testid="analysis">
      <h2>{t('analysis.title')}</h2>
      <FilterBar filter={filter} onChange={changeFilter} reference={reference} grids={grids} />
      <nav className="analysis__tabs" role="tablist">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            data-testid={`analysis-tab-${id}`}
            aria-selected={tab === id}
            onClick={() => {
              setTab(id);
              setDrill(null);
            }}
          >
            {t(`analysis.tabs.${id}`)}
          </button>
        ))}
      </nav>
      <div ref={drillRef}>
        {drill && (
          <DrillPanel target={drill} filter={viewFilter} onClose={() => setDrill(null)} onError={fail} />
        )}
      </div>
      {tab === 'rates' && <RatesView filter={viewFilter} map={map} onDrill={onDrill} onError={fail} />}
      {tab === 'heat' && <HeatView filter={viewFilter} map={map} onError={fail} />}
      {tab === 'hotspots' && <HotspotsView filter={viewFilter} map={map} onDrill={onDrill} onError={fail} />}
      {tab === 'own' && <OwnDataView map={map} onError={fail} />}
      {tab === 'entry' && (
        <EntryView map={map} reference={reference} onError={fail} onSaved={() => setRevision((r) => r + 1)} />
      )}
    </div>
  );
}
