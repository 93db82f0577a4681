/**
 * SQL of the residue module: reading the reference tables into the shape judging needs, writing a sample with its
 * judged results, and reading/updating stored results for re-judging.
 */
import type { Queryable } from '../../db/engine';
import type { ReferenceResponse } from '../../../contracts/residue';
import type { ReferenceData } from '../../domain/residue/reference';
import bundled from '../../domain/residue/data/reference.json';
import type { Judgement } from '../../domain/residue/judge';
import { filterSql } from '../analysis/filter-sql';
import type { ResidueFilter } from '../../../contracts/residue';

/** The reference data as stored (users may have edited or imported limits since the bundled version). */
export async function loadReference(db: Queryable): Promise<ReferenceData> {
  const [sources, editions, analytes, commodities, limits, bans] = await Promise.all([
    db.query<{ key: string; name: string; url: string | null }>(
      'SELECT key, name, url FROM reference_source ORDER BY key',
    ),
    db.query<ReferenceData['editions'][number]>(
      `SELECT code, family, title, issued_on AS issued, effective_from AS effective, fallback_code AS fallback,
              fully_loaded AS loaded, sources, coalesce(note, '') AS note
       FROM residue_standard ORDER BY family, effective_from`,
    ),
    db.query<ReferenceData['analytes'][number]>(
      `SELECT name_zh AS zh, name_en AS en, cas, class, kind, status, aliases, note AS cas_note FROM analyte ORDER BY id`,
    ),
    db.query<ReferenceData['commodities'][number]>(
      `SELECT c.name_zh AS zh, c.name_en AS en, p.name_zh AS parent, c.category
       FROM commodity c LEFT JOIN commodity p ON p.id = c.parent_id ORDER BY c.id`,
    ),
    db.query<ReferenceData['limits'][number]>(
      `SELECT l.standard_code AS standard, a.name_zh AS analyte, c.name_zh AS commodity, l.limit_mgkg AS mgkg,
              l.confidence, l.sources, coalesce(l.note, '') AS note
       FROM residue_limit l JOIN analyte a ON a.id = l.analyte_id JOIN commodity c ON c.id = l.commodity_id ORDER BY l.id`,
    ),
    db.query<ReferenceData['bans'][number]>(
      `SELECT a.name_zh AS analyte,
              CASE WHEN b.commodity_ids IS NULL THEN NULL
                   ELSE ARRAY(SELECT c.name_zh FROM commodity c WHERE c.id = ANY (b.commodity_ids) ORDER BY c.id) END AS commodities,
              b.effective_from AS effective, b.date_precision AS precision, b.act, b.measure, b.confidence, b.sources,
              coalesce(b.note, '') AS note
       FROM pesticide_ban b JOIN analyte a ON a.id = b.analyte_id ORDER BY b.id`,
    ),
  ]);
  return {
    version: bundled.version,
    sources: Object.fromEntries(sources.rows.map((s) => [s.key, { name: s.name, url: s.url }])),
    editions: editions.rows,
    analytes: analytes.rows,
    commodities: commodities.rows,
    limits: limits.rows,
    bans: bans.rows,
    rapid_test: bundled.rapid_test,
    not_found: bundled.not_found,
  };
}

export async function referenceListing(db: Queryable): Promise<ReferenceResponse> {
  const q = async <R>(sql: string) => (await db.query<R>(sql)).rows;
  return {
    version: bundled.version,
    sources: await q('SELECT key, name, url FROM reference_source ORDER BY key'),
    editions: await q(
      `SELECT code, family, title, issued_on AS "issuedOn", effective_from AS "effectiveFrom", fallback_code AS "fallbackCode",
              note, sources FROM residue_standard ORDER BY family, effective_from`,
    ),
    analytes: await q(
      `SELECT id, name_zh AS "nameZh", name_en AS "nameEn", cas, class, kind, status, aliases FROM analyte ORDER BY id`,
    ),
    commodities: await q(
      `SELECT id, name_zh AS "nameZh", name_en AS "nameEn", parent_id AS "parentId", category FROM commodity ORDER BY id`,
    ),
    limits: await q(
      `SELECT l.id, l.standard_code AS standard, a.name_zh AS analyte, c.name_zh AS commodity, l.limit_mgkg AS "limitMgKg",
              l.confidence, l.sources, l.note
       FROM residue_limit l JOIN analyte a ON a.id = l.analyte_id JOIN commodity c ON c.id = l.commodity_id ORDER BY l.id`,
    ),
    bans: await q(
      `SELECT b.id, a.name_zh AS analyte,
              CASE WHEN b.commodity_ids IS NULL THEN NULL
                   ELSE ARRAY(SELECT c.name_zh FROM commodity c WHERE c.id = ANY (b.commodity_ids) ORDER BY c.id) END AS commodities,
              b.effective_from AS "effectiveFrom", b.date_precision AS "datePrecision", b.act, b.measure, b.confidence,
              b.sources, b.note
       FROM pesticide_ban b JOIN analyte a ON a.id = b.analyte_id ORDER BY b.id`,
    ),
  };
}

export async function subjectIdByCode(db: Queryable, code: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM production_subject WHERE code = $1', [
    code,
  ]);
  return rows[0]?.id ?? null;
}

export async function commodityCategory(db: Queryable, name: string): Promise<string | null> {
  const { rows } = await db.query<{ category: string }>(
    'SELECT category FROM commodity WHERE name_zh = $1 OR $1 = ANY (aliases) LIMIT 1',
    [name],
  );
  return rows[0]?.category ?? null;
}

export async function existingSampleCodes(db: Queryable, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const { rows } = await db.query<{ code: string }>('SELECT code FROM sample WHERE code = ANY ($1::text[])', [
    codes,
  ]);
  return new Set(rows.map((r) => r.code));
}

