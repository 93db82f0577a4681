/**
 * Hot spots on the analyst's own data (我的数据): a GeoJSON FeatureCollection read in the browser, a numeric property,
 * the method and the weights → POST /api/analysis/hotspots; the result (one row per feature, in input order) is
 * drawn by class with deck.gl and can be saved as GeoJSON.
 */
import { type ReactElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotspotsResponse } from '../../../../server/contracts/analysis';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { MapHandle } from '../../map/map-handle';
import { analysisApi, saveBlob, type WeightsChoice } from './api';
import { Legend } from './rates-view';
import { GI_CLASSES, HOT_COLORS, LISA_CLASSES, bboxOf } from './scales';
import { DEFAULT_WEIGHTS, WeightsForm, weightsBody } from './weights-form';

const DECK_GROUP = 'analysis-own';

interface Collection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    geometry: { type: string; coordinates: unknown } | null;
    properties: Record<string, unknown> | null;
  }[];
}

/** Properties holding a number (or a numeric string) in at least one feature. */
export function numericProperties(data: Collection): string[] {
  const names = new Set<string>();
  for (const f of data.features.slice(0, 500))
    for (const [key, value] of Object.entries(f.properties ?? {}))
      if (
        typeof value === 'number' ||
        (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      )
        names.add(key);
  return [...names];
}

function parse(text: string): Collection | null {
  try {
    const value = JSON.parse(text) as Partial<Collection>;
    return value && value.type === 'FeatureCollection' && Array.isArray(value.features)
      ? (value as Collection)
      : null;
  } catch {
    return null;
  }
}

export function OwnDataView({
  map,
  onError,
}: {
  map: MapHandle;
  onError: (text: string) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const [data, setData] = useState<Collection | null>(null);
  const [property, setProperty] = useState('');
  const [weights, setWeights] = useState<WeightsChoice>(DEFAULT_WEIGHTS);
  const [result, setResult] = useState<HotspotsResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const properties = useMemo(() => (data ? numericProperties(data) : []), [data]);

  const load = async (file: File | undefined) => {
    setResult(null);
    if (!file) return;
    const parsed = parse(await file.text());
    if (!parsed) {
      setData(null);
      onError(t('analysis.own.badFile'));
      return;
    }
    setData(parsed);
    setProperty(numericProperties(parsed)[0] ?? '');
    const bbox = bboxOf(parsed.features);
    if (bbox) map.fitBounds(bbox);
  };

  const run = () => {
    if (!data) return;
    setBusy(true);
    analysisApi
      .hotspots({ data, property, ...weightsBody(weights) }, options)
      .then(setResult)
      .catch((e: unknown) => onError(describeError(e, t)))
      .finally(() => setBusy(false));
  };

  // The features with their result, for the map and the download.
  const joined = useMemo(() => {
    if (!data || !result) return null;
    return {
      type: 'FeatureCollection' as const,
      features: data.features.map((f, i) => {
        const r = result.results[i];
        return {
          ...f,
          properties: {
            ...(f.properties ?? {}),
            statistic: r?.statistic ?? null,
            z: r?.z ?? null,
            p: r?.p ?? null,
            p_adjusted: r?.pAdjusted ?? null,
            pseudo_p: r?.pseudoP ?? null,
            class: r?.class ?? null,
            excluded: r?.excluded ?? null,
            color: HOT_COLORS[r?.class ?? 'none'],
          },
        };
      }),
    };
  }, [data, result]);

  useEffect(() => {
    let live = true;
    if (!joined) {
      map.setDeckLayers(DECK_GROUP, null);
      return;
    }
    import('../../overlays/analysis-result.layer')
      .then(({ analysisResultLayer }) => live && map.setDeckLayers(DECK_GROUP, [analysisResultLayer(joined)]))
      .catch((e: unknown) => onError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [map, joined, onError, t]);

  useEffect(() => () => map.setDeckLayers(DECK_GROUP, null), [map]);

  const excluded = result?.results.filter((r) => r.excluded).length ?? 0;
  const classes = weights.method === 'local_moran' ? LISA_CLASSES : GI_CLASSES;
  return (
    <div className="analysis__view" data-testid="own-view">
      <p>{t('analysis.own.intro')}</p>
      <label>
        {t('analysis.own.file')}
        <input
          type="file"
          data-testid="own-file"
          accept=".geojson,.json,application/geo+json,application/json"
          onChange={(e) => void load(e.target.files?.[0])}
        />
      </label>
      {data && <p>{t('analysis.own.features', { count: data.features.length })}</p>}
      {data && (
        <div className="analysis__controls">
          <label>
            {t('analysis.own.property')}
            <select data-testid="own-property" value={property} onChange={(e) => setProperty(e.target.value)}>
              {properties.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <WeightsForm value={weights} onChange={setWeights} />
        </div>
      )}
      <div className="analysis__row">
        <button
          type="button"
          className="analysis__primary"
          data-testid="own-run"
          disabled={!data || !property || busy}
          onClick={run}
        >
          {busy ? t('analysis.hot.running') : t('analysis.hot.run')}
        </button>
        <button
          type="button"
          disabled={!joined}
          onClick={() =>
            joined &&
            saveBlob(new Blob([JSON.stringify(joined)], { type: 'application/geo+json' }), 'hotspots.geojson')
          }
        >
          {t('analysis.hot.exportGeojson')}
        </button>
      </div>
      {result && (
        <>
          <Legend
            title={t('analysis.hot.legend')}
            items={classes.map((c) => ({ label: t(`analysis.hot.classes.${c}`), color: HOT_COLORS[c] }))}
          />
          {result.global && (
            <p data-testid="own-global">
              {t('analysis.hot.global', {
                I: result.global.I.toFixed(4),
                z: result.global.z.toFixed(2),
                p: result.global.p.toPrecision(3),
                n: result.global.n,
              })}
            </p>
          )}
          {excluded > 0 && (
            <p className="analysis__warn">{t('analysis.own.excluded', { count: excluded })}</p>
          )}
          {result.warnings.map((w) => (
            <p key={w.code} className="analysis__warn">
              {lang === 'en' ? w.en : w.zh}
            </p>
          ))}
          <p data-testid="own-summary">
            {classes
              .map((c) => [c, result.results.filter((r) => (r.class ?? 'none') === c).length] as const)
              .filter(([, n]) => n > 0)
              .map(([c, n]) => `${t(`analysis.hot.classes.${c}`)} ${n}`)
              .join(' · ')}
          </p>
        </>
      )}
    </div>
  );
}
