/** A zoning run's form and its results: variogram, cross-validation side by side, class areas, suggestions, exports. */
import { type FormEvent, Fragment, type ReactElement, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { GridSummary } from '../../../../server/contracts/api';
import type { SoilMetal } from '../../../../server/contracts/enums';
import type {
  RunComparison,
  SurfaceView,
  ZoneClass,
  ZoningRunCreate,
  ZoningRunDetail,
  ZoningRunSummary,
} from '../../../../server/contracts/soil';
import { useLang } from '../../app/use-lang';
import { formatDateTime, formatNumber } from '../../lib/format';
import { SOIL_CLASS_COLORS } from '../../overlays/soil-zones.layer';
import { runFilter, type SampleFilter, soilExports } from './api';
import { SurfaceLegend, ZoneLegend } from './soil-legend';
import { VariogramPlot } from './variogram-plot';

export const METALS: SoilMetal[] = ['cd', 'hg', 'as', 'pb', 'cr', 'cu', 'ni', 'zn'];
const MODELS = ['spherical', 'exponential', 'gaussian'] as const;
const ZONE_CLASSES: ZoneClass[] = ['priority_protection', 'safe_utilisation', 'strict_control', 'no_data'];
export type MapLayer = 'zones' | 'prediction' | 'variance' | 'pScreening' | 'pIntervention';
const MAP_LAYERS: MapLayer[] = ['zones', 'prediction', 'variance', 'pScreening', 'pIntervention'];

const num = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

export function RunForm({
  grids,
  busy,
  filter,
  onRun,
}: {
  grids: GridSummary[];
  busy: boolean;
  /** The workspace's sample filter: the run interpolates only these samples. */
  filter: SampleFilter;
  onRun: (body: ZoningRunCreate) => void;
}): ReactElement {
  const { t } = useTranslation();
  const [metal, setMetal] = useState<SoilMetal>('cd');
  const [variable, setVariable] = useState<'concentration' | 'ratio'>('concentration');
  const [gridId, setGridId] = useState('');
  const [cellSize, setCellSize] = useState('250');
  const [method, setMethod] = useState<'idw' | 'kriging'>('kriging');
  const [power, setPower] = useState('2');
  const [neighbours, setNeighbours] = useState('16');
  const [radius, setRadius] = useState('');
  const [fit, setFit] = useState<'auto' | 'fit' | 'manual'>('auto');
  const [model, setModel] = useState<(typeof MODELS)[number]>('spherical');
  const [nugget, setNugget] = useState('0');
  const [psill, setPsill] = useState('');
  const [range, setRange] = useState('');
  const [name, setName] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const neighbourhood = {
      ...(num(neighbours) !== undefined ? { maxNeighbors: num(neighbours)! } : {}),
      ...(num(radius) !== undefined ? { maxDistance: num(radius)! } : {}),
    };
    const interpolation: ZoningRunCreate['interpolation'] =
      method === 'idw'
        ? { method: 'idw', power: num(power) ?? 2, ...neighbourhood }
        : {
            method: 'kriging',
            variogram:
              fit === 'auto'
                ? 'auto'
                : fit === 'fit'
                  ? { fit: model }
                  : { model, nugget: num(nugget) ?? 0, psill: num(psill) ?? 0, range: num(range) ?? 0 },
            ...neighbourhood,
          };
    const label = `${metal.toUpperCase()} ${t(`soilZones.form.methods.${method}`)}`;
    onRun({
      name: name.trim() || label,
      metal,
      variable,
      ...(gridId ? { gridId: Number(gridId) } : {}),
      ...runFilter(filter),
      cellSize: num(cellSize) ?? 250,
      landUse: 'nearest',
      suggestions: { count: 10, minSpacing: 1000 },
      interpolation,
    });
  };

  const areas = grids.filter((g) => g.level === 'township' || g.level === 'village');
  return (
    <form className="soil-form" data-testid="run-form" onSubmit={submit}>
      <label>
        {t('soilZones.form.metal')}
        <select data-testid="run-metal" value={metal} onChange={(e) => setMetal(e.target.value as SoilMetal)}>
          {METALS.map((m) => (
            <option key={m} value={m}>
              {t(`enums.soilMetal.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('soilZones.form.variable')}
        <select value={variable} onChange={(e) => setVariable(e.target.value as 'concentration' | 'ratio')}>
          <option value="concentration">{t('soilZones.form.variables.concentration')}</option>
          <option value="ratio">{t('soilZones.form.variables.ratio')}</option>
        </select>
      </label>
      <label>
        {t('soilZones.form.area')}
        <select data-testid="run-area" value={gridId} onChange={(e) => setGridId(e.target.value)}>
          <option value="">{t('soilZones.form.county')}</option>
          {areas.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('soilZones.form.cellSize')}
        <input
          type="number"
          min={25}
          max={5000}
          value={cellSize}
          onChange={(e) => setCellSize(e.target.value)}
        />
      </label>
      <label>
        {t('soilZones.form.method')}
        <select
          data-testid="run-method"
          value={method}
          onChange={(e) => setMethod(e.target.value as 'idw' | 'kriging')}
        >
          <option value="idw">{t('soilZones.form.methods.idw')}</option>
          <option value="kriging">{t('soilZones.form.methods.kriging')}</option>
        </select>
      </label>
      {method === 'idw' && (
        <label>
          {t('soilZones.form.power')}
          <input
            type="number"
            step="0.1"
            min={0.1}
            max={20}
            value={power}
            onChange={(e) => setPower(e.target.value)}
          />
        </label>
      )}
      <label>
        {t('soilZones.form.neighbours')}
        <input
          type="number"
          min={1}
          max={500}
          value={neighbours}
          onChange={(e) => setNeighbours(e.target.value)}
        />
      </label>
      <label>
        {t('soilZones.form.radius')}
        <input type="number" min={1} value={radius} onChange={(e) => setRadius(e.target.value)} />
      </label>
      {method === 'kriging' && (
        <>
          <label>
            {t('soilZones.form.variogram')}
            <select value={fit} onChange={(e) => setFit(e.target.value as 'auto' | 'fit' | 'manual')}>
              <option value="auto">{t('soilZones.form.fit.auto')}</option>
              <option value="fit">{t('soilZones.form.fit.fit')}</option>
              <option value="manual">{t('soilZones.form.fit.manual')}</option>
            </select>
          </label>
          {fit !== 'auto' && (
            <label>
              {t('soilZones.form.model')}
              <select value={model} onChange={(e) => setModel(e.target.value as (typeof MODELS)[number])}>
                {MODELS.map((m) => (
                  <option key={m} value={m}>
                    {t(`soilZones.form.models.${m}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {fit === 'manual' && (
            <>
              <label>
                {t('soilZones.form.nugget')}
                <input
                  type="number"
                  step="any"
                  min={0}
                  value={nugget}
                  onChange={(e) => setNugget(e.target.value)}
                />
              </label>
              <label>
                {t('soilZones.form.psill')}
                <input
                  type="number"
                  step="any"
                  min={0}
                  value={psill}
                  onChange={(e) => setPsill(e.target.value)}
                />
              </label>
              <label>
                {t('soilZones.form.range')}
                <input
                  type="number"
                  step="any"
                  min={1}
                  value={range}
                  onChange={(e) => setRange(e.target.value)}
                />
              </label>
            </>
          )}
        </>
      )}
      <label>
        {t('soilZones.form.name')}
        <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </label>
      <p className="soil-note soil-form__wide" data-testid="run-filter">
        {t('soilZones.filter.applied', {
          text: filterText(
            {
              from: filter.from || null,
              to: filter.to || null,
              landUses: filter.landUse ? [filter.landUse] : null,
              grid: grids.find((g) => g.id === filter.gridId) ?? null,
            },
            t,
          ),
        })}
      </p>
      <button type="submit" className="primary" data-testid="run-submit" disabled={busy}>
        {busy ? t('soilZones.form.running') : t('soilZones.form.run')}
      </button>
    </form>
  );
}

function fmt(value: number | null | undefined, lang: 'zh-CN' | 'en', digits = 3): string {
  return value === null || value === undefined ? '—' : formatNumber(value, lang, digits);
}

export function RunList({
  runs,
  current,
  compare,
  onOpen,
  onCompare,
  onRename,
  onDelete,
}: {
  runs: ZoningRunSummary[];
  current: number | null;
  compare: number | null;
  onOpen: (id: number) => void;
  onCompare: (id: number | null) => void;
  /** Resolves true when renamed (false when refused: the caller tells why). */
  onRename: (run: ZoningRunSummary, name: string) => Promise<boolean>;
  onDelete: (run: ZoningRunSummary) => void;
}): ReactElement {
  const { t } = useTranslation();
  /** The run being renamed: the name typed and the name it had when the rename began. */
  const [editing, setEditing] = useState<{ id: number; name: string; was: string } | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const save = (r: ZoningRunSummary) => {
    if (!editing || !editing.name.trim()) return;
    void onRename(r, editing.name.trim()).then((ok) => ok && setEditing(null));
  };
  return (
    <div className="soil-scroll">
      <table className="data-table soil-runs" data-testid="run-list">
        <thead>
          <tr>
            <th scope="col">{t('soilZones.form.name')}</th>
            <th scope="col">{t('soilZones.form.method')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <Fragment key={r.id}>
              <tr className={r.id === current ? 'is-current' : undefined} data-run={r.id}>
                <td>
                  {editing?.id === r.id ? (
                    <form
                      className="soil-rename"
                      onSubmit={(e) => {
                        e.preventDefault();
                        save(r);
                      }}
                    >
                      <input
                        aria-label={t('soilZones.form.name')}
                        data-testid="rename-input"
                        value={editing.name}
                        maxLength={100}
                        required
                        autoFocus
                        onChange={(e) => setEditing({ ...editing, name: e.target.value })}
                      />
                      <button type="submit" className="primary" disabled={!editing.name.trim()}>
                        {t('soilZones.manage.save')}
                      </button>
                      <button type="button" onClick={() => setEditing(null)}>
                        {t('soilZones.manage.cancel')}
                      </button>
                      {r.name !== editing.was && (
                        <small className="soil-note" data-testid="rename-now">
                          {t('soilZones.manage.now', { name: r.name })}
                        </small>
                      )}
                    </form>
                  ) : (
                    <>
                      <span className="soil-run-name">{r.name}</span>
                      <small className="soil-note">
                        {t('soilZones.manage.created', {
                          by: r.createdBy,
                          at: formatDateTime(r.createdAt),
                        })}
                      </small>
                    </>
                  )}
                </td>
                <td>
                  {t(`enums.soilMetal.${r.metal}`)} · {t(`soilZones.form.methods.${r.method}`)}
                </td>
                <td className="soil-actions">
                  <button type="button" onClick={() => onOpen(r.id)} disabled={r.id === current}>
                    {t('soilZones.result.open')}
                  </button>
                  {current !== null && r.id !== current && (
                    <button
                      type="button"
                      aria-pressed={r.id === compare}
                      onClick={() => onCompare(r.id === compare ? null : r.id)}
                    >
                      {t('soilZones.result.compareWith')}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => {
                      setConfirming(null);
                      setEditing({ id: r.id, name: r.name, was: r.name });
                    }}
                  >
                    {t('soilZones.manage.rename')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      setEditing(null);
                      setConfirming(r.id);
                    }}
                  >
                    {t('soilZones.manage.delete')}
                  </button>
                </td>
              </tr>
              {confirming === r.id && (
                <tr className="soil-confirm">
                  <td colSpan={3}>
                    <div
                      role="alertdialog"
                      aria-label={t('soilZones.manage.delete')}
                      data-testid="confirm-delete"
                    >
                      <p>{t('soilZones.manage.confirm', { name: r.name })}</p>
                      <div className="soil-actions">
                        <button
                          type="button"
                          className="danger primary"
                          onClick={() => {
                            setConfirming(null);
                            onDelete(r);
                          }}
                        >
                          {t('soilZones.manage.confirmDelete')}
                        </button>
                        <button type="button" autoFocus onClick={() => setConfirming(null)}>
                          {t('soilZones.manage.cancel')}
                        </button>
                      </div>
                    </div>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The sample filter a run recorded, in words. */
export function filterText(f: ZoningRunSummary['sampleFilter'], t: TFunction): string {
  const parts = [
    f.from || f.to ? `${f.from ?? '…'} – ${f.to ?? '…'}` : null,
    f.grid ? f.grid.name : null,
    f.landUses ? f.landUses.map((l) => t(`enums.landUse.${l}`)).join('、') : null,
  ].filter((x): x is string => x !== null);
  return parts.length ? parts.join('；') : t('soilZones.filter.none');
}

function parametersText(run: ZoningRunDetail, lang: 'zh-CN' | 'en'): string {
  const p = run.parameters as {
    power?: number;
    maxNeighbors?: number;
    maxDistance?: number;
    used?: { maxNeighbors?: number; maxDistance?: number | null };
  };
  const parts: string[] = [];
  if (run.method === 'idw' && p.power !== undefined) parts.push(`p = ${p.power}`);
  const k = p.maxNeighbors ?? p.used?.maxNeighbors;
  if (k !== undefined) parts.push(lang === 'en' ? `${k} neighbours` : `邻近点 ${k}`);
  const d = p.maxDistance ?? p.used?.maxDistance;
  if (d)
    parts.push(lang === 'en' ? `radius ${formatNumber(d, lang, 0)} m` : `半径 ${formatNumber(d, lang, 0)} m`);
  parts.push(lang === 'en' ? `cell ${run.cellSizeM} m` : `格网 ${run.cellSizeM} m`);
  return parts.join(', ');
}

function RunMeta({ run }: { run: ZoningRunDetail }): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const rows: [string, string][] = [
    [t('soilZones.meta.area'), run.area.name],
    [
      t('soilZones.meta.samples'),
      t('soilZones.meta.samplesValue', { count: run.sampleCount, merged: run.mergedSamples }),
    ],
    [t('soilZones.meta.dates'), `${run.sampledFrom} – ${run.sampledTo}`],
    [t('soilZones.meta.filter'), filterText(run.sampleFilter, t)],
    [t('soilZones.meta.parameters'), parametersText(run, lang)],
    [t('soilZones.meta.standard'), run.standard],
    [t('soilZones.meta.author'), run.createdBy],
    [t('soilZones.meta.time'), formatDateTime(run.createdAt)],
  ];
  return (
    <details className="soil-meta" data-testid="run-meta">
      <summary>
        {t('soilZones.meta.title')}: {t(`enums.soilMetal.${run.metal}`)} ·{' '}
        {t(`soilZones.form.methods.${run.method}`)} · {run.area.name} · {run.sampleCount}
      </summary>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function RunResult({
  run,
  other,
  comparison,
  mapLayer,
  onMapLayer,
  surface,
  swipe,
  onSwipe,
  onSuggestion,
}: {
  run: ZoningRunDetail;
  other: ZoningRunDetail | null;
  comparison: RunComparison | null;
  mapLayer: MapLayer;
  onMapLayer: (layer: MapLayer) => void;
  /** The surface shown on the map (for its legend), once loaded. */
  surface: SurfaceView | null;
  /** Swipe position (0–1, west to east) when comparing two runs on the map; null when off. */
  swipe: number | null;
  onSwipe: (position: number | null) => void;
  onSuggestion: (s: { lon: number; lat: number }) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const cols = other ? [run, other] : [run];
  const links = soilExports(run.id);
  const v = run.variogram;
  return (
    <section className="soil-result" data-testid="run-result">
      <h3>{run.name}</h3>
      <RunMeta run={run} />
      <p className="soil-note">{t('soilZones.zone.pick')}</p>
      {run.warnings.length > 0 && (
        <ul className="soil-warnings" aria-label={t('soilZones.result.warnings')}>
          {run.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <fieldset className="soil-layers" data-testid="map-layer">
        <legend>{t('soilZones.result.map')}</legend>
        {MAP_LAYERS.filter((l) => l !== 'variance' || run.method === 'kriging').map((l) => (
          <label key={l}>
            <input
              type="radio"
              name="soil-map-layer"
              checked={mapLayer === l}
              onChange={() => onMapLayer(l)}
            />
            {t(`soilZones.result.layers.${l}`)}
          </label>
        ))}
      </fieldset>
      {mapLayer === 'zones' || swipe !== null ? (
        <ZoneLegend run={run} />
      ) : surface ? (
        <SurfaceLegend layer={mapLayer} view={surface} run={run} />
      ) : null}
      {other && (
        <fieldset className="soil-swipe" data-testid="swipe">
          <legend>
            <label>
              <input
                type="checkbox"
                data-testid="swipe-toggle"
                checked={swipe !== null}
                onChange={(e) => onSwipe(e.target.checked ? 0.5 : null)}
              />
              {t('soilZones.swipe.title')}
            </label>
          </legend>
          {swipe !== null && (
            <>
              <div className="soil-swipe__names">
                <span>{t('soilZones.swipe.left', { name: run.name })}</span>
                <span>{t('soilZones.swipe.right', { name: other.name })}</span>
              </div>
              <input
                type="range"
                min={0}
                max={100}
                step={1}
                data-testid="swipe-position"
                aria-label={t('soilZones.swipe.position')}
                value={Math.round(swipe * 100)}
                onChange={(e) => onSwipe(Number(e.target.value) / 100)}
              />
            </>
          )}
        </fieldset>
      )}
      <h4>{t('soilZones.result.cv')}</h4>
      <div className="soil-scroll">
        <table className="data-table" data-testid="cv-table">
          <thead>
            <tr>
              <th scope="col" />
              {cols.map((c) => (
                <th scope="col" key={c.id}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('soilZones.result.samples')}</th>
              {cols.map((c) => (
                <td key={c.id}>{c.crossValidation.n}</td>
              ))}
            </tr>
            {(['me', 'rmse', 'msse'] as const).map((k) => (
              <tr key={k}>
                <th scope="row">{t(`soilZones.result.${k}`)}</th>
                {cols.map((c) => (
                  <td key={c.id}>{fmt(c.crossValidation[k], lang, 4)}</td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t('soilZones.result.coverage')}</th>
              {cols.map((c) => (
                <td key={c.id}>
                  {c.crossValidation.coverage90 === null
                    ? '—'
                    : `${formatNumber(c.crossValidation.coverage90 * 100, lang, 1)}%`}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <h4>{t('soilZones.result.areas')}</h4>
      <div className="soil-scroll">
        <table className="data-table" data-testid="area-table">
          <thead>
            <tr>
              <th scope="col" />
              {cols.map((c) => (
                <th scope="col" key={c.id}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ZONE_CLASSES.map((k) => (
              <tr key={k}>
                <th scope="row">
                  <span className="soil-swatch" style={{ background: SOIL_CLASS_COLORS[k] }} />
                  {t(`soilZones.classes.${k}`)}
                </th>
                {cols.map((c) => (
                  <td key={c.id}>
                    {formatNumber(c.classAreas[k]?.areaMu ?? 0, lang, 0)} (
                    {formatNumber((c.classAreas[k]?.share ?? 0) * 100, lang, 1)}%)
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {comparison && (
        <p data-testid="agreement">
          {t('soilZones.result.agreement', {
            share: `${formatNumber(comparison.agreement * 100, lang, 1)}%`,
          })}
        </p>
      )}
      {v && (
        <>
          <h4>{t('soilZones.result.variogram')}</h4>
          <VariogramPlot variogram={v} label={t('soilZones.result.variogram')} />
          <p className="soil-note" data-testid="variogram-model">
            {t('soilZones.result.modelUsed', {
              model: t(`soilZones.form.models.${v.model.model}`),
              nugget: fmt(v.model.nugget, lang, 4),
              psill: fmt(v.model.psill, lang, 4),
              range: formatNumber(v.model.range, lang, 0),
            })}
          </p>
          <details>
            <summary>{t('soilZones.result.lags')}</summary>
            <div className="soil-scroll">
              <table className="data-table" data-testid="lag-table">
                <thead>
                  <tr>
                    <th scope="col">{t('soilZones.result.lagNo')}</th>
                    <th scope="col">{t('soilZones.result.pairs')}</th>
                    <th scope="col">{t('soilZones.result.dist')}</th>
                    <th scope="col">{t('soilZones.result.gamma')}</th>
                  </tr>
                </thead>
                <tbody>
                  {v.lags.map((l, i) => (
                    <tr key={i}>
                      <td>{i + 1}</td>
                      <td>{l.np}</td>
                      <td>{formatNumber(l.dist, lang, 0)}</td>
                      <td>{fmt(l.gamma, lang, 5)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
      <h4>{t('soilZones.result.suggestions')}</h4>
      <p className="soil-note">{t('soilZones.result.suggestionsNote')}</p>
      <div className="soil-scroll">
        <table className="data-table" data-testid="suggestions">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('soilZones.result.entropy')}</th>
              <th scope="col">{t('soilZones.result.layers.pScreening')}</th>
              <th scope="col">{t('soilZones.overlay.klass')}</th>
              <th scope="col">{t('soilZones.result.nearest')}</th>
              <th scope="col">{t('soilZones.result.location')}</th>
            </tr>
          </thead>
          <tbody>
            {run.suggestions.map((s, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>{formatNumber(s.entropy, lang, 2)}</td>
                <td>{formatNumber(s.pScreening * 100, lang, 0)}%</td>
                <td>{t(`soilZones.classes.${s.class}`)}</td>
                <td>{formatNumber(s.nearestSampleM, lang, 0)} m</td>
                <td>
                  <button type="button" className="link" onClick={() => onSuggestion(s)}>
                    {s.lon.toFixed(5)}, {s.lat.toFixed(5)}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>{t('soilZones.result.exports')}</h4>
      <div className="soil-exports" data-testid="exports">
        <a className="button" href={links.geojson} download={`soil-zones-${run.id}.geojson`}>
          {t('soilZones.result.geojson')}
        </a>
        <a className="button" href={links.shapefile} download={`soil-zones-${run.id}.zip`}>
          {t('soilZones.result.shapefile')}
        </a>
        <a className="button" href={links.excel} download={`soil-subjects-${run.id}.xlsx`}>
          {t('soilZones.result.excel')}
        </a>
      </div>
    </section>
  );
}
