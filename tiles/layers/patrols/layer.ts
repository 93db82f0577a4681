import { readFileSync } from 'node:fs';
import { LAYERS } from '../../../server/contracts/layers';
import type { TileLayerSpec } from '../../src/registry';

/**
 * Patrol tracks (GPS lines): one pixel of simplification below z14 (tracks are noisy and dense), half a pixel
 * from z14; referrals and rectifications are kept first when the limit bites.
 */
export const layer: TileLayerSpec = {
  id: 'patrols',
  contract: LAYERS['patrols'],
  sources: ['patrol'],
  simplifyPx: [
    [0, 1],
    [14, 0.5],
  ],
  maxFeatures: [[0, 3000]],
  priority: 'refer, then rectify, then compliant',
  query: readFileSync(new URL('./query.sql', import.meta.url), 'utf8'),
};
