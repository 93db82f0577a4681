/**
 * Registry benchmark (issue 7): importing a 50,000-row registry sheet with validation and grid assignment through
 * the real import pipeline (parse → map → check every row and the registry → write all or nothing), against a
 * baseline measured in the same run — the same rows inserted by one plain statement, no checks —; and an OGC API
 * items page of 1,000 features over HTTP against the SQL that builds it. Prints, never asserts.
 *
 *   npm run bench registry -- --engine=postgres|pglite|both --rows=50000 --database=postgres://…/nongan_bench
 */
import type { AddressInfo } from 'node:net';
import * as XLSX from '@e965/xlsx';
import { loadConfig } from '../server/src/config';
import { adminApp } from '../test/support/http';
import type { Db } from '../server/src/db/engine';
import { migrate } from '../server/src/db/migrate';
import { PgDb } from '../server/src/db/pg-engine';
import { loadDemo } from '../server/src/modules/demo/demo.service';
import { commit, preview, upload } from '../server/src/modules/imports/imports.service';
import { openDemoTestDb } from '../test/support/demo-db';
import { fetchAll, report } from './measure';

export const description =
  'registry: 50,000-row Excel import through the pipeline vs a plain insert; OGC items page of 1,000';

const PREFIX = 'BENCH-';
const HEADERS = ['主体编码', '主体名称', '主体类型', '联系电话', '经度', '纬度', '信用等级', '追溯平台'];
const TYPES = ['家庭农场', '种养大户', '散户', '农民专业合作社'];

async function points(db: Db, count: number): Promise<[number, number][]> {
  const perVillage = Math.ceil(count / 50);
  const { rows } = await db.query<{ x: number; y: number }>(
    `SELECT ST_X(p.geom) AS x, ST_Y(p.geom) AS y
     FROM grid_unit g, LATERAL ST_Dump(ST_GeneratePoints(g.geom, $1, 7)) AS p
     WHERE g.level = 'village' AND g.code LIKE '652399%' LIMIT $2`,
    [perVillage, count],
  );
  return rows.map((r) => [Number(r.x.toFixed(6)), Number(r.y.toFixed(6))]);
}

function workbook(locations: [number, number][]): Buffer {
  const rows = locations.map(([lon, lat], i) => [
    `${PREFIX}${String(i).padStart(6, '0')}`,
    `基准测试主体${i}`,
    TYPES[i % TYPES.length],
    `139${String(10_000_000 + i).slice(-8)}`,
    lon,
    lat,
    ['A', 'A', 'B', 'A类'][i % 4],
    i % 3 === 0 ? '否' : '是',
  ]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([HEADERS, ...rows]), '名录');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

async function cleanUp(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `DELETE FROM production_subject_event WHERE subject_id IN (SELECT id FROM production_subject WHERE code LIKE '${PREFIX}%')`,
    );
    await tx.query(`DELETE FROM production_subject WHERE code LIKE '${PREFIX}%'`);
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function benchImport(db: Db, rows: number): Promise<void> {
  await cleanUp(db);
  const locations = await points(db, rows);
  const bytes = workbook(locations);
  const request = { target: 'subjects', datum: 'wgs84' as const, swapAxes: false };
  let t = performance.now();
  const summary = await upload(db, { filename: 'bench.xlsx', bytes }, 'bench');
  const tUpload = performance.now() - t;
  t = performance.now();
  const previewed = await preview(db, summary.id, request, 'bench');
  const tPreview = performance.now() - t;
  t = performance.now();
  const outcome = await commit(db, summary.id, request, 'bench');
  const tCommit = performance.now() - t;
  if (!('result' in outcome))
    throw new Error(`the benchmark sheet was rejected: ${outcome.rejected.problems.length} problems`);
  const total = tUpload + tCommit;
  console.log(
    `  ${locations.length} rows (${(bytes.length / 1024 / 1024).toFixed(1)} MB): upload+parse ${seconds(tUpload)}, preview ${seconds(tPreview)} (${previewed.problems.length} problems), commit ${seconds(tCommit)}`,
  );
  console.log(
    `  import (upload + commit, every row checked and placed in its village): ${seconds(total)}  [target < 20 s on PostgreSQL]`,
  );
  await cleanUp(db);
  t = performance.now();
  await db.transaction((tx) =>
    tx.query(
      `INSERT INTO production_subject (code, name, type, geom)
       SELECT r.code, r.name, 'family_farm', ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)
       FROM json_to_recordset($1::json) AS r(code text, name text, lon float8, lat float8)`,
      [
        JSON.stringify(
          locations.map(([lon, lat], i) => ({ code: `${PREFIX}${i}`, name: `基准${i}`, lon, lat })),
        ),
      ],
    ),
  );
  const tPlain = performance.now() - t;
  console.log(
    `  baseline, one plain INSERT of the same rows (grid trigger only): ${seconds(tPlain)}  → import ÷ baseline ${(total / tPlain).toFixed(1)}×`,
  );
  await cleanUp(db);
}

async function benchOgc(db: Db): Promise<void> {
  const app = await adminApp(db, loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off' }));
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ogc/collections`;
    const urls = Array.from(
      { length: 30 },
      (_, i) => `${base}/${i % 2 ? 'samples' : 'subjects'}/items?limit=1000&offset=${(i % 3) * 1000}`,
    );
    report('OGC items, 1,000 features a page', await fetchAll(urls, 1), 'pages');
    console.log('  [target: p95 < 200 ms]');
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

function option(args: string[], name: string, fallback: string): string {
  const found = args.find((arg) => arg.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

async function openEngine(engine: 'postgres' | 'pglite', url: string): Promise<Db> {
  if (engine === 'pglite') return openDemoTestDb();
  const db = await PgDb.open({ connectionString: url, max: 8 });
  await migrate(db);
  const { rows } = await db.query(`SELECT 1 FROM grid_unit WHERE code = '652399000000'`);
  if (rows.length === 0) await loadDemo(db, { scale: 1 });
  return db;
}

export async function run(args: string[]): Promise<void> {
  const engine = option(args, 'engine', 'both');
  const rows = Number(option(args, 'rows', '50000'));
  const url = option(
    args,
    'database',
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/nongan_bench',
  );
  for (const name of ['postgres', 'pglite'] as const) {
    if (engine !== 'both' && engine !== name) continue;
    console.log(`${name}:`);
    const db = await openEngine(name, url);
    try {
      await benchImport(db, rows);
      await benchOgc(db);
    } finally {
      await db.close();
    }
  }
}
