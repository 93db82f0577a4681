import { LAYERS } from '../../../server/contracts/layers';
import type { TileLayerSpec } from '../../src/registry';
import { GRID_SOURCES, gridsQuery } from '../_shared/grids';

/**
 * Township grids: tens of polygons sharing borders, simplified by half a pixel at every zoom.
 */
export const layer: TileLayerSpec = {
  id: 'grids-township',
  contract: LAYERS['grids-township'],
  sources: GRID_SOURCES,
  simplifyPx: [[0, 0.5]],
  maxFeatures: [[0, 1000]],
  priority: 'none (by id)',
  query: gridsQuery('township'),
};
