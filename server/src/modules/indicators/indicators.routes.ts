/**
 * The dashboard API (issue 8):
 * - GET /api/indicators?level=&parentId=&from=&to= — every indicator per grid of the level and the parent's total;
 * - GET /api/indicators.xlsx (same query) — that table as an Excel workbook;
 * - GET /api/indicators/:indicator/records?gridId=&from=&to=&failing=&limit=&offset= — the records behind a number;
 * - GET /api/indicators/targets, PUT /api/indicators/targets — the targets, with optimistic versions (409).
 */
import { Router } from 'express';
import type { Lang } from '../../../contracts/errors';
import {
  INDICATOR_KIND,
  INDICATORS,
  type IndicatorId,
  IndicatorParam,
  IndicatorRecordsQuery,
  IndicatorsQuery,
  type IndicatorUnit,
  TargetUpdate,
} from '../../../contracts/indicators';
import type { Db } from '../../db/engine';
import { noDataText, noHistoryText } from '../../domain/print/indicator-text';
import { requestLang } from '../../http/lang';
import { validate } from '../../http/validate';
import { type ExcelColumn, sendXlsx, xlsxBuffer } from '../exports/excel';
import { indicators, listTargets, records, saveTargets } from './indicators.service';

const NAMES: Record<IndicatorId, [string, string]> = {
  staffing: ['网格配齐率', 'Grid staffing'],
  registry_freshness: ['名录更新率', 'Registry freshness'],
  traceability: ['追溯入驻率', 'Traceability enrolment'],
  certificates: ['合格证开具率', 'Certificate coverage'],
  sampling_quota: ['抽检任务完成率', 'Sampling quota'],
  pass_rate: ['抽检合格率', 'Pass rate'],
  pass_rate_certified: ['三品一标合格率', 'Pass rate (certified)'],
  banned_pass_rate: ['禁用农药合格率', 'Banned-pesticide pass rate'],
  patrol_coverage: ['巡查覆盖率', 'Patrol coverage'],
  rapid_tests: ['乡镇速测频次（次/周）', 'Rapid tests per township per week'],
  enforcement_cases: ['执法办案数', 'Enforcement cases'],
  open_rectifications: ['逾期未整改数', 'Overdue rectifications'],
  soil_risk: ['严格管控类耕地内主体数', 'Subjects in strict-control farmland'],
};

const pct = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 100);
/** Shares in per cent, ratios and counts as they are (two decimals). */
const shown = (id: IndicatorId, v: number | null) =>
  INDICATOR_KIND[id] === 'share' ? pct(v) : v === null ? null : Math.round(v * 100) / 100;
const unitOf = (id: IndicatorId) => (INDICATOR_KIND[id] === 'share' ? ' %' : '');

function columns(lang: Lang): ExcelColumn<IndicatorUnit>[] {
  const en = lang === 'en';
  const cols: ExcelColumn<IndicatorUnit>[] = [
    { header: en ? 'Code' : '区划代码', width: 14, value: (u) => u.grid.code },
    { header: en ? 'Grid' : '网格', width: 14, value: (u) => u.grid.name },
    { header: en ? 'Population' : '常住人口', width: 10, value: (u) => u.grid.population },
  ];
  for (const id of INDICATORS) {
    const name = en ? NAMES[id][1] : NAMES[id][0];
    cols.push(
      {
        header: `${name}${unitOf(id)}`,
        width: 12,
        value: (u) =>
          shown(id, u.values[id].value) ??
          // The reason in words ("no samples tested in the period", "历史记录始于 …"), not "no data" alone.
          (noDataText(u.values[id].noData, u.values[id].historyStart, en) || (en ? 'no data' : '无数据')),
      },
      {
        header: `${name} ${en ? 'count' : '计数'}`,
        width: 12,
        value: (u) => `${u.values[id].numerator} / ${u.values[id].denominator}`,
      },
      {
        header: `${name} ${en ? 'target' : '目标'}${unitOf(id)}`,
        width: 10,
        value: (u) => shown(id, u.values[id].target),
      },
      {
        header: `${name} ${en ? 'previous' : '上期'}${unitOf(id)}`,
        width: 10,
        // No previous value the audit log can rebuild: the grid card's "历史记录始于 YYYY-MM-DD".
        value: (u) =>
          shown(id, u.values[id].previous) ??
          noHistoryText(u.values[id].previousNoData, u.values[id].historyStart, en),
      },
    );
  }
  cols.push(
    {
      header: en ? 'Strict-control farmland (mu)' : '严格管控类耕地（亩）',
      width: 14,
      value: (u) => u.values.soil_risk.soil?.strictControlMu ?? null,
    },
    {
      header: en ? 'Safe-utilisation farmland (mu)' : '安全利用类耕地（亩）',
      width: 14,
      value: (u) => u.values.soil_risk.soil?.safeUtilisationMu ?? null,
    },
  );
  cols.push({
    header: en ? 'Small samples' : '样本量不足',
    width: 16,
    value: (u) =>
      INDICATORS.filter((id) => u.values[id].smallSample)
        .map((id) => (en ? NAMES[id][1] : NAMES[id][0]))
        .join(', '),
  });
  cols.push({
    header: en ? 'Flags' : '提示',
    width: 16,
    value: (u) =>
      INDICATORS.filter((id) => u.values[id].flag)
        .map((id) => `${en ? NAMES[id][1] : NAMES[id][0]}: ${u.values[id].flag}`)
        .join(', '),
  });
  return cols;
}

export function indicatorRoutes(db: Db): Router {
  const router = Router();

  router.get('/indicators', async (req, res) => {
    res.json(await indicators(db, validate.query(req, IndicatorsQuery)));
  });

  router.get('/indicators.xlsx', async (req, res) => {
    const query = validate.query(req, IndicatorsQuery);
    const result = await indicators(db, query);
    const lang = requestLang(req);
    const rows = result.parent ? [...result.units, result.parent] : result.units;
    const bytes = await xlsxBuffer(lang === 'en' ? 'Indicators' : '考核指标', columns(lang), rows);
    sendXlsx(res, `考核指标-${query.level}-${query.from}-${query.to}.xlsx`, bytes);
  });

  router.get('/indicators/targets', async (_req, res) => {
    res.json(await listTargets(db));
  });

  router.put('/indicators/targets', async (req, res) => {
    res.json(await saveTargets(db, validate.body(req, TargetUpdate)));
  });

  router.get('/indicators/:indicator/records', async (req, res) => {
    const { indicator } = validate.params(req, IndicatorParam);
    res.json(await records(db, indicator, validate.query(req, IndicatorRecordsQuery)));
  });

  return router;
}
