/**
 * Helpers of the tile tests: decode a tile to plain features, write and read the golden text format, and compare
 * two tiles with a tolerance for geometry (ids, types and properties must be equal).
 *
 * Golden format (one file per case, shared by both engines):
 *   # <layer> <z>/<x>/<y>
 *   feature <layer> <id> <point|line|polygon>
 *     properties {"a":1,"b":"x"}          (sorted keys, JSON)
 *     point [x,y] | line [[x,y],…] | ring [[x,y],…]    (tile units; rings start at their smallest vertex)
 */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Queryable } from '../../server/src/db/engine';
import type { FixtureCounty } from '../support/fixtures';

export type Kind = 'point' | 'line' | 'polygon';
type XY = [number, number];

export interface DecodedFeature {
  layer: string;
  id: number;
  kind: Kind;
  properties: Record<string, string | number | boolean>;
  /** Points: one part per point; lines: one part per line; polygons: one part per ring. */
  parts: XY[][];
}

const KINDS: Record<number, Kind> = { 1: 'point', 2: 'line', 3: 'polygon' };

function sortedProperties(properties: Record<string, string | number | boolean>) {
  return Object.fromEntries(Object.entries(properties).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Rotates a closed ring to start at its smallest vertex (x, then y), keeping its direction. */
function normaliseRing(ring: XY[]): XY[] {
  const open =
    ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1]
      ? ring.slice(0, -1)
      : ring;
  let start = 0;
  open.forEach(([x, y], i) => {
    const [bx, by] = open[start]!;
    if (x < bx || (x === bx && y < by)) start = i;
  });
  const rotated = [...open.slice(start), ...open.slice(0, start)];
  return [...rotated, rotated[0]!];
}

export function decodeTile(bytes: Uint8Array): DecodedFeature[] {
  if (bytes.byteLength === 0) return [];
  const tile = new VectorTile(new PbfReader(bytes));
  const features: DecodedFeature[] = [];
  for (const [name, layer] of Object.entries(tile.layers)) {
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      const kind = KINDS[f.type];
      if (!kind) throw new Error(`feature of unknown type ${f.type}`);
      const raw = f.loadGeometry().map((part) => part.map((p): XY => [p.x, p.y]));
      const parts =
        kind === 'point' ? raw.flat().map((p) => [p]) : kind === 'polygon' ? raw.map(normaliseRing) : raw;
      features.push({
        layer: name,
        id: Number(f.id),
        kind,
        properties: sortedProperties(f.properties),
        parts,
      });
    }
  }
  return features.sort((a, b) => a.layer.localeCompare(b.layer) || a.id - b.id);
}

