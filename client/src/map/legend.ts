/**
 * The legend: one section per layer group that has a visible layer, one item per colour drawn. Pure, so the
 * legend can never show a layer that is hidden or miss a colour that is drawn (tested against the catalogue).
 */
import type { MessageKey } from '../app/i18n/messages';
import {
  BASE_COLORS,
  GROUPS,
  type GroupId,
  HEAT_RAMP,
  PATROL_OUTCOME_COLORS,
  PATROL_OUTCOME_ORDER,
  SUBJECT_TYPE_COLORS,
  SUBJECT_TYPE_ORDER,
  TOWNSHIP_PASTELS,
  type ToggleId,
  VERDICT_COLORS,
  VERDICT_ORDER,
} from './catalog';

export type Swatch =
  | { kind: 'fill'; color: string; outline: string }
  | { kind: 'line'; color: string; width: number; dashed?: boolean; casing?: string }
  | { kind: 'circle'; color: string }
  | { kind: 'square'; color: string }
  | { kind: 'palette'; colors: string[] }
  | { kind: 'gradient'; colors: string[] };

export interface LegendItem {
  label: MessageKey;
  swatch: Swatch;
}

export interface LegendSection {
  group: GroupId;
  title: MessageKey;
  items: LegendItem[];
}

const rgb = ([r, g, b]: [number, number, number]) => `rgb(${r}, ${g}, ${b})`;

function gridItems(visible: (id: ToggleId) => boolean): LegendItem[] {
  const items: LegendItem[] = [];
  if (visible('county'))
    items.push({
      label: 'legend.countyBoundary',
      swatch: { kind: 'line', color: BASE_COLORS.county, width: 3, casing: '#ffffff' },
    });
  if (visible('township'))
    items.push({
      label: 'legend.townshipBoundary',
      swatch: { kind: 'line', color: BASE_COLORS.township, width: 2 },
    });
  if (visible('village'))
    items.push({
      label: 'legend.villageGrid',
      swatch: { kind: 'palette', colors: TOWNSHIP_PASTELS.slice(0, 4) },
    });
  if (visible('township') || visible('village')) {
    items.push({
      label: 'legend.unstaffed',
      swatch: { kind: 'line', color: BASE_COLORS.unstaffed, width: 2, dashed: true },
    });
  }
  return items;
}

const ITEMS: Record<Exclude<GroupId, 'grids'>, () => LegendItem[]> = {
  subjects: () =>
    SUBJECT_TYPE_ORDER.map((type) => ({
      label: `enums.subjectType.${type}` as MessageKey,
      swatch: { kind: 'square', color: SUBJECT_TYPE_COLORS[type] },
    })),
  bases: () => [
    {
      label: 'legend.base',
      swatch: { kind: 'fill', color: BASE_COLORS.base, outline: BASE_COLORS.baseLine },
    },
  ],
  samples: () =>
    VERDICT_ORDER.map((verdict) => ({
      label: `enums.verdict.${verdict}` as MessageKey,
      swatch: { kind: 'circle', color: VERDICT_COLORS[verdict] },
    })),
  soil: () => [{ label: 'legend.soil', swatch: { kind: 'circle', color: BASE_COLORS.soil } }],
  patrols: () =>
    PATROL_OUTCOME_ORDER.map((outcome) => ({
      label: `enums.patrolOutcome.${outcome}` as MessageKey,
      swatch: { kind: 'line', color: PATROL_OUTCOME_COLORS[outcome], width: 3 },
    })),
  analysis: () => [{ label: 'legend.heatCaption', swatch: { kind: 'gradient', colors: HEAT_RAMP.map(rgb) } }],
};

export function legendFor(visibility: Readonly<Record<ToggleId, boolean>>): LegendSection[] {
  const visible = (id: ToggleId) => visibility[id];
  return GROUPS.flatMap(({ id, toggles }) => {
    if (!toggles.some(visible)) return [];
    const items = id === 'grids' ? gridItems(visible) : ITEMS[id]();
    return [{ group: id, title: `layers.groups.${id}` as MessageKey, items }];
  });
}
