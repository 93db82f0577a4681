/**
 * The statistics on the demo county, without a database: the planted carbofuran clusters must come out as
 * significant hot spots, and the same county generated without them (generateDemo({ plantClusters: false })) must
 * show none at 95 % after FDR. Failures: lab tests (not rapid) of leafy vegetables failing for carbofuran.
 */
import { describe, expect, it } from 'vitest';
import { LEAFY_VEGETABLES } from '../../../../server/src/domain/demo/commodities';
import { generateDemo } from '../../../../server/src/domain/demo/generate';
import type { DemoData } from '../../../../server/src/domain/demo/types';
import { giStarCounts } from '../../../../server/src/domain/spatial-stats/gi-star';
import { hexNeighbours, hexOf } from '../../../../server/src/domain/spatial-stats/hexbin';
import { localProjector } from '../../../../server/src/domain/spatial-stats/projection';
import { contiguityNeighbours, makeWeights } from '../../../../server/src/domain/spatial-stats/weights';

const leafy = new Set<string>(LEAFY_VEGETABLES);
interface Cluster {
  village_codes: string[];
  centre: { lon: number; lat: number };
  window: { from: string; to: string };
}

function counted(demo: DemoData, year: string, unitOf: (s: DemoData['samples'][number]) => string) {
  const counts = new Map<string, { samples: number; failures: number }>();
  for (const s of demo.samples) {
    if (s.kind === 'rapid' || !leafy.has(s.commodity) || !s.sampledAt.startsWith(year)) continue;
    const c = counts.get(unitOf(s)) ?? { samples: 0, failures: 0 };
    c.samples++;
    if (s.results.some((r) => r.analyte === '克百威' && r.verdict === 'fail')) c.failures++;
    counts.set(unitOf(s), c);
  }
  return counts;
}

function villageHotspots(demo: DemoData, year: string) {
  const villages = demo.grids.filter((g) => g.level === 'village');
  const counts = counted(demo, year, (s) => s.villageCode);
  const nb = contiguityNeighbours(
    villages.map((v) => [[v.ring.map(([x, y]) => [x, y] as [number, number])]]),
    'queen',
  );
  const { results } = giStarCounts(
    villages.map((v) => counts.get(v.code)?.samples ?? 0),
    villages.map((v) => counts.get(v.code)?.failures ?? 0),
    makeWeights(nb, 'row', true),
  );
  return villages.map((v, i) => ({
    code: v.code,
    neighbours: nb[i]!.map((j) => villages[j]!.code),
    ...results[i]!,
  }));
}

function hexHotspots(demo: DemoData, year: string, size: number) {
  const proj = localProjector(demo.samples.map((s) => s.point));
  const counts = counted(demo, year, (s) => {
    const { q, r } = hexOf(proj.forward(s.point), size);
    return `${q}:${r}`;
  });
  const keys = [...counts.keys()];
  const index = new Map(keys.map((k, i) => [k, i]));
  const nb = keys.map((k) => {
    const [q, r] = k.split(':').map(Number) as [number, number];
    return hexNeighbours(q, r)
      .map(([a, b]) => index.get(`${a}:${b}`))
      .filter((i): i is number => i !== undefined);
  });
  const { results } = giStarCounts(
    keys.map((k) => counts.get(k)!.samples),
    keys.map((k) => counts.get(k)!.failures),
    makeWeights(nb, 'binary', true),
  );
  return keys.map((k, i) => {
    const [q, r] = k.split(':').map(Number) as [number, number];
    return { centre: proj.inverse([size * Math.sqrt(3) * (q + r / 2), size * 1.5 * r]), ...results[i]! };
  });
}

const isHot = (c: string | null) => c === 'hot_95' || c === 'hot_99';
const metres = (a: [number, number], b: { lon: number; lat: number }) =>
  Math.hypot((a[0] - b.lon) * 111_320 * Math.cos((b.lat * Math.PI) / 180), (a[1] - b.lat) * 110_570);

describe('hot spots in the demo county', () => {
  const planted = generateDemo();
  const clusters = planted.truth.carbofuran_clusters as Cluster[];
  const empty = generateDemo({ plantClusters: false });
  const years = ['2024', '2025', '2026'];

  it('marks the village of each planted cluster a hot spot at 95 % after FDR in the year of its window', () => {
    for (const cluster of clusters) {
      const rows = villageHotspots(planted, cluster.window.from.slice(0, 4));
      const hot = rows.filter((r) => isHot(r.class));
      for (const code of cluster.village_codes) expect(hot.map((r) => r.code)).toContain(code);
      // Every other hot village has a cluster village in its neighbourhood (Gi* looks at neighbourhoods).
      for (const r of hot)
        expect([r.code, ...r.neighbours].some((c) => cluster.village_codes.includes(c))).toBe(true);
    }
  });

  it('finds 1.5 km hexagons near each planted centre hot and none farther than 6 km from it', () => {
    for (const cluster of clusters) {
      const rows = hexHotspots(planted, cluster.window.from.slice(0, 4), 1500);
      const hot = rows.filter((r) => isHot(r.class));
      expect(hot.some((r) => metres(r.centre, cluster.centre) <= 3500)).toBe(true);
      expect(hot.every((r) => metres(r.centre, cluster.centre) <= 6000)).toBe(true);
    }
  });

  it('finds no hot spot at 95 % after FDR in any year when the clusters are not planted', () => {
    for (const year of years) {
      expect(villageHotspots(empty, year).filter((r) => isHot(r.class))).toEqual([]);
      expect(hexHotspots(empty, year, 1500).filter((r) => isHot(r.class))).toEqual([]);
      expect(hexHotspots(empty, year, 2500).filter((r) => isHot(r.class))).toEqual([]);
    }
  });
});
