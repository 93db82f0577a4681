/**
 * SQL that writes the generated demo county. Rows go in large batches as one JSON parameter each
 * (INSERT … SELECT … FROM json_to_recordset($1::json)): one round trip per few thousand rows on both engines, every
 * value a parameter. Rows refer to each other by code; the joins below turn codes into ids.
 */
import type { Queryable } from '../../db/engine';
import type { LonLat, Ring } from '../../domain/demo/geo';
import type {
  CaseRecord,
  GridRecord,
  PatrolRecord,
  PersonRecord,
  SampleRecord,
  SoilSampleRecord,
  SubjectRecord,
} from '../../domain/demo/types';

/** Lock key (classid, objid) serialising demo loads on PostgreSQL; the migration runner uses classid 727274. */
const DEMO_LOCK = [727275, 1] as const;

export async function hasAnyGrid(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM grid_unit) AS any');
  return rows[0]?.any === true;
}

/** Serialises concurrent loads (PostgreSQL), then tells whether a county with this code already exists. */
export async function lockAndCheckCounty(
  tx: Queryable,
  engine: 'pglite' | 'postgres',
  countyCode: string,
): Promise<boolean> {
  if (engine === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1, $2)', DEMO_LOCK);
  const { rows } = await tx.query('SELECT 1 FROM grid_unit WHERE code = $1', [countyCode]);
  return rows.length > 0;
}

async function insertJson(
  tx: Queryable,
  sql: string,
  rows: readonly object[],
  expected = rows.length,
): Promise<void> {
  if (rows.length === 0) return;
  const { rowCount } = await tx.query(sql, [JSON.stringify(rows)]);
  if (rowCount !== expected)
    throw new Error(
      `demo load: expected to insert ${expected} rows, inserted ${rowCount} (${sql.slice(0, 60)}…)`,
    );
}

/** Runs `insert` on consecutive slices of `rows`, calling `progress` with the number done after each. */
export async function inBatches<T>(
  rows: readonly T[],
  size: number,
  insert: (batch: readonly T[]) => Promise<void>,
  progress?: (done: number) => void,
) {
  for (let i = 0; i < rows.length; i += size) {
    await insert(rows.slice(i, i + size));
    progress?.(Math.min(rows.length, i + size));
  }
}

const polygon = (ring: Ring) => ({ type: 'MultiPolygon', coordinates: [[ring]] });
const point = ([lon, lat]: LonLat) => ({ lon, lat });

/** Grids of one level (their parents must already be in the table). */
export async function insertGrids(tx: Queryable, grids: readonly GridRecord[]): Promise<void> {
  await insertJson(
    tx,
    `INSERT INTO grid_unit (code, name, level, parent_id, population, geom)
     SELECT r.code, r.name, r.level, p.id, r.population, ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326)
     FROM json_to_recordset($1::json) AS r(code text, name text, level text, parent_code text, population integer, geom json)
     LEFT JOIN grid_unit p ON p.code = r.parent_code`,
    grids.map((g) => ({
      code: g.code,
      name: g.name,
      level: g.level,
      parent_code: g.parentCode,
      population: g.population,
      geom: polygon(g.ring),
    })),
  );
}

export async function insertPersons(tx: Queryable, persons: readonly PersonRecord[]): Promise<void> {
  await insertJson(
    tx,
    `INSERT INTO grid_person (grid_id, role, name, post, phone, sort_order)
     SELECT g.id, r.role, r.name, r.post, r.phone, r.sort_order
     FROM json_to_recordset($1::json) AS r(grid_code text, role text, name text, post text, phone text, sort_order integer)
     JOIN grid_unit g ON g.code = r.grid_code`,
    persons.map((p) => ({
      grid_code: p.gridCode,
      role: p.role,
      name: p.name,
      post: p.post,
      phone: p.phone,
      sort_order: p.sortOrder,
    })),
  );
}

