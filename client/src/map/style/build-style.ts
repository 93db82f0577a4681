/**
 * Builds the whole MapLibre style from what the server publishes: the basemap of GET /api/config and one vector
 * source per tile layer of /tiles/index.json. Pure: the same inputs give the same style, which the unit tests check.
 *
 * The style deliberately has no `glyphs` (labels are drawn locally from system fonts, see fonts.ts) and no
 * `sprite` (subject icons are drawn on demand, see map/subject-icons.ts): nothing is fetched from the internet.
 */
import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { ClientConfig } from '../../../../server/contracts/api';
import { TOGGLE_IDS, type ToggleId } from '../catalog';
import { basemapParts } from './basemap';
import { fieldLayers } from './field-layers';
import { gridLayers } from './grid-layers';
import type { TileSources } from './sources';
import { type StyledLayer, TIERS } from './styled-layer';

export interface StyleInput {
  basemap: ClientConfig['basemap'];
  sources: TileSources;
  visibility: Record<ToggleId, boolean>;
}

/** Every operational style layer, in drawing order. */
export function operationalLayers(): StyledLayer[] {
  const all = [...gridLayers(), ...fieldLayers()];
  return TIERS.flatMap((tier) => all.filter((entry) => entry.tier === tier));
}

function sourceOf(layer: LayerSpecification): string | undefined {
  return 'source' in layer && typeof layer.source === 'string' ? layer.source : undefined;
}

function withVisibility(entry: StyledLayer, visible: boolean): LayerSpecification {
  const layer = entry.layer as LayerSpecification & { layout?: Record<string, unknown> };
  return {
    ...layer,
    layout: { ...layer.layout, visibility: visible ? 'visible' : 'none' },
  } as LayerSpecification;
}

export function buildStyle({ basemap, sources, visibility }: StyleInput): StyleSpecification {
  const parts = basemapParts(basemap);
  // A layer whose tiles the server does not publish is left out rather than drawn from a missing source.
  const present = operationalLayers().filter((entry) => {
    const source = sourceOf(entry.layer);
    return source !== undefined && source in sources;
  });
  const styled = present.map((entry) => ({
    tier: entry.tier,
    layer: withVisibility(entry, visibility[entry.toggle]),
  }));
  const fills = styled.filter((entry) => entry.tier === 'fill').map((entry) => entry.layer);
  const rest = styled.filter((entry) => entry.tier !== 'fill').map((entry) => entry.layer);
  return {
    version: 8,
    name: '农安一张图',
    sources: { ...parts.sources, ...sources },
    layers: [...parts.below, ...fills, ...parts.labels, ...rest],
  };
}

/** The style layers each panel toggle shows and hides (the heat map has none: it is a deck.gl overlay). */
export function styleLayerIdsByToggle(): Record<ToggleId, string[]> {
  const byToggle = Object.fromEntries(TOGGLE_IDS.map((id) => [id, [] as string[]])) as Record<
    ToggleId,
    string[]
  >;
  for (const entry of operationalLayers()) byToggle[entry.toggle].push(entry.layer.id);
  return byToggle;
}
