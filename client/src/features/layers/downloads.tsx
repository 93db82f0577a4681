/**
 * Downloads of a layer as GeoJSON, zipped Shapefile or GeoPackage: links to the OGC export of its collection
 * (GET /ogc/collections/{id}/export, docs/api.md), which holds the rows of the account's jurisdiction that the
 * given filters (bbox, datetime, property equality) select. A button opens the three links below its row.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api/http';
import { Icon } from '../../ui/icons';
import './downloads.css';

export type OgcCollectionId =
  | 'grids-county'
  | 'grids-township'
  | 'grids-village'
  | 'subjects'
  | 'samples'
  | 'soil-samples'
  | 'soil-zones'
  | 'patrols';

export const DOWNLOAD_FORMATS = [
  { f: 'geojson', ext: 'geojson', label: 'GeoJSON' },
  { f: 'shp', ext: 'zip', label: 'Shapefile' },
  { f: 'gpkg', ext: 'gpkg', label: 'GeoPackage' },
] as const;

export type DownloadQuery = Record<string, string | undefined>;

export function exportUrl(collection: OgcCollectionId, f: string, query: DownloadQuery = {}): string {
  return withQuery(`/ogc/collections/${collection}/export`, { ...query, f });
}

/** The button that opens a layer's download links (aria-expanded; the caller renders the links). */
export function DownloadButton({
  name,
  open,
  onToggle,
  controls,
}: {
  name: string;
  open: boolean;
  onToggle: () => void;
  controls: string;
}): ReactElement {
  const { t } = useTranslation();
  const label = t('layers.download.open', { name });
  return (
    <button
      type="button"
      className="download-button"
      aria-label={label}
      title={label}
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      <Icon name="download" size={18} />
    </button>
  );
}

/** The three download links of a collection, and a note on what they hold (`note` replaces it, `extra` adds to it). */
export function DownloadLinks({
  id,
  collection,
  query,
  note,
  extra,
}: {
  id: string;
  collection: OgcCollectionId;
  query?: DownloadQuery;
  note?: string;
  extra?: string;
}): ReactElement {
  const { t } = useTranslation();
  const file = collection.replaceAll('-', '_');
  return (
    <div className="download-links" id={id} data-downloads={collection}>
      <ul>
        {DOWNLOAD_FORMATS.map((format) => (
          <li key={format.f}>
            <a
              href={exportUrl(collection, format.f, query)}
              download={`${file}.${format.ext}`}
              data-format={format.f}
            >
              <Icon name="download" size={15} />
              {format.label}
            </a>
          </li>
        ))}
      </ul>
      <p className="download-links__note">
        {note ?? t('layers.download.scope')}
        {extra && ` ${extra}`}
      </p>
    </div>
  );
}
