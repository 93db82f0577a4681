import { LAYERS } from '../../../server/contracts/layers';
import type { TileLayerSpec } from '../../src/registry';
import { GRID_SOURCES, gridsQuery } from '../_shared/grids';

/**
 * Village grids: hundreds of small polygons; half a pixel of simplification, and a limit that a county never reaches
 * but that protects the server from a tile of the whole country.
 */
export const layer: TileLayerSpec = {
  id: 'grids-village',
  contract: LAYERS['grids-village'],
  sources: GRID_SOURCES,
  simplifyPx: [[0, 0.5]],
  maxFeatures: [[0, 5000]],
  priority: 'none (by id)',
  query: gridsQuery('village'),
};
