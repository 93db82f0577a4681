/** The units of an area analysis: village or township grids, or hexagons of a size in metres. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Units } from './api';

export function UnitsPicker({
  units,
  onChange,
}: {
  units: Units;
  onChange: (u: Units) => void;
}): ReactElement {
  const { t } = useTranslation();
  const value = units.kind === 'hexagon' ? 'hexagon' : units.level;
  return (
    <>
      <label>
        {t('analysis.units.label')}
        <select
          data-testid="units"
          value={value}
          onChange={(e) =>
            onChange(
              e.target.value === 'hexagon'
                ? { kind: 'hexagon', sizeM: 1500 }
                : { kind: 'grid', level: e.target.value as 'village' | 'township' },
            )
          }
        >
          <option value="village">{t('analysis.units.village')}</option>
          <option value="township">{t('analysis.units.township')}</option>
          <option value="hexagon">{t('analysis.units.hexagon')}</option>
        </select>
      </label>
      {units.kind === 'hexagon' && (
        <label>
          {t('analysis.units.sizeM')}
          <input
            type="number"
            min={100}
            max={50000}
            step={100}
            value={units.sizeM}
            onChange={(e) =>
              onChange({
                kind: 'hexagon',
                sizeM: Math.min(50000, Math.max(100, Number(e.target.value) || 1500)),
              })
            }
          />
        </label>
      )}
    </>
  );
}
