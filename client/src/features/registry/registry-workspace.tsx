/**
 * The registry workspace (生产主体名录): search, filter, sort and page the production subjects; export the current
 * list view to Excel; see per township whether the registry was updated this year and list its stale entries; open
 * a subject's card (the map frames it), edit, retire, place subjects without a location by clicking the map; and
 * import a registry spreadsheet with the shared import wizard.
 */
import { type ReactElement, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridSummary } from '../../../../server/contracts/api';
import type { GridFreshness, SubjectList } from '../../../../server/contracts/registry';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { WorkspaceProps } from '../../app/workspaces';
import { Badge } from '../../ui/badge';
import { ImportWizard } from '../imports/import-wizard';
import { DownloadLinks } from '../layers/downloads';
import { EMPTY_FILTER, type RegistryFilter, registryApi } from './api';
import { gisExportQuery } from './gis-export';
import { registryHash, subjectFromHash } from './registry-hash';
import { CERTIFICATION_VALUES, CREDIT_VALUES, SubjectForm, SUBJECT_TYPE_VALUES } from './subject-form';
import { SubjectPanel } from './subject-panel';
import './registry.css';

const PAGE = 25;

type View = { kind: 'list' } | { kind: 'card'; id: number } | { kind: 'new' } | { kind: 'import' };

function viewFromHash(): View {
  const id = subjectFromHash(window.location.hash);
  return id === null ? { kind: 'list' } : { kind: 'card', id };
}

