import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import type {
  AreaHotspotsResponse,
  DrillDownResponse,
  RatesResponse,
  ScanResponse,
  TrendsResponse,
} from '../../server/contracts/analysis';
import { openDemoTestDb } from '../support/demo-db';
import { type TestServer, request, startServer } from '../support/http';

let db: Db;
let server: TestServer;
let countyId: number;
interface Cluster {
  village_codes: string[];
  centre: { lon: number; lat: number };
  window: { from: string; to: string };
}
let clusters: Cluster[];

beforeAll(async () => {
  db = await openDemoTestDb();
  server = await startServer(db);
  const county = await db.query<{ id: number }>("SELECT id FROM grid_unit WHERE code = '652399000000'");
  countyId = county.rows[0]!.id;
  const truth = await db.query<{ value: Cluster[] }>(
    "SELECT value FROM demo_truth WHERE key = 'carbofuran_clusters'",
  );
  clusters = truth.rows[0]!.value;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** The analyst's filter: a year, leafy vegetables, carbofuran, lab tests. */
const filterFor = (year: string) => ({
  gridId: countyId,
  from: `${year}-01-01`,
  to: `${year}-12-31`,
  commodity: '叶菜类蔬菜',
  analyte: '克百威',
  kinds: ['routine', 'supervisory', 'quantitative'],
});

const post = <T>(path: string, body: unknown) => request<T>(server.url, path, { method: 'POST', body });
const metres = (a: [number, number], b: { lon: number; lat: number }) =>
  Math.hypot((a[0] - b.lon) * 111_320 * Math.cos((b.lat * Math.PI) / 180), (a[1] - b.lat) * 110_570);

describe('failure rates per grid', () => {
  it('gives every village its counts, EB-smoothed rate, Wilson intervals and the insufficient flag', async () => {
    const res = await post<RatesResponse>('/api/analysis/rates', {
      filter: filterFor('2024'),
      minSamples: 10,
    });
    expect(res.status).toBe(200);
    expect(res.body.features).toHaveLength(57);
    const total = res.body.features.reduce((s, f) => s + f.properties.samples, 0);
    expect(total).toBe(res.body.summary.samples);
    for (const { properties: p } of res.body.features) {
      expect(p.insufficient).toBe(p.samples < 10);
      if (p.samples > 0) {
        expect(p.failInterval![0]).toBeLessThanOrEqual(p.rate!);
        expect(p.failInterval![1]).toBeGreaterThanOrEqual(p.rate!);
        expect(p.passRate).toBeCloseTo(1 - p.rate!, 12);
      } else expect(p.rate).toBeNull();
    }
  });

  it('aggregates to townships and to hexagons with polygons when asked', async () => {
    const town = await post<RatesResponse>('/api/analysis/rates', {
      filter: filterFor('2024'),
      units: { kind: 'grid', level: 'township' },
    });
    expect(town.body.features).toHaveLength(10);
    const hex = await post<RatesResponse>('/api/analysis/rates?download=hexagons', {
      filter: filterFor('2024'),
      units: { kind: 'hexagon', sizeM: 2000 },
      geometry: true,
    });
    expect(hex.headers.get('content-disposition')).toContain('hexagons.geojson');
    expect(hex.body.features.length).toBeGreaterThan(20);
    expect((hex.body.features[0]!.geometry as { type: string }).type).toBe('Polygon');
  });
});

describe('hot spots of the planted carbofuran clusters', () => {
  it('finds the village of each planted cluster a Gi* hot spot at 95 % after FDR in the year of its window', async () => {
    for (const cluster of clusters) {
      const res = await post<AreaHotspotsResponse>('/api/analysis/area-hotspots', {
        filter: filterFor(cluster.window.from.slice(0, 4)),
        method: 'gi_star',
        weights: 'queen',
      });
      expect(res.status).toBe(200);
      const hot = res.body.features.filter(
        (f) => f.properties.class === 'hot_95' || f.properties.class === 'hot_99',
      );
      for (const code of cluster.village_codes) expect(hot.map((f) => f.properties.code)).toContain(code);
    }
  });

  it('finds each planted cluster with the Bernoulli scan, with a relative risk above 3', async () => {
    for (const cluster of clusters) {
      const res = await post<ScanResponse>('/api/analysis/scan', {
        filter: filterFor(cluster.window.from.slice(0, 4)),
        replications: 199,
        seed: 42,
      });
      expect(res.status).toBe(200);
      const top = res.body.features[0]!.properties;
      expect(top.p).toBeLessThanOrEqual(0.05);
      expect(top.relativeRisk).toBeGreaterThan(3);
      expect(metres(top.centre, cluster.centre)).toBeLessThan(4500);
    }
  });

  it('lists the failing samples, analytes and subjects behind a hot village and exports them to Excel', async () => {
    const cluster = clusters[0]!;
    const village = await db.query<{ id: number }>('SELECT id FROM grid_unit WHERE code = $1', [
      cluster.village_codes[0],
    ]);
    const body = {
      filter: filterFor(cluster.window.from.slice(0, 4)),
      where: { kind: 'grid', gridId: village.rows[0]!.id },
      onlyFailures: true,
    };
    const res = await post<DrillDownResponse>('/api/analysis/samples', body);
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(3);
    expect(
      res.body.rows.every(
        (r) => r.failed && r.findings.some((f) => f.analyte === '克百威' && f.verdict === 'fail'),
      ),
    ).toBe(true);
    expect(res.body.byAnalyte[0]?.analyte).toBe('克百威');
    const xlsx = await fetch(`${server.url}/api/analysis/samples.xlsx`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '样品 Samples',
      '项目 Analytes',
      '产品 Commodities',
      '主体 Subjects',
    ]);
    expect(book.worksheets[0]!.rowCount).toBe(res.body.total + 1);
  });

  it('classifies the 2024 cluster village as a historical hot spot by quarter (hot in 2024, not at the end)', async () => {
    const cluster = clusters[0]!;
    const res = await post<TrendsResponse>('/api/analysis/trends', {
      filter: { ...filterFor('2024'), from: '2024-01-01', to: '2026-10-31' },
      period: 'quarter',
    });
    expect(res.status).toBe(200);
    expect(res.body.periods[0]).toBe('2024-Q1');
    const unit = res.body.units.find((u) => u.code === cluster.village_codes[0])!;
    expect(unit.series.some((s) => s.hot)).toBe(true);
    expect(unit.class).toBe('historical');
    expect(res.body.monthly.reduce((s, m) => s + m.samples, 0)).toBeGreaterThan(0);
  });
});

describe('exports', () => {
  it('writes any table to Excel with formula injection neutralised', async () => {
    const res = await fetch(`${server.url}/api/analysis/export.xlsx`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: '热点 Hotspots',
        columns: [
          { key: 'name', label: '名称' },
          { key: 'z', label: 'z' },
        ],
        rows: [
          { name: '=HYPERLINK("http://evil","x")', z: 2.5 },
          { name: '@SUM(A1)', z: -1 },
          { name: '一村', z: null },
        ],
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe('\'=HYPERLINK("http://evil","x")');
    expect(sheet.getCell('A3').value).toBe("'@SUM(A1)");
    expect(sheet.getCell('B2').value).toBe(2.5);
    expect(sheet.getCell('A4').value).toBe('一村');
  });
});
