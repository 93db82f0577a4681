import { Router, type Response } from 'express';
import {
  AreaHotspotsRequest,
  DrillDownRequest,
  HotspotsRequest,
  RatesRequest,
  ScanRequest,
  TableExportRequest,
  TrendsRequest,
} from '../../../contracts/analysis';
import type { Db } from '../../db/engine';
import { validate } from '../../http/validate';
import { areaHotspots, drill, rates, scan, trends } from './analysis.service';
import { workbook } from './export';
import { hotspots } from './hotspots.service';

/** `?download=name` sends the JSON/GeoJSON as a file attachment (every layer exports to GeoJSON this way). */
function send(res: Response, body: unknown, geo: boolean, download: unknown): void {
  if (typeof download === 'string' && /^[\w.-]{1,80}$/.test(download))
    res.setHeader('Content-Disposition', `attachment; filename="${download}${geo ? '.geojson' : '.json'}"`);
  if (geo) res.type('application/geo+json');
  res.json(body);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function analysisRoutes(db: Db): Router {
  const router = Router();

  /** POST /api/analysis/hotspots — Gi*, local or global Moran on the caller's own GeoJSON. */
  router.post('/analysis/hotspots', (req, res) => {
    send(res, hotspots(validate.body(req, HotspotsRequest)), false, req.query.download);
  });

  /** POST /api/analysis/rates — failure rate per grid or hexagon (EB-smoothed, Wilson intervals). */
  router.post('/analysis/rates', async (req, res) => {
    send(res, await rates(db, validate.body(req, RatesRequest)), true, req.query.download);
  });

  /** POST /api/analysis/area-hotspots — hotspot statistics on grid or hexagon failure rates. */
  router.post('/analysis/area-hotspots', async (req, res) => {
    send(res, await areaHotspots(db, validate.body(req, AreaHotspotsRequest)), true, req.query.download);
  });

  /** POST /api/analysis/scan — Kulldorff's Bernoulli spatial scan. */
  router.post('/analysis/scan', async (req, res) => {
    send(res, await scan(db, validate.body(req, ScanRequest)), true, req.query.download);
  });

  /** POST /api/analysis/trends — Gi* per period and the Mann–Kendall trend class per unit. */
  router.post('/analysis/trends', async (req, res) => {
    send(res, await trends(db, validate.body(req, TrendsRequest)), false, req.query.download);
  });

  /** POST /api/analysis/samples — the samples, analytes, commodities and subjects behind a unit or cluster. */
  router.post('/analysis/samples', async (req, res) => {
    send(res, await drill(db, validate.body(req, DrillDownRequest)), false, req.query.download);
  });

  /** POST /api/analysis/samples.xlsx — the same list as an Excel workbook (samples, analytes, commodities, subjects). */
  router.post('/analysis/samples.xlsx', async (req, res) => {
    const request = validate.body(req, DrillDownRequest);
    const result = await drill(db, { ...request, limit: Math.max(request.limit, 10_000) });
    const rows = result.rows.map((r) => ({
      ...r,
      findings: r.findings
        .map((f) => `${f.analyte} ${f.value ?? '-'} / ${f.limitValue ?? '-'} (${f.standard ?? ''})`)
        .join('; '),
    }));
    const buffer = await workbook([
      {
        title: '样品 Samples',
        columns: [
          ['code', '样品编号 Code'],
          ['kind', '类型 Kind'],
          ['sampledOn', '采样日期 Date'],
          ['commodity', '产品 Commodity'],
          ['verdict', '结论 Verdict'],
          ['findings', '不合格项目 Findings'],
          ['township', '乡镇 Township'],
          ['village', '村 Village'],
          ['subjectCode', '主体编码 Subject code'],
          ['subjectName', '主体名称 Subject'],
          ['lab', '检测机构 Lab'],
          ['lon', '经度 Lon'],
          ['lat', '纬度 Lat'],
        ].map(([key, label]) => ({ key: key as string, label: label as string })),
        rows,
      },
      {
        title: '项目 Analytes',
        columns: [
          { key: 'analyte', label: '检测项目 Analyte' },
          { key: 'failures', label: '不合格样品 Failing samples' },
        ],
        rows: result.byAnalyte,
      },
      {
        title: '产品 Commodities',
        columns: [
          { key: 'commodity', label: '产品 Commodity' },
          { key: 'samples', label: '样品 Samples' },
          { key: 'failures', label: '不合格 Failures' },
        ],
        rows: result.byCommodity,
      },
      {
        title: '主体 Subjects',
        columns: [
          { key: 'code', label: '编码 Code' },
          { key: 'name', label: '名称 Name' },
          { key: 'samples', label: '样品 Samples' },
          { key: 'failures', label: '不合格 Failures' },
        ],
        rows: result.bySubject,
      },
    ]);
    res.setHeader('Content-Disposition', 'attachment; filename="samples.xlsx"');
    res.type(XLSX).send(buffer);
  });

  /** POST /api/analysis/export.xlsx — any table shown by the client, as a workbook. */
  router.post('/analysis/export.xlsx', async (req, res) => {
    const table = validate.body(req, TableExportRequest);
    const buffer = await workbook([{ title: table.title, columns: table.columns, rows: table.rows }]);
    res.setHeader('Content-Disposition', `attachment; filename="export.xlsx"`);
    res.type(XLSX).send(buffer);
  });

  return router;
}
