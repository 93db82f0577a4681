/**
 * The sample filter of the soil workspace (样点筛选): sampling dates, grid, land use and the metal measured. It
 * applies to the samples on the map and to the samples a new zoning run interpolates (which records it).
 */
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridSummary } from '../../../../server/contracts/api';
import type { LandUse, SoilMetal } from '../../../../server/contracts/enums';
import { NO_FILTER, type SampleFilter } from './api';

const LAND_USES: LandUse[] = ['paddy', 'dry', 'orchard', 'other'];
const METALS: SoilMetal[] = ['cd', 'hg', 'as', 'pb', 'cr', 'cu', 'ni', 'zn'];

/** How many of the filter's fields are set. */
export function activeFields(f: SampleFilter): number {
  return [f.from, f.to, f.gridId, f.landUse, f.metal].filter((v) => v !== '' && v !== null).length;
}

export function SampleFilterForm({
  grids,
  value,
  onChange,
}: {
  grids: GridSummary[];
  value: SampleFilter;
  onChange: (f: SampleFilter) => void;
}): ReactElement {
  const { t } = useTranslation();
  // Dates are applied only when they make a range; a reversed range stays in the form with a message.
  const [dates, setDates] = useState({ from: value.from, to: value.to });
  const reversed = dates.from !== '' && dates.to !== '' && dates.from > dates.to;
  const setDate = (key: 'from' | 'to', text: string) => {
    const next = { ...dates, [key]: text };
    setDates(next);
    if (!(next.from && next.to && next.from > next.to)) onChange({ ...value, ...next });
  };
  const n = activeFields(value);
  const byLevel = (level: string) => grids.filter((g) => g.level === level);
  return (
    <details className="soil-filter" data-testid="sample-filter" open={n > 0 || undefined}>
      <summary>
        {t('soilZones.filter.title')}
        {n > 0 && <span className="soil-badge">{t('soilZones.filter.active', { count: n })}</span>}
      </summary>
      <div className="soil-form">
        <label>
          {t('soilZones.filter.from')}
          <input
            type="date"
            data-testid="filter-from"
            value={dates.from}
            aria-invalid={reversed || undefined}
            onChange={(e) => setDate('from', e.target.value)}
          />
        </label>
        <label>
          {t('soilZones.filter.to')}
          <input
            type="date"
            data-testid="filter-to"
            value={dates.to}
            aria-invalid={reversed || undefined}
            onChange={(e) => setDate('to', e.target.value)}
          />
        </label>
        <label>
          {t('soilZones.filter.grid')}
          <select
            data-testid="filter-grid"
            value={value.gridId ?? ''}
            onChange={(e) => onChange({ ...value, gridId: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">{t('soilZones.filter.allGrids')}</option>
            {byLevel('township').map((township) => (
              <optgroup key={township.id} label={township.name}>
                <option value={township.id}>{township.name}</option>
                {grids
                  .filter((g) => g.parentId === township.id)
                  .map((village) => (
                    <option key={village.id} value={village.id}>
                      {`— ${village.name}`}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          {t('soilZones.filter.landUse')}
          <select
            data-testid="filter-land-use"
            value={value.landUse ?? ''}
            onChange={(e) => onChange({ ...value, landUse: (e.target.value || null) as LandUse | null })}
          >
            <option value="">{t('soilZones.filter.all')}</option>
            {LAND_USES.map((l) => (
              <option key={l} value={l}>
                {t(`enums.landUse.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('soilZones.filter.metal')}
          <select
            data-testid="filter-metal"
            value={value.metal ?? ''}
            onChange={(e) => onChange({ ...value, metal: (e.target.value || null) as SoilMetal | null })}
          >
            <option value="">{t('soilZones.filter.anyMetal')}</option>
            {METALS.map((m) => (
              <option key={m} value={m}>
                {t(`enums.soilMetal.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="filter-reset"
          disabled={n === 0 && !reversed}
          onClick={() => {
            setDates({ from: '', to: '' });
            onChange(NO_FILTER);
          }}
        >
          {t('soilZones.filter.reset')}
        </button>
      </div>
      {reversed && (
        <p className="soil-error" role="alert">
          {t('soilZones.filter.reversed')}
        </p>
      )}
      <p className="soil-note">{t('soilZones.filter.note')}</p>
    </details>
  );
}
