/**
 * The collections of the OGC API – Features endpoint (/ogc): which rows, geometry, time and properties each one
 * serves. Every SQL fragment here is the app's own text (never request input); request values reach SQL only as
 * parameters (see ogc.repository.ts). Property types drive the parsing of property filters.
 */

export type PropertyType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';

export interface OgcProperty {
  sql: string;
  type: PropertyType;
  description: string;
}

/** The geometry type of every feature of a collection (for Shapefile and GeoPackage exports). */
export type GeometryType = 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon';

export interface OgcCollection {
  id: string;
  title: string;
  description: string;
  /** FROM … (alias t) with any joins. */
  from: string;
  where?: string;
  id_sql: string;
  geometry: string;
  geometryType: GeometryType;
  /** The instant or date that `datetime` filters on. */
  datetime?: string;
  properties: Record<string, OgcProperty>;
}

const GRID_FROM = 'grid_unit t LEFT JOIN grid_unit p ON p.id = t.parent_id';

const gridProperties: Record<string, OgcProperty> = {
  code: { sql: 't.code::text', type: 'string', description: '12-digit division code' },
  name: { sql: 't.name', type: 'string', description: 'Grid name' },
  level: { sql: 't.level', type: 'string', description: 'county | township | village' },
  parent_code: { sql: 'p.code::text', type: 'string', description: 'Code of the parent grid' },
  parent_name: { sql: 'p.name', type: 'string', description: 'Name of the parent grid' },
  population: { sql: 't.population', type: 'integer', description: 'Resident population' },
  area_km2: {
    sql: 'round((ST_Area(t.geom::geography) / 1e6)::numeric, 3)::float8',
    type: 'number',
    description: 'Area in km²',
  },
  updated_at: { sql: 't.updated_at', type: 'datetime', description: 'Last change' },
};

const grid = (level: 'county' | 'township' | 'village', zh: string): OgcCollection => ({
  id: `grids-${level}`,
  title: `${zh} (${level} grids)`,
  description: `Supervision grids of the ${level} level with their codes and parents`,
  from: GRID_FROM,
  where: `t.level = '${level}'`,
  id_sql: 't.id',
  geometry: 't.geom',
  geometryType: 'MultiPolygon',
  properties: gridProperties,
});

const VILLAGE_JOIN = 'LEFT JOIN grid_unit v ON v.id = t.grid_id LEFT JOIN grid_unit w ON w.id = v.parent_id';

