/**
 * The golden-tile fixture: a small county at a fixed place (104.99–105.07°E, 9.99–10.05°N, away from the demo
 * county and from test/support/fixtures.ts's cells) with fixed ids (900000000 and up, far above what identity
 * columns reach in tests), so that tiles decode to the same text on every run and on both engines.
 *
 * The z12 seam at SEAM_LON (105.029296875°E, between columns 3242 and 3243) splits the county: the townships meet
 * on it, a subject stands exactly on it, and a patrol track crosses it. Village 1 has a hole; village 2 fills it.
 */
import type { Queryable } from '../../server/src/db/engine';
import { lonLatToMercator, mercatorToLonLat, metresPerPixel } from '../../tiles/src/tile-coord';

export const SEAM_LON = 105.029296875;
export const IDS = {
  county: 900000001,
  townships: [900000002, 900000003],
  villages: [900000004, 900000005, 900000006, 900000007],
  edgeSubject: 900000011,
  baseSubject: 900000012,
  retiredSubject: 900000013,
  blacklistedSubject: 900000014,
  trio: { pass: 900000021, fail: 900000022, pending: 900000023 },
  suspected: 900000024,
  soil: [900000031, 900000032],
  patrols: [900000041, 900000042],
} as const;
const FIRST = 900000000;
const LAST = 900000999;

const box = (w: number, s: number, e: number, n: number) =>
  `(${w} ${s},${e} ${s},${e} ${n},${w} ${n},${w} ${s})`;
const hole = (w: number, s: number, e: number, n: number) =>
  `(${w} ${s},${w} ${n},${e} ${n},${e} ${s},${w} ${s})`;
const multi = (...rings: string[]) => `SRID=4326;MULTIPOLYGON((${rings.join(',')}))`;

/** A point inside one thinning cell at z10 (4-pixel cells), offset by dx, dy metres from the cell's centre. */
function inZ10Cell(lon: number, lat: number, dx: number, dy: number): [number, number] {
  const cell = 4 * metresPerPixel(10);
  const [mx, my] = lonLatToMercator(lon, lat);
  const centre = [(Math.floor(mx / cell) + 0.5) * cell + dx, (Math.floor(my / cell) + 0.5) * cell + dy];
  const [x, y] = mercatorToLonLat(centre[0]!, centre[1]!);
  return [Number(x.toFixed(7)), Number(y.toFixed(7))];
}

export const TRIO_POINTS = {
  pass: inZ10Cell(105.05, 10.0, -30, -20),
  fail: inZ10Cell(105.05, 10.0, 25, 10),
  pending: inZ10Cell(105.05, 10.0, 0, 30),
};

/** Deletes the fixture's rows (children first), so a persistent PostgreSQL test database can run it again. */
export async function removeGoldenCounty(db: Queryable): Promise<void> {
  const range = [FIRST, LAST];
  await db.query('DELETE FROM patrol WHERE id BETWEEN $1 AND $2', range);
  await db.query('DELETE FROM sample WHERE id BETWEEN $1 AND $2', range);
  await db.query('DELETE FROM soil_sample WHERE id BETWEEN $1 AND $2', range);
  await db.query('DELETE FROM production_subject WHERE id BETWEEN $1 AND $2', range);
  await db.query('DELETE FROM grid_person WHERE grid_id BETWEEN $1 AND $2', range);
  for (const level of ['village', 'township', 'county']) {
    await db.query('DELETE FROM grid_unit WHERE id BETWEEN $1 AND $2 AND level = $3', [...range, level]);
  }
}

