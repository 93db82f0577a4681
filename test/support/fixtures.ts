/**
 * A small county made by each test for itself: a 0.4° square split into 2 townships × 2 villages that tile it
 * exactly, with a roster. Each call gets its own codes and its own place on the globe, so tests sharing a
 * PostgreSQL database never see each other's rows.
 */
import { randomInt } from 'node:crypto';
import type { Queryable } from '../../server/src/db/engine';

export interface FixtureCounty {
  countyId: number;
  countyCode: string;
  townshipIds: [number, number];
  villageIds: [number, number, number, number];
  /** [west, south, east, north] of the county. */
  bbox: [number, number, number, number];
  /** A point inside each village, in the order of villageIds. */
  villagePoints: [number, number][];
}

let counter = 0;

function square(w: number, s: number, e: number, n: number): string {
  return `SRID=4326;MULTIPOLYGON(((${w} ${s},${e} ${s},${e} ${n},${w} ${n},${w} ${s})))`;
}

function cellOf(attempt: number): number {
  return (randomInt(0, 2400) + counter++ * 7 + attempt * 613) % 2400;
}

async function insertGrid(
  db: Queryable,
  code: string,
  name: string,
  level: string,
  parentId: number | null,
  wkt: string,
) {
  // PostgreSQL may break a deadlock with another test file writing grids at the same moment (both bump the same
  // layer_version rows): the statement is then simply run again.
  for (let attempt = 0; ; attempt++) {
    try {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO grid_unit (code, name, level, parent_id, population, geom)
         VALUES ($1, $2, $3, $4, 1000, ST_GeomFromEWKT($5)) RETURNING id`,
        [code, name, level, parentId, wkt],
      );
      return (rows[0] as { id: number }).id;
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
    }
  }
}

/** Claims a free cell by inserting its county; a taken cell (same code, same place) is retried with another. */
async function claimCounty(db: Queryable): Promise<{ cell: number; countyId: number; countyCode: string }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const cell = cellOf(attempt);
    // cell = 99·q + r ↔ county digits q, r + 1 (never 00, as the schema requires): one code per cell.
    const countyCode = `99${String(Math.floor(cell / 99)).padStart(2, '0')}${String((cell % 99) + 1).padStart(2, '0')}000000`;
    const [w, s] = [74 + (cell % 60) * 0.5, 20 + Math.floor(cell / 60) * 0.5];
    try {
      const countyId = await insertGrid(
        db,
        countyCode,
        `测试县${cell}`,
        'county',
        null,
        square(w, s, w + 0.4, s + 0.4),
      );
      return { cell, countyId, countyCode };
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  }
  throw new Error('no free fixture cell after 50 attempts');
}

export async function makeCounty(db: Queryable, options: { staffed?: boolean } = {}): Promise<FixtureCounty> {
  // 60 × 40 cells of 0.5° between 74°E–104°E and 20°N–40°N (inside China) (the demo county lies north of them), codes under the
  // unused province prefix 99; the code and the place both follow from the cell, so a unique code is a unique place.
  const { cell, countyId, countyCode } = await claimCounty(db);
  const w = 74 + (cell % 60) * 0.5;
  const s = 20 + Math.floor(cell / 60) * 0.5;
  const e = w + 0.4;
  const n = s + 0.4;
  const mid = (w + e) / 2;
  const midLat = (s + n) / 2;
  const prefix = countyCode.slice(0, 6);
  const insert = (code: string, name: string, level: string, parentId: number | null, wkt: string) =>
    insertGrid(db, code, name, level, parentId, wkt);
  const t1 = await insert(`${prefix}100000`, '东镇', 'township', countyId, square(w, s, mid, n));
  const t2 = await insert(`${prefix}200000`, '西乡', 'township', countyId, square(mid, s, e, n));
  const v = [
    await insert(`${prefix}100201`, '一村', 'village', t1, square(w, s, mid, midLat)),
    await insert(`${prefix}100202`, '二村', 'village', t1, square(w, midLat, mid, n)),
    await insert(`${prefix}200201`, '三村', 'village', t2, square(mid, s, e, midLat)),
    await insert(`${prefix}200202`, '四村', 'village', t2, square(mid, midLat, e, n)),
  ] as [number, number, number, number];
  if (options.staffed !== false) {
    const people: [number, string, string, string, string][] = [
      [countyId, 'county_first_responsible', '王建国', '局长', '13900000001'],
      [countyId, 'county_responsible', '李红', '副局长', '0994-2345678'],
      [t1, 'township_supervisor', '张伟', '监管站站长', '13900000002'],
      [t1, 'township_tester', '赵敏', '检测员', '13900000003'],
      [t2, 'township_supervisor', '陈静', '监管站站长', '13900000004'],
      [t2, 'township_tester', '刘洋', '检测员', '13900000005'],
      ...v.map((id, i): [number, string, string, string, string] => [
        id,
        'village_coordinator',
        `协管员${i + 1}`,
        '村委委员',
        `1390000001${i}`,
      ]),
    ];
    for (const [gridId, role, name, post, phone] of people) {
      await db.query(
        'INSERT INTO grid_person (grid_id, role, name, post, phone) VALUES ($1, $2, $3, $4, $5)',
        [gridId, role, name, post, phone],
      );
    }
  }
  const q = (lon: number, lat: number): [number, number] => [Number(lon.toFixed(6)), Number(lat.toFixed(6))];
  return {
    countyId,
    countyCode,
    townshipIds: [t1, t2],
    villageIds: v,
    bbox: [w, s, e, n],
    villagePoints: [q(w + 0.1, s + 0.1), q(w + 0.1, n - 0.1), q(e - 0.1, s + 0.1), q(e - 0.1, n - 0.1)],
  };
}

let subjectCounter = 0;

/** A unique registry code for test subjects. */
export function uniqueCode(prefix = 'T'): string {
  return `${prefix}${process.pid}-${Date.now().toString(36).toUpperCase()}-${subjectCounter++}`;
}
