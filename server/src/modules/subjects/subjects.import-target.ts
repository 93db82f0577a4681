/**
 * Production subjects as townships keep them in their registry spreadsheets (生产主体名录), importable through the
 * shared pipeline: each row is checked like a subject registered through the API (the same schema), plus the
 * credit code's check character, duplicates in the file and in the registry, and a location inside the county.
 * Rows without coordinates are registered without a location ("no location", placed on the map later).
 */
import { SubjectAttributes } from '../../../contracts/api';
import type { CERTIFICATIONS, PRODUCT_CATEGORIES } from '../../../contracts/enums';
import { SUBJECT_TYPES } from '../../../contracts/enums';
import { isValidCreditCode } from '../../domain/identifiers/credit-code';
import { checkResidentId } from '../../domain/identifiers/resident-id';
import { chinaDate } from '../../lib/china-date';
import { registrySettings } from '../registry/registry-settings.repository';
import { normaliseText } from '../../domain/imports/cells';
import type { ImportContext, ImportField, ImportTarget, RawRow, RowProblem } from '../imports/import-target';

type Attributes = ReturnType<typeof SubjectAttributes.parse>;
export interface SubjectRow {
  row: number;
  attributes: Attributes;
  point: [number, number] | null;
}

const TYPE_LABELS: Record<(typeof SUBJECT_TYPES)[number], [string, string, string[]]> = {
  enterprise: ['生产企业', 'Enterprise', ['企业', '农产品生产企业']],
  cooperative: ['农民专业合作社', 'Co-operative', ['合作社', '专业合作社']],
  family_farm: ['家庭农场', 'Family farm', ['农场']],
  large_grower: ['种养大户', 'Large grower', ['规模种植养殖户', '种植大户', '养殖大户', '大户']],
  small_household: ['散户', 'Small household', ['农户', '小农户']],
  input_shop: ['农资经营店', 'Input shop', ['农资店', '农资经营户']],
  storage_transport: ['收贮运主体', 'Storage/transport', ['收贮运', '储运', '收购']],
};

const PRODUCT_LABELS: Record<(typeof PRODUCT_CATEGORIES)[number], string[]> = {
  vegetable: ['蔬菜'],
  fruit: ['水果', '果品'],
  tea: ['茶叶', '茶'],
  grain_oil: ['粮油', '粮食', '油料'],
  livestock_poultry: ['畜禽', '畜禽产品', '肉蛋奶'],
  aquatic: ['水产品', '水产'],
  edible_fungi: ['食用菌'],
  other: ['其他'],
};

const CERTIFICATION_LABELS: Record<(typeof CERTIFICATIONS)[number], string[]> = {
  pollution_free: ['无公害', '无公害农产品'],
  green_food: ['绿色食品', '绿色'],
  organic: ['有机', '有机农产品', '有机食品'],
  geo_indication: ['地理标志', '农产品地理标志', '地标'],
};

const text = (key: string, zh: string, en: string, aliases: string[], required = false): ImportField => ({
  key,
  type: 'string',
  required,
  label: { zh, en },
  aliases,
});
const yesNo = (key: string, zh: string, en: string, aliases: string[]): ImportField => ({
  key,
  type: 'boolean',
  required: false,
  label: { zh, en },
  aliases,
});

