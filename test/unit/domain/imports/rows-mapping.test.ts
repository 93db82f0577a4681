import { describe, expect, it } from 'vitest';
import { checkMapping, headerSignature, proposeMapping } from '../../../../server/src/domain/imports/mapping';
import { readRow } from '../../../../server/src/domain/imports/rows';
import type { ImportField } from '../../../../server/src/domain/imports/types';

const fields: ImportField[] = [
  { key: 'code', type: 'string', required: true, label: { zh: '编号', en: 'Code' }, aliases: ['样品编号'] },
  {
    key: 'sampledOn',
    type: 'date',
    required: true,
    label: { zh: '采样日期', en: 'Sampling date' },
    aliases: ['日期'],
  },
  { key: 'value', type: 'number', required: false, label: { zh: '检测值', en: 'Value' }, aliases: [] },
  {
    key: 'kind',
    type: 'string',
    required: true,
    label: { zh: '类型', en: 'Kind' },
    aliases: [],
    values: [
      { value: 'routine', zh: '例行监测', en: 'Routine' },
      { value: 'rapid', zh: '快速检测', en: 'Rapid' },
    ],
  },
  { key: 'lon', type: 'longitude', required: true, label: { zh: '经度', en: 'Longitude' }, aliases: ['lng'] },
  { key: 'lat', type: 'latitude', required: true, label: { zh: '纬度', en: 'Latitude' }, aliases: [] },
];

const headers = ['样品编号', '日期', '检测值(mg/kg)', '类型', '经度', '纬度'];
const mapping = proposeMapping(fields, headers);
const wgs = { datum: 'wgs84' as const, swapAxes: false };

describe('mapping spreadsheet columns to fields', () => {
  it('maps columns by alias and label, ignoring units in brackets', () => {
    expect(mapping).toEqual({
      code: '样品编号',
      sampledOn: '日期',
      value: '检测值(mg/kg)',
      kind: '类型',
      lon: '经度',
      lat: '纬度',
    });
  });

  it('prefers a remembered mapping where its columns still exist', () => {
    const remembered = proposeMapping(fields, [...headers, '备用日期'], {
      sampledOn: '备用日期',
      code: '不存在的列',
    });
    expect(remembered.sampledOn).toBe('备用日期');
    expect(remembered.code).toBe('样品编号');
  });

  it('gives the same signature to the same headers in another order, width or case', () => {
    expect(headerSignature(['经度', 'Code'])).toBe(headerSignature(['code', '经度（度）']));
    expect(headerSignature(['经度'])).not.toBe(headerSignature(['纬度']));
  });

  it('refuses a mapping that misses a required field, names a missing column or uses a column twice', () => {
    const problems = checkMapping(fields, headers, { ...mapping, code: null, value: '不存在', lat: '经度' });
    expect(problems.map((p) => [p.field, p.message.en])).toEqual([
      ['value', 'the sheet has no column "不存在"'],
      ['lat', 'column "经度" is already mapped to "lon"'],
      ['code', 'the required field Code is not mapped to a column'],
    ]);
  });
});

describe('reading a mapped row', () => {
  const cells = {
    样品编号: 'S-001',
    日期: 45413,
    '检测值(mg/kg)': '０．０５',
    类型: '快速检测',
    经度: '87.3',
    纬度: 44.0,
  };

  it('types every cell: Excel dates, full-width numbers, enumerations by their Chinese label', () => {
    expect(readRow(fields, cells, mapping, 2, wgs)).toEqual({
      ok: true,
      raw: { code: 'S-001', sampledOn: '2024-05-01', value: 0.05, kind: 'rapid', lon: 87.3, lat: 44 },
    });
  });

  it('reports each bad cell with its row and column in both languages', () => {
    const result = readRow(
      fields,
      { ...cells, 日期: '明天', '检测值(mg/kg)': '未检出', 类型: '抽查' },
      mapping,
      7,
      wgs,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [7, '日期', 'BAD_VALUE'],
      [7, '检测值(mg/kg)', 'BAD_VALUE'],
      [7, '类型', 'UNKNOWN_VALUE'],
    ]);
    expect(result.problems[2]?.message.zh).toContain('可选：例行监测、快速检测');
  });

  it('reports a missing required value but accepts a blank optional one', () => {
    const result = readRow(fields, { ...cells, 样品编号: '  ', '检测值(mg/kg)': '' }, mapping, 3, wgs);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          row: 3,
          column: '样品编号',
          code: 'REQUIRED',
          message: { zh: '缺少「编号」', en: 'Code is missing' },
        },
      ],
    });
  });

  it('flags swapped longitude and latitude, and swaps them when the user confirms it for the file', () => {
    const swapped = { ...cells, 经度: 44.0, 纬度: 87.3 };
    const flagged = readRow(fields, swapped, mapping, 4, wgs);
    expect(flagged.ok === false && flagged.problems[0]?.code).toBe('SWAPPED_AXES');
    const fixed = readRow(fields, swapped, mapping, 4, { ...wgs, swapAxes: true });
    expect(fixed.ok && [fixed.raw.lon, fixed.raw.lat]).toEqual([87.3, 44]);
  });

  it('refuses coordinates outside China and converts GCJ-02 to WGS84', () => {
    const abroad = readRow(fields, { ...cells, 经度: 2.35, 纬度: 48.85 }, mapping, 5, wgs);
    expect(abroad.ok === false && abroad.problems[0]?.code).toBe('OUTSIDE_CHINA');
    const amap = readRow(fields, cells, mapping, 6, { datum: 'gcj02', swapAxes: false });
    expect(amap.ok && amap.raw.lon).not.toBe(87.3);
  });
});
