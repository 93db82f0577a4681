import { describe, expect, it } from 'vitest';
import { LEAFY_VEGETABLES } from '../../../../server/src/domain/demo/commodities';
import { localFrame, pointInRing, toLocal, type LonLat } from '../../../../server/src/domain/demo/geo';
import type { SampleRecord } from '../../../../server/src/domain/demo/types';
import { defaultDemo } from './demo-fixture';

interface ClusterTruth {
  id: string;
  centre: { lon: number; lat: number };
  radius_m: number;
  window: { from: string; to: string };
  village_codes: string[];
}

const demo = defaultDemo();
const truth = demo.truth as Record<string, unknown>;
const frame = localFrame(87.3, 44.0);
const metres = (a: LonLat, b: LonLat) => {
  const [ax, ay] = toLocal(frame, a);
  const [bx, by] = toLocal(frame, b);
  return Math.hypot(ax - bx, ay - by) * 1000;
};
const leafy = new Set<string>(LEAFY_VEGETABLES);
const carbofuranFail = (s: SampleRecord) =>
  s.results.some((r) => r.analyte === '克百威' && r.verdict === 'fail');
const clusters = truth.carbofuran_clusters as ClusterTruth[];
const inCluster = (s: SampleRecord, c: ClusterTruth) =>
  s.sampledAt.slice(0, 10) >= c.window.from &&
  s.sampledAt.slice(0, 10) <= c.window.to &&
  metres(s.point, [c.centre.lon, c.centre.lat]) <= c.radius_m;

describe('planted carbofuran clusters', () => {
  it('records two clusters of radius 3–4 km with a window each', () => {
    expect(clusters).toHaveLength(2);
    for (const c of clusters) {
      expect(c.radius_m).toBeGreaterThanOrEqual(3000);
      expect(c.radius_m).toBeLessThanOrEqual(4000);
      expect(c.window.from < c.window.to).toBe(true);
    }
    const [a, b] = clusters as [ClusterTruth, ClusterTruth];
    expect(metres([a.centre.lon, a.centre.lat], [b.centre.lon, b.centre.lat])).toBeGreaterThan(15_000);
  });

  it.each(clusters.map((c) => [c.id, c] as const))(
    'makes leafy-vegetable lab samples in %s fail for carbofuran far more often than elsewhere',
    (_id, c) => {
      const lab = demo.samples.filter((s) => s.kind !== 'rapid' && leafy.has(s.commodity));
      const window = lab.filter(
        (s) => s.sampledAt.slice(0, 10) >= c.window.from && s.sampledAt.slice(0, 10) <= c.window.to,
      );
      const inside = window.filter((s) => inCluster(s, c));
      const outside = window.filter((s) => !clusters.some((k) => inCluster(s, k)));
      const pIn = inside.filter(carbofuranFail).length / inside.length;
      const pOut = outside.filter(carbofuranFail).length / outside.length;
      expect(inside.filter(carbofuranFail).length).toBeGreaterThanOrEqual(10);
      expect(pIn).toBeGreaterThan(5 * pOut);
      expect(pIn).toBeLessThan(0.6); // elevated, not absurd
      // Binomial z-score of the failures inside against the outside rate.
      const z =
        (inside.filter(carbofuranFail).length - inside.length * pOut) /
        Math.sqrt(inside.length * pOut * (1 - pOut));
      expect(z).toBeGreaterThan(5);
    },
  );

  it.each(clusters.map((c) => [c.id, c] as const))(
    'records in the truth the villages of the failures in %s',
    (_id, c) => {
      const villages = new Set(
        demo.samples
          .filter((s) => s.kind !== 'rapid' && leafy.has(s.commodity) && inCluster(s, c) && carbofuranFail(s))
          .map((s) => s.villageCode),
      );
      expect(new Set(c.village_codes)).toEqual(villages);
    },
  );

  it('raises rapid-test positives on leafy vegetables inside the clusters during their windows', () => {
    const rapid = demo.samples.filter((s) => s.kind === 'rapid' && leafy.has(s.commodity));
    const inside = rapid.filter((s) => clusters.some((c) => inCluster(s, c)));
    const outside = rapid.filter((s) => !clusters.some((c) => inCluster(s, c)));
    const positive = (list: SampleRecord[]) =>
      list.filter((s) => s.verdict === 'suspected').length / list.length;
    expect(positive(inside)).toBeGreaterThan(3 * positive(outside));
  });
});

describe('planted cadmium plume', () => {
  const plume = truth.cadmium_plume as {
    centre: { lon: number; lat: number };
    peak_mgkg: number;
    sigma_m: number;
  };
  const centre: LonLat = [plume.centre.lon, plume.centre.lat];
  const soil = demo.soilSamples.map((s) => ({ d: metres(s.point, centre), cd: s.metals.cd, ph: s.ph }));
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

  it('peaks well above the GB 15618 intervention value for Cd at pH > 7.5 (4.0 mg/kg)', () => {
    expect(plume.peak_mgkg).toBeGreaterThanOrEqual(8);
    expect(Math.max(...soil.map((s) => s.cd))).toBeGreaterThan(4.0);
  });

  it('forms a strict-control core, a safe-utilisation ring and clean land beyond', () => {
    // GB 15618-2018, pH > 7.5, non-paddy land: screening 0.6, intervention 4.0 mg/kg.
    const core = soil.filter((s) => s.d < 1000);
    const ring = soil.filter((s) => s.d > 2200 && s.d < 3400);
    const far = soil.filter((s) => s.d > 8000);
    expect(core.length).toBeGreaterThanOrEqual(5);
    expect(median(core.map((s) => s.cd))).toBeGreaterThan(4.0);
    expect(ring.filter((s) => s.cd > 0.6 && s.cd <= 4.0).length).toBeGreaterThanOrEqual(10);
    expect(far.filter((s) => s.cd > 0.6).length / far.length).toBeLessThan(0.01);
  });

  it('decreases with distance from the centre', () => {
    const bands = [0, 1000, 2000, 3000, 4000, 6000].map((from, i, all) =>
      median(soil.filter((s) => s.d >= from && s.d < (all[i + 1] ?? 1e9)).map((s) => s.cd)),
    );
    for (let i = 1; i < bands.length; i++) expect(bands[i]).toBeLessThan(bands[i - 1] as number);
  });
});

