import { readFileSync } from 'node:fs';
import { LAYERS } from '../../../server/contracts/layers';
import type { TileLayerSpec } from '../../src/registry';

/**
 * Soil contamination zones of all kept runs (the client shows one run, or two side by side, with a filter on
 * run_id). Half a pixel of simplification, like the grids; newer runs are kept first when the limit bites.
 */
export const layer: TileLayerSpec = {
  id: 'soil-zones',
  contract: LAYERS['soil-zones'],
  sources: ['soil_zone', 'soil_zone_run'],
  simplifyPx: [[0, 0.5]],
  maxFeatures: [[0, 5000]],
  priority: 'newest run first, then strict control, safe utilisation, priority protection, no data',
  query: readFileSync(new URL('./query.sql', import.meta.url), 'utf8'),
};