async function insertGrids(db: Queryable): Promise<void> {
  const E = SEAM_LON;
  const grids: [number, string, string, string, number | null, string, [number, number]][] = [
    [
      IDS.county,
      '980101000000',
      '金穗县',
      'county',
      null,
      multi(box(104.99, 9.99, 105.07, 10.05)),
      [105.03, 10.02],
    ],
    [
      IDS.townships[0],
      '980101100000',
      '东镇',
      'township',
      IDS.county,
      multi(box(104.99, 9.99, E, 10.05)),
      [105.01, 10.02],
    ],
    [
      IDS.townships[1],
      '980101200000',
      '西乡',
      'township',
      IDS.county,
      multi(box(E, 9.99, 105.07, 10.05)),
      [105.05, 10.02],
    ],
    [
      IDS.villages[0],
      '980101100201',
      '环村',
      'village',
      IDS.townships[0],
      multi(box(104.99, 9.99, E, 10.05), hole(105.0, 10.01, 105.015, 10.025)),
      [105.02, 10.04],
    ],
    [
      IDS.villages[1],
      '980101100202',
      '心村',
      'village',
      IDS.townships[0],
      multi(box(105.0, 10.01, 105.015, 10.025)),
      [105.0075, 10.0175],
    ],
    [
      IDS.villages[2],
      '980101200201',
      '南村',
      'village',
      IDS.townships[1],
      multi(box(E, 9.99, 105.07, 10.02)),
      [105.05, 10.005],
    ],
    [
      IDS.villages[3],
      '980101200202',
      '北村',
      'village',
      IDS.townships[1],
      multi(box(E, 10.02, 105.07, 10.05)),
      [105.05, 10.035],
    ],
  ];
  for (const [id, code, name, level, parent, wkt, [lon, lat]] of grids) {
    await db.query(
      `INSERT INTO grid_unit (id, code, name, level, parent_id, geom) OVERRIDING SYSTEM VALUE
       VALUES ($1, $2, $3, $4, $5, ST_GeomFromEWKT($6))`,
      [id, code, name, level, parent, wkt],
    );
    // The trigger's maximum inscribed circle of a rectangle is not unique and GEOS versions pick different centres:
    // the fixture pins the anchors so that both engines see the same labels.
    await db.query('UPDATE grid_unit SET label_geom = ST_SetSRID(ST_MakePoint($2, $3), 4326) WHERE id = $1', [
      id,
      lon,
      lat,
    ]);
  }
  // Township 2 lacks its tester and village 2 its coordinator: both are unstaffed.
  const people: [number, string, string][] = [
    [IDS.county, 'county_first_responsible', '13900000101'],
    [IDS.county, 'county_responsible', '13900000102'],
    [IDS.townships[0], 'township_supervisor', '13900000103'],
    [IDS.townships[0], 'township_tester', '13900000104'],
    [IDS.townships[1], 'township_supervisor', '13900000105'],
    [IDS.villages[0], 'village_coordinator', '13900000106'],
    [IDS.villages[2], 'village_coordinator', '13900000107'],
    [IDS.villages[3], 'village_coordinator', '13900000108'],
  ];
  for (const [gridId, role, phone] of people) {
    await db.query('INSERT INTO grid_person (grid_id, role, name, phone) VALUES ($1, $2, $3, $4)', [
      gridId,
      role,
      '测试员',
      phone,
    ]);
  }
}

async function insertSubjects(db: Queryable): Promise<void> {
  const point = (lon: number, lat: number) => `SRID=4326;POINT(${lon} ${lat})`;
  const base = multi(box(105.045, 10.03, 105.055, 10.04), hole(105.048, 10.033, 105.052, 10.037));
  const subjects: [number, string, string, string, string | null, boolean, string, string | null, string][] =
    [
      [
        IDS.edgeSubject,
        'G-EDGE',
        '界河合作社',
        'cooperative',
        'A',
        true,
        point(SEAM_LON, 10.03),
        null,
        'active',
      ],
      [
        IDS.baseSubject,
        'G-BASE',
        '绿源家庭农场',
        'family_farm',
        null,
        false,
        point(105.05, 10.035),
        base,
        'active',
      ],
      [
        IDS.retiredSubject,
        'G-RETIRED',
        '已注销农场',
        'family_farm',
        'B',
        false,
        point(105.02, 10.04),
        null,
        'retired',
      ],
      [
        IDS.blacklistedSubject,
        'G-BLACK',
        '黑名单散户',
        'small_household',
        'C',
        true,
        point(105.06, 10.0),
        null,
        'active',
      ],
    ];
  for (const [id, code, name, type, credit, keyList, geom, baseGeom, status] of subjects) {
    await db.query(
      `INSERT INTO production_subject (id, code, name, type, credit_class, key_list, traceability, issues_certificate,
         geom, base_geom, status, retired_at, retired_reason) OVERRIDING SYSTEM VALUE
       VALUES ($1, $2, $3, $4, $5, $6, $6, NOT $6, ST_GeomFromEWKT($7), ST_GeomFromEWKT($8), $9,
               CASE WHEN $9 = 'retired' THEN now() END, CASE WHEN $9 = 'retired' THEN '停业' END)`,
      [id, code, name, type, credit, keyList, geom, baseGeom, status],
    );
  }
}