export async function insertSubjects(tx: Queryable, subjects: readonly SubjectRecord[]): Promise<void> {
  await insertJson(
    tx,
    `INSERT INTO production_subject (code, name, type, credit_code, legal_rep, phone, address, main_products, certifications,
       traceability, issues_certificate, credit_class, key_list, internal_controller_name, internal_controller_phone, geom, base_geom)
     SELECT r.code, r.name, r.type, r.credit_code, r.legal_rep, r.phone, r.address, r.main_products, r.certifications,
       r.traceability, r.issues_certificate, r.credit_class, r.key_list, r.controller_name, r.controller_phone,
       ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326),
       CASE WHEN r.base IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(r.base), 4326) END
     FROM json_to_recordset($1::json) AS r(code text, name text, type text, credit_code text, legal_rep text, phone text,
       address text, main_products text[], certifications text[], traceability boolean, issues_certificate boolean,
       credit_class text, key_list boolean, controller_name text, controller_phone text, lon float8, lat float8, base json)`,
    subjects.map((s) => ({
      code: s.code,
      name: s.name,
      type: s.type,
      credit_code: s.creditCode,
      legal_rep: s.legalRep,
      phone: s.phone,
      address: s.address,
      main_products: s.mainProducts,
      certifications: s.certifications,
      traceability: s.traceability,
      issues_certificate: s.issuesCertificate,
      credit_class: s.creditClass,
      key_list: s.keyList,
      controller_name: s.internalControllerName,
      controller_phone: s.internalControllerPhone,
      ...point(s.point),
      base: s.base ? polygon(s.base) : null,
    })),
  );
}

/**
 * Samples with their precomputed verdict (the worst of their results — what the results' statement trigger derives,
 * so its refresh finds nothing to change), then their results.
 */
export async function insertSamples(tx: Queryable, samples: readonly SampleRecord[]): Promise<void> {
  await insertSampleRows(tx, samples);
  await insertResults(tx, samples);
}

async function insertSampleRows(tx: Queryable, samples: readonly SampleRecord[]): Promise<void> {
  await insertJson(
    tx,
    `INSERT INTO sample (code, kind, sampled_at, commodity, commodity_category, subject_id, geom, verdict, lab)
     SELECT r.code, r.kind, r.sampled_at, r.commodity, r.category, s.id, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), r.verdict, r.lab
     FROM json_to_recordset($1::json) AS r(code text, kind text, sampled_at timestamptz, commodity text, category text,
       subject_code text, lon float8, lat float8, verdict text, lab text)
     LEFT JOIN production_subject s ON s.code = r.subject_code`,
    samples.map((s) => ({
      code: s.code,
      kind: s.kind,
      sampled_at: s.sampledAt,
      commodity: s.commodity,
      category: s.category,
      subject_code: s.subjectCode,
      ...point(s.point),
      verdict: s.verdict,
      lab: s.lab,
    })),
  );
}

async function insertResults(tx: Queryable, samples: readonly SampleRecord[]): Promise<void> {
  const results = samples.flatMap((s) =>
    s.results.map((r) => ({
      sample_code: s.code,
      analyte: r.analyte,
      value: r.value,
      unit: r.unit,
      lod: r.lod,
      inhibition_pct: r.inhibitionPct,
      limit_value: r.limitValue,
      standard: r.standard,
      verdict: r.verdict,
    })),
  );
  await insertJson(
    tx,
    `INSERT INTO sample_result (sample_id, analyte, value, unit, lod, inhibition_pct, limit_value, standard, verdict)
     SELECT s.id, r.analyte, r.value, r.unit, r.lod, r.inhibition_pct, r.limit_value, r.standard, r.verdict
     FROM json_to_recordset($1::json) AS r(sample_code text, analyte text, value float8, unit text, lod float8,
       inhibition_pct float8, limit_value float8, standard text, verdict text)
     JOIN sample s ON s.code = r.sample_code`,
    results,
  );
}

