/** "Zoom to the whole county": a map button that frames the county's bounding box from GET /api/config. */
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';

const ICON = `<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
<path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>
<path d="M9.5 9.5h5v5h-5z" fill="currentColor" opacity=".55"/></svg>`;

export class FitCountyControl implements IControl {
  private container: HTMLDivElement | null = null;
  private button: HTMLButtonElement | null = null;

  constructor(
    private readonly onFit: () => void,
    private label: string,
  ) {}

  onAdd(_map: MapLibreMap): HTMLElement {
    const container = document.createElement('div');
    container.className = 'maplibregl-ctrl maplibregl-ctrl-group';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'nongan-fit-county';
    button.innerHTML = ICON;
    button.addEventListener('click', this.onFit);
    container.appendChild(button);
    this.container = container;
    this.button = button;
    this.setLabel(this.label);
    return container;
  }

  onRemove(): void {
    this.button?.removeEventListener('click', this.onFit);
    this.container?.remove();
    this.container = null;
    this.button = null;
  }

  setLabel(label: string): void {
    this.label = label;
    this.button?.setAttribute('aria-label', label);
    if (this.button) this.button.title = label;
  }
}
