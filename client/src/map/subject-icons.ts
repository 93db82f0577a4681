/**
 * Subject markers: rounded squares in the colour of the subject type, with a white rim so they read on any fill.
 * Drawn on a canvas when MapLibre first asks for one (no sprite sheet to download).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { SubjectType } from '../../../server/contracts/enums';
import { SUBJECT_TYPE_COLORS } from './catalog';
import { SUBJECT_ICON_PREFIX } from './style/field-layers';

const PIXEL_RATIO = 2;
const SIZE = 22 * PIXEL_RATIO;

function drawSquare(color: string): ImageData | null {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const context = canvas.getContext('2d');
  if (!context) return null;
  // Three nested rounded squares: a faint dark edge, a white rim, the type colour.
  const layers: [number, string][] = [
    [1, 'rgba(20, 30, 40, 0.45)'],
    [2, '#ffffff'],
    [4.5, color],
  ];
  for (const [inset, fill] of layers) {
    const offset = inset * PIXEL_RATIO;
    context.beginPath();
    context.roundRect(offset, offset, SIZE - 2 * offset, SIZE - 2 * offset, 3.5 * PIXEL_RATIO);
    context.fillStyle = fill;
    context.fill();
  }
  return context.getImageData(0, 0, SIZE, SIZE);
}

export function installSubjectIcons(map: MapLibreMap): void {
  map.setMissingStyleImageResolver((id) => {
    if (!id.startsWith(SUBJECT_ICON_PREFIX) || map.hasImage(id)) return;
    const type = id.slice(SUBJECT_ICON_PREFIX.length) as SubjectType;
    const image = drawSquare(SUBJECT_TYPE_COLORS[type] ?? '#777777');
    if (image) map.addImage(id, image, { pixelRatio: PIXEL_RATIO });
  });
}
