import { readFileSync } from 'node:fs';
import { LAYERS } from '../../../server/contracts/layers';
import type { TileLayerSpec } from '../../src/registry';

/**
 * Soil samples. Below z12 one sample per 4-pixel cell, the most recent first; at most 4000 per tile.
 */
export const layer: TileLayerSpec = {
  id: 'soil-samples',
  contract: LAYERS['soil-samples'],
  sources: ['soil_sample'],
  simplifyPx: [[0, 0]],
  maxFeatures: [[0, 4000]],
  thinning: { belowZoom: 12, cellPx: 4 },
  priority: 'most recent sampling date first',
  query: readFileSync(new URL('./query.sql', import.meta.url), 'utf8'),
};