export async function insertSoilSamples(tx: Queryable, samples: readonly SoilSampleRecord[]): Promise<void> {
  await insertJson(
    tx,
    `INSERT INTO soil_sample (code, sampled_on, land_use, ph, cd_mgkg, hg_mgkg, as_mgkg, pb_mgkg, cr_mgkg, cu_mgkg, ni_mgkg, zn_mgkg, geom)
     SELECT r.code, r.sampled_on, r.land_use, r.ph, r.cd, r.hg, r."as", r.pb, r.cr, r.cu, r.ni, r.zn, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)
     FROM json_to_recordset($1::json) AS r(code text, sampled_on date, land_use text, ph float8, cd float8, hg float8, "as" float8,
       pb float8, cr float8, cu float8, ni float8, zn float8, lon float8, lat float8)`,
    samples.map((s) => ({
      code: s.code,
      sampled_on: s.sampledOn,
      land_use: s.landUse,
      ph: s.ph,
      ...s.metals,
      ...point(s.point),
    })),
  );
}

export async function insertPatrols(tx: Queryable, patrols: readonly PatrolRecord[]): Promise<void> {
  await insertJson(
    tx,
    `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, checklist, outcome, rectify_deadline, notes, geom)
     SELECT s.id, r.inspector_name, r.patrolled_at, r.checklist, r.outcome, r.rectify_deadline, r.notes,
       ST_SetSRID(ST_GeomFromGeoJSON(r.track), 4326)
     FROM json_to_recordset($1::json) AS r(subject_code text, inspector_name text, patrolled_at timestamptz, checklist jsonb,
       outcome text, rectify_deadline date, notes text, track json)
     JOIN production_subject s ON s.code = r.subject_code`,
    patrols.map((p) => ({
      subject_code: p.subjectCode,
      inspector_name: p.inspectorName,
      patrolled_at: p.patrolledAt,
      checklist: p.checklist,
      outcome: p.outcome,
      rectify_deadline: p.rectifyDeadline,
      notes: p.notes,
      track: { type: 'LineString', coordinates: p.track },
    })),
  );
}

export async function insertCases(tx: Queryable, cases: readonly CaseRecord[]): Promise<void> {
  await insertJson(
    tx,
    `INSERT INTO enforcement_case (case_number, subject_id, opened_on, closed_on, cause, status, summary,
       source_patrol_id, source_sample_id)
     SELECT r.case_number, s.id, r.opened_on, r.closed_on, r.cause, r.status, r.summary, p.id, sa.id
     FROM json_to_recordset($1::json) AS r(case_number text, subject_code text, opened_on date, closed_on date,
       cause text, status text, summary text, patrol_at timestamptz, sample_code text)
     JOIN production_subject s ON s.code = r.subject_code
     LEFT JOIN patrol p ON p.subject_id = s.id AND p.patrolled_at = r.patrol_at AND p.outcome = 'refer'
     LEFT JOIN sample sa ON sa.code = r.sample_code`,
    cases.map((c) => ({
      case_number: c.caseNumber,
      subject_code: c.subjectCode,
      opened_on: c.openedOn,
      closed_on: c.closedOn,
      cause: c.cause,
      status: c.status,
      summary: c.summary,
      patrol_at: c.sourcePatrol?.patrolledAt ?? null,
      sample_code: c.sourceSampleCode,
    })),
  );
}

export async function insertTruth(tx: Queryable, truth: Record<string, unknown>): Promise<void> {
  await insertJson(
    tx,
    'INSERT INTO demo_truth (key, value) SELECT r.key, r.value FROM json_to_recordset($1::json) AS r(key text, value jsonb)',
    Object.entries(truth).map(([key, value]) => ({ key, value })),
  );
}

/** The generator truth row (seed, scale, counts, digest) of the county loaded under a code, or null. */
export async function loadedGenerator(
  db: Queryable,
  countyCode: string,
): Promise<Record<string, unknown> | null> {
  const { rows } = await db.query<{ value: Record<string, unknown> }>(
    `SELECT t.value FROM demo_truth t WHERE t.key = 'generator' AND t.value->>'county_code' = $1`,
    [countyCode],
  );
  return rows[0]?.value ?? null;
}
