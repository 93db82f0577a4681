/**
 * Ground truth (demo_truth rows) of what the generator planted, measured on the generated records themselves, so
 * tests of later analyses compare against what is really in the data, not only against the intended rates.
 *
 * Keys: generator, carbofuran_clusters, cadmium_plume, patrol_blind_spots, unstaffed_villages, township_stations.
 * Positions are { lon, lat } in degrees; distances in metres; dates 'YYYY-MM-DD'.
 */
import { LAST_YEAR_START, PERIOD_END, PERIOD_START } from './calendar';
import { LEAFY_VEGETABLES, commodity } from './commodities';
import type { LonLat } from './geo';
import type { PatternPlan, PlumePlan } from './patterns';
import type { Places } from './places';
import type { Station } from './roster';
import { plantedCluster } from './samples';
import type { DemoData, SampleRecord } from './types';

/** Bump when the generator's output changes meaning (the digest catches every change anyway). */
export const DEMO_GENERATOR_VERSION = 1;

const at = ([lon, lat]: LonLat) => ({ lon, lat });

type Records = Omit<DemoData, 'truth'>;

function clusterTruth(places: Places, plan: PatternPlan, samples: readonly SampleRecord[]) {
  const leafyLab = samples.filter((s) => s.kind !== 'rapid' && commodity(s.commodity).leafy);
  const where = (s: SampleRecord) =>
    plantedCluster(places, plan.clusters, {
      commodity: commodity(s.commodity),
      point: s.point,
      date: s.sampledAt.slice(0, 10),
    });
  const failsCarbofuran = (s: SampleRecord) =>
    s.results.some((r) => r.analyte === '克百威' && r.verdict === 'fail');
  return plan.clusters.map((c, k) => {
    const inWindow = leafyLab.filter(
      (s) => s.sampledAt.slice(0, 10) >= c.from && s.sampledAt.slice(0, 10) <= c.to,
    );
    const inside = inWindow.filter((s) => where(s) === k);
    const outside = inWindow.filter((s) => where(s) === -1);
    const failures = inside.filter(failsCarbofuran);
    return {
      id: c.id,
      centre: at(c.centre),
      radius_m: c.radiusM,
      window: { from: c.from, to: c.to },
      analyte: '克百威',
      commodities: [...LEAFY_VEGETABLES],
      village_codes: [...new Set(failures.map((s) => s.villageCode))].sort(),
      planted_rate: c.rate,
      planted_rapid_positive_rate: c.rapidRate,
      lab_samples_inside: inside.length,
      carbofuran_failures_inside: failures.length,
      carbofuran_failure_rate_inside: ratio(failures.length, inside.length),
      carbofuran_failure_rate_outside: ratio(outside.filter(failsCarbofuran).length, outside.length),
    };
  });
}

function plumeTruth(places: Places, plume: PlumePlan, records: Records) {
  const radius = (c: number) => Math.round(plume.sigmaM * Math.sqrt(2 * Math.log(plume.peakMgKg / c)));
  const near = records.soilSamples.filter((s) => places.metresBetween(s.point, plume.centre) <= radius(0.6));
  return {
    centre: at(plume.centre),
    metal: 'cd',
    peak_mgkg: plume.peakMgKg,
    decay: 'gaussian',
    sigma_m: plume.sigmaM,
    model:
      'cd = background (log-normal, geometric mean 0.12 mg/kg) + peak * exp(-d^2 / (2 * sigma^2)) * noise (GSD 1.15)',
    background_cd_geometric_mean: 0.12,
    // GB 15618-2018 Cd values for pH > 7.5, non-paddy: screening 0.6, intervention 4.0 (mg/kg); radii ignore background.
    radius_m_where_plume_exceeds: { '0.6': radius(0.6), '4.0': radius(4.0) },
    village_codes: [...new Set(near.map((s) => s.villageCode))].sort(),
    soil_samples_within_screening_radius: near.length,
  };
}

function generatorTruth(records: Records) {
  return {
    version: DEMO_GENERATOR_VERSION,
    seed: records.seed,
    scale: records.scale,
    county_code: records.countyCode,
    period: { from: PERIOD_START, to: PERIOD_END },
    counts: counts(records),
    sample_pass_rate: ratio(
      records.samples.filter((s) => s.verdict === 'pass').length,
      records.samples.length,
    ),
  };
}

function stationsTruth(stations: readonly Station[]) {
  return [...stations]
    .sort((a, b) => (a.townshipCode < b.townshipCode ? -1 : 1))
    .map((s) => ({
      township_code: s.townshipCode,
      township_name: s.townshipName,
      name: s.name,
      ...at(s.point),
    }));
}

export function buildTruth(
  places: Places,
  plan: PatternPlan,
  records: Records,
  stations: readonly Station[],
): Record<string, unknown> {
  const blindCodes = plan.blindSpots.map((v) => places.village(v).code);
  return {
    generator: generatorTruth(records),
    carbofuran_clusters: clusterTruth(places, plan, records.samples),
    cadmium_plume: plumeTruth(places, plan.plume, records),
    patrol_blind_spots: {
      village_codes: blindCodes,
      since: LAST_YEAR_START,
      until: PERIOD_END,
      subjects: records.subjects.filter((s) => blindCodes.includes(s.villageCode)).length,
    },
    unstaffed_villages: {
      village_codes: plan.unstaffed.map((v) => places.village(v).code),
      missing_role: 'village_coordinator',
    },
    township_stations: stationsTruth(stations),
  };
}

export function counts(records: Records) {
  return {
    grids: records.grids.length,
    townships: records.grids.filter((g) => g.level === 'township').length,
    villages: records.grids.filter((g) => g.level === 'village').length,
    persons: records.persons.length,
    subjects: records.subjects.length,
    samples: records.samples.length,
    sample_results: records.samples.reduce((n, s) => n + s.results.length, 0),
    soil_samples: records.soilSamples.length,
    patrols: records.patrols.length,
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}
