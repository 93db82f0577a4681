import { readFileSync } from 'node:fs';
import { LAYERS } from '../../../server/contracts/layers';
import type { TileLayerSpec } from '../../src/registry';

/**
 * Label anchors of all grids. Below z12 one label per 8-pixel cell (the higher level wins): labels closer than that
 * would collide on the map anyway, and a z8 tile of every village label is mostly waste.
 */
export const layer: TileLayerSpec = {
  id: 'grid-labels',
  contract: LAYERS['grid-labels'],
  sources: ['grid_unit'],
  simplifyPx: [[0, 0]],
  maxFeatures: [[0, 3000]],
  thinning: { belowZoom: 12, cellPx: 8 },
  priority: 'county, then township, then village',
  query: readFileSync(new URL('./query.sql', import.meta.url), 'utf8'),
};
