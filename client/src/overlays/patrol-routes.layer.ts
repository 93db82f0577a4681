/**
 * Daily patrol routes (巡查路线, deck.gl PathLayer): station → stops → station per day, one colour per day, with the
 * stops as numbered dots (ScatterplotLayer + TextLayer).
 */
import type { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';

export const PATROL_ROUTES_ID = 'patrol-routes';
export const DAY_COLORS: [number, number, number][] = [
  [11, 99, 206],
  [217, 95, 2],
  [27, 158, 119],
  [117, 112, 179],
  [231, 41, 138],
  [102, 166, 30],
  [166, 118, 29],
];

export interface RouteDay {
  day: number;
  path: [number, number][];
  stops: { position: [number, number]; seq: number }[];
}

export const dayColor = (day: number): [number, number, number] => DAY_COLORS[(day - 1) % DAY_COLORS.length]!;

export function patrolRouteLayers(days: readonly RouteDay[], station: [number, number]): Layer[] {
  const stops = days.flatMap((d) => d.stops.map((s) => ({ ...s, day: d.day })));
  return [
    new PathLayer<RouteDay>({
      id: `${PATROL_ROUTES_ID}-paths`,
      data: days as RouteDay[],
      getPath: (d) => d.path,
      getColor: (d) => [...dayColor(d.day), 220],
      getWidth: 4,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
    }),
    new ScatterplotLayer<(typeof stops)[number]>({
      id: `${PATROL_ROUTES_ID}-stops`,
      data: stops,
      getPosition: (s) => s.position,
      getFillColor: (s) => dayColor(s.day),
      getLineColor: [255, 255, 255],
      stroked: true,
      lineWidthMinPixels: 1.5,
      getRadius: 7,
      radiusUnits: 'pixels',
    }),
    new TextLayer<(typeof stops)[number]>({
      id: `${PATROL_ROUTES_ID}-labels`,
      data: stops,
      getPosition: (s) => s.position,
      getText: (s) => String(s.seq),
      getSize: 10,
      getColor: [255, 255, 255],
      fontWeight: 700,
    }),
    new ScatterplotLayer<{ position: [number, number] }>({
      id: `${PATROL_ROUTES_ID}-station`,
      data: [{ position: station }],
      getPosition: (s) => s.position,
      getFillColor: [20, 20, 20],
      getLineColor: [255, 255, 255],
      stroked: true,
      lineWidthMinPixels: 2,
      getRadius: 9,
      radiusUnits: 'pixels',
    }),
  ];
}
