/**
 * Heat map of patrol activity (巡查活动热力图): where the patrols of a period took place (the inspector's position,
 * else the track's first point, else the subject). A patrol with a finding (rectify / refer) weighs 2.
 */
import { HeatmapLayer } from '@deck.gl/aggregation-layers';

export const PATROL_ACTIVITY_ID = 'patrol-activity-heatmap';

/** Blues to violet: apart from the failing-samples ramp, so the two never read as the same thing. */
const ACTIVITY_RAMP: [number, number, number][] = [
  [237, 248, 251],
  [191, 211, 230],
  [158, 188, 218],
  [140, 150, 198],
  [136, 86, 167],
  [129, 15, 124],
];

/** [lon, lat, weight] as answered by GET /api/patrols/activity. */
export type ActivityPoint = [number, number, number];

export function patrolActivityHeatmap(points: readonly ActivityPoint[]): HeatmapLayer<ActivityPoint> {
  return new HeatmapLayer<ActivityPoint>({
    id: PATROL_ACTIVITY_ID,
    data: points as ActivityPoint[],
    getPosition: (p) => [p[0], p[1]],
    getWeight: (p) => p[2],
    radiusPixels: 30,
    intensity: 1,
    threshold: 0.05,
    colorRange: ACTIVITY_RAMP,
    opacity: 0.75,
    aggregation: 'SUM',
  });
}
