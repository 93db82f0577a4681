/** On a phone: the buttons that open the layer panel and the legend as sheets. Hidden on wide screens. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import type { Sheet } from '../app-state';

export function SheetButtons({
  sheet,
  onSheet,
}: {
  sheet: Sheet;
  onSheet: (sheet: Sheet) => void;
}): ReactElement {
  const { t } = useTranslation();
  const button = (id: Exclude<Sheet, null>, controls: string, icon: 'layers' | 'legend', label: string) => (
    <button
      type="button"
      className="fab"
      aria-expanded={sheet === id}
      aria-controls={controls}
      onClick={() => onSheet(sheet === id ? null : id)}
    >
      <Icon name={icon} />
      {label}
    </button>
  );
  return (
    <div className="sheet-buttons">
      {button('layers', 'layer-panel', 'layers', t('layers.open'))}
      {button('legend', 'legend', 'legend', t('legend.open'))}
    </div>
  );
}
