/** Method and spatial weights of a hotspot statistic (shared by the residue units and the analyst's own data). */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { WeightsChoice } from './api';

const METHODS = ['gi_star', 'local_moran', 'global_moran'] as const;
const WEIGHTS = ['queen', 'rook', 'knn', 'distance_band'] as const;

export const DEFAULT_WEIGHTS: WeightsChoice = {
  method: 'gi_star',
  weights: 'queen',
  k: 6,
  distance: 3000,
  standardization: 'row',
  permutations: 999,
  seed: 42,
};

/** The request members the server reads (distance only for a distance band, permutations only for Moran). */
export function weightsBody(w: WeightsChoice): WeightsChoice {
  return {
    method: w.method,
    weights: w.weights,
    standardization: w.standardization,
    ...(w.weights === 'knn' ? { k: w.k ?? 6 } : {}),
    ...(w.weights === 'distance_band' ? { distance: w.distance ?? 3000 } : {}),
    ...(w.method === 'gi_star' ? {} : { permutations: w.permutations ?? 0, seed: w.seed ?? 0 }),
  };
}

export function WeightsForm({
  value,
  onChange,
}: {
  value: WeightsChoice;
  onChange: (w: WeightsChoice) => void;
}): ReactElement {
  const { t } = useTranslation();
  const set = (patch: Partial<WeightsChoice>) => onChange({ ...value, ...patch });
  const num = (v: string, fallback: number) =>
    Number.isFinite(Number(v)) && v !== '' ? Number(v) : fallback;
  return (
    <>
      <label>
        {t('analysis.hot.method')}
        <select
          data-testid="hot-method"
          value={value.method}
          onChange={(e) => set({ method: e.target.value as WeightsChoice['method'] })}
        >
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`analysis.hot.methods.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('analysis.hot.weights')}
        <select
          data-testid="hot-weights"
          value={value.weights}
          onChange={(e) => set({ weights: e.target.value as WeightsChoice['weights'] })}
        >
          {WEIGHTS.map((w) => (
            <option key={w} value={w}>
              {t(`analysis.hot.weightKinds.${w}`)}
            </option>
          ))}
        </select>
      </label>
      {value.weights === 'knn' && (
        <label>
          {t('analysis.hot.k')}
          <input
            type="number"
            min={1}
            max={50}
            value={value.k ?? 6}
            onChange={(e) => set({ k: num(e.target.value, 6) })}
          />
        </label>
      )}
      {value.weights === 'distance_band' && (
        <label>
          {t('analysis.hot.distance')}
          <input
            type="number"
            min={1}
            step={100}
            value={value.distance ?? 3000}
            onChange={(e) => set({ distance: num(e.target.value, 3000) })}
          />
        </label>
      )}
      <label>
        {t('analysis.hot.standardization')}
        <select
          value={value.standardization}
          onChange={(e) => set({ standardization: e.target.value as WeightsChoice['standardization'] })}
        >
          <option value="binary">{t('analysis.hot.styles.binary')}</option>
          <option value="row">{t('analysis.hot.styles.row')}</option>
        </select>
      </label>
      {value.method !== 'gi_star' && (
        <>
          <label>
            {t('analysis.hot.permutations')}
            <input
              type="number"
              min={0}
              max={9999}
              value={value.permutations ?? 999}
              onChange={(e) => set({ permutations: num(e.target.value, 999) })}
            />
          </label>
          <label>
            {t('analysis.hot.seed')}
            <input
              type="number"
              min={0}
              value={value.seed ?? 42}
              onChange={(e) => set({ seed: num(e.target.value, 42) })}
            />
          </label>
        </>
      )}
    </>
  );
}
