/** The lab-results ImportTarget, driven directly: row checks, file and database checks, all-or-nothing writes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import type { ImportContext, RawRow, RowProblem } from '../../server/src/modules/imports/import-target';
import {
  type ResultRow,
  resultsImportTarget as target,
} from '../../server/src/modules/residue/results.import-target';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { openTestDb } from '../support/test-db';

let db: Db;
let county: FixtureCounty;
beforeAll(async () => {
  db = await openTestDb();
  county = await makeCounty(db);
});
afterAll(async () => {
  await db?.close();
});

const context = (n: number): ImportContext => ({
  rowNumbers: Array.from({ length: n }, (_, i) => i + 2),
  columnOf: (key) =>
    ({ code: '样品编号', analyte: '检测项目', value: '检测值', commodity: '样品名称', lon: '经度' })[key] ??
    key,
  user: 'import-test',
});

function sheet(
  code: string,
  point: [number, number],
  overrides: Partial<Record<string, RawRow[string]>>[] = [{}],
): RawRow[] {
  return overrides.map((o, i) => ({
    code,
    kind: 'routine',
    sampledAt: '2024-07-02',
    commodity: '芹菜',
    subjectCode: null,
    lab: '县检测站',
    lon: point[0],
    lat: point[1],
    analyte: i === 0 ? '克百威' : '毒死蜱',
    value: i === 0 ? '未检出' : 0.05,
    lod: 0.005,
    inhibitionPct: null,
    ...o,
  }));
}

function parseAll(raw: RawRow[]) {
  const rows: ResultRow[] = [];
  const problems: RowProblem[] = [];
  raw.forEach((r, i) => {
    const parsed = target.parseRow(r, i + 2, context(raw.length));
    if (parsed.ok) rows.push(parsed.value);
    else problems.push(...parsed.problems);
  });
  return { rows, problems };
}

describe('importing a lab results sheet', () => {
  it('reads "未检出" as not detected and a number as mg/kg, and reports bad cells with their column', () => {
    const ok = parseAll(sheet('X1', [80, 30], [{}, {}]));
    expect(ok.problems).toEqual([]);
    expect(ok.rows.map((r) => r.value)).toEqual([null, 0.05]);
    const bad = parseAll(sheet('X1', [80, 30], [{ value: 'abc', kind: '随便', lon: 999 }]));
    expect(bad.problems.map((p) => [p.row, p.code])).toEqual(
      expect.arrayContaining([
        [2, 'BAD_VALUE'],
        [2, 'BAD_NUMBER'],
        [2, 'OUT_OF_RANGE'],
      ]),
    );
  });

  it('lists duplicate codes in the file and in the database, unknown analytes and commodities, and places outside the county', async () => {
    const stored = uniqueCode('L');
    const first = parseAll(sheet(stored, county.villagePoints[0]!)).rows;
    await db.transaction((tx) => target.write(tx, first, context(first.length)));
    const fresh = uniqueCode('L');
    const { rows } = parseAll([
      ...sheet(stored, county.villagePoints[0]!),
      ...sheet(fresh, county.villagePoints[1]!, [
        {},
        { analyte: '克百威' },
        { analyte: '新农药X' },
        { commodity: '龙眼干' },
      ]),
      ...sheet(uniqueCode('L'), [county.bbox[2] + 1, county.bbox[3] + 1]),
    ]);
    const problems = await target.validateAll!(db, rows, context(rows.length));
    const codes = problems.map((p) => p.code);
    expect(codes).toContain('DUPLICATE');
    expect(codes).toContain('DUPLICATE_RESULT');
    expect(codes).toContain('INCONSISTENT_SAMPLE');
    expect(problems.find((p) => p.code === 'UNKNOWN_ANALYTE')?.message.zh).toContain('新农药X');
    expect(problems.find((p) => p.code === 'UNKNOWN_COMMODITY')?.message.en).toContain('龙眼干');
    expect(problems.find((p) => p.code === 'OUTSIDE_COUNTY')?.column).toBe('经度');
  });

  it('writes every sample with judged results, or nothing when one row breaks a rule in the database', async () => {
    const a = uniqueCode('L');
    const b = uniqueCode('L');
    const rows = parseAll([
      ...sheet(a, county.villagePoints[2]!, [{}, {}]),
      ...sheet(b, county.villagePoints[3]!, [{ value: 0.2 }]),
    ]).rows;
    expect(await target.validateAll!(db, rows, context(rows.length))).toEqual([]);
    const result = await db.transaction((tx) => target.write(tx, rows, context(rows.length)), {
      user: 'import-test',
    });
    expect(result).toEqual({ inserted: 2, updated: 0 });
    const stored = await db.query<{ code: string; verdict: string; created_by: string }>(
      'SELECT code, verdict, created_by FROM sample WHERE code = ANY ($1::text[]) ORDER BY code',
      [[a, b]],
    );
    // a: chlorpyrifos 0.05 on celery, banned on vegetables since 2016-12-31 → fail; b: carbofuran 0.2 → fail.
    expect(stored.rows.map((r) => r.verdict)).toEqual(['fail', 'fail']);
    expect(stored.rows.every((r) => r.created_by === 'import-test')).toBe(true);
    const c = uniqueCode('L');
    const again = parseAll([
      ...sheet(c, county.villagePoints[0]!),
      ...sheet(a, county.villagePoints[0]!),
    ]).rows;
    await expect(db.transaction((tx) => target.write(tx, again, context(again.length)))).rejects.toThrow();
    const none = await db.query('SELECT 1 FROM sample WHERE code = $1', [c]);
    expect(none.rows).toHaveLength(0);
  });
});
