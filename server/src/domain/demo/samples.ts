/**
 * About 15,000 samples per unit of scale from 2024-01-01 to 2026-10-31, mostly taken at production subjects.
 *
 * Glossary:
 * - kinds: rapid 快检 (township stations, vegetables and fruit) 40 %; routine monitoring 例行监测 32 % and supervisory
 *   sampling 监督抽查 8 % (20 % of monitoring, as in the Kaizhou plan); other quantitative lab tests 定量检测 20 %,
 *   including the confirmations of positive rapid tests.
 * - risk factor: credit class B and C subjects fail more often (×1.8, ×3); supervisory sampling targets risk (×1.3).
 * - planted: a leafy-vegetable sample taken inside a carbofuran cluster during its window; it fails for carbofuran
 *   with the cluster's rate (lab) or tests positive with its rapid rate, on top of the background.
 */
import type { SampleKind } from '../../../contracts/enums';
import { PERIOD_END, addDays, seasonalDay, workingTime } from './calendar';
import { COMMODITIES, FAILING_ANALYTE, commodity, type Commodity } from './commodities';
import type { LonLat } from './geo';
import type { CarbofuranCluster } from './patterns';
import type { Places } from './places';
import { WeightedPicker, apportion, type Rng } from './prng';
import { labResults, rapidResult, worstVerdict } from './results';
import type { Subject } from './subjects';
import { SUBJECT_PROFILES } from './subject-types';
import type { ResultRecord, SampleRecord } from './types';

export const SAMPLES_PER_SCALE = 15_000;
const KIND_SHARES: Record<SampleKind, number> = {
  rapid: 0.4,
  routine: 0.32,
  supervisory: 0.08,
  quantitative: 0.2,
};
const KIND_PREFIX: Record<SampleKind, string> = {
  rapid: 'KJ',
  routine: 'LJ',
  supervisory: 'JD',
  quantitative: 'DL',
};
const CREDIT_RISK = { A: 1, B: 1.8, C: 3 } as const;
const WITHOUT_SUBJECT = 0.05;
const CONFIRMED_SHARE = 0.75;

/** Where and from whom a sample is taken, before it is tested. */
interface Draw {
  kind: SampleKind;
  subject: Subject | null;
  commodity: Commodity;
  point: LonLat;
  village: number;
  date: string;
}

export interface SampleContext {
  rng: Rng;
  places: Places;
  clusters: readonly CarbofuranCluster[];
  labs: { county: string; supervisory: string; station: (township: number) => string };
}

/** The cluster a leafy sample falls in (place and window), or -1. */
export function plantedCluster(
  places: Places,
  clusters: readonly CarbofuranCluster[],
  draw: Pick<Draw, 'commodity' | 'point' | 'date'>,
): number {
  if (!draw.commodity.leafy) return -1;
  return clusters.findIndex(
    (c) =>
      draw.date >= c.from && draw.date <= c.to && places.metresBetween(draw.point, c.centre) <= c.radiusM,
  );
}

function pickers(subjects: readonly Subject[]) {
  const weight = (s: Subject, rapid: boolean) => {
    const usable = s.commodities.some((name) => !rapid || commodity(name).rapid);
    return usable ? SUBJECT_PROFILES[s.record.type].sampleWeight * (s.record.keyList ? 1.5 : 1) : 0;
  };
  return {
    rapid: new WeightedPicker(subjects.map((s) => [s, weight(s, true)] as const)),
    lab: new WeightedPicker(subjects.map((s) => [s, weight(s, false)] as const)),
    rapidCommodities: new WeightedPicker(
      COMMODITIES.filter((c) => c.rapid).map((c) => [c, c.weight] as const),
    ),
    labCommodities: new WeightedPicker(COMMODITIES.map((c) => [c, c.weight] as const)),
  };
}