const FIELDS: ImportField[] = [
  text('code', '主体编码', 'Registry code', ['编码', '编号', '主体编号', '档案编号'], true),
  text('name', '主体名称', 'Name', ['名称', '单位名称', '主体', '户主姓名'], true),
  {
    key: 'type',
    type: 'string',
    required: true,
    label: { zh: '主体类型', en: 'Type' },
    aliases: ['类型', '单位类型'],
    values: SUBJECT_TYPES.map((value) => {
      const [zh, en, aliases] = TYPE_LABELS[value];
      return { value, zh, en, aliases };
    }),
  },
  text('creditCode', '统一社会信用代码', 'Unified social credit code', [
    '信用代码',
    '社会信用代码',
    '营业执照号',
  ]),
  text('legalRep', '法定代表人', 'Legal representative', ['法人', '负责人', '户主']),
  text('legalRepIdNumber', '法定代表人身份证号', 'Legal representative’s ID number', [
    '身份证号',
    '身份证号码',
    '法人身份证号',
  ]),
  text('phone', '联系电话', 'Phone', ['电话', '手机', '联系方式']),
  text('address', '地址', 'Address', ['详细地址', '住址', '生产地址']),
  {
    key: 'longitude',
    type: 'longitude',
    required: false,
    label: { zh: '经度', en: 'Longitude' },
    aliases: ['lon', 'lng', 'x', '东经'],
  },
  {
    key: 'latitude',
    type: 'latitude',
    required: false,
    label: { zh: '纬度', en: 'Latitude' },
    aliases: ['lat', 'y', '北纬'],
  },
  text('mainProducts', '主要产品', 'Main products', ['主营产品', '产品类别', '主要品种']),
  text('certifications', '三品一标', 'Certifications', ['“三品一标”认证', '认证', '认证情况']),
  yesNo('traceability', '已入驻追溯平台', 'On a traceability platform', ['追溯', '追溯平台', '纳入追溯']),
  yesNo('issuesCertificate', '开具合格证', 'Issues compliance certificates', ['合格证', '承诺达标合格证']),
  {
    key: 'creditClass',
    type: 'string',
    required: false,
    label: { zh: '信用等级', en: 'Credit class' },
    aliases: ['信用', '信用情况', '信用评级'],
    values: [
      { value: 'A', zh: 'A', en: 'A', aliases: ['A类', 'A级', '较好'] },
      { value: 'B', zh: 'B', en: 'B', aliases: ['B类', 'B级', '重点监控', '重点监控名单'] },
      { value: 'C', zh: 'C', en: 'C', aliases: ['C类', 'C级', '黑名单'] },
    ],
  },
  yesNo('keyList', '重点监管名录', 'Key supervision list', ['重点监管', '是否重点监管']),
  text('internalControllerName', '内检员', 'Internal quality controller', ['内部质量控制员', '内检员姓名']),
  text('internalControllerPhone', '内检员电话', 'Controller’s phone', ['内检员联系电话']),
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

/** '蔬菜、水果' → ['vegetable', 'fruit'], or the words that match nothing. */
function labelsToValues<K extends string>(
  value: string | null,
  labels: Record<K, string[]>,
): { values: K[]; unknown: string[] } {
  const words = (value ?? '')
    .split(/[、,，;；/\s]+/)
    .map((w) => normaliseText(w))
    .filter(Boolean);
  const values: K[] = [];
  const unknown: string[] = [];
  for (const word of words) {
    const match = (Object.keys(labels) as K[]).find((key) => key === word || labels[key].includes(word));
    if (match && !values.includes(match)) values.push(match);
    else if (!match) unknown.push(word);
  }
  return { values, unknown };
}

const str = (raw: RawRow, key: string) =>
  raw[key] === null || raw[key] === undefined ? null : String(raw[key]);
const bool = (raw: RawRow, key: string) =>
  typeof raw[key] === 'boolean' ? (raw[key] as boolean) : undefined;

function attributesOf(raw: RawRow) {
  const products = labelsToValues(str(raw, 'mainProducts'), PRODUCT_LABELS);
  const certifications = labelsToValues(str(raw, 'certifications'), CERTIFICATION_LABELS);
  const candidate = {
    code: str(raw, 'code')?.toUpperCase(),
    name: str(raw, 'name'),
    type: str(raw, 'type'),
    creditCode: str(raw, 'creditCode')?.toUpperCase() ?? null,
    legalRep: str(raw, 'legalRep'),
    legalRepIdNumber: str(raw, 'legalRepIdNumber')?.toUpperCase() ?? null,
    phone: str(raw, 'phone')?.replace(/[\s-](?=\d{4}$)|\s/g, '') ?? null,
    address: str(raw, 'address'),
    mainProducts: products.values,
    certifications: certifications.values,
    traceability: bool(raw, 'traceability'),
    issuesCertificate: bool(raw, 'issuesCertificate'),
    creditClass: str(raw, 'creditClass'),
    keyList: bool(raw, 'keyList'),
    internalControllerName: str(raw, 'internalControllerName'),
    internalControllerPhone: str(raw, 'internalControllerPhone')?.replace(/\s/g, '') ?? null,
  };
  return { candidate, unknownProducts: products.unknown, unknownCertifications: certifications.unknown };
}

function parseRow(raw: RawRow, row: number, context: ImportContext) {
  const { candidate, unknownProducts, unknownCertifications } = attributesOf(raw);
  const problems: RowProblem[] = [];
  const parsed = SubjectAttributes.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      const params = (issue as { params?: { zh?: string; en?: string } }).params;
      problems.push(
        problem(
          context,
          row,
          key || null,
          'BAD_VALUE',
          params?.zh ?? `「${key}」${issue.message}`,
          params?.en ?? `${key}: ${issue.message}`,
        ),
      );
    }
  }
  if (unknownProducts.length) {
    problems.push(
      problem(
        context,
        row,
        'mainProducts',
        'UNKNOWN_VALUE',
        `未知的产品类别：${unknownProducts.join('、')}`,
        `unknown product categories: ${unknownProducts.join(', ')}`,
      ),
    );
  }
  if (unknownCertifications.length) {
    problems.push(
      problem(
        context,
        row,
        'certifications',
        'UNKNOWN_VALUE',
        `未知的认证：${unknownCertifications.join('、')}`,
        `unknown certifications: ${unknownCertifications.join(', ')}`,
      ),
    );
  }
  if (candidate.legalRepIdNumber) {
    const checked = checkResidentId(candidate.legalRepIdNumber, chinaDate());
    if (!checked.ok) {
      problems.push(
        problem(
          context,
          row,
          'legalRepIdNumber',
          'BAD_ID_NUMBER',
          `身份证号不正确：${checked.reason.zh}`,
          `ID number not valid: ${checked.reason.en}`,
        ),
      );
    }
  }
  if (candidate.creditCode && !isValidCreditCode(candidate.creditCode)) {
    problems.push(
      problem(
        context,
        row,
        'creditCode',
        'BAD_CHECK_CHARACTER',
        `统一社会信用代码「${candidate.creditCode}」校验位不正确`,
        `the credit code ${candidate.creditCode} has a wrong check character`,
      ),
    );
  }
  const lon = raw.longitude;
  const lat = raw.latitude;
  if ((lon === null) !== (lat === null)) {
    problems.push(
      problem(
        context,
        row,
        lon === null ? 'longitude' : 'latitude',
        'HALF_COORDINATE',
        '经度和纬度须同时填写或同时留空',
        'give both longitude and latitude, or neither',
      ),
    );
  }
  if (problems.length || !parsed.success) return { ok: false as const, problems };
  const point: [number, number] | null =
    typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : null;
  return { ok: true as const, value: { row, attributes: parsed.data, point } };
}

