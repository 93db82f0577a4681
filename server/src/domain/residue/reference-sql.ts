/**
 * The INSERT statements that load reference.json into the reference tables — used to write the seed part of the
 * migration (a unit test checks the migration still matches the JSON) and by nothing at run time.
 */
import type { ReferenceData } from './reference';

const lit = (v: string | null): string => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`);
const arr = (v: readonly string[] | null): string =>
  v === null ? 'NULL' : `ARRAY[${v.map(lit).join(', ')}]::text[]`;
const num = (v: number): string => String(v);

export function referenceSql(data: ReferenceData): string {
  const out: string[] = [`-- Reference data version ${data.version}`];
  for (const [key, s] of Object.entries(data.sources))
    out.push(
      `INSERT INTO reference_source (key, name, url) VALUES (${lit(key)}, ${lit(s.name)}, ${lit(s.url)});`,
    );
  // Editions in an order where every fallback exists before it is named.
  const done = new Set<string>();
  const editions = [...data.editions];
  while (editions.length > 0) {
    const i = editions.findIndex((e) => e.fallback === null || done.has(e.fallback));
    if (i < 0) throw new Error('circular edition fallbacks');
    const [e] = editions.splice(i, 1) as [ReferenceData['editions'][number]];
    done.add(e.code);
    out.push(
      `INSERT INTO residue_standard (code, family, title, issued_on, effective_from, fallback_code, fully_loaded, sources, note) VALUES (${lit(e.code)}, ${lit(e.family)}, ${lit(e.title)}, ${e.issued ? `${lit(e.issued)}::date` : 'NULL'}, ${lit(e.effective)}::date, ${lit(e.fallback)}, false, ${arr(e.sources)}, ${lit(e.note)});`,
    );
  }
  for (const a of data.analytes)
    out.push(
      `INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES (${lit(a.zh)}, ${lit(a.en)}, ${lit(a.cas)}, ${lit(a.class)}, ${lit(a.kind)}, ${lit(a.status)}, ${arr(a.aliases)}, ${lit(a.cas_note)});`,
    );
  for (const c of data.commodities)
    out.push(
      `INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES (${lit(c.zh)}, ${lit(c.en)}, ${c.parent ? `(SELECT id FROM commodity WHERE name_zh = ${lit(c.parent)})` : 'NULL'}, ${lit(c.category)});`,
    );
  for (const l of data.limits)
    out.push(
      `INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES (${lit(l.standard)}, (SELECT id FROM analyte WHERE name_zh = ${lit(l.analyte)}), (SELECT id FROM commodity WHERE name_zh = ${lit(l.commodity)}), ${num(l.mgkg)}, ${lit(l.confidence)}, ${arr(l.sources)}, ${lit(l.note)});`,
    );
  for (const b of data.bans)
    out.push(
      `INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = ${lit(b.analyte)}), ${b.commodities === null ? 'NULL' : `ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (${arr(b.commodities)}) ORDER BY id)`}, ${b.effective ? `${lit(b.effective)}::date` : 'NULL'}, ${lit(b.precision)}, ${lit(b.act)}, ${lit(b.measure)}, ${lit(b.confidence)}, ${arr(b.sources)}, ${lit(b.note)});`,
    );
  return `${out.join('\n')}\n`;
}
