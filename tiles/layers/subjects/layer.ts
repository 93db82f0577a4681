import { readFileSync } from 'node:fs';
import { LAYERS } from '../../../server/contracts/layers';
import type { TileLayerSpec } from '../../src/registry';

/**
 * Active production subjects. Below z12 one subject per 4-pixel cell, blacklisted and key-list subjects first;
 * at most 4000 per tile (a 512-pixel tile has 16384 cells of 4 pixels).
 */
export const layer: TileLayerSpec = {
  id: 'subjects',
  contract: LAYERS['subjects'],
  sources: ['production_subject'],
  simplifyPx: [[0, 0]],
  maxFeatures: [[0, 4000]],
  thinning: { belowZoom: 12, cellPx: 4 },
  priority: 'credit class C, then key list, then credit class B, then the rest',
  query: readFileSync(new URL('./query.sql', import.meta.url), 'utf8'),
};
