/**
 * The print API (issue 8 items 4–5), all rendered on the server from the database, offline:
 * - POST /api/print/map — the dashboard's view as a PDF page (A4/A3, landscape/portrait) or a PNG at a chosen dpi;
 * - POST /api/print/atlas — one PDF page per grid of the level under the parent;
 * - POST /api/print/annual-report — the county's annual report pack for a year (PDF, Chinese);
 * - POST /api/print/indicators.xlsx — the indicator table with counts, Wilson intervals, small-sample marks and
 *   no-data reasons, one row per grid and indicator (every text neutralised against formula injection).
 * Requests are POSTs because they carry a view; they read only (permission `read`) and run in the caller's scope.
 */
import { Router, type Response } from 'express';
import { INDICATORS, type IndicatorUnit } from '../../../contracts/indicators';
import {
  PrintAtlasRequest,
  PrintMapRequest,
  PrintReportRequest,
  PrintTableRequest,
} from '../../../contracts/print';
import type { Db } from '../../db/engine';
import { classText, kindOf, nameOf, noDataText, noHistoryText } from '../../domain/print/indicator-text';
import { requestLang } from '../../http/lang';
import { validate } from '../../http/validate';
import { type ExcelColumn, sendXlsx, xlsxBuffer } from '../exports/excel';
import { indicators } from '../indicators/indicators.service';
import { type PrintFile, printAnnualReport, printAtlas, printMap } from './print.service';

function send(res: Response, file: PrintFile): void {
  res
    .status(200)
    .type(file.type)
    .setHeader('Content-Disposition', `attachment; filename="${file.file}"`)
    .send(Buffer.from(file.bytes));
}

interface Row {
  unit: IndicatorUnit;
  id: string;
}

const share = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 100);

function columns(en: boolean): ExcelColumn<Row>[] {
  const v = (r: Row) => r.unit.values[r.id as keyof IndicatorUnit['values']];
  const num = (r: Row, x: number | null) => (kindOf(r.id) === 'share' ? share(x) : x);
  return [
    { header: en ? 'Code' : '区划代码', width: 14, value: (r) => r.unit.grid.code },
    { header: en ? 'Grid' : '网格', width: 14, value: (r) => r.unit.grid.name },
    { header: en ? 'Indicator' : '指标', width: 18, value: (r) => (en ? r.id : nameOf(r.id)) },
    { header: en ? 'Unit' : '单位', width: 6, value: (r) => (kindOf(r.id) === 'share' ? '%' : '') },
    { header: en ? 'Value' : '数值', width: 9, value: (r) => num(r, v(r).value) },
    { header: en ? 'Numerator' : '分子', width: 9, value: (r) => v(r).numerator },
    { header: en ? 'Denominator' : '分母', width: 9, value: (r) => v(r).denominator },
    {
      header: en ? 'Wilson 95% low' : '95% 区间下限',
      width: 11,
      value: (r) => num(r, v(r).interval?.[0] ?? null),
    },
    {
      header: en ? 'Wilson 95% high' : '95% 区间上限',
      width: 11,
      value: (r) => num(r, v(r).interval?.[1] ?? null),
    },
    {
      header: en ? 'Small sample' : '样本量小',
      width: 9,
      value: (r) => (v(r).smallSample ? (en ? 'yes' : '是') : ''),
    },
    {
      header: en ? 'No data because' : '无数据原因',
      width: 18,
      value: (r) => noDataText(v(r).noData, v(r).historyStart, en),
    },
    { header: en ? 'Target' : '目标', width: 8, value: (r) => num(r, v(r).target) },
    {
      header: en ? 'Class' : '分级',
      width: 8,
      value: (r) => classText(v(r), en),
    },
    {
      header: en ? 'Previous' : '上期',
      width: 8,
      // A previous value the audit log cannot rebuild reads as the grid card does: "历史记录始于 YYYY-MM-DD".
      value: (r) => num(r, v(r).previous) ?? noHistoryText(v(r).previousNoData, v(r).historyStart, en),
    },
  ];
}

export function printRoutes(db: Db, options: { maxPages?: number } = {}): Router {
  const router = Router();

  router.post('/print/map', async (req, res) => {
    send(res, await printMap(db, validate.body(req, PrintMapRequest)));
  });

  router.post('/print/atlas', async (req, res) => {
    send(res, await printAtlas(db, validate.body(req, PrintAtlasRequest), options.maxPages));
  });

  router.post('/print/annual-report', async (req, res) => {
    send(res, await printAnnualReport(db, validate.body(req, PrintReportRequest)));
  });

  router.post('/print/indicators.xlsx', async (req, res) => {
    const body = validate.body(req, PrintTableRequest);
    const result = await indicators(db, body as Parameters<typeof indicators>[1]);
    const en = requestLang(req) === 'en';
    const units = result.parent ? [...result.units, result.parent] : result.units;
    const rows = units.flatMap((unit) =>
      INDICATORS.filter((id) => unit.values[id]).map((id) => ({ unit, id })),
    );
    const bytes = await xlsxBuffer(en ? 'Indicators' : '考核指标', columns(en), rows);
    sendXlsx(res, `考核指标-${body.level}-${body.from}-${body.to}.xlsx`, bytes);
  });

  return router;
}