export interface SampleInsert {
  code: string;
  kind: string;
  sampledAt: string;
  commodity: string;
  category: string;
  subjectId: number | null;
  lon: number;
  lat: number;
  lab: string | null;
}

export interface ResultInsert {
  analyte: string;
  value: number | null;
  unit: 'mg/kg' | '%';
  lod: number | null;
  inhibitionPct: number | null;
  judgement: Judgement;
}

/** Inserts samples and their judged results (the sample verdict follows by trigger). Returns the new ids in order. */
export async function insertSamples(
  db: Queryable,
  samples: readonly (SampleInsert & { results: ResultInsert[] })[],
): Promise<number[]> {
  if (samples.length === 0) return [];
  const { rows } = await db.query<{ id: number; code: string }>(
    `INSERT INTO sample (code, kind, sampled_at, commodity, commodity_category, subject_id, geom, lab)
     SELECT r.code, r.kind, r.sampled_at::timestamptz, r.commodity, r.category, r.subject_id,
            ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), r.lab
     FROM json_to_recordset($1::json) AS r(code text, kind text, sampled_at text, commodity text, category text,
                                           subject_id bigint, lon double precision, lat double precision, lab text)
     RETURNING id, code`,
    [
      JSON.stringify(
        samples.map((s) => ({
          code: s.code,
          kind: s.kind,
          sampled_at: s.sampledAt,
          commodity: s.commodity,
          category: s.category,
          subject_id: s.subjectId,
          lon: s.lon,
          lat: s.lat,
          lab: s.lab,
        })),
      ),
    ],
  );
  const idOf = new Map(rows.map((r) => [r.code, r.id]));
  const results = samples.flatMap((s) =>
    s.results.map((r) => ({
      sample_id: idOf.get(s.code),
      analyte: r.analyte,
      value: r.value,
      unit: r.unit,
      lod: r.lod,
      inhibition_pct: r.inhibitionPct,
      limit_value: r.judgement.limitValue,
      standard: r.judgement.standard,
      verdict: r.judgement.verdict,
      rule: r.judgement.rule,
      standard_in_force: r.judgement.standardInForce,
    })),
  );
  await db.query(
    `INSERT INTO sample_result (sample_id, analyte, value, unit, lod, inhibition_pct, limit_value, standard, verdict, rule,
                                standard_in_force, judged_at)
     SELECT r.sample_id, r.analyte, r.value, r.unit, r.lod, r.inhibition_pct, r.limit_value, r.standard, r.verdict, r.rule,
            r.standard_in_force, now()
     FROM json_to_recordset($1::json) AS r(sample_id bigint, analyte text, value double precision, unit text,
          lod double precision, inhibition_pct double precision, limit_value double precision, standard text, verdict text,
          rule text, standard_in_force text)`,
    [JSON.stringify(results)],
  );
  return samples.map((s) => idOf.get(s.code) as number);
}

export interface StoredResult {
  id: number;
  sampleId: number;
  code: string;
  commodity: string;
  sampledOn: string;
  analyte: string;
  value: number | null;
  lod: number | null;
  inhibitionPct: number | null;
  verdict: string;
  limitValue: number | null;
  standard: string | null;
}

export async function resultsForFilter(db: Queryable, filter: ResidueFilter): Promise<StoredResult[]> {
  const { from, where, params } = filterSql(filter, 1);
  const { rows } = await db.query<StoredResult>(
    `SELECT r.id, s.id AS "sampleId", s.code, s.commodity, (s.sampled_at AT TIME ZONE 'Asia/Shanghai')::date AS "sampledOn",
            r.analyte, r.value, r.lod, r.inhibition_pct AS "inhibitionPct", r.verdict, r.limit_value AS "limitValue", r.standard
     FROM ${from}
     JOIN sample_result r ON r.sample_id = s.id
     WHERE ${where}
     ORDER BY s.id, r.id`,
    params,
  );
  return rows;
}

export async function updateJudgements(
  db: Queryable,
  updates: readonly { id: number; judgement: Judgement }[],
): Promise<void> {
  for (let i = 0; i < updates.length; i += 5000) {
    const chunk = updates.slice(i, i + 5000).map((u) => ({
      id: u.id,
      limit_value: u.judgement.limitValue,
      standard: u.judgement.standard,
      verdict: u.judgement.verdict,
      rule: u.judgement.rule,
      standard_in_force: u.judgement.standardInForce,
    }));
    await db.query(
      `UPDATE sample_result r SET limit_value = u.limit_value, standard = u.standard, verdict = u.verdict, rule = u.rule,
              standard_in_force = u.standard_in_force, judged_at = now()
       FROM json_to_recordset($1::json) AS u(id bigint, limit_value double precision, standard text, verdict text, rule text,
                                             standard_in_force text)
       WHERE r.id = u.id`,
      [JSON.stringify(chunk)],
    );
  }
}

export async function logRejudge(
  db: Queryable,
  filter: unknown,
  examined: number,
  changed: number,
  applied: boolean,
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO residue_rejudge (filter, examined, changed, applied) VALUES ($1::jsonb, $2, $3, $4) RETURNING id',
    [JSON.stringify(filter), examined, changed, applied],
  );
  return (rows[0] as { id: number }).id;
}

export async function readEntered(db: Queryable, id: number) {
  const { rows } = await db.query<{
    id: number;
    code: string;
    verdict: string;
    sampledOn: string;
    gridId: number | null;
    lon: number;
    lat: number;
  }>(
    `SELECT id, code, verdict, (sampled_at AT TIME ZONE 'Asia/Shanghai')::date AS "sampledOn", grid_id AS "gridId",
            ST_X(geom) AS lon, ST_Y(geom) AS lat FROM sample WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}
