/** A style layer with the panel toggle that shows/hides it and the tier that fixes its drawing order. */
import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { ToggleId } from '../catalog';

/** Drawing order, bottom to top: area fills, lines, points, labels; selection highlights above their kind. */
export const TIERS = ['fill', 'line', 'highlight', 'point', 'point-highlight', 'label'] as const;
export type Tier = (typeof TIERS)[number];

export interface StyledLayer {
  toggle: ToggleId;
  tier: Tier;
  layer: LayerSpecification;
}

/** True for the feature the inspector shows (map/ sets the 'selected' feature state). */
export const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
