/** Titles of the map's own buttons in the current language. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlLabels } from '../map/map-controller';

export function useControlLabels(): ControlLabels {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      zoomIn: t('map.controls.zoomIn'),
      zoomOut: t('map.controls.zoomOut'),
      resetBearing: t('map.controls.resetBearing'),
      toggleAttribution: t('map.controls.toggleAttribution'),
      fitCounty: t('map.fitCounty'),
      mapLabel: t('map.controls.mapLabel'),
    }),
    [t],
  );
}
