/**
 * Padding when framing the county, so the panels floating over the map do not hide part of it: the layer panel
 * on the left of a wide screen, the legend on the right of a very wide one, the sheet buttons atop a phone's map.
 * Widths are of the map area (the inspector docks beside it and narrows it).
 */
export interface Padding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export const PHONE_MAX_WIDTH = 767;
const LAYER_PANEL = 268 + 12 + 20;
const LEGEND = 264 + 12 + 20;

export function fitPadding(mapWidth: number): Padding {
  if (mapWidth <= PHONE_MAX_WIDTH) return { top: 64, bottom: 24, left: 16, right: 60 };
  if (mapWidth < 1200) return { top: 40, bottom: 40, left: LAYER_PANEL, right: 64 };
  return { top: 40, bottom: 40, left: LAYER_PANEL, right: LEGEND };
}
