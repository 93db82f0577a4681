import { readFileSync } from 'node:fs';
import { LAYERS } from '../../../server/contracts/layers';
import type { TileLayerSpec } from '../../src/registry';

/**
 * Production bases of active subjects (polygons from z10): half a pixel of simplification; larger bases are kept
 * first when the limit bites.
 */
export const layer: TileLayerSpec = {
  id: 'subject-bases',
  contract: LAYERS['subject-bases'],
  sources: ['production_subject'],
  simplifyPx: [[0, 0.5]],
  maxFeatures: [[0, 3000]],
  priority: 'largest area first',
  query: readFileSync(new URL('./query.sql', import.meta.url), 'utf8'),
};
