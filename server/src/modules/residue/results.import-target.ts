/**
 * A laboratory's results sheet (检测结果表), one row per result: the sample's code, kind, date, commodity, place and
 * subject on every row, then the analyte and its value. Rows with the same sample code form one sample.
 *
 * Checks: types and ranges per row (parseRow); across the file and the database (validateAll): a sample code already
 * stored, the same analyte twice for a sample, rows of one sample that disagree on its date, commodity, kind or
 * place, unknown analytes and commodities (each listed), unknown subject codes and places outside every village
 * grid. Any problem stops the commit; write() judges every result and inserts all samples in the pipeline's
 * transaction (all or nothing).
 */
import { SAMPLE_KINDS } from '../../../contracts/enums';
import type { Queryable } from '../../db/engine';
import { judgeResult } from '../../domain/residue/judge';
import type {
  ImportContext,
  ImportField,
  ImportTarget,
  ParsedRow,
  RawRow,
  RowProblem,
} from '../imports/import-target';
import { existingSampleCodes, insertSamples } from './residue.repository';
import { chinaDate, referenceIndex, sampledAtTimestamp, unitOf } from './residue.service';

export interface ResultRow {
  row: number;
  code: string;
  kind: (typeof SAMPLE_KINDS)[number];
  sampledAt: string;
  commodity: string;
  subjectCode: string | null;
  lab: string | null;
  lon: number;
  lat: number;
  analyte: string;
  value: number | null;
  lod: number | null;
  inhibitionPct: number | null;
}

const KIND_LABELS: Record<(typeof SAMPLE_KINDS)[number], [string, string, string[]]> = {
  routine: ['例行监测', 'Routine monitoring', ['例行', '风险监测', '监测']],
  supervisory: ['监督抽查', 'Supervisory sampling', ['监督', '抽查', '监督抽检']],
  rapid: ['快速检测', 'Rapid test', ['快检', '速测']],
  quantitative: ['定量检测', 'Quantitative test', ['定量', '实验室检测']],
};

const field = (
  key: string,
  type: ImportField['type'],
  required: boolean,
  zh: string,
  en: string,
  aliases: string[],
): ImportField => ({ key, type, required, label: { zh, en }, aliases });

const FIELDS: ImportField[] = [
  field('code', 'string', true, '样品编号', 'Sample code', ['编号', '样品编码', '抽样单编号', 'sample code']),
  {
    ...field('kind', 'string', true, '检测类型', 'Kind', ['样品类型', '抽检类型', '类型']),
    values: SAMPLE_KINDS.map((value) => {
      const [zh, en, aliases] = KIND_LABELS[value];
      return { value, zh, en, aliases };
    }),
  },
  field('sampledAt', 'datetime', true, '采样时间', 'Sampled at', [
    '采样日期',
    '抽样日期',
    '抽样时间',
    'date',
  ]),
  field('commodity', 'string', true, '样品名称', 'Commodity', ['产品', '产品名称', '品种', '农产品']),
  field('subjectCode', 'string', false, '主体编码', 'Subject code', ['受检单位编码', '生产主体编码']),
  field('lab', 'string', false, '检测机构', 'Laboratory', ['检测单位', '实验室', '承检机构']),
  field('lon', 'longitude', true, '经度', 'Longitude', ['东经', 'lng', 'lon', 'x']),
  field('lat', 'latitude', true, '纬度', 'Latitude', ['北纬', 'lat', 'y']),
  field('analyte', 'string', true, '检测项目', 'Analyte', ['项目', '农药名称', '检测指标', '指标']),
  field('value', 'string', false, '检测值(mg/kg)', 'Value (mg/kg)', ['检测结果', '结果', '含量', '实测值']),
  field('lod', 'number', false, '检出限(mg/kg)', 'LOD (mg/kg)', ['检出限', '方法检出限', 'LOD']),
  field('inhibitionPct', 'number', false, '抑制率(%)', 'Inhibition (%)', ['抑制率', '酶抑制率']),
];

const NOT_DETECTED = /^(未检出|nd|n\.d\.|<\s*lod|-|—|－)$/i;

function problem(row: number, column: string | null, code: string, zh: string, en: string): RowProblem {
  return { row, column, code, message: { zh, en } };
}

function parseValue(raw: RawRow[string]): { ok: true; value: number | null } | { ok: false } {
  if (raw === null || raw === undefined || raw === '') return { ok: true, value: null };
  if (typeof raw === 'number')
    return raw >= 0 && Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false };
  const text = String(raw).trim();
  if (NOT_DETECTED.test(text)) return { ok: true, value: null };
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? { ok: true, value: n } : { ok: false };
}