export function formatGolden(title: string, features: DecodedFeature[]): string {
  const lines = [`# ${title}`];
  for (const f of features) {
    lines.push(`feature ${f.layer} ${f.id} ${f.kind}`, `  properties ${JSON.stringify(f.properties)}`);
    const label = f.kind === 'point' ? 'point' : f.kind === 'line' ? 'line' : 'ring';
    for (const part of f.parts)
      lines.push(`  ${label} ${JSON.stringify(f.kind === 'point' ? part[0] : part)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function parseGolden(text: string): DecodedFeature[] {
  const features: DecodedFeature[] = [];
  for (const line of text.split('\n')) {
    const [word, ...rest] = line.trim().split(' ');
    const value = rest.join(' ');
    const current = features.at(-1);
    if (word === 'feature') {
      const [layer, id, kind] = rest as [string, string, Kind];
      features.push({ layer, id: Number(id), kind, properties: {}, parts: [] });
    } else if (word === 'properties' && current) current.properties = JSON.parse(value);
    else if (word === 'point' && current) current.parts.push([JSON.parse(value) as XY]);
    else if ((word === 'line' || word === 'ring') && current) current.parts.push(JSON.parse(value) as XY[]);
  }
  return features;
}

function bbox(part: XY[]): [number, number, number, number] {
  const xs = part.map((p) => p[0]);
  const ys = part.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Shoelace area in tile units (positive for MVT exterior rings). */
export function ringArea(ring: XY[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum / 2;
}

function lineLength(line: XY[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < line.length; i++)
    sum += Math.hypot(line[i + 1]![0] - line[i]![0], line[i + 1]![1] - line[i]![1]);
  return sum;
}

const close = (a: number, b: number, relative: number, absolute: number) =>
  Math.abs(a - b) <= Math.max(absolute, relative * Math.abs(b));

function sortParts(parts: XY[][]): XY[][] {
  return [...parts].sort(
    (a, b) => bbox(a)[0] - bbox(b)[0] || bbox(a)[1] - bbox(b)[1] || bbox(a)[2] - bbox(b)[2],
  );
}

/** A part's size: |area| of a ring, length of a line, nothing for a point. */
function partSize(kind: Kind, part: XY[]): number {
  return kind === 'polygon' ? Math.abs(ringArea(part)) : kind === 'line' ? lineLength(part) : Infinity;
}

/**
 * The parts to compare: all of them when both sides have as many; otherwise those above a size threshold (up to a
 * pixel) at which both sides agree — a leftover ring of a few units² may exist on one side only (see isSliver).
 */
function comparableParts(kind: Kind, expected: XY[][], actual: XY[][]): [XY[][], XY[][]] | null {
  const unit = kind === 'polygon' ? PIXEL_AREA : PIXEL;
  for (const threshold of [0, unit / 8, unit / 4, unit / 2, unit]) {
    const [e, a] = [expected, actual].map((parts) => parts.filter((p) => partSize(kind, p) > threshold)) as [
      XY[][],
      XY[][],
    ];
    if (e.length === a.length) return [e, a];
  }
  return null;
}

function compareGeometry(kind: Kind, expectedParts: XY[][], actualParts: XY[][]): string | null {
  const parts = comparableParts(kind, expectedParts, actualParts);
  if (!parts) return `${expectedParts.length} parts expected, ${actualParts.length} found`;
  const [expected, actual] = parts;
  const [e, a] = [sortParts(expected), sortParts(actual)];
  for (let i = 0; i < e.length; i++) {
    const [eb, ab] = [bbox(e[i]!), bbox(a[i]!)];
    if (eb.some((v, k) => Math.abs(v - ab[k]!) > (kind === 'point' ? 1 : 2)))
      return `part ${i}: bbox ${ab} is not ${eb}`;
    // Rounding a clipped vertex one unit differently moves the ring's edge by up to a unit along its perimeter.
    const slack = Math.max(16, lineLength(e[i]!) / 2);
    if (kind === 'polygon' && !close(ringArea(a[i]!), ringArea(e[i]!), 0.01, slack)) {
      return `ring ${i}: area ${ringArea(a[i]!)} is not ${ringArea(e[i]!)}`;
    }
    if (kind === 'line' && !close(lineLength(a[i]!), lineLength(e[i]!), 0.02, 4)) {
      return `line ${i}: length ${lineLength(a[i]!)} is not ${lineLength(e[i]!)}`;
    }
  }
  return null;
}

/** One pixel (1/512 of the tile) is 8 units: a pixel's area is 64 units², its length 8 units. */
const PIXEL_AREA = 64;
const PIXEL = 8;

/**
 * A sliver: a polygon smaller than a pixel or a line shorter than one, as clipping leaves at the buffer's edge.
 * Wagyu (ST_AsMVTGeom) and GEOS round such leftovers differently, so one path may keep what the other drops.
 */
function isSliver(f: DecodedFeature): boolean {
  if (f.kind === 'polygon') return f.parts.reduce((sum, ring) => sum + ringArea(ring), 0) <= PIXEL_AREA;
  if (f.kind === 'line') return f.parts.reduce((sum, line) => sum + lineLength(line), 0) < PIXEL;
  return false;
}

/** Differences between two decoded tiles: ids, kinds and properties exactly, geometry within the tolerance. */
export function tileDifferences(expected: DecodedFeature[], actual: DecodedFeature[]): string[] {
  const problems: string[] = [];
  const key = (f: DecodedFeature) => `${f.layer}#${f.id}`;
  const found = new Map(actual.map((f) => [key(f), f]));
  for (const e of expected) {
    const a = found.get(key(e));
    found.delete(key(e));
    if (!a && isSliver(e)) continue;
    if (!a) problems.push(`${key(e)} is missing`);
    else if (a.kind !== e.kind) problems.push(`${key(e)} is a ${a.kind}, not a ${e.kind}`);
    else if (JSON.stringify(a.properties) !== JSON.stringify(e.properties)) {
      problems.push(
        `${key(e)} has properties ${JSON.stringify(a.properties)}, not ${JSON.stringify(e.properties)}`,
      );
    } else {
      const geometry = compareGeometry(e.kind, e.parts, a.parts);
      if (geometry) problems.push(`${key(e)}: ${geometry}`);
    }
  }
  for (const [extra, f] of found) if (!isSliver(f)) problems.push(`${extra} is unexpected`);
  return problems;
}

/**
 * Deletes a fixture county and every row in it (children first). Tile tests clean up after themselves so that the
 * shared PostgreSQL test database does not fill with counties whose random cells later runs would collide with.
 */
export async function removeCounty(db: Queryable, county: FixtureCounty): Promise<void> {
  const grids = [county.countyId, ...county.townshipIds, ...county.villageIds];
  const villages = [...county.villageIds];
  const subjects = `SELECT id FROM production_subject WHERE grid_id = ANY($1::bigint[])`;
  await db.query(`DELETE FROM patrol WHERE grid_id = ANY($1::bigint[]) OR subject_id IN (${subjects})`, [
    villages,
  ]);
  await db.query(`DELETE FROM sample WHERE grid_id = ANY($1::bigint[]) OR subject_id IN (${subjects})`, [
    villages,
  ]);
  await db.query('DELETE FROM soil_sample WHERE grid_id = ANY($1::bigint[])', [villages]);
  await db.query('DELETE FROM production_subject WHERE grid_id = ANY($1::bigint[])', [villages]);
  await db.query('DELETE FROM grid_person WHERE grid_id = ANY($1::bigint[])', [grids]);
  for (const ids of [villages, [...county.townshipIds], [county.countyId]]) {
    await db.query('DELETE FROM grid_unit WHERE id = ANY($1::bigint[])', [ids]);
  }
}
