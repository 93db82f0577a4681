/**
 * The demo county as a model: the tiling plus codes, names and populations, and the grid records made from it.
 *
 * Glossary:
 * - division code (12 digits): province 65 (Xinjiang) + prefecture 23 + county 99 (no real county has it) +
 *   township (100–199 镇 town, 200–399 乡 rural township) + village (200–399 村委会 village committee).
 * - seat: the township's seat village (named after the township, holds its supervision station); township 0 holds
 *   the county seat and is a town, as are the three townships whose seats lie nearest the centre.
 */
import type { GridRecord } from './types';
import { bounds, type LocalFrame, type LonLat, type Ring } from './geo';
import { placeNames } from './names';
import type { Rng } from './prng';
import type { Tiling } from './tiling';

export const DEMO_COUNTY_CODE = '652399000000';
export const DEMO_COUNTY_NAME = '青榆县';

export interface VillageModel {
  index: number;
  code: string;
  name: string;
  township: number;
  centre: LonLat;
  ring: Ring;
  bbox: [number, number, number, number];
  population: number;
}

export interface TownshipModel {
  index: number;
  code: string;
  name: string;
  seat: number;
  villages: number[];
  ring: Ring;
  population: number;
}

export interface CountyModel {
  code: string;
  name: string;
  frame: LocalFrame;
  ring: Ring;
  townships: TownshipModel[];
  villages: VillageModel[];
  population: number;
}

const TOWNS = 4;

/** Township codes: towns 101… in order of their seat's distance from the centre, then 乡 201… clockwise from north. */
function townshipNumbers(tiling: Tiling): number[] {
  const seatOf = (t: number) => tiling.villages[tiling.townships[t]?.seat as number]?.centre as LonLat;
  const [lon0, lat0] = [tiling.frame.lon0, tiling.frame.lat0];
  const byDistance = tiling.townships
    .map((_, t) => t)
    .sort((a, b) => dist(seatOf(a)) - dist(seatOf(b)) || a - b);
  function dist([lon, lat]: LonLat) {
    return Math.hypot((lon - lon0) * tiling.frame.kmPerDegLon, (lat - lat0) * tiling.frame.kmPerDegLat);
  }
  const towns = [0, ...byDistance.filter((t) => t !== 0)].slice(0, TOWNS);
  const angle = (t: number) =>
    (Math.atan2(seatOf(t)[0] - lon0, seatOf(t)[1] - lat0) + 2 * Math.PI) % (2 * Math.PI);
  const rural = tiling.townships
    .map((_, t) => t)
    .filter((t) => !towns.includes(t))
    .sort((a, b) => angle(a) - angle(b));
  const numbers: number[] = [];
  towns.forEach((t, k) => (numbers[t] = 101 + k));
  rural.forEach((t, k) => (numbers[t] = 201 + k));
  return numbers;
}

function villagePopulation(rng: Rng, seat: boolean): number {
  const population = rng.logNormal(seat ? 2600 : 1700, 1.45);
  return Math.round(Math.min(4000, Math.max(800, population)) / 10) * 10;
}

interface Names {
  townships: string[];
  villages: string[];
}

/** A township and its villages (added to `villages` by index); villages are numbered outwards from the seat. */
function buildTownship(
  rng: Rng,
  tiling: Tiling,
  t: number,
  code: string,
  names: Names,
  villages: VillageModel[],
): TownshipModel {
  const shape = tiling.townships[t] as Tiling['townships'][number];
  const number = townshipNumbers(tiling)[t] as number;
  const prefix = `${code.slice(0, 6)}${number}`;
  const ordered = [...shape.villages].sort(
    (a, b) => seatDistance(tiling, shape.seat, a) - seatDistance(tiling, shape.seat, b) || a - b,
  );
  ordered.forEach((v, k) => {
    const village = tiling.villages[v] as Tiling['villages'][number];
    const seat = v === shape.seat;
    villages[v] = {
      index: v,
      code: `${prefix}${201 + k}`,
      name: `${seat ? names.townships[t] : names.villages[v]}村`,
      township: t,
      centre: village.centre,
      ring: village.ring,
      bbox: bounds(village.ring),
      population: villagePopulation(rng, seat),
    };
  });
  const population = ordered.reduce((s, v) => s + (villages[v]?.population ?? 0), 0);
  const name = `${names.townships[t]}${number < 200 ? '镇' : '乡'}`;
  return {
    index: t,
    code: `${prefix}000`,
    name,
    seat: shape.seat,
    villages: ordered,
    ring: shape.ring,
    population,
  };
}

export function buildCounty(rng: Rng, tiling: Tiling, code = DEMO_COUNTY_CODE): CountyModel {
  const townshipNames = placeNames(rng.fork('township-names'), tiling.townships.length);
  const names = {
    townships: townshipNames,
    villages: placeNames(rng.fork('village-names'), tiling.villages.length, new Set(townshipNames)),
  };
  const villages: VillageModel[] = [];
  const townships = tiling.townships.map((_, t) => buildTownship(rng, tiling, t, code, names, villages));
  const population = townships.reduce((s, t) => s + t.population, 0);
  return {
    code,
    name: DEMO_COUNTY_NAME,
    frame: tiling.frame,
    ring: tiling.county,
    townships,
    villages,
    population,
  };
}

function seatDistance(tiling: Tiling, seat: number, v: number): number {
  const a = tiling.villages[seat]?.centre as LonLat;
  const b = tiling.villages[v]?.centre as LonLat;
  return Math.hypot((a[0] - b[0]) * tiling.frame.kmPerDegLon, (a[1] - b[1]) * tiling.frame.kmPerDegLat);
}

/** The grid_unit rows: the county, then townships, then villages (parents before children, each level by code). */
export function gridRecords(county: CountyModel): GridRecord[] {
  const townships = [...county.townships].sort((a, b) => (a.code < b.code ? -1 : 1));
  return [
    {
      code: county.code,
      name: county.name,
      level: 'county',
      parentCode: null,
      population: county.population,
      ring: county.ring,
    },
    ...townships.map((t): GridRecord => ({
      code: t.code,
      name: t.name,
      level: 'township',
      parentCode: county.code,
      population: t.population,
      ring: t.ring,
    })),
    ...townships.flatMap((t) =>
      t.villages.map((v): GridRecord => {
        const village = county.villages[v] as VillageModel;
        return {
          code: village.code,
          name: village.name,
          level: 'village',
          parentCode: t.code,
          population: village.population,
          ring: village.ring,
        };
      }),
    ),
  ];
}
