import type { Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
import type { Person, SubjectCreate, SubjectPatch, SubjectProperties } from '../../../contracts/api';
import type { Geometry } from '../../../contracts/geojson';

type SubjectRow = Omit<
  SubjectProperties,
  'responsible' | 'keyListReasons' | 'possibleDuplicates' | 'boardPath'
> & {
  geometry: Geometry | null;
  villageId: number | null;
  townshipId: number | null;
  publicToken: string;
};

export async function getSubject(db: Queryable, id: number): Promise<SubjectRow | null> {
  const { rows } = await db.query<SubjectRow>(
    `SELECT s.id, s.code, s.name, s.type, s.credit_code AS "creditCode", s.legal_rep AS "legalRep",
       CASE WHEN s.legal_rep_id_number IS NULL THEN NULL
            ELSE left(s.legal_rep_id_number, 6) || '********' || right(s.legal_rep_id_number, 4) END AS "legalRepIdNumberMasked",
       s.phone, s.address, s.public_token AS "publicToken",
       s.main_products AS "mainProducts", s.certifications, s.traceability, s.issues_certificate AS "issuesCertificate",
       s.credit_class AS "creditClass", s.key_list AS "keyList",
       s.internal_controller_name AS "internalControllerName", s.internal_controller_phone AS "internalControllerPhone",
       s.status, s.retired_at AS "retiredAt", s.retired_reason AS "retiredReason",
       s.version, s.created_at AS "createdAt", s.created_by AS "createdBy",
       s.updated_at AS "updatedAt", s.updated_by AS "updatedBy",
       ST_AsGeoJSON(s.base_geom, 7)::json AS base,
       CASE WHEN s.base_geom IS NULL THEN NULL
            ELSE round((ST_Area(s.base_geom::geography) / 666.67)::numeric, 1)::float8 END AS "baseAreaMu",
       v.id AS "villageId", t.id AS "townshipId",
       CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('id', v.id, 'code', v.code, 'name', v.name) END AS village,
       CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('id', t.id, 'code', t.code, 'name', t.name) END AS township,
       json_build_object(
         'samples', (SELECT count(*) FROM sample x WHERE x.subject_id = s.id),
         'failedSamples', (SELECT count(*) FROM sample x WHERE x.subject_id = s.id AND x.verdict = 'fail'),
         'patrols', (SELECT count(*) FROM patrol p WHERE p.subject_id = s.id),
         'lastPatrolAt', (SELECT to_char(max(p.patrolled_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                          FROM patrol p WHERE p.subject_id = s.id)
       ) AS counts,
       ST_AsGeoJSON(s.geom, 7)::json AS geometry
     FROM production_subject s
     LEFT JOIN grid_unit v ON v.id = s.grid_id
     LEFT JOIN grid_unit t ON t.id = v.parent_id
     WHERE s.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** The village coordinators and township supervisors responsible for a subject (as on its public board). */
export async function getResponsible(
  db: Queryable,
  villageId: number | null,
  townshipId: number | null,
): Promise<Person[]> {
  if (villageId === null) return [];
  const { rows } = await db.query<Person>(
    `SELECT p.id, p.role, r.name_zh AS "roleNameZh", r.name_en AS "roleNameEn", p.name, p.post, p.phone
     FROM grid_person p JOIN grid_role r ON r.role = p.role
     WHERE (p.grid_id = $1 AND p.role = 'village_coordinator') OR (p.grid_id = $2 AND p.role = 'township_supervisor')
     ORDER BY r.level = 'village' DESC, r.sort_order, p.sort_order, p.id`,
    [villageId, townshipId],
  );
  return rows;
}

const COLUMNS: Record<string, string> = {
  code: 'code',
  name: 'name',
  type: 'type',
  creditCode: 'credit_code',
  legalRep: 'legal_rep',
  legalRepIdNumber: 'legal_rep_id_number',
  phone: 'phone',
  address: 'address',
  mainProducts: 'main_products',
  certifications: 'certifications',
  traceability: 'traceability',
  issuesCertificate: 'issues_certificate',
  creditClass: 'credit_class',
  keyList: 'key_list',
  internalControllerName: 'internal_controller_name',
  internalControllerPhone: 'internal_controller_phone',
};

type Attributes = NonNullable<SubjectPatch['properties']>;

/** Column/value pairs for the given attributes; geometries become PostGIS expressions on their parameter. */
function assignments(attributes: Attributes, geometry: SubjectPatch['geometry'], firstParam: number) {
  const columns: string[] = [];
  const values: string[] = [];
  const params: unknown[] = [];
  const push = (column: string, expression: (p: string) => string, value: unknown) => {
    params.push(value);
    columns.push(column);
    values.push(expression(`$${firstParam + params.length - 1}`));
  };
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'base' || value === undefined) continue;
    const column = COLUMNS[key];
    if (!column) throw new Error(`no column for attribute ${key}`);
    push(column, (p) => p, value);
  }
  if (attributes.base !== undefined) {
    push(
      'base_geom',
      (p) => `ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${p}::text), 4326))`,
      attributes.base && JSON.stringify(attributes.base),
    );
  }
  if (geometry !== undefined) {
    push(
      'geom',
      (p) => `ST_SetSRID(ST_GeomFromGeoJSON(${p}::text), 4326)`,
      geometry && JSON.stringify(geometry),
    );
  }
  return { columns, values, params };
}

export async function insertSubject(db: Queryable, feature: SubjectCreate): Promise<number> {
  const { columns, values, params } = assignments(feature.properties, feature.geometry, 1);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO production_subject (${columns.join(', ')}) VALUES (${values.join(', ')}) RETURNING id`,
    params,
  );
  return (rows[0] as { id: number }).id;
}

