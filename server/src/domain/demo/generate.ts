/**
 * The demo county generator: a seed and a scale in, plain records out — no I/O, no clock, no Math.random, so the
 * same options always give the same county, byte for byte.
 *
 * Glossary:
 * - seed: any 32-bit unsigned integer; DEFAULT_DEMO_SEED makes the county every fresh install shows.
 * - scale: a positive integer multiplying subjects (2,000), samples (15,000), soil samples (~1,500) and, through the
 *   subjects, patrols (~6,000). Grids (1 county, 10 townships, 57 villages) and the roster stay the same.
 * - stages: each draws from its own stream (rng.fork(name)), so a change in one stage leaves the others as they were.
 */
import { PhoneBook } from './contacts';
import { DEMO_COUNTY_CODE, buildCounty, gridRecords } from './county';
import { generateCases } from './cases';
import { generatePatrols } from './patrols';
import { planPatterns } from './patterns';
import { Places } from './places';
import { Rng } from './prng';
import { generateRoster } from './roster';
import { generateSamples } from './samples';
import { generateSoil } from './soil';
import { generateSubjects } from './subjects';
import { buildTiling } from './tiling';
import { buildTruth } from './truth';
import type { DemoData } from './types';

export const DEFAULT_DEMO_SEED = 652399;

export interface DemoOptions {
  seed?: number;
  scale?: number;
  /**
   * 12-digit code of the county (default 652399000000, a code no real county has). Every registry, sample and soil
   * code embeds its first six digits. The place stays the same, so two demos under different codes overlap: only
   * tests use this.
   */
  countyCode?: string;
  /**
   * Tests only: `false` generates the county without planting the carbofuran clusters (their places and windows
   * are still planned and leafy growers still concentrate there), the null case for hotspot tests.
   */
  plantClusters?: boolean;
}

export function checkDemoOptions(options: DemoOptions): Required<Omit<DemoOptions, 'plantClusters'>> {
  const { seed = DEFAULT_DEMO_SEED, scale = 1, countyCode = DEMO_COUNTY_CODE } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`seed must be an integer from 0 to 4294967295, not ${seed}`);
  if (!Number.isInteger(scale) || scale < 1 || scale > 1000)
    throw new RangeError(`scale must be an integer from 1 to 1000, not ${scale}`);
  if (!/^\d{4}(?!00)\d{2}0{6}$/.test(countyCode) || countyCode.startsWith('99')) {
    throw new RangeError(
      `countyCode must be a 12-digit county code (…000000, not under 99), not ${countyCode}`,
    );
  }
  return { seed, scale, countyCode };
}

export function generateDemo(options: DemoOptions = {}): DemoData {
  const { seed, scale, countyCode } = checkDemoOptions(options);
  const rng = new Rng(seed, 'demo');
  const county = buildCounty(rng.fork('county'), buildTiling(rng.fork('tiling')), countyCode);
  const places = new Places(county);
  const plan = planPatterns(rng.fork('patterns'), places);
  const phones = new PhoneBook(rng.fork('phones'));
  const roster = generateRoster(rng.fork('roster'), places, plan, phones);
  const subjects = generateSubjects(rng.fork('subjects'), places, plan, phones, scale);
  const station = (t: number) => roster.stations[t]?.name ?? `${county.name}农产品质量安全检验检测站`;
  const labs = {
    county: `${county.name}农产品质量安全检验检测站`,
    supervisory: '州农产品质量安全检验检测中心（委托检测）',
    station,
  };
  const samples = generateSamples(
    {
      rng: rng.fork('samples'),
      places,
      clusters: options.plantClusters === false ? [] : plan.clusters,
      labs,
    },
    subjects,
    scale,
  );
  const patrols = generatePatrols(rng.fork('patrols'), places, plan, subjects, roster.inspectors);
  const records = {
    seed,
    scale,
    countyCode,
    countyName: county.name,
    grids: gridRecords(county),
    persons: roster.persons,
    subjects: subjects.map((s) => s.record),
    samples,
    soilSamples: generateSoil(rng.fork('soil'), places, plan.plume, scale),
    patrols,
    cases: generateCases(rng.fork('cases'), countyCode, patrols, samples),
  };
  return { ...records, truth: buildTruth(places, plan, records, roster.stations) };
}
