/**
 * Soil samples from a monitoring laboratory's results sheet (产地环境监测结果表), importable through the shared
 * pipeline. Metal cells are read here, not by the pipeline, because labs write more than numbers: "<0.01" (below a
 * detection limit of 0.01) is stored as half that limit (0.005, the usual substitution in soil surveys), "未检出" /
 * "ND" / "-" without a limit as not measured. Each row needs a code, a date, a land use, a pH of 0–14, a location in
 * a village grid and at least one metal; codes repeated in the file or already in the database are refused, and so
 * is a metal for which GB 15618 has no screening value for the row's land use and pH.
 */
import type { LandUse, SoilMetal } from '../../../contracts/enums';
import { SOIL_METALS } from '../../../contracts/enums';
import { normaliseText } from '../../domain/imports/cells';
import { classifySample } from '../../domain/soil/classify';
import type { ImportContext, ImportField, ImportTarget, RawRow, RowProblem } from '../imports/import-target';
import { getStandard } from './soil-standards.repository';

export interface SoilSampleImportRow {
  row: number;
  code: string;
  sampledOn: string;
  landUse: LandUse;
  ph: number;
  metals: Record<SoilMetal, number | null>;
  point: [number, number];
}

const METAL_LABELS: Record<SoilMetal, [string, string, string[]]> = {
  cd: ['镉', 'Cadmium', ['Cd', '镉(Cd)', '镉（mg/kg）', '总镉']],
  hg: ['汞', 'Mercury', ['Hg', '汞(Hg)', '汞（mg/kg）', '总汞']],
  as: ['砷', 'Arsenic', ['As', '砷(As)', '砷（mg/kg）', '总砷']],
  pb: ['铅', 'Lead', ['Pb', '铅(Pb)', '铅（mg/kg）', '总铅']],
  cr: ['铬', 'Chromium', ['Cr', '铬(Cr)', '铬（mg/kg）', '总铬']],
  cu: ['铜', 'Copper', ['Cu', '铜(Cu)', '铜（mg/kg）', '总铜']],
  ni: ['镍', 'Nickel', ['Ni', '镍(Ni)', '镍（mg/kg）', '总镍']],
  zn: ['锌', 'Zinc', ['Zn', '锌(Zn)', '锌（mg/kg）', '总锌']],
};

const FIELDS: ImportField[] = [
  {
    key: 'code',
    type: 'string',
    required: true,
    label: { zh: '样品编号', en: 'Sample code' },
    aliases: ['编号', '样品编码', '点位编号', '采样点编号'],
  },
  {
    key: 'sampledOn',
    type: 'date',
    required: true,
    label: { zh: '采样日期', en: 'Sampling date' },
    aliases: ['日期', '采样时间'],
  },
  {
    key: 'landUse',
    type: 'string',
    required: true,
    label: { zh: '土地利用类型', en: 'Land use' },
    aliases: ['土地利用', '用地类型', '地类'],
    values: [
      { value: 'paddy', zh: '水田', en: 'Paddy' },
      { value: 'dry', zh: '旱地', en: 'Dry land' },
      { value: 'orchard', zh: '果园', en: 'Orchard' },
      { value: 'other', zh: '其他', en: 'Other' },
    ],
  },
  {
    key: 'ph',
    type: 'number',
    required: true,
    label: { zh: 'pH', en: 'pH' },
    aliases: ['pH值', '酸碱度', 'PH'],
  },
  ...SOIL_METALS.map((metal): ImportField => {
    const [zh, en, aliases] = METAL_LABELS[metal];
    return {
      key: metal,
      type: 'string',
      required: false,
      label: { zh: `${zh}（mg/kg）`, en: `${en} (mg/kg)` },
      aliases: [zh, ...aliases],
    };
  }),
  {
    key: 'longitude',
    type: 'longitude',
    required: true,
    label: { zh: '经度', en: 'Longitude' },
    aliases: ['lon', 'lng', 'x', '东经'],
  },
  {
    key: 'latitude',
    type: 'latitude',
    required: true,
    label: { zh: '纬度', en: 'Latitude' },
    aliases: ['lat', 'y', '北纬'],
  },
];

const problem = (
  context: ImportContext,
  row: number,
  field: string | null,
  code: string,
  zh: string,
  en: string,
): RowProblem => ({
  row,
  column: field === null ? null : context.columnOf(field),
  code,
  message: { zh, en },
});

const NOT_DETECTED = /^(未检出|ND|N\.D\.|-|—|\/)$/i;

/** A metal cell: a number, "<LOD" (half the limit), not detected (null) or a problem. */
export function readMetal(cell: RawRow[string]): { ok: true; value: number | null } | { ok: false } {
  if (cell === null || cell === undefined) return { ok: true, value: null };
  if (typeof cell === 'number')
    return Number.isFinite(cell) && cell >= 0 ? { ok: true, value: cell } : { ok: false };
  const text = normaliseText(String(cell)).replace(/\s/g, '');
  if (text === '' || NOT_DETECTED.test(text)) return { ok: true, value: null };
  const below = /^[<＜]([0-9]*\.?[0-9]+)$/.exec(text);
  if (below) return { ok: true, value: Number(below[1]) / 2 };
  if (/^[0-9]*\.?[0-9]+([eE][+-]?[0-9]+)?$/.test(text)) return { ok: true, value: Number(text) };
  return { ok: false };
}