export interface LockedSubject {
  version: number;
  updatedAt: string;
  updatedBy: string;
  creditClass: string | null;
  keyList: boolean;
  status: 'active' | 'retired';
}

export async function lockSubject(db: Queryable, id: number): Promise<LockedSubject | null> {
  const { rows } = await db.query<LockedSubject>(
    `SELECT version, updated_at AS "updatedAt", updated_by AS "updatedBy", credit_class AS "creditClass",
            key_list AS "keyList", status
     FROM production_subject WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

/** Failed samples of a subject taken within the last `months` months before `today` ('YYYY-MM-DD'). */
export async function failedSamplesWithin(
  db: Queryable,
  subjectId: number,
  months: number,
  today: string,
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM sample
     WHERE subject_id = $1 AND verdict = 'fail'
       AND (sampled_at AT TIME ZONE 'Asia/Shanghai')::date > ($3::date - make_interval(months => $2::int))::date`,
    [subjectId, months, today],
  );
  return rows[0]?.n ?? 0;
}

/** Other subjects with the same credit code, or the same name within `distanceM` metres. */
export async function possibleDuplicates(db: Queryable, id: number, distanceM: number) {
  const { rows } = await db.query<{
    id: number;
    code: string;
    name: string;
    why: 'credit_code' | 'name_nearby';
  }>(
    `SELECT o.id, o.code, o.name,
            CASE WHEN o.credit_code IS NOT NULL AND o.credit_code = s.credit_code THEN 'credit_code' ELSE 'name_nearby' END AS why
     FROM production_subject s JOIN production_subject o ON o.id <> s.id AND o.status = 'active'
     WHERE s.id = $1
       AND ((s.credit_code IS NOT NULL AND o.credit_code = s.credit_code)
         OR (o.name = s.name AND ST_DWithin(o.geom::geography, s.geom::geography, $2)))
     ORDER BY o.id LIMIT 20`,
    [id, distanceM],
  );
  return rows;
}

export interface SubjectEvent {
  kind: 'credit_class' | 'key_list' | 'retired' | 'restored';
  fromValue: string | null;
  toValue: string | null;
  reason: string;
  effectiveOn: string;
}

export async function insertEvent(db: Queryable, subjectId: number, event: SubjectEvent): Promise<void> {
  await db.query(
    `INSERT INTO production_subject_event (subject_id, kind, from_value, to_value, reason, effective_on)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [subjectId, event.kind, event.fromValue, event.toValue, event.reason, event.effectiveOn],
  );
}

export async function listEvents(db: Queryable, subjectId: number) {
  const subject = await db.query('SELECT 1 FROM production_subject WHERE id = $1', [subjectId]);
  if (subject.rows.length === 0) throw new AppError('NOT_FOUND', { resource: 'subject', id: subjectId });
  const { rows } = await db.query<SubjectEvent & { id: number; createdAt: string; createdBy: string }>(
    `SELECT id, kind, from_value AS "fromValue", to_value AS "toValue", reason, effective_on AS "effectiveOn",
            created_at AS "createdAt", created_by AS "createdBy"
     FROM production_subject_event WHERE subject_id = $1 ORDER BY created_at DESC, id DESC`,
    [subjectId],
  );
  return rows;
}

export async function setRetired(
  db: Queryable,
  id: number,
  retired: boolean,
  reason: string | null,
): Promise<void> {
  await db.query(
    `UPDATE production_subject
     SET status = CASE WHEN $2 THEN 'retired' ELSE 'active' END,
         retired_at = CASE WHEN $2 THEN now() ELSE NULL END,
         retired_reason = CASE WHEN $2 THEN $3 ELSE NULL END
     WHERE id = $1`,
    [id, retired, reason],
  );
}

export async function updateSubject(db: Queryable, id: number, patch: SubjectPatch): Promise<void> {
  const { columns, values, params } = assignments(patch.properties ?? {}, patch.geometry, 2);
  // With nothing to change the row is still touched, so the version moves and the change is recorded.
  const sets = columns.length
    ? columns.map((column, i) => `${column} = ${values[i]}`).join(', ')
    : 'code = code';
  await db.query(`UPDATE production_subject SET ${sets} WHERE id = $1`, [id, ...params]);
}

/** True when the point lies in some village grid of the database. */
export async function insideAnyVillage(db: Queryable, point: unknown): Promise<boolean> {
  const { rows } = await db.query<{ inside: boolean }>(
    `SELECT village_grid_at(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326)) IS NOT NULL AS inside`,
    [JSON.stringify(point)],
  );
  return rows[0]?.inside === true;
}