export const OGC_COLLECTIONS: OgcCollection[] = [
  grid('county', '县级网格'),
  grid('township', '乡镇级网格'),
  grid('village', '村级网格'),
  {
    id: 'subjects',
    title: '生产主体 (production subjects)',
    description:
      'Active production subjects of the registry; identity numbers and personal data are not published',
    from: `production_subject t ${VILLAGE_JOIN}`,
    where: `t.status = 'active' AND t.geom IS NOT NULL`,
    id_sql: 't.id',
    geometry: 't.geom',
    geometryType: 'Point',
    datetime: 't.updated_at',
    properties: {
      code: { sql: 't.code', type: 'string', description: 'Registry code' },
      name: { sql: 't.name', type: 'string', description: 'Name' },
      type: { sql: 't.type', type: 'string', description: 'Subject type' },
      credit_class: { sql: 't.credit_class::text', type: 'string', description: 'A | B | C' },
      key_list: { sql: 't.key_list', type: 'boolean', description: 'On the key supervision list' },
      traceability: { sql: 't.traceability', type: 'boolean', description: 'On a traceability platform' },
      issues_certificate: {
        sql: 't.issues_certificate',
        type: 'boolean',
        description: 'Issues compliance certificates',
      },
      certifications: {
        sql: `array_to_string(t.certifications, ',')`,
        type: 'string',
        description: 'Certifications, comma-separated',
      },
      village_code: { sql: 'v.code::text', type: 'string', description: 'Village grid code' },
      village: { sql: 'v.name', type: 'string', description: 'Village grid' },
      township_code: { sql: 'w.code::text', type: 'string', description: 'Township grid code' },
      township: { sql: 'w.name', type: 'string', description: 'Township grid' },
      updated_at: { sql: 't.updated_at', type: 'datetime', description: 'Last change' },
    },
  },
  {
    id: 'samples',
    title: '抽样检测 (samples)',
    description: 'Samples of agricultural products with their verdicts',
    from: `sample t ${VILLAGE_JOIN}`,
    id_sql: 't.id',
    geometry: 't.geom',
    geometryType: 'Point',
    datetime: 't.sampled_at',
    properties: {
      code: { sql: 't.code', type: 'string', description: 'Sample code' },
      kind: { sql: 't.kind', type: 'string', description: 'routine | supervisory | rapid | quantitative' },
      commodity: { sql: 't.commodity', type: 'string', description: 'Commodity' },
      category: { sql: 't.commodity_category', type: 'string', description: 'Product category' },
      verdict: { sql: 't.verdict', type: 'string', description: 'pending | pass | fail | suspected' },
      sampled_at: { sql: 't.sampled_at', type: 'datetime', description: 'Time of sampling' },
      subject_id: { sql: 't.subject_id', type: 'integer', description: 'Production subject sampled' },
      village_code: { sql: 'v.code::text', type: 'string', description: 'Village grid code' },
      village: { sql: 'v.name', type: 'string', description: 'Village grid' },
      township_code: { sql: 'w.code::text', type: 'string', description: 'Township grid code' },
    },
  },
  {
    id: 'soil-samples',
    title: '土壤采样点 (soil samples)',
    description: 'Farmland soil samples: heavy metals in mg/kg, pH and land use',
    from: `soil_sample t ${VILLAGE_JOIN}`,
    id_sql: 't.id',
    geometry: 't.geom',
    geometryType: 'Point',
    datetime: 't.sampled_on',
    properties: {
      code: { sql: 't.code', type: 'string', description: 'Sample code' },
      sampled_on: { sql: 't.sampled_on', type: 'date', description: 'Date of sampling' },
      land_use: { sql: 't.land_use', type: 'string', description: 'paddy | dry | orchard | other' },
      ph: { sql: 't.ph', type: 'number', description: 'Soil pH' },
      ...Object.fromEntries(
        ['cd', 'hg', 'as', 'pb', 'cr', 'cu', 'ni', 'zn'].map((m) => [
          m,
          { sql: `t.${m}_mgkg`, type: 'number' as const, description: `${m.toUpperCase()} mg/kg` },
        ]),
      ),
      village_code: { sql: 'v.code::text', type: 'string', description: 'Village grid code' },
      township_code: { sql: 'w.code::text', type: 'string', description: 'Township grid code' },
    },
  },
  {
    id: 'soil-zones',
    title: '土壤污染风险分区 (soil zones)',
    description:
      'Farmland classes (GB 15618) of the soil zoning runs, one polygon per zone; filter by run_id for one run',
    from: 'soil_zone t JOIN soil_zone_run r ON r.id = t.run_id',
    id_sql: 't.id',
    geometry: 't.geom',
    geometryType: 'Polygon',
    datetime: 'r.created_at',
    properties: {
      run_id: { sql: 't.run_id', type: 'integer', description: 'Zoning run' },
      run_name: { sql: 'r.name', type: 'string', description: 'Name of the run' },
      metal: { sql: 'r.metal', type: 'string', description: 'Metal: cd | hg | as | pb | cr | cu | ni | zn' },
      method: { sql: 'r.method', type: 'string', description: 'idw | kriging' },
      class: {
        sql: 't.class',
        type: 'string',
        description: 'priority_protection | safe_utilisation | strict_control | no_data',
      },
      class_zh: {
        sql: `CASE t.class WHEN 'priority_protection' THEN '优先保护类' WHEN 'safe_utilisation' THEN '安全利用类'
                WHEN 'strict_control' THEN '严格管控类' ELSE '无数据' END`,
        type: 'string',
        description: 'Class in Chinese',
      },
      area_mu: {
        sql: 'round((t.area_m2 * 15 / 10000)::numeric, 2)::float8',
        type: 'number',
        description: 'Area in mu (亩)',
      },
      area_code: { sql: `r.area->>'code'`, type: 'string', description: 'Code of the grid the run covers' },
      area_name: { sql: `r.area->>'name'`, type: 'string', description: 'Name of the grid the run covers' },
      run_at: { sql: 'r.created_at', type: 'datetime', description: 'Time of the run' },
    },
  },
  {
    id: 'patrols',
    title: '巡查轨迹 (patrols)',
    description: 'Daily patrols with their outcome and GPS track',
    from: `patrol t ${VILLAGE_JOIN}`,
    where: 't.geom IS NOT NULL',
    id_sql: 't.id',
    geometry: 't.geom',
    geometryType: 'LineString',
    datetime: 't.patrolled_at',
    properties: {
      subject_id: { sql: 't.subject_id', type: 'integer', description: 'Production subject patrolled' },
      inspector: { sql: 't.inspector_name', type: 'string', description: 'Inspector' },
      outcome: { sql: 't.outcome', type: 'string', description: 'compliant | rectify | refer' },
      rectify_deadline: { sql: 't.rectify_deadline', type: 'date', description: 'Rectification deadline' },
      patrolled_at: { sql: 't.patrolled_at', type: 'datetime', description: 'Start of the visit' },
      village_code: { sql: 'v.code::text', type: 'string', description: 'Village grid code' },
      township_code: { sql: 'w.code::text', type: 'string', description: 'Township grid code' },
    },
  },
];

export const OGC_COLLECTION_BY_ID = new Map(OGC_COLLECTIONS.map((c) => [c.id, c]));