function drawSample(ctx: SampleContext, kind: SampleKind, pick: ReturnType<typeof pickers>): Draw {
  const { rng, places } = ctx;
  const rapid = kind === 'rapid';
  const date = seasonalDay(rng);
  if (kind !== 'supervisory' && rng.chance(WITHOUT_SUBJECT)) {
    const village = rng.weighted(places.county.villages.map((v) => [v.index, v.population] as const));
    const point = places.scatter(rng, places.village(village).centre, 1500, village);
    return {
      kind,
      subject: null,
      commodity: (rapid ? pick.rapidCommodities : pick.labCommodities).pick(rng),
      point,
      village,
      date,
    };
  }
  const subject = (rapid ? pick.rapid : pick.lab).pick(rng);
  const names = subject.commodities.filter((name) => !rapid || commodity(name).rapid);
  const point = rng.chance(0.5)
    ? subject.record.point
    : places.scatter(rng, subject.record.point, 25, subject.village);
  return { kind, subject, commodity: commodity(rng.pick(names)), point, village: subject.village, date };
}

function failProbability(draw: Draw): number {
  const credit = draw.subject ? CREDIT_RISK[draw.subject.record.creditClass] : 1;
  const base = draw.kind === 'rapid' ? draw.commodity.rapidRate : draw.commodity.failRate;
  return base * credit * (draw.kind === 'supervisory' ? 1.3 : 1);
}

/** Tests a drawn sample; `confirming` raises the failure chance of a confirmation of a positive rapid test. */
function test(ctx: SampleContext, draw: Draw, confirming: boolean): ResultRecord[] {
  const { rng } = ctx;
  const cluster = ctx.clusters[plantedCluster(ctx.places, ctx.clusters, draw)];
  if (draw.kind === 'rapid')
    return [rapidResult(rng, rng.chance(cluster ? cluster.rapidRate : failProbability(draw)))];
  if (cluster && rng.chance(confirming ? 0.6 : cluster.rate))
    return labResults(rng, draw.commodity, '克百威');
  const fails = rng.chance(confirming ? 0.5 : failProbability(draw));
  return labResults(rng, draw.commodity, fails ? rng.weighted(FAILING_ANALYTE[draw.commodity.panel]) : null);
}

function toRecord(ctx: SampleContext, draw: Draw, seq: number, results: ResultRecord[]): SampleRecord {
  const { places } = ctx;
  const lab =
    draw.kind === 'rapid'
      ? ctx.labs.station(places.village(draw.village).township)
      : draw.kind === 'supervisory'
        ? ctx.labs.supervisory
        : ctx.labs.county;
  return {
    code: `${KIND_PREFIX[draw.kind]}${places.county.code.slice(0, 6)}-${draw.date.slice(0, 4)}-${String(seq).padStart(6, '0')}`,
    kind: draw.kind,
    sampledAt: workingTime(ctx.rng, draw.date),
    commodity: draw.commodity.name,
    category: draw.commodity.category,
    subjectCode: draw.subject?.record.code ?? null,
    point: draw.point,
    villageCode: places.village(draw.village).code,
    lab,
    verdict: worstVerdict(results),
    results,
  };
}

/** A quantitative confirmation of a positive rapid test at a subject, one to five days later, if still in the period. */
function confirmation(ctx: SampleContext, rapid: Draw): Draw | null {
  if (!rapid.subject || !ctx.rng.chance(CONFIRMED_SHARE)) return null;
  const date = addDays(rapid.date, ctx.rng.int(1, 5));
  return date > PERIOD_END ? null : { ...rapid, kind: 'quantitative', date };
}

export function generateSamples(
  ctx: SampleContext,
  subjects: readonly Subject[],
  scale: number,
): SampleRecord[] {
  const counts = apportion(SAMPLES_PER_SCALE * scale, KIND_SHARES);
  const pick = pickers(subjects);
  const samples: SampleRecord[] = [];
  const add = (draw: Draw, confirming: boolean) =>
    samples.push(toRecord(ctx, draw, samples.length + 1, test(ctx, draw, confirming)));
  let confirmations = 0;
  for (let i = 0; i < counts.rapid; i++) {
    const draw = drawSample(ctx, 'rapid', pick);
    add(draw, false);
    const follow = samples[samples.length - 1]?.verdict === 'suspected' ? confirmation(ctx, draw) : null;
    if (follow && confirmations < counts.quantitative) {
      add(follow, true);
      confirmations++;
    }
  }
  for (const kind of ['routine', 'supervisory', 'quantitative'] as const) {
    const count = kind === 'quantitative' ? counts.quantitative - confirmations : counts[kind];
    for (let i = 0; i < count; i++) add(drawSample(ctx, kind, pick), false);
  }
  return samples;
}