function parseRow(raw: RawRow, row: number, context: ImportContext) {
  const problems: RowProblem[] = [];
  const at = (field: string | null, code: string, zh: string, en: string) =>
    problems.push(problem(context, row, field, code, zh, en));
  const code = normaliseText(raw.code ?? null);
  if (code.length < 1 || code.length > 40)
    at('code', 'BAD_VALUE', '样品编号应为 1–40 个字符', 'the sample code must have 1–40 characters');
  const ph = raw.ph;
  if (typeof ph !== 'number' || ph < 0 || ph > 14)
    at('ph', 'PH_OUT_OF_RANGE', `pH 值 ${String(ph)} 超出 0–14`, `pH ${String(ph)} is outside 0–14`);
  const sampledOn = typeof raw.sampledOn === 'string' ? raw.sampledOn : '';
  if (sampledOn < '1990-01-01')
    at('sampledOn', 'BAD_VALUE', '采样日期不能早于 1990 年', 'the sampling date cannot be before 1990');
  const metals = {} as Record<SoilMetal, number | null>;
  for (const metal of SOIL_METALS) {
    const m = readMetal(raw[metal] ?? null);
    if (!m.ok) {
      at(
        metal,
        'BAD_VALUE',
        `「${METAL_LABELS[metal][0]}」应为不小于 0 的数值、“<检出限”或“未检出”：${String(raw[metal])}`,
        `${METAL_LABELS[metal][1]} must be a number ≥ 0, "<limit" or "ND": ${String(raw[metal])}`,
      );
      metals[metal] = null;
    } else metals[metal] = m.value;
  }
  if (SOIL_METALS.every((m) => metals[m] === null))
    at(null, 'NO_METAL', '至少需要一项重金属的测定值', 'at least one metal must have a measured value');
  const [lon, lat] = [raw.longitude, raw.latitude];
  if (typeof lon !== 'number' || typeof lat !== 'number')
    at('longitude', 'NO_LOCATION', '需要采样点的经纬度', 'the sampling point needs longitude and latitude');
  if (problems.length) return { ok: false as const, problems };
  return {
    ok: true as const,
    value: {
      row,
      code,
      sampledOn,
      landUse: raw.landUse as LandUse,
      ph: ph as number,
      metals,
      point: [lon, lat] as [number, number],
    },
  };
}

export const soilSamplesImportTarget: ImportTarget<SoilSampleImportRow> = {
  id: 'soil-samples',
  label: { zh: '土壤采样检测结果', en: 'Soil sample results' },
  fields: FIELDS,
  parseRow,
  async validateAll(db, rows, context) {
    const problems: RowProblem[] = [];
    const firstRowOf = new Map<string, number>();
    for (const { row, code } of rows) {
      const first = firstRowOf.get(code);
      if (first !== undefined)
        problems.push(
          problem(
            context,
            row,
            'code',
            'DUPLICATE_IN_FILE',
            `样品编号「${code}」与第 ${first} 行重复`,
            `code ${code} repeats row ${first}`,
          ),
        );
      else firstRowOf.set(code, row);
    }
    const existing = await db.query<{ code: string }>(
      'SELECT code FROM soil_sample WHERE code = ANY($1::text[])',
      [[...firstRowOf.keys()]],
    );
    for (const { code } of existing.rows)
      problems.push(
        problem(
          context,
          firstRowOf.get(code)!,
          'code',
          'DUPLICATE_IN_DATABASE',
          `样品编号「${code}」已存在`,
          `code ${code} already exists`,
        ),
      );
    const outside = await db.query<{ i: number }>(
      `SELECT p.i FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lon, lat, i)
       WHERE village_grid_at(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) IS NULL`,
      [rows.map((r) => r.point[0]), rows.map((r) => r.point[1])],
    );
    for (const { i } of outside.rows) {
      const r = rows[i - 1]!;
      problems.push(
        problem(
          context,
          r.row,
          'longitude',
          'OUTSIDE_COUNTY',
          `采样点（${r.point.join(', ')}）不在本县任何村级网格内`,
          `the sampling point (${r.point.join(', ')}) is not inside any village grid`,
        ),
      );
    }
    const standard = await getStandard(db);
    if (standard) {
      const table = { code: standard.code, values: standard.values };
      for (const r of rows) {
        const c = classifySample(table, r);
        if (!c.ok && c.reason === 'NO_STANDARD_VALUE')
          problems.push(
            problem(
              context,
              r.row,
              String(c.detail.metal),
              'NO_STANDARD_VALUE',
              `${standard.code} 中没有${METAL_LABELS[c.detail.metal as SoilMetal][0]}在该土地利用类型、pH ${r.ph} 下的限值`,
              `${standard.code} has no value for ${String(c.detail.metal)} on this land use at pH ${r.ph}`,
            ),
          );
      }
    }
    return problems;
  },
  async write(db, rows) {
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000).map((r) => ({
        ...r.metals,
        code: r.code,
        sampledOn: r.sampledOn,
        landUse: r.landUse,
        ph: r.ph,
        lon: r.point[0],
        lat: r.point[1],
      }));
      await db.query(
        `INSERT INTO soil_sample (code, sampled_on, land_use, ph, cd_mgkg, hg_mgkg, as_mgkg, pb_mgkg, cr_mgkg, cu_mgkg, ni_mgkg, zn_mgkg, geom)
         SELECT r.code, r."sampledOn", r."landUse", r.ph, r.cd, r.hg, r."as", r.pb, r.cr, r.cu, r.ni, r.zn,
           ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)
         FROM json_to_recordset($1::json) AS r(code text, "sampledOn" date, "landUse" text, ph float8, cd float8, hg float8,
           "as" float8, pb float8, cr float8, cu float8, ni float8, zn float8, lon float8, lat float8)`,
        [JSON.stringify(batch)],
      );
    }
    return { inserted: rows.length, updated: 0 };
  },
  previewGeometry(row) {
    return { type: 'Point', coordinates: row.point };
  },
};
