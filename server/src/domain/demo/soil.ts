/**
 * Farmland soil samples (产地环境监测): a jittered regular grid over the county (about 1,260 points per unit of scale,
 * one spring campaign a year, each point sampled once) plus a denser follow-up survey around the cadmium plume.
 *
 * Glossary:
 * - background: log-normal metal contents at levels typical of Xinjiang's alkaline oasis soils (geometric means, mg/kg:
 *   Cd 0.12, Hg 0.02, As 10, Pb 19, Cr 50, Cu 25, Ni 27, Zn 70), orchards with extra Cu from copper fungicides.
 * - pH: alkaline, 8.0 ± a smooth regional field and local noise, so mostly 7.3–8.7; paddies a little lower.
 * - land use: smooth noise fields make orchards (~12 %) and a few paddies (~3 %) come in patches; ~8 % other; the rest dry.
 * - plume: Cd = background + peak · exp(−d² / 2σ²) (times a little noise); Pb and Zn rise with it, far less.
 * - 加密布点 (densified survey): 0.6 km spacing within 5 km of the plume centre, sampled in autumn 2025.
 */
import { createNoise2D } from 'simplex-noise';
import type { LandUse } from '../../../contracts/enums';
import { day } from './calendar';
import { ringArea, type LonLat } from './geo';
import type { PlumePlan } from './patterns';
import type { Places } from './places';
import type { Rng } from './prng';
import type { SoilSampleRecord } from './types';

export const SOIL_GRID_PER_SCALE = 1260;
const FOLLOW_UP_SPACING_M = 600;
const FOLLOW_UP_RADIUS_M = 5000;
const BACKGROUND = { cd: 0.12, hg: 0.02, as: 10, pb: 19, cr: 50, cu: 25, ni: 27, zn: 70 } as const;

interface SoilFields {
  ph: (p: LonLat) => number;
  landUse: (p: LonLat, rng: Rng) => LandUse;
}

function fields(rng: Rng, places: Places): SoilFields {
  const phNoise = createNoise2D(rng.asFunction());
  const orchard = createNoise2D(rng.asFunction());
  const paddy = createNoise2D(rng.asFunction());
  const km = (p: LonLat) => places.toMetres(p).map((m) => m / 1000) as [number, number];
  return {
    ph: (p) => {
      const [x, y] = km(p);
      return 8.0 + 0.3 * phNoise(x / 25, y / 25);
    },
    landUse: (p, r) => {
      const [x, y] = km(p);
      if (paddy(x / 12, y / 12) > 0.72) return 'paddy';
      if (orchard(x / 8, y / 8) > 0.5) return 'orchard';
      return r.chance(0.08) ? 'other' : 'dry';
    },
  };
}

function plumeFactor(places: Places, plume: PlumePlan, p: LonLat): number {
  const d = places.metresBetween(p, plume.centre);
  return Math.exp(-(d * d) / (2 * plume.sigmaM * plume.sigmaM));
}

function soilSample(
  rng: Rng,
  places: Places,
  f: SoilFields,
  plume: PlumePlan,
  p: LonLat,
  date: string,
  seq: number,
): SoilSampleRecord {
  const landUse = f.landUse(p, rng);
  const ph =
    Math.round(
      Math.min(9.3, Math.max(6.4, f.ph(p) - (landUse === 'paddy' ? 0.4 : 0) + rng.normal(0, 0.18))) * 100,
    ) / 100;
  const plumeShare = plumeFactor(places, plume, p);
  const metal = (m: keyof typeof BACKGROUND, gsd: number, extra = 0) =>
    Number((rng.logNormal(BACKGROUND[m], gsd) + extra).toPrecision(3));
  const cd = BACKGROUND.cd * rng.logNormal(1, 1.3) + plume.peakMgKg * plumeShare * rng.logNormal(1, 1.15);
  return {
    code: `TR${places.county.code.slice(0, 6)}-${date.slice(0, 4)}-${String(seq).padStart(5, '0')}`,
    sampledOn: date,
    landUse,
    ph,
    metals: {
      cd: Number(cd.toPrecision(3)),
      hg: metal('hg', 1.5),
      as: metal('as', 1.3),
      pb: metal('pb', 1.25, 60 * plumeShare),
      cr: metal('cr', 1.25),
      cu: metal('cu', 1.3, landUse === 'orchard' ? 12 : 0),
      ni: metal('ni', 1.25),
      zn: metal('zn', 1.25, 200 * plumeShare),
    },
    point: p,
    villageCode: places.village(places.locate(p)).code,
  };
}

/** Points of a jittered square grid (spacing in metres) inside the county, or inside a circle when given. */
function gridPoints(
  rng: Rng,
  places: Places,
  spacingM: number,
  circle?: { centre: LonLat; radiusM: number },
): LonLat[] {
  const origin = circle?.centre ?? [places.county.frame.lon0, places.county.frame.lat0];
  const reach = circle ? circle.radiusM : 80_000;
  const points: LonLat[] = [];
  const [ox, oy] = [rng.range(0, spacingM), rng.range(0, spacingM)];
  for (let x = -reach + ox; x <= reach; x += spacingM) {
    for (let y = -reach + oy; y <= reach; y += spacingM) {
      if (circle && Math.hypot(x, y) > circle.radiusM) continue;
      const p = places.offset(
        origin,
        x + rng.range(-0.3, 0.3) * spacingM,
        y + rng.range(-0.3, 0.3) * spacingM,
      );
      if (places.locate(p) >= 0) points.push(p);
    }
  }
  return points;
}

export function generateSoil(rng: Rng, places: Places, plume: PlumePlan, scale: number): SoilSampleRecord[] {
  const f = fields(rng.fork('fields'), places);
  const countyM2 = places.county.villages.reduce((sum, v) => sum + areaM2(places, v.ring), 0);
  const spacing = Math.sqrt(countyM2 / (SOIL_GRID_PER_SCALE * scale));
  const grid = gridPoints(rng, places, spacing);
  const followUp = gridPoints(rng, places, FOLLOW_UP_SPACING_M / Math.sqrt(scale), {
    centre: plume.centre,
    radiusM: FOLLOW_UP_RADIUS_M,
  });
  const samples = grid.map((p, i) => {
    const year = rng.pick([2024, 2025, 2026]);
    return soilSample(rng, places, f, plume, p, day(year, rng.pick([4, 5]), rng.int(1, 28)), i + 1);
  });
  followUp.forEach((p, i) =>
    samples.push(
      soilSample(rng, places, f, plume, p, day(2025, rng.pick([9, 10]), rng.int(1, 28)), grid.length + i + 1),
    ),
  );
  return samples;
}

function areaM2(places: Places, ring: readonly LonLat[]): number {
  return Math.abs(ringArea(ring.map((p) => places.toMetres(p))));
}
