/**
 * The legend of the visible layers (map/legend.ts decides what it lists). On a wide screen it floats at the map's
 * bottom right and folds away; on a phone it is a sheet.
 */
import { type CSSProperties, type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ToggleId } from '../../map/catalog';
import { legendFor, type Swatch } from '../../map/legend';
import { Icon } from '../../ui/icons';
import { Panel } from '../../ui/panel';
import './layers.css';

function swatchStyle(swatch: Swatch): CSSProperties {
  switch (swatch.kind) {
    case 'fill':
      return { background: swatch.color, borderColor: swatch.outline };
    case 'line':
      return {
        borderTopColor: swatch.color,
        borderTopWidth: swatch.width,
        borderTopStyle: swatch.dashed ? 'dashed' : 'solid',
        boxShadow: swatch.casing ? `0 0 0 1.5px ${swatch.casing}` : undefined,
      };
    case 'circle':
    case 'square':
      return { background: swatch.color };
    case 'palette': {
      const step = 100 / swatch.colors.length;
      const stops = swatch.colors.map((colour, i) => `${colour} ${i * step}% ${(i + 1) * step}%`);
      return { background: `linear-gradient(90deg, ${stops.join(', ')})` };
    }
    case 'gradient':
      return { background: `linear-gradient(90deg, ${swatch.colors.join(', ')})` };
  }
}

export function LegendPanel({
  visibility,
  onClose,
}: {
  visibility: Record<ToggleId, boolean>;
  onClose?: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState(false);
  const sections = legendFor(visibility);
  const fold = (
    <button
      type="button"
      className="icon-button legend__fold"
      aria-expanded={!collapsed}
      aria-controls="legend-body"
      aria-label={t(collapsed ? 'legend.expand' : 'legend.collapse')}
      title={t(collapsed ? 'legend.expand' : 'legend.collapse')}
      onClick={() => setCollapsed(!collapsed)}
    >
      <span className={`legend__chevron ${collapsed ? 'legend__chevron--up' : ''}`}>
        <Icon name="chevron" size={16} />
      </span>
    </button>
  );
  return (
    <Panel
      id="legend"
      className={`legend ${collapsed ? 'legend--collapsed' : ''}`}
      title={t('legend.title')}
      closeLabel={t('legend.close')}
      onClose={onClose}
      actions={fold}
    >
      <div id="legend-body" hidden={collapsed}>
        {sections.length === 0 && <p className="muted">{t('legend.empty')}</p>}
        {sections.map((section) => (
          <div key={section.group} className="legend__section">
            <h3 className="legend__title">{t(section.title)}</h3>
            <ul
              className={`legend__items ${section.items.length > 2 && section.group !== 'grids' ? 'legend__items--columns' : ''}`}
            >
              {section.items.map((item) => (
                <li key={item.label} className={`legend__item legend__item--${item.swatch.kind}`}>
                  <span
                    className={`swatch swatch--${item.swatch.kind}`}
                    style={swatchStyle(item.swatch)}
                    aria-hidden="true"
                  />
                  <span className="legend__label">{t(item.label)}</span>
                  {item.swatch.kind === 'gradient' && (
                    <span className="legend__scale">
                      <span>{t('legend.heatLow')}</span>
                      <span>{t('legend.heatHigh')}</span>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </Panel>
  );
}
