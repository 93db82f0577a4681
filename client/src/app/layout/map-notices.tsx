/** Problems and notes shown over the map: configuration or tile service failures, an empty database, errors. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui/notice';
import { describeError } from '../describe-error';

export interface MapNoticesProps {
  configError: unknown;
  sourcesError: unknown;
  noCounty: boolean;
  errors: { id: number; text: string }[];
  onRetry: () => void;
  onDismiss: (id: number) => void;
}

export function MapNotices({
  configError,
  sourcesError,
  noCounty,
  errors,
  onRetry,
  onDismiss,
}: MapNoticesProps): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="map-notices" aria-live="polite">
      {configError !== null && (
        <Notice onRetry={onRetry} retryLabel={t('inspector.retry')}>
          {t('map.configError', { message: describeError(configError, t) })}
        </Notice>
      )}
      {sourcesError !== null && (
        <Notice onRetry={onRetry} retryLabel={t('inspector.retry')}>
          {t('map.tilesError', { message: describeError(sourcesError, t) })}
        </Notice>
      )}
      {noCounty && <Notice tone="info">{t('map.noCounty')}</Notice>}
      {errors.map((error) => (
        <Notice key={error.id} onDismiss={() => onDismiss(error.id)} dismissLabel={t('errors.dismiss')}>
          {error.text}
        </Notice>
      ))}
    </div>
  );
}
