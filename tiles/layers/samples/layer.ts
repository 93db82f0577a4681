import { readFileSync } from 'node:fs';
import { LAYERS } from '../../../server/contracts/layers';
import type { TileLayerSpec } from '../../src/registry';

/**
 * Samples and verdicts. Below z12 one sample per 4-pixel cell, a failure first where a cell has one, so the
 * overview never hides a failed sample behind a passed one; at most 4000 per tile.
 */
export const layer: TileLayerSpec = {
  id: 'samples',
  contract: LAYERS['samples'],
  sources: ['sample'],
  simplifyPx: [[0, 0]],
  maxFeatures: [[0, 4000]],
  thinning: { belowZoom: 12, cellPx: 4 },
  priority: 'fail, then suspected, then pending, then pass',
  query: readFileSync(new URL('./query.sql', import.meta.url), 'utf8'),
};
