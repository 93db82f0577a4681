/**
 * Coordinates as they arrive in spreadsheets: decimal degrees (possibly full-width), degrees-minutes-seconds text,
 * in one of the datums Chinese users meet — WGS84/CGCS2000 (GPS, Tianditu; treated as identical at map scales),
 * GCJ-02 (Amap/Tencent) and BD-09 (Baidu) — converted to WGS84 for storage. And the commonest mistake, longitude
 * and latitude in each other's columns, recognised for points in China.
 */
import gcoord from 'gcoord';
import { type Cell, normaliseText, parseNumber } from './cells';

export const DATUMS = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;
export type Datum = (typeof DATUMS)[number];

/** China's extent, generously: used to recognise swapped axes and points far outside the country. */
export const CHINA = { west: 73, east: 136, south: 3, north: 54 } as const;

/** Decimal degrees from '87.3', '８７．３', "87°18'30\"E", '87度18分30秒', '44°N'; western/southern signs honoured. */
export function parseDegrees(value: Cell): number | null {
  const plain = parseNumber(value);
  if (plain.ok) return plain.value;
  const text = normaliseText(value).toUpperCase();
  const match =
    /^([+-]?\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′分]\s*)?(?:(\d+(?:\.\d+)?)\s*(?:"|″|''|秒))?\s*([NSEW])?$/.exec(
      text,
    );
  if (!match) return null;
  const [, deg, min, sec, hemisphere] = match;
  const magnitude = Math.abs(Number(deg)) + Number(min ?? 0) / 60 + Number(sec ?? 0) / 3600;
  if (Number(min ?? 0) >= 60 || Number(sec ?? 0) >= 60) return null;
  const negative = (deg as string).startsWith('-') || hemisphere === 'S' || hemisphere === 'W';
  return negative ? -magnitude : magnitude;
}

export function inChina(lon: number, lat: number): boolean {
  return lon >= CHINA.west && lon <= CHINA.east && lat >= CHINA.south && lat <= CHINA.north;
}

/** True when the pair only makes sense in China with the axes exchanged (latitude written as longitude). */
export function looksSwapped(lon: number, lat: number): boolean {
  return !inChina(lon, lat) && inChina(lat, lon);
}

/**
 * To WGS84 (= CGCS2000 at map scales) from the datum the coordinates were taken in, to 7 decimals (≈ 1 cm).
 * GCJ-02 and BD-09 are defined only forwards (from WGS84); gcoord inverts them by iterating to 1e-6° (≈ 0.1 m),
 * which leaves slivers of thousands of m² along the long straight edges of an imported grid. The same fixed-point
 * iteration is carried on here until the forward transform of the result lands within 1e-9° of the input.
 */
export function toWgs84(lon: number, lat: number, datum: Datum): [number, number] {
  if (datum === 'wgs84' || datum === 'cgcs2000') return [lon, lat];
  const crs = datum === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
  let [x, y] = gcoord.transform([lon, lat], crs, gcoord.WGS84) as [number, number];
  for (let i = 0; i < 20; i++) {
    const [fx, fy] = gcoord.transform([x, y], gcoord.WGS84, crs) as [number, number];
    const [dx, dy] = [fx - lon, fy - lat];
    if (Math.abs(dx) < 1e-9 && Math.abs(dy) < 1e-9) break;
    x -= dx;
    y -= dy;
  }
  return [Number(x.toFixed(7)), Number(y.toFixed(7))];
}