export const resultsImportTarget: ImportTarget<ResultRow> = {
  id: 'residue-results',
  label: { zh: '农残检测结果', en: 'Residue test results' },
  fields: FIELDS,

  parseRow(raw: RawRow, rowNumber: number, context: ImportContext): ParsedRow<ResultRow> {
    const problems: RowProblem[] = [];
    const col = (key: string) => context.columnOf(key);
    const str = (key: string) => (raw[key] === null || raw[key] === undefined ? '' : String(raw[key]).trim());
    for (const f of FIELDS)
      if (f.required && str(f.key) === '')
        problems.push(
          problem(rowNumber, col(f.key), 'REQUIRED', `缺少${f.label.zh}`, `${f.label.en} is missing`),
        );
    const kind = str('kind') as ResultRow['kind'];
    if (str('kind') && !SAMPLE_KINDS.includes(kind))
      problems.push(
        problem(
          rowNumber,
          col('kind'),
          'BAD_VALUE',
          `未知的检测类型“${str('kind')}”`,
          `Unknown kind "${str('kind')}"`,
        ),
      );
    const value = parseValue(raw.value ?? null);
    if (!value.ok)
      problems.push(
        problem(
          rowNumber,
          col('value'),
          'BAD_NUMBER',
          '检测值应为非负数或“未检出”',
          'The value must be a non-negative number or "ND"',
        ),
      );
    const num = (key: 'lod' | 'inhibitionPct' | 'lon' | 'lat') => {
      const v = raw[key];
      if (v === null || v === undefined || v === '') return null;
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isFinite(n)) {
        problems.push(problem(rowNumber, col(key), 'BAD_NUMBER', '应为数字', 'must be a number'));
        return null;
      }
      return n;
    };
    const lod = num('lod');
    const inhibitionPct = num('inhibitionPct');
    const lon = num('lon');
    const lat = num('lat');
    if (lod !== null && lod < 0)
      problems.push(
        problem(rowNumber, col('lod'), 'BAD_NUMBER', '检出限不能为负', 'The LOD cannot be negative'),
      );
    if (inhibitionPct !== null && (inhibitionPct < 0 || inhibitionPct > 100))
      problems.push(
        problem(
          rowNumber,
          col('inhibitionPct'),
          'OUT_OF_RANGE',
          '抑制率应在 0–100 之间',
          'Inhibition must be 0–100 %',
        ),
      );
    if (lon !== null && (lon < -180 || lon > 180))
      problems.push(problem(rowNumber, col('lon'), 'OUT_OF_RANGE', '经度超出范围', 'Longitude out of range'));
    if (lat !== null && (lat < -85.05 || lat > 85.05))
      problems.push(problem(rowNumber, col('lat'), 'OUT_OF_RANGE', '纬度超出范围', 'Latitude out of range'));
    const sampledAt = str('sampledAt');
    if (sampledAt && Number.isNaN(new Date(sampledAtTimestamp(sampledAt)).getTime()))
      problems.push(
        problem(
          rowNumber,
          col('sampledAt'),
          'BAD_DATE',
          '采样时间无法识别',
          'The sampling time is not a date',
        ),
      );
    if (problems.length > 0) return { ok: false, problems };
    return {
      ok: true,
      value: {
        row: rowNumber,
        code: str('code'),
        kind,
        sampledAt,
        commodity: str('commodity'),
        subjectCode: str('subjectCode') || null,
        lab: str('lab') || null,
        lon: lon as number,
        lat: lat as number,
        analyte: str('analyte'),
        value: value.ok ? value.value : null,
        lod,
        inhibitionPct,
      },
    };
  },

  async validateAll(db: Queryable, rows: ResultRow[], context: ImportContext): Promise<RowProblem[]> {
    const problems: RowProblem[] = [];
    const col = (key: string) => context.columnOf(key);
    const index = await referenceIndex(db);
    const bySample = new Map<string, ResultRow[]>();
    for (const r of rows) bySample.set(r.code, [...(bySample.get(r.code) ?? []), r]);
    for (const [code, group] of bySample) {
      const first = group[0] as ResultRow;
      const seen = new Map<string, number>();
      for (const r of group) {
        const again = seen.get(r.analyte);
        if (again !== undefined)
          problems.push(
            problem(
              r.row,
              col('analyte'),
              'DUPLICATE_RESULT',
              `样品 ${code} 的“${r.analyte}”已在第 ${again} 行出现`,
              `Sample ${code} has "${r.analyte}" already on row ${again}`,
            ),
          );
        else seen.set(r.analyte, r.row);
        for (const key of ['kind', 'sampledAt', 'commodity', 'subjectCode', 'lon', 'lat'] as const)
          if (r[key] !== first[key])
            problems.push(
              problem(
                r.row,
                col(key),
                'INCONSISTENT_SAMPLE',
                `样品 ${code} 的各行${key}不一致（见第 ${first.row} 行）`,
                `Rows of sample ${code} disagree on ${key} (see row ${first.row})`,
              ),
            );
      }
    }
    const existing = await existingSampleCodes(db, [...bySample.keys()]);
    for (const code of existing)
      problems.push(
        problem(
          bySample.get(code)![0]!.row,
          col('code'),
          'DUPLICATE',
          `样品编号 ${code} 已存在于系统中`,
          `Sample code ${code} is already stored`,
        ),
      );
    for (const r of rows) {
      if (!index.analyteByName.has(r.analyte))
        problems.push(
          problem(
            r.row,
            col('analyte'),
            'UNKNOWN_ANALYTE',
            `未知的检测项目“${r.analyte}”`,
            `Unknown analyte "${r.analyte}"`,
          ),
        );
      if (!index.commodityNames.has(r.commodity) && !index.data.commodities.some((c) => c.zh === r.commodity))
        problems.push(
          problem(
            r.row,
            col('commodity'),
            'UNKNOWN_COMMODITY',
            `未知的产品“${r.commodity}”`,
            `Unknown commodity "${r.commodity}"`,
          ),
        );
    }
    const subjects = [...new Set(rows.map((r) => r.subjectCode).filter((c): c is string => c !== null))];
    if (subjects.length > 0) {
      const { rows: found } = await db.query<{ code: string }>(
        'SELECT code FROM production_subject WHERE code = ANY ($1::text[])',
        [subjects],
      );
      const known = new Set(found.map((f) => f.code));
      for (const r of rows)
        if (r.subjectCode && !known.has(r.subjectCode))
          problems.push(
            problem(
              r.row,
              col('subjectCode'),
              'UNKNOWN_SUBJECT',
              `生产主体 ${r.subjectCode} 不存在`,
              `No production subject ${r.subjectCode}`,
            ),
          );
    }
    const places = [...bySample.values()].map((g) => g[0] as ResultRow);
    const { rows: inside } = await db.query<{ code: string; inside: boolean }>(
      `SELECT p.code, village_grid_at(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) IS NOT NULL AS inside
       FROM json_to_recordset($1::json) AS p(code text, lon double precision, lat double precision)`,
      [JSON.stringify(places.map((p) => ({ code: p.code, lon: p.lon, lat: p.lat })))],
    );
    for (const p of inside)
      if (!p.inside) {
        const r = bySample.get(p.code)![0]!;
        problems.push(
          problem(
            r.row,
            col('lon'),
            'OUTSIDE_COUNTY',
            `(${r.lon}, ${r.lat}) 不在任何村级网格内；经纬度是否写反？`,
            `(${r.lon}, ${r.lat}) is not inside any village grid; are longitude and latitude swapped?`,
          ),
        );
      }
    return problems.sort((a, b) => a.row - b.row);
  },

  async write(db: Queryable, rows: ResultRow[]): Promise<{ inserted: number; updated: number }> {
    const index = await referenceIndex(db);
    const bySample = new Map<string, ResultRow[]>();
    for (const r of rows) bySample.set(r.code, [...(bySample.get(r.code) ?? []), r]);
    const subjects = [...new Set(rows.map((r) => r.subjectCode).filter((c): c is string => c !== null))];
    const { rows: found } = await db.query<{ id: number; code: string }>(
      'SELECT id, code FROM production_subject WHERE code = ANY ($1::text[])',
      [subjects],
    );
    const subjectId = new Map(found.map((f) => [f.code, f.id]));
    const category = new Map(index.data.commodities.map((c) => [c.zh, c.category]));
    const ids = await insertSamples(
      db,
      [...bySample.values()].map((group) => {
        const s = group[0] as ResultRow;
        const day = chinaDate(sampledAtTimestamp(s.sampledAt));
        return {
          code: s.code,
          kind: s.kind,
          sampledAt: sampledAtTimestamp(s.sampledAt),
          commodity: s.commodity,
          category: category.get(s.commodity) ?? 'other',
          subjectId: s.subjectCode ? (subjectId.get(s.subjectCode) ?? null) : null,
          lon: s.lon,
          lat: s.lat,
          lab: s.lab,
          results: group.map((r) => {
            const input = { analyte: r.analyte, value: r.value, lod: r.lod, inhibitionPct: r.inhibitionPct };
            return {
              ...input,
              unit: unitOf(r, index, r.analyte),
              judgement: judgeResult(index, s.commodity, day, input),
            };
          }),
        };
      }),
    );
    return { inserted: ids.length, updated: 0 };
  },

  previewGeometry(row: ResultRow) {
    return { type: 'Point', coordinates: [row.lon, row.lat] };
  },
};
