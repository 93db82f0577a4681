/** GB 15618 editions and values (tables soil_standard, soil_standard_value, soil_standard_value_history). */
import type {
  SoilStandardValueView,
  SoilStandardView,
  StandardValueHistoryEntry,
  StandardValuePatch,
} from '../../../contracts/soil';
import type { Queryable } from '../../db/engine';

const VALUE_COLUMNS = `v.id, v.metal, v.kind, v.land_use_column AS "landUseColumn", v.land_uses AS "landUses",
  v.ph_above AS "phAbove", v.ph_up_to AS "phUpTo", v.value_mgkg AS "valueMgkg", v.source, v.note,
  v.version, v.updated_at AS "updatedAt", v.updated_by AS "updatedBy"`;

/** The edition in force on `day` (today when absent) with all its values. */
export async function getStandard(db: Queryable, day?: string): Promise<SoilStandardView | null> {
  const { rows } = await db.query<Omit<SoilStandardView, 'values'>>(
    `SELECT id, code, title, effective_from AS "effectiveFrom", effective_to AS "effectiveTo", unit, source
     FROM soil_standard
     WHERE effective_from <= coalesce($1::date, current_date) AND (effective_to IS NULL OR effective_to > coalesce($1::date, current_date))
     ORDER BY effective_from DESC LIMIT 1`,
    [day ?? null],
  );
  const standard = rows[0];
  if (!standard) return null;
  const values = await db.query<SoilStandardValueView>(
    `SELECT ${VALUE_COLUMNS} FROM soil_standard_value v WHERE v.standard_id = $1
     ORDER BY array_position(ARRAY['cd','hg','as','pb','cr','cu','ni','zn'], v.metal), v.kind DESC,
       v.land_use_column, v.ph_above NULLS FIRST`,
    [standard.id],
  );
  return { ...standard, values: values.rows };
}

export async function lockValue(
  db: Queryable,
  id: number,
): Promise<{ version: number; updatedAt: string; updatedBy: string } | null> {
  const { rows } = await db.query<{ version: number; updatedAt: string; updatedBy: string }>(
    `SELECT version, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM soil_standard_value WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

export async function updateValue(
  db: Queryable,
  id: number,
  patch: StandardValuePatch,
): Promise<SoilStandardValueView> {
  const { rows } = await db.query<SoilStandardValueView>(
    `UPDATE soil_standard_value v SET value_mgkg = $2, source = $3,
       note = CASE WHEN $5::boolean THEN $4 ELSE v.note END
     WHERE v.id = $1 RETURNING ${VALUE_COLUMNS}`,
    [id, patch.valueMgkg, patch.source, patch.note ?? null, patch.note !== undefined],
  );
  return rows[0]!;
}

export async function valueHistory(db: Queryable, id: number): Promise<StandardValueHistoryEntry[]> {
  const { rows } = await db.query<StandardValueHistoryEntry>(
    `SELECT operation, created_at AS "changedAt", created_by AS "changedBy",
       json_build_object('valueMgkg', (old_row->>'value_mgkg')::float8, 'source', old_row->>'source',
         'note', old_row->>'note', 'version', (old_row->>'version')::int) AS before
     FROM soil_standard_value_history WHERE value_id = $1 ORDER BY id DESC`,
    [id],
  );
  return rows;
}