export default function RegistryWorkspace({ county, map, onError }: WorkspaceProps): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const [filter, setFilter] = useState<RegistryFilter>(EMPTY_FILTER);
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<SubjectList | null>(null);
  const [townships, setTownships] = useState<GridSummary[]>([]);
  const [villages, setVillages] = useState<GridSummary[]>([]);
  const [freshness, setFreshness] = useState<GridFreshness[]>([]);
  const [view, setView] = useState<View>(viewFromHash);
  const [refresh, setRefresh] = useState(0);
  const [staleOf, setStaleOf] = useState<string | null>(null);
  const [showFilters, setShowFilters] = useState(false);
  const [showGis, setShowGis] = useState(false);
  const year = new Date().getFullYear();

  const fail = useCallback((error: unknown) => onError(describeError(error, t)), [onError, t]);

  // A subject named by the hash opens its card; the hash follows the open card, so it can be linked and reloaded.
  useEffect(() => {
    const onHash = () => {
      const id = subjectFromHash(window.location.hash);
      if (id !== null) setView({ kind: 'card', id });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (!window.location.hash.startsWith('#/registry')) return;
    const hash = registryHash(view.kind === 'card' ? view.id : null);
    if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
  }, [view]);

  useEffect(() => {
    Promise.all([
      registryApi.grids({ level: 'township', parentId: county.id }, options),
      registryApi.grids({ level: 'village' }, options),
    ])
      .then(([ts, vs]) => {
        setTownships(ts);
        setVillages(vs);
      })
      .catch(fail);
  }, [county.id, options, fail]);

  useEffect(() => {
    registryApi.freshness('township', options).then(setFreshness).catch(fail);
  }, [options, fail, refresh]);

  // The search box applies itself after a short pause in typing.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setFilter((f) => (f.q === search.trim() ? f : { ...f, q: search.trim() }));
      setOffset(0);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    let live = true;
    registryApi
      .list(filter, { limit: PAGE, offset }, options)
      .then((l) => live && setList(l))
      .catch((e: unknown) => live && fail(e));
    return () => {
      live = false;
    };
  }, [filter, offset, options, fail, refresh]);

  const change = (patch: Partial<RegistryFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setOffset(0);
    setStaleOf(null);
  };

  const showStale = (row: GridFreshness) => {
    setFilter({ ...EMPTY_FILTER, gridId: String(row.grid.id), updatedTo: `${year - 1}-12-31` });
    setSearch('');
    setOffset(0);
    setStaleOf(row.grid.name);
    setView({ kind: 'list' });
  };

  const changed = useCallback(() => setRefresh((n) => n + 1), []);

  if (view.kind === 'card')
    return (
      <div className="registry" data-testid="registry">
        <SubjectPanel
          id={view.id}
          map={map}
          onBack={() => setView({ kind: 'list' })}
          onSelect={(id) => setView({ kind: 'card', id })}
          onChanged={changed}
        />
      </div>
    );

  if (view.kind === 'new')
    return (
      <div className="registry" data-testid="registry">
        <div className="registry__card">
          <SubjectForm
            subject={null}
            onSaved={(created) => {
              changed();
              setView({ kind: 'card', id: created.properties.id });
            }}
            onCancel={() => setView({ kind: 'list' })}
            onReload={() => undefined}
          />
        </div>
      </div>
    );

  if (view.kind === 'import')
    return (
      <div className="registry" data-testid="registry">
        <ImportWizard
          target="subjects"
          map={map}
          onCommitted={changed}
          onClose={() => setView({ kind: 'list' })}
        />
      </div>
    );

  const gis = gisExportQuery(filter, [...townships, ...villages]);
  const pages = list ? Math.max(1, Math.ceil(list.total / PAGE)) : 1;
  const page = Math.floor(offset / PAGE) + 1;
  const yesNo = (key: 'keyList' | 'traceability' | 'issuesCertificate') => (
    <label className="registry__filter">
      <span>{t(`registry.${key}`)}</span>
      <select
        value={filter[key]}
        onChange={(e) => change({ [key]: e.target.value as '' | 'true' | 'false' })}
        data-filter={key}
      >
        <option value="">{t('registry.any')}</option>
        <option value="true">{t('registry.yes')}</option>
        <option value="false">{t('registry.no')}</option>
      </select>
    </label>
  );

  return (
    <div className="registry" data-testid="registry">
      <div className="registry__toolbar">
        <button
          type="button"
          className="registry__primary"
          onClick={() => setView({ kind: 'new' })}
          data-testid="registry-new"
        >
          {t('registry.create')}
        </button>
        <button type="button" onClick={() => setView({ kind: 'import' })} data-testid="registry-import">
          {t('registry.import')}
        </button>
        <a
          className="registry__button-link"
          href={registryApi.exportUrl(filter, lang)}
          download
          data-testid="registry-export"
        >
          {t('registry.exportExcel')}
        </a>
        <button
          type="button"
          onClick={() => setShowGis((v) => !v)}
          aria-expanded={showGis}
          aria-controls="registry-gis-export"
          data-testid="registry-export-gis"
        >
          {t('registry.exportGis')}
        </button>
        <button
          type="button"
          onClick={() => change({ location: filter.location === 'without' ? '' : 'without' })}
          aria-pressed={filter.location === 'without'}
          data-testid="registry-unlocated"
        >
          {t('registry.unlocated')}
        </button>
      </div>

      {showGis && (
        <DownloadLinks
          id="registry-gis-export"
          collection="subjects"
          query={gis.query}
          note={t('registry.exportGisHint')}
          extra={
            gis.unapplied.length
              ? t('registry.exportGisUnapplied', {
                  list: gis.unapplied
                    .map((k) => t(`registry.gisFilters.${k}`))
                    .join(lang === 'en' ? ', ' : '、'),
                })
              : undefined
          }
        />
      )}

      <input
        type="search"
        className="registry__search"
        placeholder={t('registry.search')}
        aria-label={t('registry.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-testid="registry-search"
      />

      <details
        className="registry__filters"
        open={showFilters}
        onToggle={(e) => setShowFilters(e.currentTarget.open)}
      >
        <summary data-testid="registry-filters">{t('registry.filters')}</summary>
        <div className="registry__filter-grid">
          <label className="registry__filter">
            <span>{t('registry.type')}</span>
            <select value={filter.type} onChange={(e) => change({ type: e.target.value })} data-filter="type">
              <option value="">{t('registry.any')}</option>
              {SUBJECT_TYPE_VALUES.map((v) => (
                <option key={v} value={v}>
                  {t(`enums.subjectType.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="registry__filter">
            <span>{t('registry.grid')}</span>
            <select
              value={filter.gridId}
              onChange={(e) => change({ gridId: e.target.value })}
              data-filter="gridId"
            >
              <option value="">{t('registry.any')}</option>
              {townships.map((ts) => (
                <optgroup key={ts.id} label={ts.name}>
                  <option value={ts.id}>{`${ts.name}（${t('registry.any')}）`}</option>
                  {villages
                    .filter((v) => v.parentId === ts.id)
                    .map((v) => (
                      <option key={v.id} value={v.id}>
                        {v.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label className="registry__filter">
            <span>{t('registry.creditClass')}</span>
            <select
              value={filter.creditClass}
              onChange={(e) => change({ creditClass: e.target.value })}
              data-filter="creditClass"
            >
              <option value="">{t('registry.any')}</option>
              {CREDIT_VALUES.map((c) => (
                <option key={c} value={c}>
                  {t(`enums.creditClass.${c}`)}
                </option>
              ))}
              <option value="none">{t('registry.creditNone')}</option>
            </select>
          </label>
          {yesNo('keyList')}
          <label className="registry__filter">
            <span>{t('registry.certification')}</span>
            <select
              value={filter.certification}
              onChange={(e) => change({ certification: e.target.value })}
              data-filter="certification"
            >
              <option value="">{t('registry.any')}</option>
              {CERTIFICATION_VALUES.map((c) => (
                <option key={c} value={c}>
                  {t(`enums.certification.${c}`)}
                </option>
              ))}
            </select>
          </label>
          {yesNo('traceability')}
          {yesNo('issuesCertificate')}
          <label className="registry__filter">
            <span>{t('registry.status')}</span>
            <select
              value={filter.status}
              onChange={(e) => change({ status: e.target.value as RegistryFilter['status'] })}
              data-filter="status"
            >
              <option value="active">{t('registry.statusActive')}</option>
              <option value="retired">{t('registry.statusRetired')}</option>
              <option value="all">{t('registry.statusAll')}</option>
            </select>
          </label>
          <label className="registry__filter">
            <span>{t('registry.location')}</span>
            <select
              value={filter.location}
              onChange={(e) => change({ location: e.target.value as RegistryFilter['location'] })}
              data-filter="location"
            >
              <option value="">{t('registry.any')}</option>
              <option value="with">{t('registry.withLocation')}</option>
              <option value="without">{t('registry.withoutLocation')}</option>
            </select>
          </label>
          <label className="registry__filter">
            <span>{t('registry.updatedFrom')}</span>
            <input
              type="date"
              value={filter.updatedFrom}
              onChange={(e) => change({ updatedFrom: e.target.value })}
            />
          </label>
          <label className="registry__filter">
            <span>{t('registry.updatedTo')}</span>
            <input
              type="date"
              value={filter.updatedTo}
              onChange={(e) => change({ updatedTo: e.target.value })}
            />
          </label>
          <label className="registry__filter">
            <span>{t('registry.sort')}</span>
            <select
              value={`${filter.sort}:${filter.order}`}
              onChange={(e) => {
                const [sort, order] = e.target.value.split(':') as [
                  RegistryFilter['sort'],
                  RegistryFilter['order'],
                ];
                change({ sort, order });
              }}
              data-filter="sort"
            >
              {(['code', 'name', 'type', 'creditClass', 'updatedAt'] as const).flatMap((s) =>
                (['asc', 'desc'] as const).map((o) => (
                  <option key={`${s}:${o}`} value={`${s}:${o}`}>
                    {`${t(`registry.sorts.${s}`)} · ${t(`registry.${o}`)}`}
                  </option>
                )),
              )}
            </select>
          </label>
          <label className="registry__check">
            <input
              type="checkbox"
              checked={filter.duplicates === 'true'}
              onChange={(e) => change({ duplicates: e.target.checked ? 'true' : '' })}
              data-filter="duplicates"
            />
            {t('registry.duplicatesOnly')}
          </label>
        </div>
        <button
          type="button"
          onClick={() => {
            setFilter(EMPTY_FILTER);
            setSearch('');
            setOffset(0);
            setStaleOf(null);
          }}
          data-testid="registry-clear"
        >
          {t('registry.clearFilters')}
        </button>
      </details>

      {staleOf && (
        <p className="registry__hint registry__hint--strong">{t('registry.staleShown', { name: staleOf })}</p>
      )}
      {filter.location === 'without' && <p className="registry__hint">{t('registry.unlocatedHint')}</p>}

      <div className="registry__count" data-testid="registry-total">
        {list ? t('registry.total', { total: list.total }) : t('registry.loading')}
      </div>
      {list && list.items.length === 0 && <p className="registry__hint">{t('registry.empty')}</p>}
      <ul className="registry__list" data-testid="registry-list">
        {list?.items.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="registry__row"
              onClick={() => setView({ kind: 'card', id: s.id })}
              data-subject-id={s.id}
            >
              <span className="registry__row-main">
                <span className="registry__row-name">{s.name}</span>
                <span className="registry__row-code mono">{s.code}</span>
              </span>
              <span className="registry__row-meta">
                {[
                  t(`enums.subjectType.${s.type}`),
                  [s.township?.name, s.village?.name].filter(Boolean).join(' '),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              <span className="registry__badges">
                {s.creditClass && (
                  <Badge tone={s.creditClass === 'A' ? 'good' : s.creditClass === 'B' ? 'warn' : 'bad'}>
                    {s.creditClass}
                  </Badge>
                )}
                {s.keyList && <Badge tone="warn">{t('registry.keyList')}</Badge>}
                {!s.hasLocation && <Badge tone="info">{t('registry.noLocation')}</Badge>}
                {s.possibleDuplicate && <Badge tone="bad">{t('registry.duplicate')}</Badge>}
                {s.status === 'retired' && <Badge>{t('registry.retired')}</Badge>}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {list && list.total > PAGE && (
        <div className="registry__pager">
          <button
            type="button"
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
            disabled={offset === 0}
            data-testid="page-prev"
          >
            {t('registry.prev')}
          </button>
          <span>{t('registry.page', { page, pages })}</span>
          <button
            type="button"
            onClick={() => setOffset(offset + PAGE)}
            disabled={offset + PAGE >= list.total}
            data-testid="page-next"
          >
            {t('registry.next')}
          </button>
        </div>
      )}

      <section className="registry__freshness" data-testid="freshness">
        <h3>
          {t('registry.freshness')} · {year}
        </h3>
        <p className="registry__hint">{t('registry.freshnessHint')}</p>
        <ul>
          {freshness.map((row) => (
            <li key={row.grid.id}>
              <button
                type="button"
                className="registry__fresh-row"
                onClick={() => showStale(row)}
                data-grid-id={row.grid.id}
              >
                <span className="registry__fresh-name">{row.grid.name}</span>
                <span className="registry__fresh-bar" aria-hidden="true">
                  <span style={{ width: `${Math.round((row.share ?? 0) * 100)}%` }} />
                </span>
                <span className="registry__fresh-text">
                  {t('registry.freshnessRow', { updated: row.updatedThisYear, active: row.active })}
                  {row.stale > 0 && <strong> · {t('registry.stale', { count: row.stale })}</strong>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
