/**
 * What a slide shows, as plain data: the indicator answer and grid boundaries of a view's period (and of the
 * comparison period), turned into the choropleth of the dashboard's colour classes. Requests are cached per
 * presentation, so stepping back is instant and the next slide can be fetched ahead.
 */
import type { ChildrenResponse } from '../../../../../server/contracts/grids';
import type { IndicatorId, IndicatorsResponse } from '../../../../../server/contracts/indicators';
import type { ViewState } from '../../../../../server/contracts/views';
import type { RequestOptions } from '../../../api/http';
import type { OverlayData } from '../../../map/overlays';
import { dashboardApi, type Period } from '../api';
import { classOf, colorOf, percent } from '../classes';

export interface SlideData {
  grids: ChildrenResponse;
  a: IndicatorsResponse;
  b: IndicatorsResponse | null;
}

/** The same dates one year earlier (29 February becomes 28 February). */
export function yearBefore(period: Period): Period {
  const shift = (date: string) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const day = m === 2 && d === 29 ? 28 : d;
    return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  return { from: shift(period.from), to: shift(period.to) };
}

/** "2024" for a calendar year, else "2024-03-01 – 2024-05-31". */
export function periodLabel(period: Period): string {
  const year = period.from.slice(0, 4);
  if (period.from === `${year}-01-01` && period.to === `${year}-12-31`) return year;
  return `${period.from} – ${period.to}`;
}

export class SlideLoader {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(
    private readonly county: { id: number },
    private readonly options: RequestOptions,
  ) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let hit = this.cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      this.cache.set(key, hit);
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }

  private indicators(state: ViewState, period: Period): Promise<IndicatorsResponse> {
    const parent = state.parentId ?? this.county.id;
    return this.once(`i|${state.level}|${parent}|${period.from}|${period.to}`, () =>
      dashboardApi.indicators(state.level, parent, period, this.options),
    );
  }

  /** The data of a dashboard slide, with the comparison period when one is asked for. */
  async load(state: ViewState, compare: Period | null): Promise<SlideData> {
    const parent = state.parentId ?? this.county.id;
    const [grids, a, b] = await Promise.all([
      this.once(`g|${parent}`, () => dashboardApi.children(parent, this.options)),
      this.indicators(state, state.period),
      compare ? this.indicators(state, compare) : Promise.resolve(null),
    ]);
    return { grids, a, b };
  }
}

/** The choropleth of one indicator over the grids, coloured by distance to target, labelled with the values. */
export function choropleth(
  grids: ChildrenResponse,
  answer: IndicatorsResponse,
  indicator: IndicatorId,
  noData: string,
): OverlayData {
  const byId = new Map(answer.units.map((u) => [u.grid.id, u]));
  return {
    type: 'FeatureCollection',
    features: grids.features.map((f) => {
      const v = byId.get(f.id)?.values[indicator];
      const cls = classOf(v);
      return {
        type: 'Feature',
        id: f.id,
        geometry: f.geometry,
        properties: {
          id: f.id,
          name: f.properties.name,
          color: colorOf(cls),
          cls,
          label: `${f.properties.name}\n${!v || v.value === null ? noData : percent(v.value)}`,
        },
      };
    }),
  };
}
