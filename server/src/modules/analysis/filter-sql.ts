/**
 * The FROM and WHERE clauses of the residue filter, shared by every analysis query (and re-judging): use as
 * `FROM ${f.from} WHERE ${f.where}`. The sample is `s`; with a subject-type filter the subject is `p`; with an
 * analyte its result is `ra` (one per sample: (sample_id, analyte) is unique). Values are always bound parameters.
 *
 * - dates are China calendar dates of sampled_at, compared as timestamptz bounds so the index on sampled_at is used;
 * - a commodity matches itself, its aliases and every node below it in the commodity tree (six levels at most);
 * - a grid matches itself and every grid below it (samples carry their village grid);
 * - with an analyte, only samples with a result for it count, and a failure is a failing result for it.
 */
import type { ResidueFilter } from '../../../contracts/residue';

export interface FilterSql {
  from: string;
  where: string;
  params: unknown[];
  /** SQL boolean expression for "this sample is a failure" under the filter (analyte and outcome). */
  failed: string;
}

export function filterSql(filter: ResidueFilter, start = 1): FilterSql {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${start + params.length - 1}`;
  };
  const from: string[] = ['sample s'];
  const where: string[] = ['true'];
  if (filter.from)
    where.push(`s.sampled_at >= (${p(filter.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (filter.to)
    where.push(`s.sampled_at < ((${p(filter.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (filter.kinds && filter.kinds.length > 0) where.push(`s.kind = ANY (${p(filter.kinds)}::text[])`);
  if (filter.commodity) {
    // Up to six levels below the node (GB 2763's tree has at most five); plain joins keep the plan parallel-safe.
    const c = p(filter.commodity);
    where.push(`s.commodity IN (
      SELECT k0.name_zh FROM commodity k0
        LEFT JOIN commodity k1 ON k1.id = k0.parent_id LEFT JOIN commodity k2 ON k2.id = k1.parent_id
        LEFT JOIN commodity k3 ON k3.id = k2.parent_id LEFT JOIN commodity k4 ON k4.id = k3.parent_id
        LEFT JOIN commodity k5 ON k5.id = k4.parent_id
      WHERE ${c}::text IN (k0.name_zh, k1.name_zh, k2.name_zh, k3.name_zh, k4.name_zh, k5.name_zh)
         OR ${c}::text = ANY (k0.aliases)
      UNION ALL SELECT ${c}::text)`);
  }
  if (filter.subjectTypes && filter.subjectTypes.length > 0) {
    from.push('JOIN production_subject p ON p.id = s.subject_id');
    where.push(`p.type = ANY (${p(filter.subjectTypes)}::text[])`);
  }
  if (filter.gridId) {
    // The three grid levels (county → township → village) are fixed by the schema, so no recursion is needed.
    const g = p(filter.gridId);
    where.push(`s.grid_id IN (
      SELECT id FROM grid_unit WHERE id = ${g}::bigint OR parent_id = ${g}::bigint
         OR parent_id IN (SELECT id FROM grid_unit WHERE parent_id = ${g}::bigint))`);
  }
  const bad = filter.outcome === 'fail_or_suspected' ? "('fail', 'suspected')" : "('fail')";
  let failed = `s.verdict IN ${bad}`;
  if (filter.analyte) {
    from.push(`JOIN sample_result ra ON ra.sample_id = s.id AND ra.analyte = ${p(filter.analyte)}::text`);
    failed = `ra.verdict IN ${bad}`;
  }
  return { from: from.join('\n     '), where: where.join('\n       AND '), params, failed };
}
