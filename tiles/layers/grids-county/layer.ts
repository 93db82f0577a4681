import { LAYERS } from '../../../server/contracts/layers';
import type { TileLayerSpec } from '../../src/registry';
import { GRID_SOURCES, gridsQuery } from '../_shared/grids';

/**
 * The county boundary: one large polygon, simplified by half a pixel (invisible, but a z8 tile stays a few kB).
 */
export const layer: TileLayerSpec = {
  id: 'grids-county',
  contract: LAYERS['grids-county'],
  sources: GRID_SOURCES,
  simplifyPx: [[0, 0.5]],
  maxFeatures: [[0, 200]],
  priority: 'none (by id)',
  query: gridsQuery('county'),
};
