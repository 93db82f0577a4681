/**
 * The layer panel: one switch per layer, grouped as the supervision work is (网格, 生产主体, 生产基地, 抽样检测,
 * 土壤采样点, 巡查轨迹, 分析). A group of one switch shows no heading of its own (the switch says the same), but
 * keeps it for screen readers. A note appears when a layer only draws closer in. Each layer with an OGC
 * collection has a download button: GeoJSON, Shapefile or GeoPackage of the records of the jurisdiction.
 */
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUPS, TOGGLES, type ToggleId } from '../../map/catalog';
import { Panel } from '../../ui/panel';
import { DownloadButton, DownloadLinks, type OgcCollectionId } from './downloads';
import './layers.css';

/** The OGC collection behind each layer that has one (production bases and the heat map have none). */
const COLLECTION_OF: Partial<Record<ToggleId, OgcCollectionId>> = {
  county: 'grids-county',
  township: 'grids-township',
  village: 'grids-village',
  subjects: 'subjects',
  samples: 'samples',
  soil: 'soil-samples',
  patrols: 'patrols',
};

export interface LayerPanelProps {
  visibility: Record<ToggleId, boolean>;
  zoom: number | null;
  onToggle: (id: ToggleId, visible: boolean) => void;
  onClose?: () => void;
  /** Shown while a layer's data is loading (the heat map fetches on demand). */
  busy?: Partial<Record<ToggleId, boolean>>;
}

export function LayerPanel({
  visibility,
  zoom,
  onToggle,
  onClose,
  busy = {},
}: LayerPanelProps): ReactElement {
  const { t } = useTranslation();
  const [downloads, setDownloads] = useState<ToggleId | null>(null);
  return (
    <Panel
      id="layer-panel"
      className="layer-panel"
      title={t('layers.title')}
      closeLabel={t('layers.close')}
      onClose={onClose}
    >
      {GROUPS.map((group) => (
        <fieldset
          key={group.id}
          className={`layer-group ${group.toggles.length === 1 && group.id !== 'analysis' ? 'layer-group--single' : ''}`}
        >
          <legend className="layer-group__title">{t(`layers.groups.${group.id}`)}</legend>
          {group.toggles.map((id) => {
            const { minzoom } = TOGGLES[id];
            const tooFar = visibility[id] && zoom !== null && zoom < minzoom;
            const collection = COLLECTION_OF[id];
            const name = t(`layers.items.${id}`);
            return (
              <div key={id} className="layer-row">
                <label className="layer-toggle" data-toggle={id}>
                  <input
                    type="checkbox"
                    className="switch"
                    checked={visibility[id]}
                    onChange={(event) => onToggle(id, event.target.checked)}
                  />
                  <span className="layer-toggle__text">
                    <span>{name}</span>
                    {tooFar && (
                      <span className="layer-toggle__hint">{t('layers.zoomHint', { zoom: minzoom })}</span>
                    )}
                  </span>
                  {busy[id] && (
                    <span className="loading__spinner loading__spinner--small" aria-hidden="true" />
                  )}
                </label>
                {collection && (
                  <DownloadButton
                    name={name}
                    open={downloads === id}
                    controls={`downloads-${id}`}
                    onToggle={() => setDownloads(downloads === id ? null : id)}
                  />
                )}
                {collection && downloads === id && (
                  <DownloadLinks
                    id={`downloads-${id}`}
                    collection={collection}
                    extra={id === 'samples' ? t('layers.download.allSamples') : undefined}
                  />
                )}
              </div>
            );
          })}
        </fieldset>
      ))}
    </Panel>
  );
}