async function insertSamples(db: Queryable): Promise<void> {
  const samples: [number, string, string, string, [number, number], string][] = [
    [IDS.trio.pass, 'GS-1', 'routine', 'pass', TRIO_POINTS.pass, '2024-06-30T17:30:00Z'],
    [IDS.trio.fail, 'GS-2', 'supervisory', 'fail', TRIO_POINTS.fail, '2024-05-10T02:00:00Z'],
    [IDS.trio.pending, 'GS-3', 'quantitative', 'pending', TRIO_POINTS.pending, '2024-05-11T02:00:00Z'],
    [IDS.suspected, 'GS-4', 'rapid', 'suspected', [105.0, 10.045], '2023-12-31T16:30:00Z'],
  ];
  for (const [id, code, kind, verdict, [lon, lat], at] of samples) {
    await db.query(
      `INSERT INTO sample (id, code, kind, verdict, sampled_at, commodity, commodity_category, subject_id, geom) OVERRIDING SYSTEM VALUE
       VALUES ($1, $2, $3, $4, $5, '菠菜', 'vegetable', $6, ST_SetSRID(ST_MakePoint($7, $8), 4326))`,
      [id, code, kind, verdict, at, IDS.baseSubject, lon, lat],
    );
  }
  await db.query(
    `INSERT INTO soil_sample (id, code, sampled_on, land_use, ph, cd_mgkg, as_mgkg, zn_mgkg, geom) OVERRIDING SYSTEM VALUE
     VALUES ($1, 'GT-1', '2024-04-02', 'paddy', 5.4349, 0.312345, 8.1, 80.0004, ST_SetSRID(ST_MakePoint(105.01, 10.0), 4326))`,
    [IDS.soil[0]],
  );
  await db.query(
    `INSERT INTO soil_sample (id, code, sampled_on, land_use, ph, pb_mgkg, geom) OVERRIDING SYSTEM VALUE
     VALUES ($1, 'GT-2', '2023-10-20', 'dry', 7.9, 25.5, ST_SetSRID(ST_MakePoint(105.04, 10.045), 4326))`,
    [IDS.soil[1]],
  );
}

async function insertPatrols(db: Queryable): Promise<void> {
  await db.query(
    `INSERT INTO patrol (id, subject_id, inspector_name, patrolled_at, outcome, rectify_deadline, geom) OVERRIDING SYSTEM VALUE
     VALUES ($1, $2, '巡查员甲', '2024-07-15T01:00:00Z', 'rectify', '2024-08-01',
             ST_GeomFromText('LINESTRING(105.02 10.035, 105.04 10.036, 105.05 10.034)', 4326))`,
    [IDS.patrols[0], IDS.baseSubject],
  );
  await db.query(
    `INSERT INTO patrol (id, subject_id, inspector_name, patrolled_at, outcome) OVERRIDING SYSTEM VALUE
     VALUES ($1, $2, '巡查员乙', '2024-07-16T01:00:00Z', 'compliant')`,
    [IDS.patrols[1], IDS.baseSubject],
  );
}

/** Replaces the golden county (removing a previous run's rows first). */
export async function makeGoldenCounty(db: Queryable): Promise<void> {
  await removeGoldenCounty(db);
  await insertGrids(db);
  await insertSubjects(db);
  await insertSamples(db);
  await insertPatrols(db);
}