describe('soil background', () => {
  it('is alkaline (pH mostly 7.3–8.7) and mostly dry land with orchards, a few paddies and some other land', () => {
    const soil = demo.soilSamples;
    expect(soil.filter((s) => s.ph >= 7.3 && s.ph <= 8.7).length / soil.length).toBeGreaterThan(0.85);
    const use = (u: string) => soil.filter((s) => s.landUse === u).length / soil.length;
    expect(use('dry')).toBeGreaterThan(0.6);
    expect(use('orchard')).toBeGreaterThan(0.04);
    expect(use('orchard')).toBeLessThan(0.25);
    expect(use('paddy')).toBeGreaterThan(0);
    expect(use('paddy')).toBeLessThan(0.08);
    expect(use('other')).toBeGreaterThan(0.03);
  });

  it('keeps background metals at plausible Xinjiang levels', () => {
    const far = demo.soilSamples.filter((s) => s.metals.zn < 150); // away from the plume
    const gm = (metal: 'as' | 'pb' | 'cr') =>
      Math.exp(far.reduce((sum, s) => sum + Math.log(s.metals[metal]), 0) / far.length);
    expect(gm('as')).toBeGreaterThan(7);
    expect(gm('as')).toBeLessThan(14);
    expect(gm('pb')).toBeGreaterThan(14);
    expect(gm('pb')).toBeLessThan(26);
    expect(gm('cr')).toBeGreaterThan(35);
    expect(gm('cr')).toBeLessThan(70);
  });
});

describe('planted patrol blind spots and unstaffed villages', () => {
  const blind = truth.patrol_blind_spots as { village_codes: string[]; since: string };
  const subjectVillage = new Map(demo.subjects.map((s) => [s.code, s.villageCode]));
  // Patrols happen in office hours (UTC+8), so the UTC date is the local date.
  const lastYear = demo.patrols.filter((p) => p.patrolledAt.slice(0, 10) >= blind.since);

  it('names 3–4 villages whose subjects nobody patrolled since 2025-11-01, though they were patrolled before', () => {
    expect(blind.village_codes.length).toBeGreaterThanOrEqual(3);
    expect(blind.village_codes.length).toBeLessThanOrEqual(4);
    expect(blind.since).toBe('2025-11-01');
    for (const code of blind.village_codes) {
      expect(lastYear.some((p) => subjectVillage.get(p.subjectCode) === code)).toBe(false);
      expect(demo.patrols.some((p) => subjectVillage.get(p.subjectCode) === code)).toBe(true);
    }
  });

  it('patrols every other village with subjects in the last twelve months', () => {
    const patrolled = new Set(lastYear.map((p) => subjectVillage.get(p.subjectCode)));
    const withSubjects = new Set(demo.subjects.map((s) => s.villageCode));
    for (const code of withSubjects)
      if (!blind.village_codes.includes(code)) expect(patrolled.has(code)).toBe(true);
  });

  it('leaves exactly the two recorded villages without a village coordinator', () => {
    const unstaffed = (truth.unstaffed_villages as { village_codes: string[] }).village_codes;
    expect(unstaffed).toHaveLength(2);
    const staffed = new Set(
      demo.persons.filter((p) => p.role === 'village_coordinator').map((p) => p.gridCode),
    );
    const villages = demo.grids.filter((g) => g.level === 'village').map((g) => g.code);
    expect(villages.filter((code) => !staffed.has(code)).sort()).toEqual([...unstaffed].sort());
  });

  it('staffs the county and every township with all their required roles', () => {
    const roles = (code: string) =>
      new Set(demo.persons.filter((p) => p.gridCode === code).map((p) => p.role));
    expect(roles('652399000000')).toEqual(new Set(['county_first_responsible', 'county_responsible']));
    for (const t of demo.grids.filter((g) => g.level === 'township'))
      expect(roles(t.code)).toEqual(new Set(['township_supervisor', 'township_tester']));
  });

  it('places one supervision station in the seat village of each township', () => {
    const stations = truth.township_stations as { township_code: string; lon: number; lat: number }[];
    const townships = demo.grids.filter((g) => g.level === 'township');
    expect(stations.map((s) => s.township_code).sort()).toEqual(townships.map((t) => t.code).sort());
    for (const station of stations) {
      const township = townships.find((t) => t.code === station.township_code);
      const seat = demo.grids.find(
        (g) => g.parentCode === station.township_code && g.name === `${township?.name.slice(0, -1)}村`,
      );
      expect(seat).toBeDefined();
      expect(pointInRing([station.lon, station.lat], seat?.ring ?? [])).toBe(true);
    }
  });
});