export const subjectsImportTarget: ImportTarget<SubjectRow> = {
  id: 'subjects',
  label: { zh: '生产主体名录', en: 'Production-subject registry' },
  fields: FIELDS,
  parseRow,
  async validateAll(db, rows, context) {
    const problems: RowProblem[] = [];
    const firstRowOf = new Map<string, number>();
    for (const { row, attributes } of rows) {
      const first = firstRowOf.get(attributes.code);
      if (first !== undefined) {
        problems.push(
          problem(
            context,
            row,
            'code',
            'DUPLICATE_IN_FILE',
            `主体编码「${attributes.code}」与第 ${first} 行重复`,
            `code ${attributes.code} repeats row ${first}`,
          ),
        );
      } else firstRowOf.set(attributes.code, row);
    }
    const { keyListRule } = await registrySettings(db);
    for (const { row, attributes } of rows) {
      if (
        attributes.keyList === false &&
        attributes.creditClass &&
        keyListRule.creditClasses.includes(attributes.creditClass)
      ) {
        problems.push(
          problem(
            context,
            row,
            'keyList',
            'KEY_LIST_REQUIRED',
            `信用等级为 ${attributes.creditClass} 类的主体须列入重点监管名录`,
            `a subject of credit class ${attributes.creditClass} must be on the key supervision list`,
          ),
        );
      }
    }
    const codes = [...firstRowOf.keys()];
    const existing = await db.query<{ code: string }>(
      'SELECT code FROM production_subject WHERE code = ANY($1::text[])',
      [codes],
    );
    for (const { code } of existing.rows) {
      problems.push(
        problem(
          context,
          firstRowOf.get(code) as number,
          'code',
          'DUPLICATE_IN_REGISTRY',
          `主体编码「${code}」已在名录中`,
          `code ${code} is already in the registry`,
        ),
      );
    }
    const located = rows.filter((r) => r.point !== null);
    const outside = await db.query<{ i: number }>(
      `SELECT p.i FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lon, lat, i)
       WHERE village_grid_at(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) IS NULL`,
      [located.map((r) => r.point?.[0]), located.map((r) => r.point?.[1])],
    );
    for (const { i } of outside.rows) {
      const r = located[i - 1] as SubjectRow;
      problems.push(
        problem(
          context,
          r.row,
          'longitude',
          'OUTSIDE_COUNTY',
          `位置（${r.point?.join(', ')}）不在本县任何村级网格内`,
          `the location (${r.point?.join(', ')}) is not inside any village grid`,
        ),
      );
    }
    return problems;
  },
  async write(db, rows) {
    const { keyListRule } = await registrySettings(db);
    const byRule = (a: Attributes) =>
      typeof a.creditClass === 'string' && keyListRule.creditClasses.includes(a.creditClass);
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000).map(({ attributes: a, point }) => ({
        ...a,
        keyList: a.keyList === true || byRule(a),
        lon: point?.[0] ?? null,
        lat: point?.[1] ?? null,
      }));
      await db.query(
        `INSERT INTO production_subject (code, name, type, credit_code, legal_rep, legal_rep_id_number, phone, address,
           main_products, certifications, traceability, issues_certificate, credit_class, key_list,
           internal_controller_name, internal_controller_phone, geom)
         SELECT r.code, r.name, r.type, r."creditCode", r."legalRep", r."legalRepIdNumber", r.phone, r.address,
           ARRAY(SELECT json_array_elements_text(r."mainProducts")), ARRAY(SELECT json_array_elements_text(r.certifications)),
           coalesce(r.traceability, false), coalesce(r."issuesCertificate", false), r."creditClass", r."keyList",
           r."internalControllerName", r."internalControllerPhone",
           CASE WHEN r.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326) END
         FROM json_to_recordset($1::json) AS r(code text, name text, type text, "creditCode" text, "legalRep" text,
           "legalRepIdNumber" text, phone text, address text, "mainProducts" json, certifications json,
           traceability boolean, "issuesCertificate" boolean, "creditClass" text, "keyList" boolean,
           "internalControllerName" text, "internalControllerPhone" text, lon float8, lat float8)`,
        [JSON.stringify(batch)],
      );
    }
    // Key-list entries are registry decisions: recorded with their reason, like those made in the editor.
    await db.query(
      `INSERT INTO production_subject_event (subject_id, kind, from_value, to_value, reason, effective_on)
       SELECT s.id, 'key_list', NULL, 'true',
              CASE WHEN s.credit_class = ANY($2::text[]) THEN '信用等级为 ' || s.credit_class || ' 类（导入）'
                   ELSE '导入时列入 / listed by import' END,
              (now() AT TIME ZONE 'Asia/Shanghai')::date
       FROM production_subject s WHERE s.code = ANY($1::text[]) AND s.key_list`,
      [rows.map((r) => r.attributes.code), keyListRule.creditClasses],
    );
    return { inserted: rows.length, updated: 0 };
  },
  previewGeometry: (row) => (row.point ? { type: 'Point', coordinates: row.point } : null),
};
